//! Why the coder cannot load its resources, and why it cannot code a sentence.
//!
//! Resource errors name the file and the line (1-based) so that whoever wrote the dictionary
//! or table can correct it; none of the readers panics on a line it does not understand.

use thiserror::Error;

/// A verb dictionary, transformation table, event-noun table or coding ontology that cannot be
/// read. Each variant names the file and line at fault.
#[derive(Debug, Error)]
pub enum CoderError {
    /// A verb dictionary line that does not follow the PETRARCH notation.
    #[error(
        "{file}:{line}: {problem} (correct or remove the line; data/verbs/README.md describes the notation)"
    )]
    Dictionary {
        /// The dictionary as it was named when loaded.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        problem: DictionaryProblem,
    },
    /// A code in one of dyad's own resources that CAMEO does not define (dyad's own coder
    /// emits CAMEO codes only).
    #[error(
        "{file}:{line}: {code} is not a CAMEO event code (use a code listed in data/cameo/event_codes.tsv)"
    )]
    NotCameoCode {
        /// The resource as it was named when loaded.
        file: String,
        /// 1-based line number.
        line: usize,
        /// The code as written.
        code: String,
    },
    /// A tab-separated table line (transformations, event nouns) with the wrong number of
    /// columns.
    #[error("{file}:{line}: expected {expected} tab-separated columns (see the header comment of the file)")]
    Columns {
        /// The table as it was named when loaded.
        file: String,
        /// 1-based line number.
        line: usize,
        /// How many columns the table has.
        expected: usize,
    },
    /// A transformation whose condition column is neither `future` nor `any`.
    #[error("{file}:{line}: condition '{condition}' is not 'future', 'obligation' or 'any' (write one of the three)")]
    TransformCondition {
        /// The table as it was named when loaded.
        file: String,
        /// 1-based line number.
        line: usize,
        /// The condition as written.
        condition: String,
    },
    /// An event noun whose source column is not `poss`, `between` or `pred`.
    #[error("{file}:{line}: source '{role}' is not poss, between or pred (write one of the three)")]
    NounSource {
        /// The table as it was named when loaded.
        file: String,
        /// 1-based line number.
        line: usize,
        /// The source column as written.
        role: String,
    },
    /// A coding-ontology value that is not a sum of hexadecimal numbers.
    #[error("{file}:{line}: cannot read the value '{value}' (write hexadecimal numbers joined by + or -, as in 0xFFFF+0x0080)")]
    OntologyValue {
        /// The ontology file as it was named when loaded.
        file: String,
        /// 1-based line number.
        line: usize,
        /// The value as written.
        value: String,
    },
    /// A discard-list line without a phrase.
    #[error("{file}:{line}: no phrase to discard (write words joined by _ or spaces, + before them to discard the whole story)")]
    Discard {
        /// The discard list as it was named when loaded.
        file: String,
        /// 1-based line number.
        line: usize,
    },
    /// A dictionary file that cannot be read at all.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file as given.
        path: std::path::PathBuf,
        /// Why reading it failed.
        source: std::io::Error,
    },
}

/// What is wrong with one verb dictionary line (see [`CoderError::Dictionary`]).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DictionaryProblem {
    /// `&` with no name after it.
    #[error("synonym set without a name")]
    UnnamedSynonymSet,
    /// A `---` line that is not `--- NAME [CODE] ---`.
    #[error("malformed verb block header '{0}'")]
    BlockHeader(String),
    /// A verb line with a code or forms but no verb.
    #[error("verb line without a verb")]
    NoVerb,
    /// A verb line whose `[` or `{` is never closed.
    #[error("unclosed '{0}'")]
    UnclosedInVerbLine(char),
    /// A pattern with no `[CODE]` at its end.
    #[error("pattern without [CODE]")]
    PatternWithoutCode,
    /// A pattern whose `[CODE]` is never closed.
    #[error("unclosed '[' in pattern")]
    UnclosedCode,
    /// A pattern without `*`, the place of the verb.
    #[error("pattern without '*' (the verb)")]
    PatternWithoutVerb,
    /// A pattern whose `(` `)` or `{` `}` do not pair up.
    #[error("unbalanced brackets in pattern")]
    UnbalancedBrackets,
    /// A closing bracket that closes nothing open at that point.
    #[error("unexpected '{0}'")]
    UnexpectedBracket(String),
    /// A bracket still open at the end of the pattern.
    #[error("unclosed bracket")]
    UnclosedBracket,
    /// A pattern names a synonym set the file does not define (it would never match).
    #[error("synonym set '{0}' is not defined in this file")]
    UnknownSynonymSet(String),
}

/// Why a parsed sentence cannot be coded: the parse it carries is not a tree over its tokens.
/// The coder skips such a sentence with a warning in the document.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub(crate) enum TreeError {
    /// The sentence's token range lies outside the document's tokens.
    #[error("token range out of bounds")]
    TokenRange,
    /// A token without a head while others have one.
    #[error("token {token} is not parsed")]
    Unparsed { token: usize },
    /// A head that points outside the sentence, or at the token itself.
    #[error("token {token} has head {head} outside the sentence")]
    HeadOutside { token: usize, head: u32 },
    /// Heads that never reach the root.
    #[error("the parse has a cycle through token {token}")]
    Cycle { token: usize },
}
