//! Users' own dictionaries at code time, as a user runs them: `dyad code --dictionaries DIR`
//! over a directory written here, checked against the same command without it.

use std::path::Path;
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad")).args(args).output().expect("run dyad")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A dictionary directory holding `files` (name, contents).
fn dict_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// `(source, code, target)` of each event `dyad code` prints for `text`, with `extra` options.
fn events(text: &str, extra: &[&str]) -> Vec<(String, String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("article.txt");
    std::fs::write(&input, text).unwrap();
    let mut args = vec!["code", "--date", "2024-03-01"];
    args.extend_from_slice(extra);
    args.push(input.to_str().unwrap());
    let out = dyad(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON record");
            let code = |p: &str| v.pointer(p).and_then(|c| c.as_str()).unwrap_or("").to_string();
            (code("/source/code"), code("/cameo"), code("/target/code"))
        })
        .collect()
}

fn with_dir(dir: &Path) -> [String; 2] {
    ["--dictionaries".to_string(), dir.display().to_string()]
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// A made-up country and verb: the sentence codes nothing with the shipped dictionaries and
/// the user's event with the user's.
const FREEDONIA: (&str, &str) = ("countries.tsv", "# a made-up country\nFRD\tFreedonia\t\tFreedonian\n");
const BEFRIEND: (&str, &str) = (
    "freedonia.verbs.txt",
    "--- BEFRIEND [051] ---\nBEFRIEND {BEFRIENDS BEFRIENDED BEFRIENDING}\n- * (WITH) [051]\n",
);

#[test]
fn a_users_actor_and_verb_code_a_sentence_the_shipped_ones_do_not() {
    let text = "Freedonia befriended Russia on Monday.";
    let before = events(text, &[]);
    assert!(!before.iter().any(|e| e.0 == "FRD" || e.1 == "051"), "{before:?}");
    let dir = dict_dir(&[FREEDONIA, BEFRIEND]);
    let after = events(text, &args(&with_dir(dir.path())));
    assert!(after.contains(&("FRD".into(), "051".into(), "RUS".into())), "{after:?}");
    // The actor alone, with a shipped verb; the shipped actors are still there.
    let dir = dict_dir(&[FREEDONIA]);
    let got = events("Freedonian troops attacked Russia.", &args(&with_dir(dir.path())));
    assert!(got.iter().any(|e| e.0 == "FRDMIL" && e.2 == "RUS"), "{got:?}");
}

#[test]
fn a_users_entry_wins_over_the_shipped_one() {
    // A shipped person given another country and office.
    let before = events("Sergey Lavrov condemned Ukraine.", &[]);
    assert!(before.iter().any(|e| e.0 == "RUSGOV"), "{before:?}");
    let dir = dict_dir(&[
        FREEDONIA,
        ("people.tsv", "Sergey Lavrov\tFRD\tLavrov\n"),
        ("offices.tsv", "Sergey Lavrov\tFRDGOV\tforeign minister\t2020-01-01\n"),
    ]);
    let after = events("Sergey Lavrov condemned Ukraine.", &args(&with_dir(dir.path())));
    assert!(after.iter().any(|e| e.0 == "FRDGOV"), "{after:?}");
    assert!(!after.iter().any(|e| e.0.starts_with("RUS")), "{after:?}");
    // A shipped verb given another code: the user's block alone codes it.
    let shipped = events("Russia condemned Ukraine.", &[]);
    let code = &shipped.iter().find(|e| e.0 == "RUS" && e.2 == "UKR").expect("shipped codes it").1;
    assert_ne!(code, "051");
    let dir = dict_dir(&[("my.verbs.txt", "--- CONDEMN_MINE [051] ---\nCONDEMN\n")]);
    let mine = events("Russia condemned Ukraine.", &args(&with_dir(dir.path())));
    assert_eq!(mine, [("RUS".into(), "051".into(), "UKR".into())]);
}

#[test]
fn no_default_dictionaries_leaves_the_shipped_ones_out() {
    let condemn = ("my.verbs.txt", "--- CONDEMN_MINE [111] ---\nCONDEMN {CONDEMNS CONDEMNED}\n");
    let dir = dict_dir(&[FREEDONIA, condemn]);
    let text = "Freedonia condemned Russia.";
    let with = events(text, &args(&with_dir(dir.path())));
    assert!(with.contains(&("FRD".into(), "111".into(), "RUS".into())), "{with:?}");
    let mut only = with_dir(dir.path()).to_vec();
    only.push("--no-default-dictionaries".into());
    let alone = events(text, &args(&only));
    assert!(alone.iter().any(|e| e.0 == "FRD" && e.1 == "111"), "{alone:?}");
    assert!(!alone.iter().any(|e| e.2 == "RUS"), "Russia is a shipped actor: {alone:?}");
    // Without the shipped verbs, a shipped verb codes nothing.
    let none = events("Freedonia attacked Russia.", &args(&only));
    assert!(none.is_empty(), "{none:?}");
    // The option needs a directory.
    assert_eq!(dyad(&["code", "--no-default-dictionaries", "x.txt"]).status.code(), Some(2));
}

#[test]
fn petrarch_files_are_read_by_name() {
    let dir = dict_dir(&[
        ("my.actors.txt", "FREEDONIA_ [FRD]\n+FREEDONIAN_\n"),
        ("my.agents.txt", "GOVERNMENT [~GOV]\n"),
        ("CAMEO.verbpatterns.txt", "--- BEFRIEND [051] ---\nBEFRIEND {BEFRIENDED}\n"),
        ("my.discards.txt", "+WORLD_CUP\n"),
    ]);
    let opts = with_dir(dir.path());
    let got = events("The Freedonian government befriended Russia.", &args(&opts));
    assert!(got.contains(&("FRDGOV".into(), "051".into(), "RUS".into())), "{got:?}");
    // A story discard: nothing coded in a document that holds the phrase.
    let got = events("The Freedonian government befriended Russia before the World Cup.", &args(&opts));
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_bad_line_names_file_and_line_and_exits_2() {
    let input = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(input.path(), "Russia condemned Ukraine.").unwrap();
    for (name, text, want) in [
        ("people.tsv", "Ann Smith\tGBR\nBob Jones\tfreedonia\n", "people.tsv:2: "),
        ("x.verbs.txt", "--- BEFRIEND [051] ---\nBEFRIEND\n- * FRIEND [051\n", "x.verbs.txt:3: "),
        ("x.verbs.txt", "--- BEFRIEND [999] ---\nBEFRIEND\n", "x.verbs.txt:1: 999 is not a CAMEO event code"),
        ("offices.tsv", "Nobody Known\tFRDGOV\tking\n", "offices.tsv:1: no person"),
        ("my.actors.txt", "FREEDONIA_ [FRD\n", "my.actors.txt:1: "),
        ("nouns.tsv", "visit\t042\n", "nouns.tsv:1: expected 4"),
    ] {
        let dir = dict_dir(&[(name, text)]);
        let out =
            dyad(&["code", "--dictionaries", dir.path().to_str().unwrap(), input.path().to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        let at = dir.path().join(want).display().to_string();
        assert!(err.contains(&at), "{name}: want {at:?} in {err}");
        assert!(out.stdout.is_empty(), "nothing coded");
    }
}

#[test]
fn an_unknown_file_name_or_directory_exits_2() {
    let input = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(input.path(), "Russia condemned Ukraine.").unwrap();
    let dir = dict_dir(&[FREEDONIA, ("notes.txt", "my notes\n")]);
    // Subdirectories and hidden files are passed over.
    std::fs::create_dir(dir.path().join("old")).unwrap();
    std::fs::write(dir.path().join(".swp"), "x").unwrap();
    let out = dyad(&["code", "--dictionaries", dir.path().to_str().unwrap(), input.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("notes.txt: not a dictionary file name"), "{err}");
    assert!(!err.contains(".swp") && !err.contains("old"), "{err}");
    let missing = dir.path().join("none");
    let out = dyad(&["code", "--dictionaries", missing.to_str().unwrap(), input.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("none"), "{}", stderr(&out));
}

#[test]
fn ingest_stores_events_of_a_users_dictionaries() {
    let dir = dict_dir(&[FREEDONIA, BEFRIEND]);
    let work = tempfile::tempdir().unwrap();
    let (db, input) = (work.path().join("t.db"), work.path().join("a.txt"));
    std::fs::write(&input, "Freedonia befriended Russia on Monday.").unwrap();
    let (db, input) = (db.to_str().unwrap(), input.to_str().unwrap());
    let d = dir.path().to_str().unwrap();
    let out = dyad(&["ingest", "--db", db, "--date", "2024-03-01", "--dictionaries", d, input]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = dyad(&["events", "--db", db]);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("FRD") && listed.contains("051"), "{listed}");
    let bad = dict_dir(&[("notes.txt", "")]);
    let out = dyad(&["ingest", "--db", db, "--dictionaries", bad.path().to_str().unwrap(), input]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
