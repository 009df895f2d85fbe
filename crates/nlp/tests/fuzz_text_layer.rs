//! Fuzzing that stays (proptest, bounded, with the ordinary tests): the tokenizer, sentence
//! splitter, paragraphs and quote pairing (`text_layer`) take mutations of the seed corpus in
//! `tests/fuzz_corpus/` and arbitrary text without panicking, and every span they give lies in
//! the text, on character boundaries, in order.

use dyad_core::Document;
use proptest::prelude::*;

const DEFAULT_CASES: u32 = 1000;

/// Pieces that reach the tokenizer's corners: quote marks, clitics, abbreviations, numbers,
/// URLs, multi-byte letters, blank lines, a lone combining mark.
const PIECES: &[&[u8]] = &[
    "“".as_bytes(),
    "”".as_bytes(),
    b"\"",
    b"'",
    b"n't",
    b"U.S.",
    b"Dr.",
    b"3.5",
    b"https://x.org/a.b",
    "北朝鮮".as_bytes(),
    "\u{301}".as_bytes(),
    b"\n\n",
    b"\n",
    b". ",
    b"(",
    b"...",
];

const CORPUS: &[&[u8]] = &[include_bytes!("fuzz_corpus/article.txt")];

include!("../../core/tests/support/fuzz_mutate.rs");

fn check(text: &str) {
    let mut doc = Document::new(text);
    dyad_nlp::text_layer(&mut doc);
    let t = &doc.text;
    let ok = |s: dyad_core::Span| {
        s.start <= s.end
            && (s.end as usize) <= t.len()
            && t.is_char_boundary(s.start as usize)
            && t.is_char_boundary(s.end as usize)
    };
    let mut last = 0;
    for tok in &doc.tokens {
        assert!(
            ok(tok.span) && tok.span.start >= last && tok.span.end > tok.span.start,
            "token {:?}",
            tok.span
        );
        last = tok.span.end;
    }
    let mut next = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        assert!(ok(s.span), "sentence {i} {:?}", s.span);
        assert_eq!(s.tokens.0, next, "sentences tile the tokens");
        assert!(
            s.tokens.1 > s.tokens.0
                && (s.tokens.1 - s.tokens.0) as usize <= dyad_nlp::segment::MAX_SENTENCE_TOKENS
        );
        next = s.tokens.1;
    }
    assert_eq!(next as usize, doc.tokens.len());
    assert!(doc.paragraphs.iter().all(|&p| ok(p)));
    for q in &doc.quote_marks {
        assert!(ok(q.outer) && ok(q.content) && q.outer.start <= q.content.start, "quote marks {q:?}");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn text_layer_takes_mutations(input in mutated(CORPUS)) {
        check(&String::from_utf8_lossy(&input));
    }

    #[test]
    fn text_layer_takes_any_text(text in "\\PC{0,400}") {
        check(&text);
    }
}
