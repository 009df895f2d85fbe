//! Bounded property tests (fuzzing that runs with the ordinary tests, on stable Rust): the
//! HTML extractor, the JSONL reader and the plain-text reader take thousands of mutations of
//! the small corpus in `tests/fuzz_corpus/` without panicking, and every document they give
//! keeps the invariants later stages rely on (sections are ranges of the text on character
//! boundaries, the id is the text's hash). Deterministic: a failure names the seed to rerun.

use std::io::Cursor;

const CORPUS: [&[u8]; 3] = [
    include_bytes!("fuzz_corpus/page.html"),
    include_bytes!("fuzz_corpus/feed.jsonl"),
    include_bytes!("fuzz_corpus/article.txt"),
];

/// Cases per input and run: a few seconds in all. `DYAD_FUZZ_CASES` runs more.
fn cases() -> u64 {
    std::env::var("DYAD_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1500)
}

/// xorshift64*: a small deterministic generator, enough to pick mutations.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments that tend to reach corners: markup, entities, quotes, multi-byte and invalid
/// UTF-8, JSON syntax, a BOM.
const PIECES: [&[u8]; 16] = [
    b"<",
    b">",
    b"</p>",
    b"<script>",
    b"&amp;",
    b"&#x1F600;",
    b"&#99999999;",
    "“".as_bytes(),
    "北朝鮮".as_bytes(),
    b"\xff\xfe",
    b"\xe2\x80",
    b"{\"text\": \"",
    b"\"}\n",
    b"\\u0000",
    b"\xef\xbb\xbf",
    b"\n\n",
];

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(b.len() + 1);
        match rng.below(6) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            1 => {
                let piece = PIECES[rng.below(PIECES.len())];
                b.splice(at..at, piece.iter().copied());
            }
            2 => b.truncate(at),
            3 if at < b.len() => {
                let end = (at + rng.below(64)).min(b.len());
                let copy = b[at..end].to_vec();
                b.splice(at..at, copy);
            }
            4 if at < b.len() => {
                let end = (at + rng.below(32)).min(b.len());
                b.drain(at..end);
            }
            _ => {
                let other = CORPUS[rng.below(CORPUS.len())];
                let from = rng.below(other.len());
                let end = (from + rng.below(80)).min(other.len());
                b.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    b
}

fn check(doc: &dyad_core::Document, what: &str, seed: u64) {
    assert_eq!(doc.id, dyad_core::text::content_hash(doc.text.as_bytes()), "{what} seed {seed}: id");
    for s in &doc.sections {
        assert!(
            s.span.start <= s.span.end
                && (s.span.end as usize) <= doc.text.len()
                && doc.text.is_char_boundary(s.span.start as usize)
                && doc.text.is_char_boundary(s.span.end as usize),
            "{what} seed {seed}: section {:?} outside the text",
            s.span
        );
    }
}

#[test]
fn html_extractor_takes_mutations() {
    for seed in 0..cases() {
        let mut rng = Rng(seed * 2 + 1);
        let input = mutate(CORPUS[0], &mut rng);
        if let Ok(doc) = dyad_ingest::document_from_html(&input, "fuzz.html") {
            check(&doc, "html", seed);
        }
    }
}

#[test]
fn stream_reader_takes_mutations() {
    for seed in 0..cases() {
        let mut rng = Rng(seed * 2 + 7);
        let corpus = CORPUS[1 + rng.below(2)];
        let input = mutate(corpus, &mut rng);
        for (k, item) in dyad_ingest::read_stream(Box::new(Cursor::new(input)), "-").enumerate() {
            assert!(k < 10_000, "seed {seed}: the reader does not end");
            match item {
                Ok(doc) => check(&doc, "stream", seed),
                Err(f) => assert!(!f.origin.is_empty(), "seed {seed}: a failure names its input"),
            }
        }
    }
}

#[test]
fn text_reader_takes_mutations() {
    for seed in 0..cases() {
        let mut rng = Rng(seed * 2 + 3);
        let input = mutate(CORPUS[2], &mut rng);
        let text = String::from_utf8_lossy(&input);
        check(&dyad_ingest::document_from_text(&text, "fuzz.txt"), "text", seed);
    }
}
