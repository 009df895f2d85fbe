//! Reliability of inputs and of the command line, run as a user would: the real `dyad` binary
//! on real files, directories, named pipes, devices and pipes. Every run has a time bound
//! (a watchdog kills the process), so a hang fails its test instead of stalling the suite.

use flate2::write::GzEncoder;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What a bounded run of `dyad` did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

impl Run {
    /// Exit code, or a failure message that shows what happened.
    fn exit(&self) -> i32 {
        assert!(!self.timed_out, "dyad did not finish in time; stderr:\n{}", self.stderr);
        self.code.unwrap_or_else(|| panic!("dyad was killed by a signal; stderr:\n{}", self.stderr))
    }

    /// The distinct document ids of the JSONL event records printed.
    fn doc_ids(&self) -> BTreeSet<String> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).expect("a JSON record")["doc_id"].to_string()
            })
            .collect()
    }
}

fn command(args: &[&str], db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.args(args).env("DYAD_DB", db).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd
}

/// Wait for `child`, killing it after `secs` seconds.
fn wait_bounded(child: &mut Child, secs: u64) -> (Option<i32>, bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(status) = child.try_wait().expect("wait for dyad") {
            return (status.code(), false);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return (None, true);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Run `dyad args` with `stdin` (none: an empty, closed stdin), killed after `secs` seconds.
fn dyad(args: &[&str], db: &Path, stdin: Option<Vec<u8>>, secs: u64) -> Run {
    let mut child = command(args, db).stdin(Stdio::piped()).spawn().expect("run dyad");
    let mut input = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        if let Some(bytes) = stdin {
            let _ = input.write_all(&bytes);
        }
    });
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let (code, timed_out) = wait_bounded(&mut child, secs);
    let _ = feeder.join();
    let stdout = String::from_utf8_lossy(&reader.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
    Run { code, stdout, stderr, timed_out }
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo (coreutils)");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn query_strings(db: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn.prepare(sql).unwrap();
    st.query_map([], |r| r.get::<_, Option<String>>(0))
        .unwrap()
        .map(|r| r.unwrap().unwrap_or_default())
        .collect()
}

const ONE: &str = "Russia accused Ukraine of shelling a border village on Monday.";
const TWO: &str = "France condemned Iran for the attack on the embassy on Friday.";

fn record(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string() + "\n"
}

#[test]
fn a_multi_member_gzip_is_read_whole_from_files_feeds_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // `cat a.gz b.gz > ab.gz`: a feed, a text file and stdin.
    let mut feed = gz(record("a", ONE).as_bytes());
    feed.extend(gz(record("b", TWO).as_bytes()));
    let feed_path = dir.path().join("ab.jsonl.gz");
    std::fs::write(&feed_path, &feed).unwrap();
    let mut text = gz(format!("{ONE}\n\n").as_bytes());
    text.extend(gz(TWO.as_bytes()));
    let text_path = dir.path().join("ab.txt.gz");
    std::fs::write(&text_path, &text).unwrap();

    let run = dyad(&["code", feed_path.to_str().unwrap()], &db, None, 120);
    assert_eq!(run.exit(), 0, "{}", run.stderr);
    assert_eq!(run.doc_ids().len(), 2, "both members' records are coded:\n{}", run.stdout);

    let run = dyad(&["ingest", text_path.to_str().unwrap()], &db, None, 120);
    assert_eq!(run.exit(), 0, "{}", run.stderr);
    let texts = query_strings(&db, "SELECT text FROM documents");
    assert!(
        texts.len() == 1 && texts[0].contains("Russia accused") && texts[0].contains("France condemned"),
        "{texts:?}"
    );

    let run = dyad(&["code", "-"], &db, Some(feed), 120);
    assert_eq!(run.exit(), 0, "{}", run.stderr);
    assert_eq!(run.doc_ids().len(), 2, "gzip on stdin, both members:\n{}", run.stdout);
}

#[test]
fn a_gzip_bomb_is_refused_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // 1 GiB of one byte compresses to about a megabyte. As a text file and as one endless
    // line of a feed, followed by a good member that must not be reached in the text case.
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(b"{\"text\": \"").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..1024 {
        encoder.write_all(&chunk).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    assert!(bomb.len() < 8 << 20);
    let text_bomb = dir.path().join("bomb.txt.gz");
    std::fs::write(&text_bomb, &bomb).unwrap();
    let feed_bomb = dir.path().join("bomb.jsonl.gz");
    std::fs::write(&feed_bomb, &bomb).unwrap();

    let started = Instant::now();
    let run = dyad(&["code", text_bomb.to_str().unwrap()], &db, None, 60);
    assert_eq!(run.exit(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("bomb.txt.gz") && run.stderr.contains("more than 32 MB"), "{}", run.stderr);
    let run = dyad(&["code", feed_bomb.to_str().unwrap()], &db, None, 60);
    assert_eq!(run.exit(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("bomb.jsonl.gz:1") && run.stderr.contains("the rest of the feed was not read"),
        "{}",
        run.stderr
    );
    eprintln!("both bombs refused in {:.1} s", started.elapsed().as_secs_f64());
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_skipped_and_each_document_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let root = dir.path().join("news");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join("a.txt"), ONE).unwrap();
    std::fs::write(root.join("sub/b.txt"), TWO).unwrap();
    // Two loops: with two, a walk that follows links never ends.
    std::os::unix::fs::symlink(&root, root.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(root.join("sub"), root.join("side")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/parent")).unwrap();

    let run = dyad(&["code", root.to_str().unwrap()], &db, None, 60);
    assert_eq!(run.exit(), 0, "skips alone do not fail the run: {}", run.stderr);
    assert_eq!(run.doc_ids().len(), 2, "{}", run.stdout);
    let alone = dyad(
        &["code", root.join("a.txt").to_str().unwrap(), root.join("sub/b.txt").to_str().unwrap()],
        &db,
        None,
        60,
    );
    assert_eq!(run.stdout.lines().count(), alone.stdout.lines().count(), "each document's events once");
    assert!(run.stderr.contains("skipped: a directory already walked"), "{}", run.stderr);

    let run = dyad(&["ingest", root.to_str().unwrap()], &db, None, 60);
    assert_eq!(run.exit(), 0, "{}", run.stderr);
    assert!(run.stderr.contains("2 added") && run.stderr.contains("skipped"), "{}", run.stderr);
    let skips = query_strings(&db, "SELECT reason FROM failures");
    assert!(
        !skips.is_empty() && skips.iter().all(|r| r.starts_with("skipped:")),
        "recorded as skips: {skips:?}"
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_and_a_named_pipe_given_as_paths_are_read_only_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let run = dyad(&["code", "/dev/zero"], &db, None, 60);
    assert_eq!(run.exit(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("/dev/zero") && run.stderr.contains("more than 32 MB"), "{}", run.stderr);

    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let writer_path = fifo.clone();
    // Writes up to 256 MB of text; dyad must stop reading at 32 MB and close the pipe.
    let writer = std::thread::spawn(move || {
        let mut f = std::fs::OpenOptions::new().write(true).open(writer_path).unwrap();
        let line = "All quiet on the border today. ".repeat(1000) + "\n";
        let mut written = 0usize;
        while written < 256 << 20 {
            if f.write_all(line.as_bytes()).is_err() {
                return written;
            }
            written += line.len();
        }
        written
    });
    let run = dyad(&["code", fifo.to_str().unwrap()], &db, None, 60);
    assert_eq!(run.exit(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("pipe") && run.stderr.contains("more than 32 MB"), "{}", run.stderr);
    let written = writer.join().unwrap();
    assert!(written < 200 << 20, "the writer was cut off, not drained: {written} bytes");
}

#[test]
fn jsonl_starting_with_a_byte_order_mark_is_read_as_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let feed = format!("\u{feff}{}{}", record("a", ONE), record("b", TWO));
    let run = dyad(&["code", "-"], &db, Some(feed.clone().into_bytes()), 120);
    assert_eq!(run.exit(), 0, "{}", run.stderr);
    assert_eq!(run.doc_ids().len(), 2, "two records, not one text:\n{}", run.stdout);
    let path = dir.path().join("bom.jsonl");
    std::fs::write(&path, &feed).unwrap();
    let run = dyad(&["ingest", path.to_str().unwrap()], &db, None, 120);
    assert_eq!(run.exit(), 0, "the first line does not fail: {}", run.stderr);
    let ids = query_strings(&db, "SELECT external_id FROM documents ORDER BY external_id");
    assert_eq!(ids, ["a", "b"]);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_socket_in_a_directory_is_skipped_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let root = dir.path().join("news");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("a.txt"), ONE).unwrap();
    mkfifo(&root.join("b.txt"));
    mkfifo(&root.join("c.jsonl"));
    let _socket = std::os::unix::net::UnixListener::bind(root.join("d.html")).unwrap();
    let run = dyad(&["code", root.to_str().unwrap()], &db, None, 60);
    assert_eq!(run.exit(), 0, "skips alone do not fail the run: {}", run.stderr);
    assert_eq!(run.doc_ids().len(), 1, "{}", run.stdout);
    for (name, what) in [("b.txt", "named pipe"), ("c.jsonl", "named pipe"), ("d.html", "socket")] {
        assert!(run.stderr.contains(&format!("{name}: skipped: a {what}")), "{name}: {}", run.stderr);
    }
}

#[test]
fn code_into_a_reader_that_stops_early_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // Far more output than a pipe holds, so dyad is still writing when the reader goes.
    let feed: String = (0..300).map(|i| record(&i.to_string(), &format!("{ONE}\n\n{TWO}"))).collect();
    let path = dir.path().join("many.jsonl");
    std::fs::write(&path, feed).unwrap();
    let mut child = command(&["code", "--format", "jsonl", path.to_str().unwrap()], &db)
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap(); // `| head -1`
    assert!(first.starts_with('{'), "{first}");
    let mut err = child.stderr.take().unwrap();
    let (code, timed_out) = wait_bounded(&mut child, 120);
    let mut stderr = String::new();
    err.read_to_string(&mut stderr).unwrap();
    assert!(!timed_out, "{stderr}");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn values_dyad_checks_itself_are_usage_errors_naming_the_option() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, ONE).unwrap();
    let file = file.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["events", "--dyad", "A,B,C"], "--dyad"),
        (&["events", "--dyad", "A"], "--dyad"),
        (&["code", "--date", "garbage", file], "--date"),
        (&["ingest", "--date", "2024-13-45", file], "--date"),
        (&["events", "--since", "garbage"], "--since"),
        (&["events", "--until", "garbage"], "--until"),
        (&["events", "--status", "garbage"], "--status"),
    ];
    for (args, option) in cases {
        let run = dyad(args, &db, None, 30);
        assert_eq!(run.exit(), 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(option), "{args:?}: {}", run.stderr);
    }
    assert!(!db.exists(), "no usage error touched the database");
    // Good values still work.
    let run = dyad(&["ingest", "--date", "2024-11-04", file], &db, None, 60);
    assert_eq!(run.exit(), 0, "{}", run.stderr);
    for args in [
        &["events", "--dyad", "RUS,UKR", "--since", "2024-10", "--until", "2024-11-30"][..],
        &["events", "--status", "asserted", "--status", "reported", "--since", "2024"][..],
    ] {
        let run = dyad(args, &db, None, 30);
        assert_eq!(run.exit(), 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("RUS"), "{args:?}: {}", run.stdout);
    }
}

#[test]
fn a_database_that_is_not_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(&db, "these are notes, not a database ".repeat(100)).unwrap();
    let run = dyad(&["events", "--db", db.to_str().unwrap()], &db, None, 30);
    assert_eq!(run.exit(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("notes.db"), "{}", run.stderr);
}

#[test]
fn a_jsonl_line_with_a_bad_date_is_kept_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let path = dir.path().join("feed.jsonl");
    let line = serde_json::json!({"id": "x", "date": "garbage", "text": ONE}).to_string();
    std::fs::write(&path, line + "\n").unwrap();
    let run = dyad(&["code", path.to_str().unwrap()], &db, None, 60);
    assert_eq!(run.exit(), 0, "{}", run.stderr);
    assert_eq!(run.doc_ids().len(), 1, "the record is coded: {}", run.stderr);
    assert!(
        run.stderr.contains("feed.jsonl:1")
            && run.stderr.contains("garbage")
            && run.stderr.contains("is not a date"),
        "{}",
        run.stderr
    );
    let run = dyad(&["ingest", path.to_str().unwrap()], &db, None, 60);
    assert_eq!(run.exit(), 0, "{}", run.stderr);
    let warnings = query_strings(&db, "SELECT warnings FROM documents");
    assert!(warnings[0].contains("garbage"), "the warning stays on the document: {warnings:?}");
}

#[test]
fn latin1_and_windows_1252_text_is_decoded_and_the_charset_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // Undeclared Windows-1252 text (curly quotes at 0x93/0x94), a page declaring ISO-8859-1,
    // and UTF-8 with a byte-order mark.
    let text = dir.path().join("a.txt");
    std::fs::write(&text, b"Talks in Z\xfcrich\n\nRussia accused Ukraine of shelling a caf\xe9 on Monday, \x93officials\x94 said.").unwrap();
    let page = dir.path().join("b.html");
    std::fs::write(
        &page,
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head>\
          <body><p>France condemned Iran for the attack on the embassy in S\xe3o Paulo on Friday.</p></body></html>",
    )
    .unwrap();
    let bom = dir.path().join("c.txt");
    std::fs::write(&bom, "\u{feff}Germany praised Poland for the agreement signed on Tuesday.").unwrap();
    let run = dyad(
        &["ingest", text.to_str().unwrap(), page.to_str().unwrap(), bom.to_str().unwrap()],
        &db,
        None,
        60,
    );
    assert_eq!(run.exit(), 0, "{}", run.stderr);
    let rows = query_strings(&db, "SELECT encoding || ' ' || text FROM documents ORDER BY origin");
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows[0].starts_with("windows-1252 Talks in Zürich")
            && rows[0].contains("café on Monday, “officials”"),
        "{rows:?}"
    );
    assert!(rows[1].starts_with("windows-1252 ") && rows[1].contains("São Paulo"), "{rows:?}");
    assert!(rows[2].starts_with("UTF-8 Germany"), "BOM stripped: {rows:?}");
}

#[test]
fn empty_stdin_is_no_documents_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    for input in [&b""[..], b"\n  \n"] {
        let run = dyad(&["code", "-"], &db, Some(input.to_vec()), 30);
        assert_eq!(run.exit(), 0, "{}", run.stderr);
        assert_eq!(run.stdout, "");
    }
    // An empty file named on the command line is still a failure.
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let run = dyad(&["code", empty.to_str().unwrap()], &db, None, 30);
    assert_eq!(run.exit(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("empty.txt") && run.stderr.contains("empty file"), "{}", run.stderr);
}
