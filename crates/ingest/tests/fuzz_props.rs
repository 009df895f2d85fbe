//! Fuzzing that stays, with shrinking (proptest, bounded, with the ordinary tests): the HTML
//! extractor and the JSONL reader take mutations of the seed corpus in `tests/fuzz_corpus/`
//! without panicking; every document keeps the invariants later stages rely on, and a JSONL
//! line that fails is named by a line the input has.

use proptest::prelude::*;
use std::io::Cursor;

const DEFAULT_CASES: u32 = 1000;

/// Pieces that reach corners: markup, entities, JSON syntax, invalid UTF-8, a BOM.
const PIECES: &[&[u8]] = &[
    b"<",
    b">",
    b"</p>",
    b"<script>",
    b"<article>",
    b"&amp;",
    b"&#99999999;",
    "“".as_bytes(),
    b"\xff\xfe",
    b"\xe2\x80",
    b"{\"text\": \"",
    b"\"}\n",
    b"\\u0000",
    b"\xef\xbb\xbf",
    b"\n",
    b"\n\n",
];

const HTML: &[&[u8]] = &[include_bytes!("fuzz_corpus/page.html")];
const JSONL: &[&[u8]] = &[include_bytes!("fuzz_corpus/feed.jsonl")];

include!("../../core/tests/support/fuzz_mutate.rs");

fn check(doc: &dyad_core::Document) {
    assert_eq!(doc.id, dyad_core::text::content_hash(doc.text.as_bytes()));
    let t = &doc.text;
    for s in &doc.sections {
        let (a, b) = (s.span.start as usize, s.span.end as usize);
        assert!(
            a <= b && b <= t.len() && t.is_char_boundary(a) && t.is_char_boundary(b),
            "section {:?}",
            s.span
        );
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn html_extractor_takes_mutations(input in mutated(HTML)) {
        if let Ok(doc) = dyad_ingest::document_from_html(&input, "fuzz.html") {
            check(&doc);
        }
    }

    #[test]
    fn jsonl_reader_takes_mutations(input in mutated(JSONL)) {
        let lines = input.split(|&b| b == b'\n').count();
        for (k, item) in dyad_ingest::read_stream(Box::new(Cursor::new(input)), "feed.jsonl").enumerate() {
            prop_assert!(k <= lines, "more items than lines");
            match item {
                Ok(doc) => check(&doc),
                Err(f) => {
                    // A line's failure is named `feed.jsonl:LINE`, a line the input has.
                    if let Some(line) = f.origin.strip_prefix("feed.jsonl:") {
                        let line: usize = line.parse().unwrap_or_else(|_| panic!("origin {:?}", f.origin));
                        prop_assert!(line >= 1 && line <= lines, "line {} of {}", line, lines);
                    } else {
                        prop_assert_eq!(&f.origin, "feed.jsonl");
                    }
                }
            }
        }
    }
}
