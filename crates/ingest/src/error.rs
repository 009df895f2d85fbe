//! Why an input could not be read ([`Reason`]), and the failure of one input ([`Failure`]).
//! A failure stops only its own input: readers yield it and go on with the next.

use std::io;

/// Why one input (a file, a JSONL line, stdin) gave no document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Reason {
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// The path exists but may not be read.
    #[error("permission denied")]
    PermissionDenied,
    /// Any other I/O error.
    #[error("{0}")]
    Io(io::Error),
    /// A gzip file that ends early or is damaged.
    #[error("truncated or corrupt gzip ({0})")]
    CorruptGzip(io::Error),
    /// A JSONL feed that cannot be read past this line (e.g. a truncated `.gz`); its later
    /// records are lost.
    #[error("feed unreadable from here on ({0})")]
    FeedUnreadable(io::Error),
    /// A document (file or JSONL line) over [`crate::read::MAX_DOCUMENT`] bytes.
    #[error("too large to be one article: {:.1} MB (limit {} MB)", megabytes(*.bytes), crate::read::MAX_DOCUMENT >> 20)]
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
    },
    /// A file of nothing but whitespace.
    #[error("empty file")]
    EmptyFile,
    /// A file that is neither text nor HTML (an image, an archive).
    #[error("binary file (not text or HTML)")]
    BinaryFile,
    /// Binary content given as HTML (a JSONL `html` field, or a page).
    #[error("binary content, not HTML")]
    BinaryNotHtml,
    /// Plain text that holds no article text once furniture is dropped.
    #[error("no text")]
    NoText,
    /// An HTML page with no article text in it.
    #[error("no text found in the page")]
    NoTextInPage,
    /// A JSONL line that is not JSON.
    #[error("invalid JSON: {0}")]
    InvalidJson(serde_json::Error),
    /// A JSONL line that is JSON but not an object.
    #[error("not a JSON object")]
    NotJsonObject,
    /// A WARC record that is not a document: a non-HTML or failed response, a record cut
    /// short, a file that is not WARC.
    #[error("WARC: {0}")]
    Warc(String),
    /// A JSONL record with no article in it.
    #[error("record has neither \"text\" nor \"html\"")]
    NoTextOrHtml,
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

impl From<io::Error> for Reason {
    fn from(e: io::Error) -> Reason {
        match e.kind() {
            io::ErrorKind::NotFound => Reason::NotFound,
            io::ErrorKind::PermissionDenied => Reason::PermissionDenied,
            _ => Reason::Io(e),
        }
    }
}

/// A document that could not be read, and why.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct Failure {
    /// The input: a path, `path:line` for a JSONL line, or `-`.
    pub origin: String,
    /// What went wrong.
    pub reason: Reason,
}

impl Failure {
    /// The failure of the input named `origin`.
    pub fn new(origin: &str, reason: Reason) -> Failure {
        Failure { origin: origin.to_string(), reason }
    }
}
