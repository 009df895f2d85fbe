//! Fuzzing that stays (proptest, bounded, with the ordinary tests): the PETRARCH verb-dictionary
//! reader takes mutations of the small dictionary in `tests/fuzz_corpus/` (a part of dyad's
//! own) without panicking; a dictionary that does not load names its file and a line of it.

use dyad_coder::Coder;
use proptest::prelude::*;

const DEFAULT_CASES: u32 = 1000;

/// Pieces that reach the notation's corners: block headers, synonym sets, patterns, codes
/// with and without their brackets, phrasal verbs, comments, multi-byte words.
const PIECES: &[&[u8]] = &[
    b"--- ",
    b" ---",
    b"&",
    b"+",
    b"- * ",
    b"- % * ",
    b"[",
    b"]",
    b"[010:020]",
    b"[---]",
    b"{",
    b"}",
    b"(",
    b")",
    "ä".as_bytes(),
    b"\n",
];

const CORPUS: &[&[u8]] = &[include_bytes!("fuzz_corpus/small.verbs.txt")];

include!("../../core/tests/support/fuzz_mutate.rs");

proptest! {
    #![proptest_config(config())]

    #[test]
    fn verb_dictionary_takes_mutations(input in mutated(CORPUS)) {
        let text = String::from_utf8_lossy(&input);
        if let Err(e) = Coder::from_petrarch(&text, "fuzz.verbs.txt") {
            let m = e.to_string();
            let line: usize = m
                .strip_prefix("fuzz.verbs.txt:")
                .and_then(|rest| rest.split(':').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("the error names no line: {m}"));
            prop_assert!(line >= 1 && line <= text.lines().count().max(1) + 1, "{m}: no line {line}");
        }
    }
}
