//! Fuzzing that stays (proptest, bounded, with the ordinary tests): the time grammar takes
//! mutations of the seed corpus in `tests/fuzz_corpus/` and arbitrary text, anchored or not,
//! without panicking; every expression lies in the text on character boundaries, is not empty,
//! and its value, when it has one, is a TIMEX3 value (ASCII, no spaces).

use chrono::NaiveDate;
use dyad_time::Mode;
use proptest::prelude::*;

const DEFAULT_CASES: u32 = 1000;

/// Pieces that reach the grammar's corners: numbers at and past calendar limits, ranges,
/// relative words, ordinals, clock times, multi-byte text.
const PIECES: &[&[u8]] = &[
    b"31 February ",
    b"99999 ",
    b"-",
    b"\xe2\x80\x93",
    b"next ",
    b"last ",
    b"ago ",
    b"the 1990s ",
    b"21st century ",
    b"0000-00-00",
    b"9999-12-31T25:61",
    b"at 24:00 ",
    b"week 53 ",
    b"Q5 ",
    "二〇二四年".as_bytes(),
    b"\n\n",
];

const CORPUS: &[&[u8]] = &[include_bytes!("fuzz_corpus/dates.txt")];

include!("../../core/tests/support/fuzz_mutate.rs");

fn check(text: &str, anchor: Option<NaiveDate>, narrative: bool) {
    let mode = if narrative { Mode::Narrative } else { Mode::News };
    for t in dyad_time::tag(text, anchor, mode) {
        let (a, b) = (t.span.start as usize, t.span.end as usize);
        assert!(a < b && b <= text.len(), "span {:?} outside the text", t.span);
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b), "span {:?} inside a character", t.span);
        assert!(t.value.is_ascii() && !t.value.contains(char::is_whitespace), "value {:?}", t.value);
    }
}

fn anchor() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of(
        (1i32..9999, 1u32..13, 1u32..29).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn timex_grammar_takes_mutations(input in mutated(CORPUS), anchor in anchor(), narrative in any::<bool>()) {
        check(&String::from_utf8_lossy(&input), anchor, narrative);
    }

    #[test]
    fn timex_grammar_takes_any_text(text in "[0-9A-Za-z ,.:/\\-]{0,120}|\\PC{0,200}", anchor in anchor()) {
        check(&text, anchor, false);
    }
}
