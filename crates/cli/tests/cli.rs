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

#[test]
fn every_kind_of_bad_input_fails_alone_and_is_recorded() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(inputs.join(name), bytes).unwrap();
    put("good.txt", ARTICLE.as_bytes());
    put("empty.txt", b"");
    put("binary.txt", &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 255, 254, 0, 7].repeat(64));
    put("latin1.txt", b"Caf\xe9 owners in Paris praised the mayor of Lyon.\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(ARTICLE.repeat(50).as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    put("truncated.txt.gz", &gz[..gz.len() / 2]);
    put(
        "feed.jsonl",
        b"{\"id\":\"a\",\"date\":\"2024-06-01\",\"text\":\"Russia praised China on Monday.\"}\n\
          {\"id\":\"b\",\"text\":\"broken\n\
          {\"id\":\"c\",\"date\":\"2024-06-02\",\"text\":\"China thanked Russia on Tuesday.\"}\n",
    );
    put("huge.txt", &vec![b'a'; 50 * 1024 * 1024]);
    let missing = dir.path().join("missing.txt");
    let args = ["ingest", inputs.to_str().unwrap(), missing.to_str().unwrap()];

    let first = dyad(&args, &db);
    let err = stderr(&first);
    assert_eq!(first.status.code(), Some(1), "{err}");
    for name in ["empty.txt", "binary.txt", "truncated.txt.gz", "feed.jsonl:2", "huge.txt", "missing.txt"] {
        assert!(err.lines().any(|l| l.contains(name)), "no line names {name}: {err}");
    }
    assert!(err.lines().any(|l| l.contains("latin1.txt")), "the replaced bytes are flagged: {err}");
    assert!(err.contains("4 added"), "good.txt, latin1.txt and two feed lines are stored: {err}");
    assert!(err.contains("6 failed"), "{err}");

    let again = dyad(&args, &db);
    let err2 = stderr(&again);
    assert_eq!(again.status.code(), Some(1), "{err2}");
    assert!(err2.contains("0 added") && err2.contains("4 already stored"), "{err2}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM documents"), 4);
    assert_eq!(count("SELECT count(*) FROM failures"), 6, "each failure is recorded once");
}

#[test]
fn a_pronoun_actor_is_named_by_its_antecedent_in_code_and_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(
        &input,
        "Bangladesh says it will not accept any refugees fleeing the violence in Myanmar.\n",
    )
    .unwrap();
    let db = dir.path().join("t.db");
    let coded = dyad(&["code", input.to_str().unwrap()], &db);
    assert_eq!(coded.status.code(), Some(0), "{}", stderr(&coded));
    assert_eq!(dyad(&["ingest", input.to_str().unwrap()], &db).status.code(), Some(0));
    let stored = dyad(&["events", "--format", "jsonl"], &db);
    for out in [coded, stored] {
        let stdout = String::from_utf8(out.stdout).unwrap();
        let of_it: Vec<serde_json::Value> = stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|r| r["source"]["text"] == "it")
            .collect();
        assert!(!of_it.is_empty(), "an event of 'it': {stdout}");
        for r in of_it {
            assert_eq!(r["source"]["name"], "Bangladesh", "{r}");
            assert_eq!(r["target"]["name"], r["target"]["text"], "a name names itself: {r}");
        }
    }
}
