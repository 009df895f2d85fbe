//! Versioned schema migrations. `PRAGMA user_version` holds the number of migrations applied;
//! each migration runs once, in order, in its own transaction. Never edit a published
//! migration: add a new one.

use crate::{Result, StoreError};
use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    "CREATE TABLE documents (
        id TEXT PRIMARY KEY,          -- content hash of the normalised text
        origin TEXT NOT NULL,
        external_id TEXT, url TEXT, title TEXT, byline TEXT, outlet TEXT, language TEXT,
        date TEXT, date_source TEXT,
        credits TEXT NOT NULL,        -- JSON array
        warnings TEXT NOT NULL,       -- JSON array
        text TEXT NOT NULL,
        layers TEXT NOT NULL,         -- the whole annotated Document as JSON
        added_at TEXT NOT NULL
    );
    CREATE TABLE sentences (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        kind TEXT, codes TEXT NOT NULL, antecedent INTEGER, rule TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE quotes (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, kind TEXT, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
        speaker_text TEXT,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        date TEXT, date_precision TEXT NOT NULL,
        source_code TEXT NOT NULL, source_country TEXT NOT NULL, source_text TEXT NOT NULL,
        target_code TEXT, target_country TEXT, target_text TEXT,
        cameo TEXT NOT NULL, root TEXT NOT NULL, plover TEXT, quad_class INTEGER NOT NULL,
        goldstein REAL NOT NULL, status TEXT NOT NULL, attributed_to TEXT, section TEXT NOT NULL,
        sentence_index INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
        evidence TEXT NOT NULL, rule TEXT NOT NULL
    );
    CREATE INDEX events_by_dyad ON events (source_country, target_country, date);
    CREATE INDEX events_by_date ON events (date);
    CREATE INDEX events_by_doc ON events (doc_id);
    CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
        UNIQUE (origin, reason)
    );",
    // 2: where an event's date came from, and every sentence of its document that reports it
    // (a JSON array of mentions; NULL for events stored before: their own sentence).
    "ALTER TABLE events ADD COLUMN date_source TEXT;
    ALTER TABLE events ADD COLUMN mentions TEXT;",
    // 3: the input's own id (a JSONL line's `id`) on each event, filled for events stored before.
    "ALTER TABLE events ADD COLUMN input_id TEXT;
    UPDATE events SET input_id = (SELECT external_id FROM documents d WHERE d.id = events.doc_id);",
    // 4: indexes on the actor codes, for the event filters and their counts (`dyad serve`).
    "CREATE INDEX events_by_source ON events (source_code, target_code);
    CREATE INDEX events_by_target ON events (target_code);",
];

/// The schema version this build writes.
pub const CURRENT: u32 = MIGRATIONS.len() as u32;

/// Apply the migrations `conn` has not had yet; refuse a database from a newer dyad.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > CURRENT {
        return Err(StoreError::NewerSchema { found: version, current: CURRENT });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
