//! Caps on the work one sentence can cost, run as a user would: a table dump read as one
//! sentence of thousands of tokens and a list naming hundreds of actors in one sentence are
//! cut into pieces the parser can take; the run ends in bounded time, the events of the
//! ordinary sentences around them are still found, and the document says what was cut, on
//! stderr (`dyad code`) and in the store (`dyad ingest`).

use std::process::Command;

const ONE: &str = "Russia accused Ukraine of shelling a border village on Monday.";

fn document() -> String {
    let table = "| Kabul | 1,204 | 33.5 | 69.2 ".repeat(700);
    let countries = ["Russia", "China", "France", "Iran", "Israel", "Germany", "Japan", "Brazil"];
    let list: Vec<&str> = (0..500).map(|i| countries[i % countries.len()]).collect();
    format!("{ONE}\n\n{table}\n\nDelegates of {} met in Geneva.\n\n{ONE}\n", list.join(", "))
}

#[test]
fn a_huge_sentence_is_cut_and_the_document_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dump.txt");
    std::fs::write(&path, document()).unwrap();
    let db = dir.path().join("t.db");
    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["code", path.to_str().unwrap(), "--format", "jsonl"])
        .env("DYAD_DB", &db)
        .output()
        .expect("run dyad");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // Generous: a loaded test machine, an unoptimised build. Unbounded work would take minutes.
    assert!(started.elapsed().as_secs() < 120, "took {:?}", started.elapsed());
    let records: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let accusations = records
        .iter()
        .filter(|r| r["source"]["code"] == "RUS" && r["root"] == "11" && r["evidence"] == ONE)
        .count();
    assert!(accusations >= 1, "the ordinary sentences are still coded: {records:?}");
    // `dyad code` reports a document's warnings on stderr, one JSON object a line.
    let cut: Vec<serde_json::Value> = stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|w| w["warning"].as_str().is_some_and(|m| m.contains("cut into pieces")))
        .collect();
    assert_eq!(cut.len(), 1, "one warning about the cut sentences: {stderr}");
    assert!(cut[0]["origin"].as_str().unwrap().ends_with("dump.txt"), "{stderr}");
    let message = cut[0]["warning"].as_str().unwrap();
    assert!(message.contains("2 sentence(s)"), "the table and the list are both cut: {message}");

    let status = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", path.to_str().unwrap(), "--db", db.to_str().unwrap()])
        .output()
        .expect("run dyad");
    assert_eq!(status.status.code(), Some(0), "{}", String::from_utf8_lossy(&status.stderr));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let warnings: String = conn.query_row("SELECT warnings FROM documents", [], |r| r.get(0)).unwrap();
    assert!(warnings.contains("cut into pieces"), "the warning is stored with the document: {warnings}");
}

/// An event found in a piece of a cut sentence says so (`truncated: true`), in `dyad code` and,
/// read back from the store, in `dyad events`; events of whole sentences have no such field.
#[test]
fn events_of_a_cut_sentence_are_marked_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let countries = ["Russia", "China", "France", "Iran", "Israel", "Germany", "Japan", "Brazil"];
    let list: Vec<&str> = (0..300).map(|i| countries[i % countries.len()]).collect();
    // The other way round from ONE, so that the two are not linked into one record.
    let long = format!(
        "Ukraine accused Russia of shelling a border village on Monday, naming {} as witnesses.",
        list.join(", ")
    );
    let path = dir.path().join("cut.txt");
    std::fs::write(&path, format!("{ONE}\n\n{long}\n\n{ONE}\n")).unwrap();
    let db = dir.path().join("t.db");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(args)
            .env("DYAD_DB", &db)
            .output()
            .expect("run dyad");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let file = path.to_str().unwrap();
    let check = |jsonl: &str, what: &str| {
        let records: Vec<serde_json::Value> =
            jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let (cut, whole): (Vec<_>, Vec<_>) = records.iter().partition(|r| r["evidence"] != ONE);
        assert!(
            !whole.is_empty() && !cut.is_empty(),
            "{what}: events in both kinds of sentence: {records:?}"
        );
        for r in &cut {
            assert!(long.starts_with(r["evidence"].as_str().unwrap()), "{what}: {r}");
            assert_eq!(r["truncated"], true, "{what}: a piece's event is marked: {r}");
        }
        for r in &whole {
            assert!(r.get("truncated").is_none(), "{what}: a whole sentence's event has no mark: {r}");
        }
    };
    check(&run(&["code", file, "--format", "jsonl"]), "dyad code");
    run(&["ingest", file]);
    check(&run(&["events", "--format", "jsonl", "--per-document"]), "dyad events");
}
