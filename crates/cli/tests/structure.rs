//! Rules of the code base that a reviewer should not have to re-check by hand: typed errors in
//! library crates, documented public items, no tracker references, sentences split in one
//! place. Each test reads the workspace's sources as text.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `dir` whose name ends with one of `exts`, in a stable order.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "target") {
                    stack.push(p);
                }
            } else if p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| exts.iter().any(|x| n.ends_with(x)))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The library crates: every crate but the binary.
fn library_crates() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(workspace().join("crates"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("src/lib.rs").exists())
        .collect();
    out.sort();
    out
}

/// Lines of `files` for which `bad` holds, as `path:line: text`.
fn offending(files: &[PathBuf], bad: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        for (i, line) in text.lines().enumerate() {
            if bad(line) {
                out.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
            }
        }
    }
    out
}

/// The second type argument of a `Result<` whose arguments start `args`, if on this line.
fn error_type(args: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut comma = None;
    for (i, c) in args.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            ',' if depth == 0 => comma = Some(i + 1),
            '>' | ')' | ']' if depth == 0 => return comma.map(|k| args[k..i].trim()),
            '>' | ')' | ']' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Library crates report failures as typed errors, so callers match on variants, never on text.
#[test]
fn library_crates_return_typed_errors() {
    let sources: Vec<PathBuf> =
        library_crates().iter().flat_map(|c| files(&c.join("src"), &[".rs"])).collect();
    let bad = offending(&sources, |l| {
        l.match_indices("Result<").any(|(i, m)| error_type(&l[i + m.len()..]) == Some("String"))
    });
    assert!(bad.is_empty(), "Result<_, String> in library crates:\n{}", bad.join("\n"));
}

#[test]
fn the_error_type_of_a_result_is_found() {
    assert_eq!(error_type("HashMap<String, String>, CoderError> {"), Some("CoderError"));
    assert_eq!(error_type("Vec<(u32, String)>, String>"), Some("String"));
    assert_eq!(error_type("T>"), None);
}

/// Every library crate asks the compiler to flag undocumented public items (CI denies warnings).
#[test]
fn library_crates_warn_on_missing_docs() {
    let missing: Vec<String> = library_crates()
        .iter()
        .filter(|c| {
            !std::fs::read_to_string(c.join("src/lib.rs"))
                .unwrap_or_default()
                .contains("#![warn(missing_docs)]")
        })
        .map(|c| c.display().to_string())
        .collect();
    assert!(missing.is_empty(), "library crates without #![warn(missing_docs)]: {missing:?}");
}

/// Code and data say what a rule is, not which tracker entry asked for it.
#[test]
fn no_tracker_references() {
    let root = workspace();
    let mut all = files(&root.join("crates"), &[".rs", ".toml", ".md"]);
    all.extend(files(&root.join("data"), &[".tsv", ".txt", ".md", ".jsonl"]));
    let bad = offending(&all, |l| {
        let low = l.to_lowercase();
        low.match_indices("issue").any(|(i, m)| {
            let rest = low[i + m.len()..].trim_start_matches([' ', '#']);
            rest.starts_with(|c: char| c.is_ascii_digit())
        })
    });
    assert!(bad.is_empty(), "tracker references:\n{}", bad.join("\n"));
}

/// Sentences are split by the nlp stage only; other crates read `Document::sentences`.
#[test]
fn sentences_are_split_only_in_nlp() {
    let sources: Vec<PathBuf> = library_crates()
        .iter()
        .filter(|c| !c.ends_with("nlp"))
        .flat_map(|c| files(&c.join("src"), &[".rs"]))
        .collect();
    // A sentence splitter shows itself by its name: a module or function that makes sentences.
    let bad = offending(&sources, |l| {
        let l = l.trim_start();
        l.starts_with("pub fn sentences(")
            || l.starts_with("fn sentences(")
            || l.starts_with("pub fn split_sentences")
            || l.starts_with("fn split_sentences")
            || l.starts_with("mod sentences;")
            || l.starts_with("pub mod sentences;")
    });
    assert!(bad.is_empty(), "sentence splitting outside crates/nlp:\n{}", bad.join("\n"));
}
