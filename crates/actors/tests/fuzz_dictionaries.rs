//! Fuzzing that stays (proptest, bounded, with the ordinary tests): the dictionary readers take
//! mutations of the small dictionaries in `tests/fuzz_corpus/` (dyad's TSV actor files, read
//! from a folder as a user gives one; PETRARCH actor and agent files) without panicking; a
//! dictionary that does not load says which file and which line, and that line exists.

use dyad_actors::{ActorTagger, Error, PetrarchActors};
use proptest::prelude::*;

const DEFAULT_CASES: u32 = 256;

/// Pieces that reach the readers' corners: tabs and separators, brackets and braces, dates,
/// codes, comments, multi-byte names, blank lines.
const PIECES: &[&[u8]] = &[
    b"\t",
    b";",
    b"[",
    b"]",
    b"{",
    b"}",
    b"+",
    b"~",
    b"_",
    b"#",
    b"2024-13-45",
    b">991231",
    b"<000101 ",
    b"\tperson\t",
    "Владимир Путин".as_bytes(),
    b"\n\n",
];

const TSV: [(&str, &[u8]); 5] = [
    ("countries.tsv", include_bytes!("fuzz_corpus/countries.tsv")),
    ("organizations.tsv", include_bytes!("fuzz_corpus/organizations.tsv")),
    ("agents.tsv", include_bytes!("fuzz_corpus/agents.tsv")),
    ("people.tsv", include_bytes!("fuzz_corpus/people.tsv")),
    ("offices.tsv", include_bytes!("fuzz_corpus/offices.tsv")),
];
const PETRARCH: &[&[u8]] =
    &[include_bytes!("fuzz_corpus/small.actors.txt"), include_bytes!("fuzz_corpus/small.agents.txt")];

include!("../../core/tests/support/fuzz_mutate.rs");

/// A load error names a file among `files` (name, text) and one of its lines.
fn names_a_line(e: &Error, files: &[(&str, &str)]) {
    let Error::BadLine { file, line, .. } = e else { panic!("not a bad line: {e}") };
    let (_, text) =
        files.iter().find(|(name, _)| file.ends_with(name)).unwrap_or_else(|| panic!("{e}: which file?"));
    assert!(*line >= 1 && *line <= text.lines().count().max(1), "{e}: no line {line}");
    assert!(e.to_string().starts_with(&format!("{file}:{line}: ")), "{e}");
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn tsv_actor_files_take_mutations(
        which in 0..TSV.len(),
        edits in prop::collection::vec((any::<u16>(), 0u8..6, any::<u8>(), 0..PIECES.len()), 1..8),
    ) {
        // One file mutated, the others as in the corpus.
        let dir = tempfile::tempdir().unwrap();
        let mut texts: Vec<(&str, String)> = Vec::new();
        for (k, (name, seed)) in TSV.iter().enumerate() {
            let bytes = if k == which { apply(seed, &edits) } else { seed.to_vec() };
            std::fs::write(dir.path().join(name), &bytes).unwrap();
            texts.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
        let files: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
        match ActorTagger::load_dir(dir.path()) {
            Ok(tagger) => {
                let _ = tagger.mentions("President Joe Biden met the UN in Kabul.", None, &[]);
            }
            Err(Error::Read { .. }) => {} // not UTF-8: the reader names the file
            Err(e) => names_a_line(&e, &files),
        }
    }

    #[test]
    fn petrarch_files_take_mutations(actors in mutated(PETRARCH), agents in mutated(PETRARCH)) {
        let (actors, agents) = (String::from_utf8_lossy(&actors), String::from_utf8_lossy(&agents));
        match PetrarchActors::parse("x.actors.txt", &actors, "x.agents.txt", &agents) {
            Ok(dicts) => {
                let tagger = ActorTagger::from_petrarch(dicts);
                let _ = tagger.mentions("Gondor's prime minister met Bree police.", None, &[]);
            }
            Err(e) => names_a_line(&e, &[("x.actors.txt", &actors), ("x.agents.txt", &agents)]),
        }
    }
}
