//! The analyst's formats, as a user gets them: `dyad code -` as a streaming filter, CSV and
//! Parquet exports read back with pip's pyarrow (not a Rust reader), GDELT rows of 61 columns,
//! and the Spark job of examples/spark in Spark local mode.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// Whether python3 can import `module`; when it cannot, the test skips with a message, or
/// fails under CI=true (.ci/run installs it).
fn have_python_module(module: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "python3 cannot import {module} (pip install {module})"
        );
        eprintln!("skipping: python3 cannot import {module} (pip install {module})");
    }
    ok
}

const FEED: &str = concat!(
    r#"{"id":"a","date":"2024-06-01","title":"Talks","text":"Russia praised China on Monday. The two sides met in Moscow."}"#,
    "\n",
    r#"{"id":"b","text":"#,
    "\n",
    r#"{"id":"c","date":"2024-06-02","text":"China thanked Russia on Tuesday.\tIt also accused the United States of interference."}"#,
    "\n"
);

fn ingest_feed(dir: &Path) -> std::path::PathBuf {
    let feed = dir.join("feed.jsonl");
    std::fs::write(&feed, FEED).unwrap();
    let db = dir.join("t.db");
    let o = dyad().args(["ingest", feed.to_str().unwrap()]).env("DYAD_DB", &db).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "one bad line: {}", text(&o).1);
    db
}

fn jsonl_records(db: &Path) -> Vec<serde_json::Value> {
    let o = dyad().args(["events", "--format", "jsonl"]).env("DYAD_DB", db).output().unwrap();
    assert!(o.status.success(), "{}", text(&o).1);
    text(&o).0.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn code_on_stdin_answers_each_record_before_the_next_arrives() {
    let mut child = dyad()
        .args(["code", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let lines: Vec<&str> = FEED.lines().collect();
    writeln!(stdin, "{}", lines[0]).unwrap();
    stdin.flush().unwrap();
    // The first record's events come out while stdin is still open.
    let first = rx.recv_timeout(Duration::from_secs(120)).expect("no event before the next record was sent");
    let first: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(first["source"]["code"], "RUS", "{first}");
    writeln!(stdin, "{}", lines[1]).unwrap();
    writeln!(stdin, "{}", lines[2]).unwrap();
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    let rest: Vec<String> = rx.iter().collect();
    assert!(rest.iter().any(|l| l.contains("\"CHN\"") && l.contains("Tuesday")), "{rest:?}");
    assert_eq!(o.status.code(), Some(1), "one record failed");
    // The failure is one JSON line on stderr naming the record's line.
    let err = text(&o).1;
    let failures: Vec<serde_json::Value> = err
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v.get("error").is_some())
        .collect();
    assert_eq!(failures.len(), 1, "{err}");
    assert_eq!(failures[0]["origin"], "-:2", "{err}");
}

#[test]
fn gdelt_rows_keep_61_columns_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest_feed(dir.path());
    let o = dyad().args(["events", "--format", "gdelt"]).env("DYAD_DB", &db).output().unwrap();
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(out.lines().count() >= 2, "{out}");
    for line in out.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 61, "{line:?}");
        assert!(cols[1].starts_with("20240"), "dated by the clause or the feed: {line:?}");
        assert_eq!(cols[59].len(), 14, "DATEADDED is when it was stored: {line:?}");
    }
    // Undated document: the row carries the day it was coded, not 00000000.
    let undated = dir.path().join("undated.txt");
    std::fs::write(&undated, "Russia praised China.\n").unwrap();
    let o = dyad().args(["code", "--format", "gdelt", undated.to_str().unwrap()]).output().unwrap();
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let cols: Vec<&str> = out.lines().next().expect("an event").split('\t').collect();
    assert_eq!(cols.len(), 61);
    assert_eq!(cols[1], &cols[59][..8], "{cols:?}");
}

#[test]
fn csv_and_parquet_exports_read_back_with_pyarrow() {
    if !have_python_module("pyarrow") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = ingest_feed(dir.path());
    let records = jsonl_records(&db);
    assert!(records.len() >= 2);
    let csv = dir.path().join("e.csv");
    let parquet = dir.path().join("e.parquet");
    for (format, path) in [("csv", &csv), ("parquet", &parquet)] {
        let o = dyad()
            .args(["events", "--format", format, "--output", path.to_str().unwrap()])
            .env("DYAD_DB", &db)
            .output()
            .unwrap();
        assert!(o.status.success(), "{format}: {}", text(&o).1);
    }
    // pyarrow reads both; each row back as JSON with its column names and Parquet types.
    let script = r#"
import json, sys
import pyarrow.parquet as pq, pyarrow.csv as pc
t = pq.read_table(sys.argv[1])
print(json.dumps({f.name: str(f.type) for f in t.schema}))
for row in t.to_pylist():
    print(json.dumps(row))
c = pc.read_csv(sys.argv[2], convert_options=pc.ConvertOptions(strings_can_be_null=True))
print(json.dumps(c.column_names))
print(json.dumps(c.to_pylist(), default=str))
"#;
    let o = Command::new("python3")
        .args(["-c", script, parquet.to_str().unwrap(), csv.to_str().unwrap()])
        .output()
        .unwrap();
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let types: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(types["source.code"], "string");
    assert_eq!(types["quad_class"], "int64");
    assert_eq!(types["goldstein"], "double");
    assert_eq!(types["char_span.0"], "int64");
    let rows: Vec<serde_json::Value> =
        lines[1..=records.len()].iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), records.len());
    for (row, r) in rows.iter().zip(&records) {
        assert_eq!(row["event_id"], r["event_id"]);
        assert_eq!(row["source.code"], r["source"]["code"]);
        assert_eq!(row["target.code"], r["target"]["code"], "null stays null");
        assert_eq!(row["goldstein"].as_f64().unwrap() as f32, r["goldstein"].as_f64().unwrap() as f32);
        assert_eq!(row["char_span.1"], r["char_span"][1]);
        assert_eq!(row["evidence"], r["evidence"], "the tab survives in Parquet");
        let mentions: serde_json::Value = serde_json::from_str(row["mentions"].as_str().unwrap()).unwrap();
        assert_eq!(mentions, r["mentions"]);
    }
    let header: Vec<String> = serde_json::from_str(lines[records.len() + 1]).unwrap();
    let parquet_names: Vec<&String> = types.as_object().unwrap().keys().collect();
    assert_eq!(header.len(), parquet_names.len(), "CSV and Parquet have the same columns");
    assert!(header.iter().any(|h| h == "source.code"));
    // Every field of the record has its column (a field added to the record and not to the
    // table fails here).
    for key in records[0].as_object().unwrap().keys() {
        let prefix = format!("{key}.");
        assert!(header.iter().any(|h| h == key || h.starts_with(&prefix)), "no column for {key}");
    }
    let csv_rows: Vec<serde_json::Value> = serde_json::from_str(lines[records.len() + 2]).unwrap();
    assert_eq!(csv_rows.len(), records.len());
    for (row, r) in csv_rows.iter().zip(&records) {
        assert_eq!(row["event_id"], r["event_id"]);
        assert_eq!(row["evidence"], r["evidence"]);
        assert_eq!(row["sentence_index"], r["sentence_index"]);
    }
}

#[test]
fn the_spark_job_codes_what_a_direct_run_codes() {
    if !have_python_module("pyspark") || !have_python_module("pyarrow") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let demo = include_str!("../../../data/demo/articles.jsonl");
    let lines: Vec<&str> = demo.lines().collect();
    let (a, b) = lines.split_at(lines.len() / 2);
    std::fs::write(input.join("a.jsonl"), format!("{}\n{{\"id\":\"broken\",\"text\":\n", a.join("\n")))
        .unwrap();
    std::fs::write(input.join("b.jsonl"), format!("{}\n", b.join("\n"))).unwrap();

    let direct = dyad()
        .args(["code", input.join("a.jsonl").to_str().unwrap(), input.join("b.jsonl").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(direct.status.code(), Some(1), "the broken line fails alone");
    let mut expected: Vec<serde_json::Value> =
        text(&direct).0.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(expected.len() > 10, "the demo corpus has events");

    let job = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/spark/code_jsonl.py");
    let output = dir.path().join("out");
    let o = Command::new("python3")
        .args([job, input.to_str().unwrap(), output.to_str().unwrap(), "--dyad", env!("CARGO_BIN_EXE_dyad")])
        .args(["--partitions", "3"])
        .output()
        .unwrap();
    let (_, err) = text(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("1 documents failed"), "{err}");
    let dump = "import json, sys, pyarrow.parquet as pq\nfor r in pq.read_table(sys.argv[1]).to_pylist(): print(json.dumps(r))";
    let o = Command::new("python3").args(["-c", dump, output.to_str().unwrap()]).output().unwrap();
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let mut got: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let key = |v: &serde_json::Value| format!("{}{}", v["doc_id"], v["event_id"]);
    expected.sort_by_key(key);
    got.sort_by_key(key);
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        // Parquet's doubles come back from f64; the JSON's goldstein was printed from f32.
        let mut g = g.clone();
        let gold = g["goldstein"].as_f64().unwrap();
        assert_eq!(gold as f32, e["goldstein"].as_f64().unwrap() as f32);
        g["goldstein"] = e["goldstein"].clone();
        assert_eq!(&g, e);
    }
}
