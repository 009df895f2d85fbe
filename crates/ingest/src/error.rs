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
    #[error("truncated or corrupt gzip ({0}); check the download or re-compress it")]
    CorruptGzip(io::Error),
    /// A JSONL feed that cannot be read past this line (e.g. a truncated `.gz`); its later
    /// records are lost.
    #[error("feed unreadable from here on ({0}); its later records were not read")]
    FeedUnreadable(io::Error),
    /// A document (file or JSONL line) over [`crate::read::MAX_DOCUMENT`] bytes.
    #[error("too large to be one article: {:.1} MB (limit {} MB); split it into articles", megabytes(*.bytes), crate::read::MAX_DOCUMENT >> 20)]
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
    },
    /// A stream (stdin, a pipe, a device, a decompressed `.gz`) that went on past
    /// [`crate::read::MAX_DOCUMENT`] bytes: reading stopped at the limit, so its whole size is
    /// not known.
    #[error("more than {} MB, the limit for one article; reading stopped there (split it into articles, or check that this path holds articles)", crate::read::MAX_DOCUMENT >> 20)]
    OverLimit,
    /// A JSONL line so long that the rest of the feed is not read: skipping it went past
    /// [`crate::read::MAX_SKIP`] bytes (a runaway writer or a decompression bomb).
    #[error("a line of more than {} MB; the rest of the feed was not read (check how it was written)", crate::read::MAX_SKIP >> 20)]
    RunawayLine,
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
    /// Not read, on purpose: a skip, not a failure (see [`Reason::is_skip`]).
    #[error("skipped: {0}")]
    Skipped(Skip),
    /// dyad itself failed on this document (a bug: a stage panicked). The other documents
    /// are not affected.
    #[error("dyad failed on this document ({0}); please report it with the input")]
    Internal(String),
    /// Not extracted: the caller said it read these bytes before
    /// ([`crate::read::read_inputs_except`]). Neither a failure nor a skip.
    #[error("already read (the same bytes were stored before)")]
    Known,
}

/// Why a directory walk passed over an entry without reading it. A skip is reported as a
/// warning; it does not make a run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Skip {
    /// A directory already walked, reached again through a symbolic link (a loop, or a second
    /// link to it).
    #[error("a directory already walked (a symbolic link loop or a second link to it)")]
    RepeatedDirectory,
    /// A file already read in this run, reached again through another link.
    #[error("the same file was already read through another link")]
    RepeatedFile,
    /// A named pipe, socket or device found in a directory: reading it could wait forever or
    /// never end. Name it on the command line to read it.
    #[error("a {0}, not a regular file (name it on the command line to read it)")]
    Special(&'static str),
}

impl Reason {
    /// Whether this is a skip (reported as a warning) rather than a failure.
    pub fn is_skip(&self) -> bool {
        matches!(self, Reason::Skipped(_))
    }

    /// Whether the caller already has this input ([`Reason::Known`]).
    pub fn is_known(&self) -> bool {
        matches!(self, Reason::Known)
    }
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
