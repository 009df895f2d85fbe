//! The store as SQLite users expect it, through the `dyad` binary: parallel ingests into one
//! database, readers while a writer writes, a database in a directory the reader cannot write.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dyad(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad")).args(args).env("DYAD_DB", db).output().expect("run dyad")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const COUNTRIES: [&str; 6] = ["Russia", "Ukraine", "China", "Japan", "Iran", "Israel"];

/// `n` distinct short articles, each with an event between two countries.
fn write_articles(dir: &Path, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let (a, b) = (COUNTRIES[i % 6], COUNTRIES[(i + 1 + i / 6) % 6]);
            let text = format!(
                "{a} accused {b} of violating the ceasefire in the border region {i}.\n\n\
                 Officials in {b} rejected the claim on Monday and said talks would go on."
            );
            let path = dir.join(format!("article-{i:03}.txt"));
            std::fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect()
}

/// Sorted event ids of a database.
fn event_ids(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn.prepare("SELECT event_id FROM events ORDER BY event_id").unwrap();
    let ids = st.query_map([], |r| r.get(0)).unwrap().collect::<Result<Vec<String>, _>>().unwrap();
    ids
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// Four ingests of overlapping inputs started at once into one new database all succeed, and
/// the database holds each document once with the events of a single clean run.
#[test]
fn parallel_ingests_store_each_document_once() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_articles(dir.path(), 16);
    let db = dir.path().join("shared.db");
    let slices = [&files[0..10], &files[4..14], &files[6..16], &files[..]];
    let children: Vec<_> = slices
        .iter()
        .map(|slice| {
            Command::new(env!("CARGO_BIN_EXE_dyad"))
                .arg("ingest")
                .args(slice.iter())
                .env("DYAD_DB", &db)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start dyad ingest")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "a parallel ingest failed: {}", stderr(&out));
    }
    assert_eq!(count(&db, "documents"), 16);
    assert_eq!(count(&db, "failures"), 0);

    let clean = dir.path().join("clean.db");
    let mut args = vec!["ingest"];
    args.extend(files.iter().map(String::as_str));
    let out = dyad(&args, &clean);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = event_ids(&clean);
    assert!(!expected.is_empty(), "the articles code to events");
    assert_eq!(event_ids(&db), expected);

    // Re-ingesting is a no-op.
    let again = dyad(&["ingest", &files[0]], &db);
    assert!(
        stderr(&again).contains("0 added") && stderr(&again).contains("1 already stored"),
        "{}",
        stderr(&again)
    );
    assert_eq!(event_ids(&db), expected);
}

/// `dyad events` runs, and succeeds, while an ingest writes the same database.
#[test]
fn readers_work_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let first = write_articles(dir.path(), 2);
    let db = dir.path().join("live.db");
    assert_eq!(dyad(&["ingest", &first[0]], &db).status.code(), Some(0));
    let more_dir = dir.path().join("more");
    std::fs::create_dir(&more_dir).unwrap();
    write_articles(&more_dir, 60);
    let mut writer = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", more_dir.to_str().unwrap()])
        .env("DYAD_DB", &db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reads = 0;
    loop {
        let done = writer.try_wait().unwrap().is_some();
        let out = dyad(&["events", "--format", "jsonl"], &db);
        assert_eq!(out.status.code(), Some(0), "a reader failed during an ingest: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "the first document's events are visible");
        reads += 1;
        if done || reads > 200 {
            break;
        }
    }
    assert!(writer.wait().unwrap().success());
    eprintln!("{reads} reads during the ingest");
}

/// Readers (`events`, `show`, `relation`) need no write access: a database whose directory and
/// file are read-only can be queried, and querying leaves no file behind.
#[test]
fn readers_work_in_a_read_only_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let files = write_articles(dir.path(), 3);
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let db = archive.join("events.db");
    let mut args = vec!["ingest"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(dyad(&args, &db).status.code(), Some(0));
    let id: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT id FROM documents LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let listing = |d: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()).collect();
        v.sort();
        v
    };
    let before = listing(&archive);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&archive, std::fs::Permissions::from_mode(0o555)).unwrap();
    let binds = std::fs::File::create(archive.join("probe")).is_err();
    if !binds {
        let _ = std::fs::remove_file(archive.join("probe"));
        eprintln!(
            "readers_work_in_a_read_only_directory: running as root, where permission bits do not \
             bind; the readers still take the 0555 directory as one no writer uses"
        );
    }
    let results = [
        dyad(&["events", "--format", "jsonl"], &db),
        dyad(&["show", &id[..8]], &db),
        dyad(&["relation", "RUS", "UKR"], &db),
    ];
    std::fs::set_permissions(&archive, std::fs::Permissions::from_mode(0o755)).unwrap();
    for out in &results {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
        assert!(!out.stdout.is_empty());
    }
    assert_eq!(listing(&archive), before, "a reader created or removed files beside the database");
}

/// An ingest run again over what it stored passes each input over by the key of its bytes,
/// without extracting or coding it; a database stored before inputs had keys gets them on the
/// first run again.
#[test]
fn a_repeated_ingest_knows_its_inputs_by_their_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_articles(dir.path(), 3);
    let feed = dir.path().join("feed.jsonl");
    let lines: Vec<String> = files
        .iter()
        .map(|f| serde_json::json!({ "text": std::fs::read_to_string(f).unwrap() }).to_string())
        .collect();
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let feed = feed.to_str().unwrap();
    let db = dir.path().join("keys.db");
    let out = dyad(&["ingest", feed], &db);
    assert!(stderr(&out).contains("3 added"), "{}", stderr(&out));
    assert_eq!(count(&db, "inputs"), 3, "one key per line");
    let expected = event_ids(&db);

    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM inputs", []).unwrap();
    drop(conn);
    let out = dyad(&["ingest", feed], &db);
    assert!(stderr(&out).contains("0 added (0 events), 3 already stored"), "{}", stderr(&out));
    assert_eq!(count(&db, "inputs"), 3, "keys remembered for documents stored without them");

    // The same text from other bytes (a file, not a feed line) is one more key, one document.
    let out = dyad(&["ingest", &files[0]], &db);
    assert!(stderr(&out).contains("1 already stored"), "{}", stderr(&out));
    assert_eq!(count(&db, "inputs"), 4);
    assert_eq!(count(&db, "documents"), 3);

    let out = dyad(&["ingest", feed, &files[0]], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 added (0 events), 4 already stored"), "{}", stderr(&out));
    assert_eq!(event_ids(&db), expected);
}
