//! Versioned schema migrations. `PRAGMA user_version` holds the number of migrations applied;
//! each migration runs once, in order, all pending ones in one transaction. Never edit a published
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
    // 3: the charset each document was decoded from ("UTF-8", "windows-1252"); NULL for
    // documents stored before.
    "ALTER TABLE documents ADD COLUMN encoding TEXT;",
    // 4: compaction. A document's layers are kept deflated in `layers_z` (JSON without the
    // text, which is its own column, and without the per-token parse), `layers` left empty;
    // rows stored before keep their JSON in `layers`. The per-document tables are rebuilt
    // WITHOUT ROWID: their rows live in the primary key's b-tree instead of in a table and a
    // copy of the key in an index. Same columns, same keys.
    "ALTER TABLE documents ADD COLUMN layers_z BLOB;
    CREATE TABLE sentences_compact (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;
    INSERT INTO sentences_compact SELECT doc_id, idx, start, end FROM sentences;
    DROP TABLE sentences;
    ALTER TABLE sentences_compact RENAME TO sentences;
    CREATE TABLE mentions_compact (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
        kind TEXT, codes TEXT NOT NULL, antecedent INTEGER, rule TEXT,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;
    INSERT INTO mentions_compact SELECT doc_id, idx, start, end, kind, codes, antecedent, rule FROM mentions;
    DROP TABLE mentions;
    ALTER TABLE mentions_compact RENAME TO mentions;
    CREATE TABLE quotes_compact (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, kind TEXT, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
        speaker_text TEXT,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID;
    INSERT INTO quotes_compact SELECT doc_id, idx, kind, content_start, content_end, speaker_text FROM quotes;
    DROP TABLE quotes;
    ALTER TABLE quotes_compact RENAME TO quotes;",
    // 5: one event per happening across documents, and where events took place. `happening`
    // is the event_id of the happening's first stored event (its own for events stored
    // before); `action_geo` a JSON object; a document's `channels` (JSON array of the wires
    // and agencies it passed through) and `sketch` (MinHash of its word shingles) tell
    // independent sources apart.
    "ALTER TABLE events ADD COLUMN happening TEXT;
    ALTER TABLE events ADD COLUMN action_geo TEXT;
    UPDATE events SET happening = event_id;
    CREATE INDEX events_by_happening ON events (happening);
    CREATE INDEX events_for_linking ON events (source_code, target_code, root, date);
    ALTER TABLE documents ADD COLUMN channels TEXT;
    ALTER TABLE documents ADD COLUMN sketch BLOB;",
    // 6: `dyad watch`: article URLs already fetched (with how it went), and each feed's
    // validators for conditional GET, so that a restart fetches nothing twice.
    "CREATE TABLE IF NOT EXISTS seen_urls (
        url TEXT PRIMARY KEY, outcome TEXT NOT NULL, at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS feed_state (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at TEXT NOT NULL
    );",
    // 7: the input's own id (a JSONL line's `id`) on each event, filled for events stored before.
    "ALTER TABLE events ADD COLUMN input_id TEXT;
    UPDATE events SET input_id = (SELECT external_id FROM documents d WHERE d.id = events.doc_id);",
    // 8: indexes on the actor codes, for the event filters and their counts (`dyad serve`).
    "CREATE INDEX events_by_source ON events (source_code, target_code);
    CREATE INDEX events_by_target ON events (target_code);",
    // 9: covering indexes, so that a page of events, a count, the network and the actor list
    // read small index entries instead of event rows (evidence, mentions, texts), and rows only
    // for the events they return. `events_in_order` is the list's order with every filter
    // column and the happening (and what a relation series sums); `events_by_happening` gains the filter columns, so that the
    // choice of a happening's first matching event reads no rows; the actor indexes gain the
    // country (the actor list), and the country pairs get one of their own (the network).
    "CREATE INDEX events_in_order ON events
        (date, doc_id, sentence_index, event_id, source_code, target_code, cameo, status, happening,
         quad_class, goldstein);
    DROP INDEX events_by_happening;
    CREATE INDEX events_by_happening ON events (happening, source_code, target_code, cameo, status, date);
    DROP INDEX events_by_source;
    CREATE INDEX events_by_source ON events (source_code, source_country, target_code);
    DROP INDEX events_by_target;
    CREATE INDEX events_by_target ON events (target_code, target_country);
    CREATE INDEX events_by_countries ON events (source_country, target_country, date, status, goldstein);",
    // 10: the keys of the inputs each document was read from (a JSONL line's or a file's bytes,
    // `dyad_ingest::input_key`), so that an ingest run again skips what it stored before reading
    // further than the bytes. Filled as documents are stored or found stored.
    "CREATE TABLE IF NOT EXISTS inputs (
        key TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
    ) WITHOUT ROWID;",
    // 11: events whose sentence is a piece of one cut to cap the work (`EventRecord::truncated`):
    // 1, or NULL when it was not cut (and for events stored before).
    "ALTER TABLE events ADD COLUMN truncated INTEGER;",
    // 12: compaction again. The sentences, mentions and quotes of a document were kept twice:
    // in its deflated layers (`layers_z`, which `dyad show`, `dyad serve` and `Store::document`
    // read) and in row tables nothing read, each row repeating the 32-character document id
    // (together 44% of a database of BBC articles). The layers keep them; the tables go. The
    // freed pages are reused by later inserts (`VACUUM` returns them to the file system). Two
    // indexes of the first schema are the prefixes of covering ones added since and go too:
    // `events_by_dyad` of `events_by_countries`, `events_by_date` of `events_in_order`.
    "DROP TABLE IF EXISTS sentences;
    DROP TABLE IF EXISTS mentions;
    DROP TABLE IF EXISTS quotes;
    DROP INDEX IF EXISTS events_by_dyad;
    DROP INDEX IF EXISTS events_by_date;",
    // 13: the words naming each actor where the sentence has only a pronoun (null: as the text).
    "ALTER TABLE events ADD COLUMN source_name TEXT;
    ALTER TABLE events ADD COLUMN target_name TEXT;",
];

/// The schema version this build writes.
pub const CURRENT: u32 = MIGRATIONS.len() as u32;

/// Apply the migrations `conn` has not had yet; refuse a database from a newer dyad.
///
/// All pending migrations run in one `BEGIN IMMEDIATE` transaction that reads the version
/// inside it: two processes creating one database at once are serialised by SQLite's write
/// lock (the second waits, up to the busy timeout), and the second then finds the schema in
/// place and applies nothing.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let version =
        |c: &Connection| -> Result<u32> { Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?) };
    let check = |found: u32| -> Result<bool> {
        if found > CURRENT {
            return Err(StoreError::NewerSchema { found, current: CURRENT });
        }
        Ok(found < CURRENT)
    };
    // Most opens find the schema current: no write lock for them.
    if !check(version(conn)?)? {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let found = version(&tx)?;
    if !check(found)? {
        return Ok(());
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as u32 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use dyad_core::{Actor, Document, Mention, MentionKind, Sentence, Span};
    use rusqlite::params;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut st =
            conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").unwrap();
        let names =
            st.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<Vec<String>>>().unwrap();
        names
    }

    /// A database written at schema 9 (before input keys, event marks and the dropped row tables),
    /// with a document in every table, migrates to the current schema and reads back whole.
    #[test]
    fn a_database_of_schema_nine_migrates_and_keeps_its_documents() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..9] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 9).unwrap();
        let mut doc = Document::new("Russia praised China. Talks went on.");
        doc.meta.origin = "old.txt".into();
        doc.sentences = vec![
            Sentence { span: Span::new(0, 21), tokens: (0, 0) },
            Sentence { span: Span::new(22, 36), tokens: (0, 0) },
        ];
        let actor = Actor { code: "RUS".into(), country: "RUS".into(), name: None };
        doc.mentions = vec![Mention {
            span: Span::new(0, 6),
            kind: MentionKind::Name,
            entity_type: None,
            actors: vec![actor],
            antecedent: None,
            rule: "dictionary".into(),
        }];
        let z = crate::compress_layers(&doc).unwrap();
        conn.execute(
            "INSERT INTO documents (id, origin, credits, warnings, text, layers, layers_z, added_at)
             VALUES (?1, 'old.txt', '[]', '[]', ?2, '', ?3, '2025-01-01 00:00:00')",
            params![doc.id, doc.text, z],
        )
        .unwrap();
        conn.execute("INSERT INTO sentences VALUES (?1, 0, 0, 21), (?1, 1, 22, 36)", [&doc.id]).unwrap();
        conn.execute("INSERT INTO mentions VALUES (?1, 0, 0, 6, 'actor', 'RUS', NULL, NULL)", [&doc.id])
            .unwrap();
        conn.execute("INSERT INTO quotes VALUES (?1, 0, 'direct', 22, 36, NULL)", [&doc.id]).unwrap();
        conn.execute(
            "INSERT INTO events (event_id, doc_id, date, date_precision, source_code, source_country, source_text,
               cameo, root, quad_class, goldstein, status, section, sentence_index, char_start, char_end,
               evidence, rule, happening)
             VALUES ('e1', ?1, '2024-06-18', 'day', 'RUS', 'RUS', 'Russia', '051', '05', 1, 3.4, 'asserted',
               'body', 0, 0, 21, 'Russia praised China.', 'test', 'e1')",
            [&doc.id],
        )
        .unwrap();

        migrate(&mut conn).unwrap();
        let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, CURRENT);
        let names = tables(&conn);
        for gone in ["sentences", "mentions", "quotes"] {
            assert!(!names.iter().any(|n| n == gone), "{gone} is dropped: {names:?}");
        }
        assert!(names.iter().any(|n| n == "inputs"), "{names:?}");

        let mut store = Store { conn };
        let back = store.document(&doc.id[..8]).unwrap().expect("the document reads back");
        assert_eq!(back.text, doc.text);
        assert_eq!(back.sentences.len(), 2);
        assert_eq!(back.mentions.len(), 1);
        assert_eq!(back.mentions[0].actors[0].code, "RUS");
        let events = store.document_events(&doc.id).unwrap();
        assert_eq!(events.len(), 1);
        assert!(!events[0].truncated, "events stored before the mark have none");
        // The migrated database takes new documents, and remembers their inputs.
        let mut new = Document::new("China praised Russia.");
        new.meta.input_key = Some("k1".into());
        assert_eq!(store.add_document(&new, &[]).unwrap(), crate::Added::New);
        assert!(store.has_input("k1").unwrap());
        assert!(!store.has_input("k2").unwrap());
    }
}
