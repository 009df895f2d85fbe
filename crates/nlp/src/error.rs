//! What can go wrong in this crate: a model file that does not decode ([`ModelError`], with the
//! section-level cause [`FormatError`]), and reading treebanks or writing a trained model
//! ([`Error`]).

use std::path::PathBuf;

/// A section of a model's payload that does not decode. The payload passed its checksum, so
/// these mean a model written by a different dyad build, not a damaged file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// A read ran past the end of the payload.
    #[error("model data ends early (at byte {at})")]
    EndsEarly {
        /// Byte offset in the payload where the read started.
        at: usize,
    },
    /// A variable-length number longer than 64 bits.
    #[error("bad number in model data at byte {at}")]
    BadNumber {
        /// Byte offset in the payload just after the number.
        at: usize,
    },
    /// A string that is not UTF-8.
    #[error("bad text in model data at byte {at}")]
    BadText {
        /// Byte offset in the payload just after the string.
        at: usize,
    },
    /// A sparse weight table too large to be one of ours.
    #[error("implausible weight table ({rows} rows, {classes} classes)")]
    WeightTable {
        /// Feature rows declared.
        rows: usize,
        /// Classes declared.
        classes: usize,
    },
    /// A sparse feature key past 32 bits.
    #[error("feature key out of range")]
    FeatureKey,
    /// A weight row with more entries than there are classes.
    #[error("a row of {len} weights for {classes} classes")]
    WeightRow {
        /// Entries in the row.
        len: usize,
        /// Classes in the table.
        classes: usize,
    },
    /// A weight for a class the table does not have.
    #[error("weight for class {class} of {classes}")]
    WeightClass {
        /// The class index found.
        class: u64,
        /// Classes in the table.
        classes: usize,
    },
    /// A tag the tagger section names that is not a UPOS tag.
    #[error("unknown UPOS {0:?} in model")]
    UnknownUpos(String),
    /// The tag dictionary names a tag the tagger does not have.
    #[error("tag dictionary points past the tag set")]
    TagDictionary,
    /// The tagger's weight table and tag set disagree in size.
    #[error("tagger weights do not match its tag set")]
    TaggerWeights,
    /// The parser section's kind number is neither perceptron (0) nor LSTM (1).
    #[error("unknown parser kind {0}")]
    ParserKind(u64),
    /// The parser's label count is zero or absurdly large.
    #[error("implausible label count {0}")]
    LabelCount(usize),
    /// The LSTM network was trained with other layer sizes than this build uses.
    #[error(
        "LSTM parser of other dimensions ({got}, expected {expected}); retrain it with `dyad train parser`"
    )]
    LstmDimensions {
        /// The size found in the file.
        got: usize,
        /// The size this build uses.
        expected: usize,
    },
    /// An embedding vocabulary absurdly large.
    #[error("implausible vocabulary of {0}")]
    Vocabulary(usize),
    /// The LSTM parameter count overflows.
    #[error("implausible parameter count")]
    ParameterCount,
    /// The root label index is not one of the parser's labels.
    #[error("parser root label out of range")]
    RootLabel,
    /// The perceptron parser's weight table and label set disagree.
    #[error("parser weights do not match its label set")]
    ParserWeights,
}

/// Why a model could not be decoded. `what` names the model (a path, or "embedded model").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The bytes do not start with the model file's magic (not a model, or cut before its header).
    #[error("{what}: not a dyad NLP model (bad header; {len} bytes)")]
    NotAModel {
        /// The model's name.
        what: String,
        /// The size of what was read.
        len: usize,
    },
    /// A model written in another format version.
    #[error("{what}: model format version {found}, this dyad reads version {expected}; retrain with `dyad train parser`")]
    Version {
        /// The model's name.
        what: String,
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The payload is shorter or longer than the header says (an interrupted copy).
    #[error("{what}: model is truncated or padded ({got} of {expected} payload bytes)")]
    Truncated {
        /// The model's name.
        what: String,
        /// Payload bytes present.
        got: u64,
        /// Payload bytes the header declares.
        expected: u64,
    },
    /// The payload's CRC-32 does not match the header: the file is damaged.
    #[error("{what}: model checksum mismatch (corrupted file)")]
    Checksum {
        /// The model's name.
        what: String,
    },
    /// A section of the payload does not decode.
    #[error("{what}: {problem}")]
    Format {
        /// The model's name.
        what: String,
        /// Which section and how.
        problem: FormatError,
    },
    /// Bytes left over after the last section.
    #[error("{what}: trailing data after the model")]
    TrailingData {
        /// The model's name.
        what: String,
    },
}

/// A problem in CoNLL-U text, with its 1-based line number.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TreebankError {
    /// The text could not be read (I/O error, bad gzip, not UTF-8).
    #[error("line {line}: {source}")]
    Read {
        /// The line being read.
        line: usize,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A word line without the ten CoNLL-U columns.
    #[error("line {line}: expected 10 columns, found {found}")]
    Columns {
        /// The offending line.
        line: usize,
        /// Columns found.
        found: usize,
    },
    /// A multiword token range that is not two numbers.
    #[error("line {line}: bad id {id}")]
    BadId {
        /// The offending line.
        line: usize,
        /// The ID column as written.
        id: String,
    },
    /// A HEAD column that is neither a number nor `_`.
    #[error("line {line}: bad head {head}")]
    BadHead {
        /// The offending line.
        line: usize,
        /// The HEAD column as written.
        head: String,
    },
}

/// Errors of loading a model from a file, reading treebanks and training.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The model decoded badly.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A model file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    ReadModel {
        /// The model file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A treebank file could not be opened.
    #[error("cannot open {}: {source}", path.display())]
    OpenTreebank {
        /// The treebank file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A treebank file is not valid CoNLL-U.
    #[error("{}: {problem}", path.display())]
    Treebank {
        /// The treebank file.
        path: PathBuf,
        /// What is wrong, and on which line.
        problem: TreebankError,
    },
    /// The training treebanks hold no sentences.
    #[error("no training sentences")]
    NoTrainingSentences,
    /// The trained model could not be written.
    #[error("cannot write {}: {source}", path.display())]
    WriteModel {
        /// Where the model was to go.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}
