//! The embedded store: one SQLite file (WAL mode) holding documents with their annotation
//! layers (deflated JSON: sentences, mentions, quotes and the rest, without the per-token
//! parse), coded events, the keys of the inputs read, and the failures of inputs that could
//! not be read.
//!
//! Documents are keyed by content hash, so storing the same article twice adds nothing.
//! The schema is versioned with `PRAGMA user_version` and migrated forward on open
//! (`migrations`). Queries for the CLI live in [`query`]; the per-period series of a dyad
//! is [`relation`].

#![warn(missing_docs)]

pub mod browse;
pub mod error;
pub mod happening;
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

/// How long a connection waits for another process's lock (a parallel `dyad ingest`, a
/// reader mid-checkpoint) before giving up with "database is locked".
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The page cache of a read-only connection, in KiB (SQLite's default is 2 MiB).
const READ_CACHE_KB: i64 = 16 * 1024;

impl Store {
    /// Open (creating if needed) the store at `path` and migrate it to the current schema.
    ///
    /// Several processes may open and write one file at once: the schema is created or
    /// migrated in one `BEGIN IMMEDIATE` transaction that re-reads the version it holds, so a
    /// racing creator waits for the first and then finds nothing to do.
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |source| StoreError::open(path, source);
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            let conn = Connection::open(path).map_err(open_err)?;
            // The busy timeout first: even switching to WAL takes a lock another process may hold.
            conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
            match Store::init(conn) {
                // SQLite answers "busy" at once, without waiting, where waiting could deadlock:
                // switching a file another connection is creating to WAL. Open afresh.
                Err(StoreError::Database(e))
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => return other.map_err(|e| e.at_path(path)),
            }
        }
    }

    /// Open the store at `path` for reading only: no write to the file or its directory is
    /// needed, so a database on a read-only mount or in another user's archive can be queried,
    /// and a reader runs while an ingest writes (WAL). Where the directory cannot be written,
    /// no writer can exist either, and the file is opened as immutable (no `-shm` needed).
    ///
    /// Fails with [`StoreError::OlderSchema`] when the file needs a migration, which only
    /// [`Store::open`] may do.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        if !path.is_file() {
            return Err(StoreError::Missing { path: path.to_path_buf() });
        }
        let immutable = !directory_writable(path);
        let uri = format!("file:{}?mode=ro{}", uri_path(path), if immutable { "&immutable=1" } else { "" });
        let flags =
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open_err = |source| StoreError::open(path, source);
        let conn = Connection::open_with_flags(uri, flags).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // Room for the indexes a page or count scans (a few MB on 20,000 documents), so that
        // they stay in this connection's cache instead of being copied in from the file again
        // on every request.
        conn.pragma_update(None, "cache_size", -READ_CACHE_KB).map_err(open_err)?;
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(open_err)?;
        if version > migrations::CURRENT {
            return Err(StoreError::NewerSchema { found: version, current: migrations::CURRENT });
        }
        if version < migrations::CURRENT {
            return Err(StoreError::OlderSchema {
                path: path.to_path_buf(),
                found: version,
                current: migrations::CURRENT,
            });
        }
        Ok(Store { conn })
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

    /// Whether the document read from the input with this key (`dyad_ingest::input_key`) is
    /// stored.
    pub fn has_input(&self, key: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM inputs i JOIN documents d ON d.id = i.doc_id WHERE i.key = ?1")?
            .query_row([key], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Remember that the input with this key is the stored document `doc_id` (a document stored
    /// before inputs had keys, or stored from other bytes with the same text).
    pub fn remember_input(&mut self, key: &str, doc_id: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO inputs (key, doc_id) VALUES (?1, ?2)")?
            .execute([key, doc_id])?;
        Ok(())
    }

    /// Store an annotated document and its event records in one transaction. A document whose
    /// content hash is already stored is left as it is. The key of the input it was read from
    /// (`Meta::input_key`) is remembered either way.
    pub fn add_document(&mut self, doc: &Document, records: &[EventRecord]) -> Result<Added> {
        if self.has_document(&doc.id)? {
            if let Some(key) = &doc.meta.input_key {
                self.remember_input(key, &doc.id)?;
            }
            return Ok(Added::AlreadyStored);
        }
        let layers_z = compress_layers(doc)?;
        // IMMEDIATE: take the write lock now, waiting out another writer, rather than fail
        // when a read transaction cannot be upgraded after someone else wrote.
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let m = &doc.meta;
        // A parallel ingest may have stored the same text since the check above: then the
        // insert is ignored and the transaction left without a change.
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO documents (id, origin, external_id, url, title, byline, outlet, language, date,
                                    date_source, credits, warnings, text, layers, layers_z, encoding, added_at, channels, sketch)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, '', ?14, ?15, datetime('now'), ?16, ?17)",
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
                layers_z,
                m.encoding,
                serde_json::to_string(&happening::channels(doc)).unwrap_or_default(),
                happening::sketch_blob(&happening::sketch(&doc.text)),
            ],
        )?;
        if let Some(key) = &doc.meta.input_key {
            tx.execute("INSERT OR IGNORE INTO inputs (key, doc_id) VALUES (?1, ?2)", [key, &doc.id])?;
        }
        if inserted == 0 {
            tx.commit()?;
            return Ok(Added::AlreadyStored);
        }
        {
            let mut st = tx.prepare(
                "INSERT OR IGNORE INTO events (event_id, doc_id, date, date_precision, source_code, source_country,
                   source_text, target_code, target_country, target_text, cameo, root, plover, quad_class,
                   goldstein, status, attributed_to, section, sentence_index, char_start, char_end, evidence, rule,
                   date_source, mentions, happening, action_geo, input_id, truncated, source_name, target_name)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                   ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
            )?;
            for r in records {
                let happening = happening::happening_of(&tx, r)?;
                let geo = r
                    .action_geo
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(StoreError::Serialise)?;
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
                    happening,
                    geo,
                    r.input_id,
                    // NULL when false: the common case costs no byte.
                    r.truncated.then_some(true),
                    // Only a name other than the text is stored.
                    (r.source.name != r.source.text).then_some(&r.source.name),
                    r.target.as_ref().and_then(|t| (t.name != t.text).then_some(&t.name)),
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

    /// Whether `dyad watch` has already fetched this article URL (whatever came of it).
    pub fn is_seen(&self, url: &str) -> Result<bool> {
        let n: i64 =
            self.conn
                .query_row("SELECT COUNT(*) FROM seen_urls WHERE url = ?1", params![url], |r| r.get(0))?;
        Ok(n > 0)
    }

    /// Remember that an article URL was fetched, and what came of it (`stored`, `failed`, …).
    pub fn mark_seen(&mut self, url: &str, outcome: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO seen_urls (url, outcome, at) VALUES (?1, ?2, datetime('now'))
             ON CONFLICT (url) DO UPDATE SET outcome = excluded.outcome, at = excluded.at",
            params![url, outcome],
        )?;
        Ok(())
    }

    /// How many article URLs `dyad watch` has fetched.
    pub fn seen_count(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM seen_urls", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// A feed's validators from its last fetch: (`ETag`, `Last-Modified`).
    pub fn feed_validators(&self, url: &str) -> Result<(Option<String>, Option<String>)> {
        let row = self
            .conn
            .query_row("SELECT etag, last_modified FROM feed_state WHERE url = ?1", params![url], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(row.unwrap_or((None, None)))
    }

    /// Keep a feed's validators for the next conditional GET.
    pub fn set_feed_validators(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO feed_state (url, etag, last_modified, checked_at) VALUES (?1, ?2, ?3, datetime('now'))
             ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
             checked_at = excluded.checked_at",
            params![url, etag, last_modified],
        )?;
        Ok(())
    }

    /// The stored document whose id starts with `id_prefix` (at least 6 hex digits), with all
    /// its layers.
    pub fn document(&self, id_prefix: &str) -> Result<Option<Document>> {
        if id_prefix.len() < 6 {
            return Err(StoreError::IdTooShort);
        }
        // The prefix as a range of the primary key (ids are lower-case hex), which its index
        // serves; `%` and `_` in it are no wildcards.
        let lower = id_prefix.to_ascii_lowercase();
        let upper = format!("{lower}\u{10ffff}");
        let mut st = self.conn.prepare_cached(
            "SELECT text, layers, layers_z FROM documents WHERE id >= ?1 AND id <= ?2 LIMIT 2",
        )?;
        let rows: Vec<(String, String, Option<Vec<u8>>)> = st
            .query_map([&lower, &upper], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let unreadable = |source| StoreError::Unreadable { id: id_prefix.to_string(), source };
        match rows.as_slice() {
            [] => Ok(None),
            [(text, _, Some(z))] => {
                let json =
                    inflate(z).map_err(|source| StoreError::Damaged { id: id_prefix.to_string(), source })?;
                let mut doc: Document = serde_json::from_slice(&json).map_err(unreadable)?;
                doc.text = text.clone();
                Ok(Some(doc))
            }
            // Stored before compaction: the whole document as JSON.
            [(_, layers, None)] => serde_json::from_str(layers).map(Some).map_err(unreadable),
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

    /// Where a stored document came from and when it was stored: its URL (where it has one)
    /// and the time it was added (UTC, `YYYY-MM-DD HH:MM:SS`). `None` for an unknown id.
    pub fn document_source(&self, id: &str) -> Result<Option<(Option<String>, String)>> {
        Ok(self
            .conn
            .query_row("SELECT url, added_at FROM documents WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
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

/// A document's layers as stored: JSON without the text (a column of its own) and without the
/// per-token parse, deflated. The parse is most of a document's JSON and nothing that reads
/// the store uses it; [`Store::document`] gives the document back with no tokens (sentences
/// keep their spans, their token ranges empty) and anyone who needs the parse runs the nlp
/// stage on the text again.
fn compress_layers(doc: &Document) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut stored = doc.clone();
    stored.text = String::new();
    stored.tokens = Vec::new();
    for s in &mut stored.sentences {
        s.tokens = (0, 0);
    }
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    serde_json::to_writer(&mut z, &stored).map_err(StoreError::Serialise)?;
    z.flush().and_then(|_| z.finish()).map_err(|e| StoreError::Serialise(serde_json::Error::io(e)))
}

/// The JSON of deflated layers.
fn inflate(z: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(z).read_to_end(&mut out)?;
    Ok(out)
}

/// `path` as the path part of an SQLite `file:` URI: every byte but unreserved ones and `/`
/// percent-encoded, so `?`, `#` and `%` in a file name are not read as URI syntax.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether this process could create files (`-wal`, `-shm`) beside the database at `path`.
fn directory_writable(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    // A directory nobody may write (0555) is an archive, even to root, whom permission bits
    // do not bind.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::metadata(&dir) {
            Ok(m) if m.permissions().mode() & 0o222 == 0 => return false,
            Err(_) => return false,
            Ok(_) => {}
        }
    }
    // A read-only mount binds everyone, and ownership decides the rest: only trying tells.
    // The probe file is removed at once.
    let probe = dir.join(format!(".dyad-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => e.kind() == std::io::ErrorKind::AlreadyExists,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_escape_uri_syntax() {
        assert_eq!(uri_path(Path::new("/tmp/a b?c#d%e.db")), "/tmp/a%20b%3Fc%23d%25e.db");
    }
}
