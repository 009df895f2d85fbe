//! Segmentation of the seed article.

use dyad_core::{Document, Stage};

#[test]
fn seed_article_segments_into_expected_sentences() {
    let Some(path) = dyad_core::testdata::shared_path("examples/seed/article.txt") else { return };
    let raw = std::fs::read_to_string(&path).expect("seed article readable");
    let mut doc = Document::new(&raw);
    let nlp = dyad_nlp::Nlp::load().expect("models load");
    nlp.annotate(&mut doc);
    let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.span_text(s.span)).collect();
    // Every sentence lies within one paragraph, and tokens tile each sentence in order.
    for (i, s) in doc.sentences.iter().enumerate() {
        assert!(!doc.span_text(s.span).contains("\n\n"), "sentence {i} crosses a blank line");
        let toks = doc.sentence_tokens(i);
        assert_eq!(toks.first().map(|t| t.span.start), Some(s.span.start));
        assert_eq!(toks.last().map(|t| t.span.end), Some(s.span.end));
    }
    let find = |needle: &str| sentences.iter().position(|s| s.contains(needle));
    // The headline's ellipsis ends a sentence; the quote that follows is one sentence.
    assert_eq!(sentences[0], "North Korea and Russia say the cause of political tension is provocation by the U.S. and its allies…");
    assert_eq!(sentences[1], "“The relationship between the two countries has become closer.”");
    assert_eq!(sentences[2], "by times news cr");
    // The photo credit after the caption's stop starts with a digit: a sentence of its own.
    let caption = find("Yaroslavsky Station").expect("caption sentence");
    assert!(sentences[caption].ends_with("in Moscow."));
    assert_eq!(sentences[caption + 1], "2024.11.02 Moscow = AP/Newsis");
    // Quotes closing after the stop stay in their sentence.
    let q = find("On strategic consultations").expect("bulletin sentence");
    assert!(sentences[q].ends_with("Republic of Korea.”"));
    let tokens: Vec<&str> = doc.tokens.iter().map(|t| doc.span_text(t.span)).collect();
    for whole in ["Hwasongpo-19", "ROK-US", "U.S.", "Il-sung", "Choe", "Son-hui", "Jong-un", "18-19"] {
        assert!(tokens.contains(&whole), "{whole} should be one token");
    }
    assert!(tokens.contains(&"’s"), "possessive clitic split off");
    let us = find("trilateral security cooperation").expect("U.S. sentence");
    assert!(sentences[us].ends_with("with the U.S."), "an abbreviation can end a sentence");
    assert_eq!(doc.sentences.len(), 73, "sentence count of the seed article");
}

/// `(dependent, relation, head)` must hold in the sentence starting with `start`.
fn assert_arcs(doc: &Document, start: &str, arcs: &[(&str, &str, &str)]) {
    let i = (0..doc.sentences.len())
        .find(|&i| doc.span_text(doc.sentences[i].span).starts_with(start))
        .unwrap_or_else(|| panic!("no sentence starts with {start:?}"));
    let toks = doc.sentence_tokens(i);
    let word = |k: u32| if k == 0 { "ROOT" } else { doc.span_text(toks[k as usize - 1].span) };
    for &(dep, rel, head) in arcs {
        let t = toks.iter().find(|t| doc.span_text(t.span) == dep).expect("dependent present");
        let got = (t.deprel.as_str(), word(t.head.expect("parsed")));
        assert_eq!(got, (rel, head), "{dep} in {start:?}");
    }
}

#[test]
fn seed_article_core_arguments_are_parsed() {
    let Some(path) = dyad_core::testdata::shared_path("examples/seed/article.txt") else { return };
    let raw = std::fs::read_to_string(&path).expect("seed article readable");
    let mut doc = Document::new(&raw);
    dyad_nlp::Nlp::load().expect("models load").annotate(&mut doc);
    assert_arcs(
        &doc,
        "Russia announced on the 2nd",
        &[
            ("Russia", "nsubj", "announced"),
            ("announced", "root", "ROOT"),
            ("supports", "ccomp", "announced"),
        ],
    );
    assert_arcs(
        &doc,
        "Previously, President Putin",
        &[("Putin", "nsubj", "paid"), ("visit", "obj", "paid"), ("met", "conj", "paid")],
    );
    assert_arcs(
        &doc,
        "At that time, they signed",
        &[("they", "nsubj", "signed"), ("Treaty", "obj", "signed")],
    );
    assert_arcs(&doc, "This is interpreted as Russia", &[("This", "nsubj:pass", "interpreted")]);
    let lemma =
        |form: &str| doc.tokens.iter().find(|t| doc.span_text(t.span) == form).map(|t| t.lemma.clone());
    assert_eq!(lemma("announced").as_deref(), Some("announce"));
    assert_eq!(lemma("provocations").as_deref(), Some("provocation"));
}
