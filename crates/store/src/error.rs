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
