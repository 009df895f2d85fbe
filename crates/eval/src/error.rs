//! What can stop a scorer or benchmark: reference data that cannot be read or is malformed
//! ([`EvalError`], with the per-record cause [`RecordProblem`] and the per-document cause
//! [`MarkupProblem`]), or a stage of dyad that failed to load.

use std::path::PathBuf;

/// Boxed error of another crate, kept as the source of [`EvalError::Load`].
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why a scorer or benchmark could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A reference file or directory could not be read; check the path given.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// An output file (e.g. `--dump`) could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A whole-file JSON reference (a ground-truth table) does not parse.
    #[error("{}: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// Where and why it does not parse.
        source: serde_json::Error,
    },
    /// One record of a line-based reference file is malformed; fix or drop that line.
    #[error("{}:{line}: {problem}", path.display())]
    BadRecord {
        /// The file.
        path: PathBuf,
        /// 1-based line of the record.
        line: usize,
        /// What is wrong with it.
        problem: RecordProblem,
    },
    /// A marked-up reference document (TimeML, TIMEX2) is malformed.
    #[error("{}: {problem}", path.display())]
    BadMarkup {
        /// The document's file.
        path: PathBuf,
        /// What is wrong with it.
        problem: MarkupProblem,
    },
    /// The reference data holds nothing to score; point the suite at the right file.
    #[error("{}: no {what} found", path.display())]
    NoData {
        /// The file or directory given.
        path: PathBuf,
        /// What was looked for ("`<Sentence>` records").
        what: &'static str,
    },
    /// No path was given and the default reference data is missing: give a PATH, or put the
    /// shared reference folder beside the repository.
    #[error("no {what} to benchmark: give a PATH (the shared reference folder is missing)")]
    MissingReference {
        /// What the benchmark reads ("text").
        what: &'static str,
    },
    /// A PETRARCH validation file does not name a dictionary the suite needs.
    #[error("the validation file names no {what} file")]
    UnnamedDictionary {
        /// Which dictionary ("verb", "actor", …).
        what: &'static str,
    },
    /// `--given-parse` on a validation file whose parses are not CoNLL-U.
    #[error("{}: --given-parse needs CoNLL-U parses; this file's are not", path.display())]
    NoGivenParses {
        /// The validation file.
        path: PathBuf,
    },
    /// An option names an item (a page, a record) the reference data does not have.
    #[error("no {what} {id:?}")]
    NoSuchItem {
        /// What kind of item ("page", "record").
        what: &'static str,
        /// The id given.
        id: String,
    },
    /// The seed cases are scored case by case, not loaded as a corpus of documents.
    #[error("seed cases are not a corpus of documents")]
    SeedNotCorpus,
    /// The suite's pipeline was built without a coder.
    #[error("the suite's pipeline has no coder")]
    NoCoder,
    /// The NLP model, or a treebank, could not be read.
    #[error(transparent)]
    Nlp(#[from] dyad_nlp::error::Error),
    /// The NLP model did not decode.
    #[error(transparent)]
    Model(#[from] dyad_nlp::error::ModelError),
    /// The pipeline could not be assembled.
    #[error(transparent)]
    Pipeline(#[from] dyad_pipeline::PipelineError),
    /// A stage's resources (dictionaries) failed to load.
    #[error("loading {what}: {source}")]
    Load {
        /// What was being loaded ("the PETRARCH verb dictionary").
        what: &'static str,
        /// Why it failed.
        source: BoxError,
    },
}

impl EvalError {
    /// A `map_err` adapter for reading `path`.
    pub(crate) fn read(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> EvalError {
        let path = path.into();
        move |source| EvalError::Read { path, source }
    }

    /// A `map_err` adapter: any error while loading `what` becomes [`EvalError::Load`].
    pub(crate) fn load<E: Into<BoxError>>(what: &'static str) -> impl FnOnce(E) -> EvalError {
        move |e| EvalError::Load { what, source: e.into() }
    }
}

/// What is wrong with one record of a line-based reference file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordProblem {
    /// A CSV record that does not parse (an unclosed quote, a bad encoding).
    #[error("{0}")]
    Csv(#[from] csv::Error),
    /// A record of the right shape holding a value its format does not allow; says which.
    #[error("{0}")]
    Invalid(String),
    /// The line is not a JSON case of the expected shape.
    #[error("not a case: {0}")]
    Json(#[from] serde_json::Error),
    /// Too few tab-separated columns.
    #[error("expected at least {expected} columns, found {found}")]
    Columns {
        /// Columns the format needs.
        expected: usize,
        /// Columns found.
        found: usize,
    },
    /// A date column that is not YYYY-MM-DD.
    #[error("{column} {value:?}: {source}")]
    Date {
        /// Which column ("anchor").
        column: &'static str,
        /// The value as written.
        value: String,
        /// Why it does not parse.
        source: chrono::ParseError,
    },
}

/// What is wrong with a marked-up reference document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MarkupProblem {
    /// A `<` without its `>`.
    #[error("unclosed tag")]
    UnclosedTag,
    /// A closing timex tag without an opening one.
    #[error("unbalanced timex tag")]
    UnbalancedTimex,
    /// No `<TEXT>` element to score.
    #[error("no <TEXT> element")]
    NoText,
}
