//! The embedded model and the whole stage under bad input: no panic, output aligned to the
//! input, bounded sentences, one root per sentence.

use dyad_core::{Document, Stage};
use dyad_nlp::model::{Model, VERSION};
use dyad_nlp::{ModelError, Nlp, EMBEDDED_MODEL};

#[test]
fn model_file_damage_is_refused_with_a_clear_message() {
    let good = EMBEDDED_MODEL;
    assert!(Model::from_bytes(good, "m").is_ok());
    let err = |bytes: &[u8]| Model::from_bytes(bytes, "m.bin").err().expect("refused");
    assert!(matches!(err(&good[..good.len() - 10]), ModelError::Truncated { .. }));
    assert!(matches!(err(&good[..30]), ModelError::Truncated { .. }));
    assert!(matches!(err(&good[..20]), ModelError::NotAModel { .. }));
    assert!(matches!(err(b"PK\x03\x04 some zip file, not a model"), ModelError::NotAModel { .. }));
    // The message names the file, and says what to do about an old model.
    assert!(err(b"").to_string().starts_with("m.bin: "));
    let mut other = good.to_vec();
    other[8..12].copy_from_slice(&(VERSION + 1).to_le_bytes());
    let old = err(&other);
    assert!(matches!(old, ModelError::Version { found, .. } if found == VERSION + 1));
    assert!(old.to_string().contains("dyad train parser"));
    let mut flipped = good.to_vec();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x40;
    assert!(matches!(err(&flipped), ModelError::Checksum { .. }));
}

/// Check the invariants of an annotated document.
fn check(doc: &Document) {
    let mut last_end = 0;
    for t in &doc.tokens {
        assert!(t.span.start >= last_end && t.span.end > t.span.start);
        assert!(
            doc.text.is_char_boundary(t.span.start as usize)
                && doc.text.is_char_boundary(t.span.end as usize)
        );
        assert!(!doc.span_text(t.span).chars().any(char::is_whitespace));
        last_end = t.span.end;
    }
    let mut next = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        assert_eq!(s.tokens.0, next, "sentences tile the tokens");
        next = s.tokens.1;
        let toks = doc.sentence_tokens(i);
        assert!(!toks.is_empty() && toks.len() <= dyad_nlp::segment::MAX_SENTENCE_TOKENS);
        let roots = toks.iter().filter(|t| t.head == Some(0)).count();
        assert_eq!(roots, 1, "one root in sentence {i}");
        for t in toks {
            let h = t.head.expect("parsed");
            assert!(h as usize <= toks.len());
            assert!(!t.deprel.is_empty() && !t.xpos.is_empty());
        }
    }
    assert_eq!(next as usize, doc.tokens.len());
}

#[test]
fn bad_input_is_annotated_without_panic() {
    let nlp = Nlp::load().expect("embedded model loads");
    let long_sentence = "the talks went on and ".repeat(2_000); // 10,000 tokens, no stop
    let no_punct = "word ".repeat(60_000);
    let cases = [
        String::new(),
        "   ".to_string(),
        "\u{0}\u{1}\u{7f}ctrl\u{1b}[0m chars\u{7}.".to_string(),
        "Москва и Пхеньян. 北京。 서울=뉴시스 — mixed ‘scripts’ here; العربية also.".to_string(),
        "’s n't ... -- “ ” ( ) $ % @".to_string(),
        long_sentence,
        no_punct,
    ];
    for text in cases {
        let mut doc = Document::from_normalised(text.clone());
        nlp.annotate(&mut doc);
        check(&doc);
        let non_space: usize = text.split_whitespace().map(str::len).sum();
        let covered: usize = doc.tokens.iter().map(|t| t.span.len()).sum();
        assert!(covered <= non_space);
    }
}

/// A table dump read as one 5,600-token "sentence" is cut into pieces the parser can take, and
/// the document says so: which sentences are pieces, how long the original was, where.
#[test]
fn a_huge_sentence_is_cut_and_the_cut_is_a_warning() {
    let row = "| Kabul | 1,204 | 33.5 | 69.2 ";
    let text = format!("Officials met in Kabul. {}\n\nThe talks ended.", row.repeat(700));
    let mut doc = Document::new(&text);
    dyad_nlp::text_layer(&mut doc);
    let max = dyad_nlp::segment::MAX_SENTENCE_TOKENS;
    assert!(doc.sentences.len() > 5000 / max, "cut into pieces: {}", doc.sentences.len());
    assert!((0..doc.sentences.len()).all(|i| doc.sentence_tokens(i).len() <= max));
    let warnings: Vec<_> = doc.warnings.iter().filter(|w| w.stage == "nlp").collect();
    assert_eq!(warnings.len(), 1, "{:?}", doc.warnings);
    let m = &warnings[0].message;
    let last_piece = doc.sentences.len() - 2; // the last sentence is "The talks ended."
    assert!(m.starts_with("1 sentence(s) longer than"), "{m}");
    assert!(m.contains(&format!("sentences 1-{last_piece}")), "{m}");
    assert!(m.contains("from character 24"), "{m}");
    // A document of ordinary sentences has no such warning.
    let mut plain = Document::new("Officials met in Kabul. The talks ended.");
    dyad_nlp::text_layer(&mut plain);
    assert!(plain.warnings.is_empty(), "{:?}", plain.warnings);
}
