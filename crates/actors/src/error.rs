//! What can go wrong in this crate: loading a dictionary, dyad's own (`data/actors/` or a
//! directory of the same files) or a user's PETRARCH/TABARI files. Recognition itself never
//! fails: an entry the text does not match simply codes nothing.

use std::path::PathBuf;

/// Why a dictionary did not load. A bad line names its file and 1-based line, so the user can
/// fix that line and load again.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A dictionary file could not be read (missing, unreadable).
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line that cannot be read as an entry (wrong number of columns, a code or date that
    /// is not one, an unknown kind, an unclosed bracket, a reference to an entry never given).
    #[error("{file}:{line}: {problem}")]
    BadLine {
        /// The file, as it was named to the reader.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line, and what would be right.
        problem: String,
    },
    /// A file whose name is none of the dictionary's parts, so no reader knows its columns.
    #[error("{file}: unknown dictionary file name {name:?}; the parts are {}", crate::dict::FILES.join(", "))]
    UnknownFile {
        /// The file, as it was named to the reader.
        file: String,
        /// Its file name.
        name: String,
    },
    /// The automaton over every surface form could not be built (a dictionary far larger than
    /// dyad's; split it or drop entries).
    #[error("cannot build the actor automaton: {0}")]
    Automaton(#[from] aho_corasick::BuildError),
}

impl Error {
    /// A [`Error::BadLine`] of `file` at `line`.
    pub(crate) fn bad_line(file: &str, line: usize, problem: impl Into<String>) -> Error {
        Error::BadLine { file: file.to_string(), line, problem: problem.into() }
    }
}
