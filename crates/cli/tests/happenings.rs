//! One event per happening across documents, at `dyad ingest`, and where events happened
//! (`action_geo`): the real binary over a temporary database.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn dyad(args: &[&str], db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad")).args(args).env("DYAD_DB", db).output().expect("run dyad")
}

fn records(o: Output) -> Vec<Value> {
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// A Yonhap story, credited "(Yonhap)".
const YONHAP: &str = r#"N. Korean FM Choe meets Lavrov in Moscow

North Korean Foreign Minister Choe Son-hui met Russian Foreign Minister Sergei Lavrov in Moscow on Friday for strategic talks, as the two countries deepen military cooperation.

Choe arrived in Moscow earlier this week. The talks came days after North Korea test-fired a new intercontinental ballistic missile, drawing condemnation from Seoul and Washington.

The two ministers discussed the situation on the Korean Peninsula and the implementation of the comprehensive strategic partnership treaty signed in June, according to the Russian foreign ministry.

(Yonhap)
"#;

/// A site republishing it with a new headline, "…, Yonhap reported" and the last paragraph cut.
const REPUBLISHED: &str = r#"North Korea's top diplomat meets Lavrov in Moscow

North Korean Foreign Minister Choe Son-hui met Russian Foreign Minister Sergei Lavrov in Moscow on Friday for strategic talks, as the two countries deepen military cooperation, Yonhap reported.

Choe arrived in Moscow earlier this week. The talks came days after North Korea test-fired a new intercontinental ballistic missile, drawing condemnation from Seoul and Washington.

The two ministers discussed the situation on the Korean Peninsula and the implementation of the comprehensive strategic partnership treaty signed in June, according to the Russian foreign ministry.
"#;

/// Another site's copy, lightly edited.
const REPUBLISHED_EDITED: &str = r#"Choe, Lavrov hold strategic talks in Moscow

North Korean Foreign Minister Choe Son-hui met Russian Foreign Minister Sergei Lavrov in Moscow on Friday for strategic talks, as the two countries deepen their military cooperation, Yonhap reported.

Choe had arrived in Moscow earlier this week. The talks came only days after North Korea test-fired a new intercontinental ballistic missile, drawing condemnation from Seoul and Washington.
"#;

/// An outlet's own report of a meeting in Pyongyang.
const OWN_REPORT: &str = r#"Kim Jong Un praises army

North Korean leader Kim Jong Un praised his army on Tuesday, state media said.

Kim Jong Un met Chinese Premier Li Qiang in Pyongyang on Tuesday to discuss trade between the neighbours.

The meeting at the Kumsusan guesthouse lasted two hours, according to the official Korean Central News Agency.
"#;

/// A wire's independent report of the same meeting, in other words.
const WIRE_REPORT: &str = r#"China's premier in Pyongyang

Chinese Premier Li Qiang met North Korean leader Kim Jong Un in Pyongyang on Tuesday during a rare visit, Chinese state broadcaster CCTV said.

Li told Kim that Beijing valued the traditional friendship between the two countries.

(Reuters)
"#;

fn ingest(dir: &Path, db: &Path, docs: &[(&str, &str)]) {
    let paths: Vec<String> = docs
        .iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p.display().to_string()
        })
        .collect();
    let mut args = vec!["ingest", "--date", "2024-11-01"];
    args.extend(paths.iter().map(String::as_str));
    let o = dyad(&args, db);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

fn find<'a>(events: &'a [Value], source: &str, cameo: &str, target: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["source"]["code"] == source && e["cameo"] == cameo && e["target"]["code"] == target)
        .unwrap_or_else(|| panic!("no {source} {cameo} {target} in {events:#?}"))
}

#[test]
fn a_wire_story_and_two_republications_are_one_event_from_one_source() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(
        dir.path(),
        &db,
        &[("yonhap.txt", YONHAP), ("site-a.txt", REPUBLISHED), ("site-b.txt", REPUBLISHED_EDITED)],
    );
    let events = records(dyad(&["events", "--format", "jsonl"], &db));
    let meeting = find(&events, "PRKGOV", "040", "RUSGOV");
    assert_eq!(meeting["num_articles"], 3, "{meeting:#}");
    assert_eq!(meeting["num_sources"], 1, "{meeting:#}");
    let mentions = meeting["mentions"].as_array().unwrap();
    assert_eq!(meeting["num_mentions"].as_u64().unwrap() as usize, mentions.len());
    let docs: std::collections::BTreeSet<&str> =
        mentions.iter().map(|m| m["doc_id"].as_str().unwrap()).collect();
    assert_eq!(docs.len(), 3, "{mentions:#?}");
    // One record for the happening, not one per article.
    let same = events
        .iter()
        .filter(|e| e["source"]["code"] == "PRKGOV" && e["cameo"] == "040" && e["target"]["code"] == "RUSGOV")
        .count();
    assert_eq!(same, 1);
    assert_eq!(meeting["action_geo"]["name"], "Moscow");
    // Per document, the three reports are three records.
    let per_doc = records(dyad(&["events", "--format", "jsonl", "--per-document"], &db));
    let n = per_doc
        .iter()
        .filter(|e| e["source"]["code"] == "PRKGOV" && e["cameo"] == "040" && e["target"]["code"] == "RUSGOV")
        .count();
    assert_eq!(n, 3);
    assert!(per_doc.iter().all(|e| e["num_articles"] == 1));
}

#[test]
fn two_independent_reports_of_one_meeting_are_one_event_from_two_sources() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(dir.path(), &db, &[("outlet.txt", OWN_REPORT), ("wire.txt", WIRE_REPORT)]);
    let events = records(dyad(&["events", "--format", "jsonl"], &db));
    let meeting = find(&events, "CHNGOV", "040", "PRKGOV");
    assert_eq!(meeting["num_articles"], 2, "{meeting:#}");
    assert_eq!(meeting["num_sources"], 2, "{meeting:#}");
    assert_eq!(meeting["action_geo"]["name"], "Pyongyang");
    assert_eq!(meeting["action_geo"]["country"], "PRK");
    // An act only one of them reports stays its own.
    let praise = events.iter().find(|e| e["source"]["code"] == "PRKGOV" && e["cameo"] == "051").unwrap();
    assert_eq!(praise["num_articles"], 1);
}

/// The seed's foreign ministers' meeting of 1 November took place in Moscow.
#[test]
fn the_seed_meeting_of_1_november_is_placed_in_moscow() {
    let Some(seed) = dyad_core::testdata::shared_path("examples/seed/article.txt") else { return };
    let dir = tempfile::tempdir().unwrap();
    let events =
        records(dyad(&["code", "--format", "jsonl", seed.to_str().unwrap()], &dir.path().join("t.db")));
    let meeting = events
        .iter()
        .find(|e| e["date"] == "2024-11-01" && e["root"] == "04")
        .unwrap_or_else(|| panic!("no meeting of 1 November: {events:#?}"));
    let geo = &meeting["action_geo"];
    assert_eq!((geo["name"].as_str(), geo["country"].as_str()), (Some("Moscow"), Some("RUS")), "{meeting:#}");
    let (lat, lon) = (geo["lat"].as_f64().unwrap(), geo["lon"].as_f64().unwrap());
    assert!((lat - 55.75).abs() < 0.2 && (lon - 37.62).abs() < 0.2, "{geo}");
    assert_eq!(geo["geonames_id"], 524901);
}
