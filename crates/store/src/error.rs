//! What can go wrong in the store ([`StoreError`]), each with what the user can do about it.

use std::path::PathBuf;

/// An error from the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database file could not be opened or created.
    #[error("cannot open database {}: {source}", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file exists but is not an SQLite database (or is encrypted or damaged).
    #[error(
        "{} is not a dyad database (SQLite: file is not a database); \
         pass another --db, or move the file aside to start a new one",
        path.display()
    )]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// A reader was pointed at a database file that does not exist.
    #[error("no database at {} (run `dyad ingest` first, or pass --db)", path.display())]
    Missing {
        /// The path asked for.
        path: PathBuf,
    },
    /// A database opened read-only was written by an older dyad and needs migrating, which
    /// a reader may not do.
    #[error(
        "the database {} has schema version {found}, older than this dyad's ({current}); \
         open it once with write access (`dyad ingest` of any input) to migrate it",
        path.display()
    )]
    OlderSchema {
        /// The database file.
        path: PathBuf,
        /// The schema version in the file.
        found: u32,
        /// The version this build writes.
        current: u32,
    },
    /// The database was written by a newer dyad, with migrations this build does not know.
    #[error(
        "the database has schema version {found}, newer than this dyad understands ({current}); \
         use a newer dyad or another --db"
    )]
    NewerSchema {
        /// The schema version in the file.
        found: u32,
        /// The newest version this build knows.
        current: u32,
    },
    /// A document could not be serialised for storage.
    #[error("serialising document: {0}")]
    Serialise(serde_json::Error),
    /// A stored document's layers no longer deserialise (written by an incompatible dyad).
    #[error("stored document {id} is unreadable: {source}")]
    Unreadable {
        /// The id (prefix) asked for.
        id: String,
        /// Why it does not deserialise.
        source: serde_json::Error,
    },
    /// A stored document's compressed layers do not decompress (the file is damaged).
    #[error("stored document {id} is damaged: {source}; ingest its article again into a new database")]
    Damaged {
        /// The id (prefix) asked for.
        id: String,
        /// What decompression said.
        source: std::io::Error,
    },
    /// A document id prefix too short to look up.
    #[error("give at least 6 characters of the document id")]
    IdTooShort,
    /// A document id prefix that matches more than one document.
    #[error("more than one document id starts with {0}; give more of it")]
    AmbiguousId(String),
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

impl StoreError {
    /// The error of opening the database at `path`: SQLite's "not a database" said as such,
    /// anything else with the path.
    pub(crate) fn open(path: &std::path::Path, source: rusqlite::Error) -> StoreError {
        if source.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
            StoreError::NotADatabase { path: path.to_path_buf() }
        } else {
            StoreError::Open { path: path.to_path_buf(), source }
        }
    }

    /// This error, naming `path` where it is a bare SQLite error.
    pub(crate) fn at_path(self, path: &std::path::Path) -> StoreError {
        match self {
            StoreError::Database(source) => StoreError::open(path, source),
            other => other,
        }
    }
}
