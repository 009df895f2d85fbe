//! The output contract in `docs/output.md` against what the binary emits: every field path of
//! the event records that `dyad code --format jsonl` and `dyad events --format jsonl` print must
//! be documented there, and every event field documented there must be one the records have.
//! Adding a field to the record without documenting it fails here.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn dyad(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad")).args(args).env("DYAD_DB", db).output().expect("run dyad")
}

fn stdout_of(o: Output, what: &str) -> String {
    assert_eq!(o.status.code(), Some(0), "{what}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

/// The field paths of the records: `a`, `a.b` for a field of an object, `a[].b` for a field of
/// the objects in an array. Also, apart, the paths of objects that were null in every record
/// (their fields cannot be seen).
#[derive(Default)]
struct Paths {
    seen: BTreeSet<String>,
    objects: BTreeSet<String>,
}

impl Paths {
    /// `optional`: fields a record may leave out (documented "absent when false").
    fn of_jsonl(jsonl: &str, optional: &BTreeSet<String>) -> (Paths, usize) {
        let mut paths = Paths::default();
        let mut first_keys: Option<Vec<String>> = None;
        let mut n = 0;
        for line in jsonl.lines() {
            let record: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            let Value::Object(fields) = &record else { panic!("a record is not an object: {line}") };
            // Every field is always present, null where unknown, but for the optional marks.
            let keys: Vec<String> = fields.keys().filter(|k| !optional.contains(*k)).cloned().collect();
            match &first_keys {
                None => first_keys = Some(keys),
                Some(first) => assert_eq!(first, &keys, "records differ in their fields: {line}"),
            }
            paths.add(&record, "");
            n += 1;
        }
        (paths, n)
    }

    fn add(&mut self, value: &Value, prefix: &str) {
        match value {
            Value::Object(fields) => {
                for (key, v) in fields {
                    let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    self.seen.insert(path.clone());
                    self.add(v, &path);
                }
                self.objects.insert(prefix.to_string());
            }
            Value::Array(items) => {
                for item in items.iter().filter(|i| i.is_object()) {
                    self.add(item, &format!("{prefix}[]"));
                }
            }
            _ => {}
        }
    }
}

/// The event fields `docs/output.md` documents: the first cell, in backticks, of each row of
/// the field table under "## The event record".
fn documented_fields(doc: &str) -> BTreeSet<String> {
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with("The event record"))
        .expect("docs/output.md has a section \"## The event record\"");
    let mut fields = BTreeSet::new();
    for line in section.lines().filter(|l| l.starts_with('|')) {
        let first = line.trim_start_matches('|').split('|').next().unwrap_or("").trim();
        if let Some(name) = first.strip_prefix('`').and_then(|f| f.strip_suffix('`')) {
            fields.insert(name.to_string());
        }
    }
    fields
}

/// The documented fields a record leaves out unless they are true: "absent when false" in the
/// table's null column.
fn optional_fields(doc: &str) -> BTreeSet<String> {
    let section = doc.split("\n## ").find(|s| s.starts_with("The event record")).unwrap_or("");
    section
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_start_matches('|').split('|').map(str::trim).collect();
            let name = cells.first()?.strip_prefix('`')?.strip_suffix('`')?;
            cells.get(2).is_some_and(|c| c.starts_with("absent when false")).then(|| name.to_string())
        })
        .collect()
}

/// A document with a sentence too long to read whole (an accusation, then hundreds of names),
/// which dyad cuts: its events carry the `truncated` mark.
fn write_cut_document(dir: &Path) -> String {
    let names = ["Russia", "China", "France", "Iran", "Israel", "Germany", "Japan", "Brazil"];
    let list: Vec<&str> = (0..300).map(|i| names[i % names.len()]).collect();
    let text = format!(
        "Russia accused Ukraine of shelling a border village on Monday, naming {} as witnesses.\n",
        list.join(", ")
    );
    let path = dir.join("cut.txt");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn every_emitted_field_is_documented_and_every_documented_field_is_emitted() {
    let Some(seed) = dyad_core::testdata::shared_path("examples/seed/article.txt") else { return };
    let seed = seed.to_str().expect("a UTF-8 path");
    let doc_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/output.md");
    let doc = std::fs::read_to_string(&doc_path).expect("reading docs/output.md");
    let documented = documented_fields(&doc);
    let optional = optional_fields(&doc);
    assert!(optional.contains("truncated"), "docs/output.md says `truncated` is absent when false");
    assert!(documented.len() >= 10, "found only {documented:?} documented in {}", doc_path.display());

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let cut = write_cut_document(dir.path());
    let coded = stdout_of(dyad(&["code", "--format", "jsonl", seed, &cut], &db), "dyad code");
    let (code_paths, n) = Paths::of_jsonl(&coded, &optional);
    assert!(n > 0, "no events from the seed article");
    stdout_of(dyad(&["ingest", seed, &cut], &db), "dyad ingest");
    let stored = stdout_of(dyad(&["events", "--format", "jsonl"], &db), "dyad events");
    let (event_paths, _) = Paths::of_jsonl(&stored, &optional);
    let ids = |jsonl: &str| -> BTreeSet<String> {
        jsonl.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["event_id"].to_string()).collect()
    };
    assert_eq!(ids(&stored), ids(&coded), "dyad events returns the events dyad code printed");
    assert_eq!(event_paths.seen, code_paths.seen, "dyad events and dyad code emit different fields");

    let undocumented: Vec<&String> = code_paths.seen.difference(&documented).collect();
    // A documented field the records do not have is a stale document, unless it belongs to an
    // object that was null in every record of the seed, where it cannot be seen.
    let mut stale = Vec::new();
    for field in documented.difference(&code_paths.seen) {
        let parent = field.rsplit_once('.').map(|(p, _)| p.trim_end_matches("[]"));
        match parent {
            Some(p) if code_paths.seen.contains(p) && !code_paths.objects.contains(p) => {
                eprintln!("not checked: {field} (its object {p} is null in every seed record)");
            }
            _ => stale.push(field),
        }
    }
    assert!(
        undocumented.is_empty() && stale.is_empty(),
        "docs/output.md and the emitted records disagree.\n\
         emitted but not documented (add a row to its field table): {undocumented:?}\n\
         documented but never emitted: {stale:?}"
    );
}

#[test]
fn paths_recurse_into_objects_and_arrays_of_objects() {
    let (p, n) =
        Paths::of_jsonl(r#"{"a":1,"b":{"c":null,"d":[{"e":2}]},"f":[1,2],"g":null}"#, &BTreeSet::new());
    assert_eq!(n, 1);
    let want = ["a", "b", "b.c", "b.d", "b.d[].e", "f", "g"];
    assert_eq!(p.seen, want.iter().map(|s| s.to_string()).collect());
    let doc = "# x\n\n## The event record\n\n| field | type |\n|---|---|\n| `a` | int |\n| `b.c` | x |\n\
               \n## Statuses\n\n| `asserted` | y |\n";
    assert_eq!(documented_fields(doc), ["a", "b.c"].iter().map(|s| s.to_string()).collect());
    let doc =
        "# x\n\n## The event record\n\n| `a` | int | no | x |\n| `t` | boolean | absent when false | y |\n";
    assert_eq!(optional_fields(doc), ["t"].iter().map(|s| s.to_string()).collect());
}
