//! End-to-end tests of the `dyad` binary: exit codes, idempotent ingest, bad input, the output
//! contract.

use std::path::Path;
use std::process::{Command, Output};

fn dyad(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad")).args(args).env("DYAD_DB", db).output().expect("run dyad")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ARTICLE: &str = "Russia accused Ukraine of shelling a border village on Monday.\n\n\
    Ukraine rejected the claim and blamed Russia for the attack.";

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    assert_eq!(dyad(&["code"], &db).status.code(), Some(2));
    assert_eq!(dyad(&["no-such-command"], &db).status.code(), Some(2));
    assert_eq!(dyad(&["code", "--format", "xml", "x.txt"], &db).status.code(), Some(2));
}

#[test]
fn ingest_is_idempotent_and_a_missing_path_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, ARTICLE).unwrap();
    let missing = dir.path().join("missing.txt");
    let (good, missing) = (good.to_str().unwrap(), missing.to_str().unwrap());

    let first = dyad(&["ingest", good, missing], &db);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let err = stderr(&first);
    assert!(err.contains("missing.txt"), "the failure names its input: {err}");
    assert!(err.contains("1 added"), "{err}");

    let second = dyad(&["ingest", good], &db);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(
        stderr(&second).contains("0 added") && stderr(&second).contains("1 already stored"),
        "{}",
        stderr(&second)
    );

    let conn = rusqlite::Connection::open(&db).unwrap();
    let failures: i64 = conn.query_row("SELECT count(*) FROM failures", [], |r| r.get(0)).unwrap();
    assert_eq!(failures, 1, "the failure is recorded in the store");
    let docs: i64 = conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(docs, 1);
}

#[test]
fn code_prints_contract_records_with_evidence_at_char_span() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    let out = dyad(&["code", "--date", "2024-11-04", file.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records =
        check_records(&String::from_utf8(out.stdout).unwrap(), &dyad_core::text::normalise(ARTICLE));
    assert!(records.len() >= 2, "expected the accusation and the rejection, got {records:?}");
    assert!(records
        .iter()
        .all(|r| r["date"] == "2024-11-04" || r["date"].as_str().unwrap().starts_with("2024-11")));
}

#[test]
fn seed_article_events_follow_the_contract_and_commentary_is_not_fact() {
    let Some(seed) = dyad_core::testdata::shared_path("examples/seed/article.txt") else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dyad(&["code", seed.to_str().unwrap()], &dir.path().join("t.db"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().expect("some events")).unwrap();
    let doc_id = first["doc_id"].as_str().unwrap().to_string();
    // The document text is what `dyad show` prints; get it through the store.
    let db = dir.path().join("s.db");
    assert_eq!(dyad(&["ingest", seed.to_str().unwrap()], &db).status.code(), Some(0));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let text: String =
        conn.query_row("SELECT text FROM documents WHERE id = ?1", [&doc_id], |r| r.get(0)).unwrap();
    let records = check_records(&stdout, &text);
    let shown = dyad(&["show", &doc_id[..8]], &db);
    let shown = String::from_utf8(shown.stdout).unwrap();
    let via = shown.lines().find(|l| l.starts_with("via")).expect("show prints the provenance chain");
    assert!(via.contains("Ministry of Foreign Affairs") && via.contains("Newsis"), "{via}");
    assert!(!shown.contains("You may also like"), "boilerplate is not in the text");
    for r in &records {
        if r["section"] == "commentary" {
            assert_eq!(r["status"], "commentary", "{r}");
        }
        let evidence = r["evidence"].as_str().unwrap();
        if evidence.starts_with("Dr. Petrov:") || evidence.starts_with("Editor:") {
            assert_eq!(r["status"], "commentary", "interview coded as fact: {r}");
        }
    }
}

/// Parse JSONL event records, check every contract field and that `evidence` is the text at
/// `char_span` of `doc_text`.
fn check_records(stdout: &str, doc_text: &str) -> Vec<serde_json::Value> {
    let mut records = Vec::new();
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        for field in [
            "doc_id",
            "event_id",
            "date",
            "date_precision",
            "source",
            "target",
            "cameo",
            "root",
            "plover",
            "quad_class",
            "goldstein",
            "status",
            "attributed_to",
            "section",
            "sentence_index",
            "char_span",
            "evidence",
            "rule",
        ] {
            assert!(v.get(field).is_some(), "field {field} missing in {line}");
        }
        let span = v["char_span"].as_array().unwrap();
        let (a, b) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        let at_span: String = doc_text.chars().skip(a).take(b - a).collect();
        assert_eq!(at_span, v["evidence"].as_str().unwrap());
        for code in [&v["source"]["code"], &v["cameo"], &v["status"], &v["rule"]] {
            assert!(code.as_str().is_some_and(|c| !c.is_empty()), "empty field in {line}");
        }
        records.push(v);
    }
    records
}

#[test]
fn show_and_events_need_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = dyad(&["events"], &db);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no database"), "{}", stderr(&out));
}
