//! The embedded store: one SQLite file (WAL mode) holding documents with their annotation
//! layers, coded events, quotes and the failures of inputs that could not be read.
//!
//! Documents are keyed by content hash, so storing the same article twice adds nothing.
//! The schema is versioned with `PRAGMA user_version` and migrated forward on open
//! (`migrations`). Queries for the CLI live in [`query`]; the per-period series of a dyad
//! is [`relation`].

#![warn(missing_docs)]

pub mod browse;
pub mod error;
mod migrations;
pub mod query;
pub mod relation;

use dyad_core::{Document, EventRecord};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

pub use query::EventFilter;
pub use relation::{Period, RelationRow};

pub use error::StoreError;

/// The result of a store operation.
pub type Result<T> = std::result::Result<T, StoreError>;

/// What happened to one document handed to [`Store::add_document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// The document was stored.
    New,
    /// A document with the same text was already stored; nothing changed.
    AlreadyStored,
}

/// An open store: one SQLite connection, migrated to the current schema.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (creating if needed) the store at `path` and migrate it to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        let conn =
            Connection::open(path).map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        Store::init(conn)
    }

    /// Open an existing store for reading only (SQLite `mode=ro`): nothing is created or
    /// migrated, and every write fails. A database from a newer dyad is refused.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let open_err = |source| StoreError::Open { path: path.to_path_buf(), source };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(open_err)?;
        if version > migrations::CURRENT {
            return Err(StoreError::NewerSchema { found: version, current: migrations::CURRENT });
        }
        Ok(Store { conn })
    }

    /// The schema version of the open database and the one this build writes; a database
    /// opened read-only is not migrated, so the first may be lower.
    pub fn schema_version(&self) -> Result<(u32, u32)> {
        let version: u32 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok((version, migrations::CURRENT))
    }

    /// A store in memory, for tests and one-shot runs.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store> {
        // WAL lets readers (dyad events) run while an ingest writes; NORMAL sync is safe in WAL.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let mut store = Store { conn };
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// A document with this id (its full content hash) is stored.
    pub fn has_document(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Store an annotated document and its event records in one transaction. A document whose
    /// content hash is already stored is left as it is.
    pub fn add_document(&mut self, doc: &Document, records: &[EventRecord]) -> Result<Added> {
        if self.has_document(&doc.id)? {
            return Ok(Added::AlreadyStored);
        }
        let tx = self.conn.transaction()?;
        let layers = serde_json::to_string(doc).map_err(StoreError::Serialise)?;
        let m = &doc.meta;
        tx.execute(
            "INSERT INTO documents (id, origin, external_id, url, title, byline, outlet, language, date,
                                    date_source, credits, warnings, text, layers, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, datetime('now'))",
            params![
                doc.id,
                m.origin,
                m.external_id,
                m.url,
                m.title,
                m.byline,
                m.outlet,
                m.language,
                m.date.as_ref().map(|d| d.date.to_string()),
                m.date.as_ref().map(|d| d.source.clone()),
                serde_json::to_string(&m.credits).unwrap_or_default(),
                // The column keeps each warning as people read it ("stage: message"); the typed
                // form is in `layers`.
                serde_json::to_string(&doc.warnings.iter().map(ToString::to_string).collect::<Vec<_>>())
                    .unwrap_or_default(),
                doc.text,
                layers,
            ],
        )?;
        {
            let mut st =
                tx.prepare("INSERT INTO sentences (doc_id, idx, start, end) VALUES (?1, ?2, ?3, ?4)")?;
            for (i, s) in doc.sentences.iter().enumerate() {
                st.execute(params![doc.id, i as i64, s.span.start, s.span.end])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO mentions (doc_id, idx, start, end, kind, codes, antecedent, rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (i, mention) in doc.mentions.iter().enumerate() {
                let codes: Vec<&str> = mention.actors.iter().map(|a| a.code.as_str()).collect();
                let kind = serde_json::to_value(mention.kind).ok().and_then(|v| v.as_str().map(String::from));
                st.execute(params![
                    doc.id,
                    i as i64,
                    mention.span.start,
                    mention.span.end,
                    kind,
                    codes.join(","),
                    mention.antecedent,
                    mention.rule
                ])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO quotes (doc_id, idx, kind, content_start, content_end, speaker_text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (i, q) in doc.quotes.iter().enumerate() {
                let kind = serde_json::to_value(q.kind).ok().and_then(|v| v.as_str().map(String::from));
                let speaker = q.speaker_span.map(|s| doc.span_text(s).to_string());
                st.execute(params![doc.id, i as i64, kind, q.content.start, q.content.end, speaker])?;
            }
            let mut st = tx.prepare(
                "INSERT OR IGNORE INTO events (event_id, doc_id, date, date_precision, source_code, source_country,
                   source_text, target_code, target_country, target_text, cameo, root, plover, quad_class,
                   goldstein, status, attributed_to, section, sentence_index, char_start, char_end, evidence, rule,
                   date_source, mentions, input_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                   ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
            )?;
            for r in records {
                st.execute(params![
                    r.event_id,
                    r.doc_id,
                    r.date,
                    r.date_precision,
                    r.source.code,
                    r.source.country,
                    r.source.text,
                    r.target.as_ref().map(|t| &t.code),
                    r.target.as_ref().map(|t| &t.country),
                    r.target.as_ref().map(|t| &t.text),
                    r.cameo,
                    r.root,
                    r.plover,
                    r.quad_class,
                    r.goldstein,
                    r.status,
                    r.attributed_to,
                    r.section,
                    r.sentence_index,
                    r.char_span[0] as i64,
                    r.char_span[1] as i64,
                    r.evidence,
                    r.rule,
                    r.date_source,
                    serde_json::to_string(&r.mentions).map_err(StoreError::Serialise)?,
                    r.input_id
                ])?;
            }
        }
        tx.commit()?;
        Ok(Added::New)
    }

    /// Record an input that could not be read, so that `dyad failures`-style queries and
    /// re-runs can see it. The same origin and reason are recorded once.
    pub fn add_failure(&mut self, origin: &str, reason: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO failures (origin, reason, at) VALUES (?1, ?2, datetime('now'))
             ON CONFLICT (origin, reason) DO UPDATE SET at = excluded.at",
            params![origin, reason],
        )?;
        Ok(())
    }

    /// The stored document whose id starts with `id_prefix` (at least 6 hex digits), with all
    /// its layers.
    pub fn document(&self, id_prefix: &str) -> Result<Option<Document>> {
        if id_prefix.len() < 6 {
            return Err(StoreError::IdTooShort);
        }
        let mut st = self.conn.prepare("SELECT layers FROM documents WHERE id LIKE ?1 || '%' LIMIT 2")?;
        let rows: Vec<String> = st.query_map([id_prefix], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        match rows.len() {
            0 => Ok(None),
            1 => serde_json::from_str(&rows[0])
                .map(Some)
                .map_err(|source| StoreError::Unreadable { id: id_prefix.to_string(), source }),
            _ => Err(StoreError::AmbiguousId(id_prefix.to_string())),
        }
    }

    /// The URL of a stored document, where it has one.
    pub fn document_url(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT url FROM documents WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Counts of documents, events and failures.
    pub fn counts(&self) -> Result<(u64, u64, u64)> {
        let count = |table: &str| -> Result<u64> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0))?
                as u64)
        };
        Ok((count("documents")?, count("events")?, count("failures")?))
    }

    /// The failures recorded so far, oldest first.
    pub fn failures(&self) -> Result<Vec<(String, String)>> {
        let mut st = self.conn.prepare("SELECT origin, reason FROM failures ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
