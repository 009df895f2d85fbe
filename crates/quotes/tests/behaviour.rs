//! Behaviour of the quotes stage on small texts: what is speech, who said it, which status.

use dyad_core::{
    Actor, Document, Mention, MentionKind, QuoteKind, Section, SectionKind, Span, Stage, Status,
};
use dyad_quotes::{QuoteTagger, SpeakerKind};

/// A document with the NLP text layer (sentences, quote marks) the stage reads.
fn layered(text: &str) -> Document {
    let mut doc = Document::new(text);
    dyad_nlp::text_layer(&mut doc);
    doc
}

fn findings(text: &str) -> Vec<(QuoteKind, String, Vec<String>)> {
    let doc = layered(text);
    QuoteTagger::new()
        .analyse(&doc)
        .findings
        .into_iter()
        .map(|f| {
            let names = f.speaker.map(|s| s.names.into_iter().map(|n| n.text).collect()).unwrap_or_default();
            (f.quote.kind, doc.span_text(f.quote.content).to_string(), names)
        })
        .collect()
}

#[test]
fn scare_quotes_and_titles_are_not_speech() {
    let f = findings("The ministry called the drills a ‘nuclear alliance’ in a bulletin titled “On the Talks Between Two Sides.”");
    assert!(f.iter().all(|(k, _, _)| *k != QuoteKind::Direct), "{f:?}");
}

#[test]
fn split_quote_shares_its_cue_and_speaker() {
    let f = findings("“We will respond,” said Mira Olsen, “but not today.”");
    let direct: Vec<_> = f.iter().filter(|x| x.0 == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 2, "{f:?}");
    assert!(direct.iter().all(|x| x.2 == ["Mira Olsen"]), "{f:?}");
}

#[test]
fn guillemets_and_corner_brackets_are_quotes() {
    let f = findings(
        "Foreign Minister Ana Ruiz said, «We stand firm.» Then Ken Sato said: 「We agree with this plan.」",
    );
    let contents: Vec<&str> = f.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(contents, ["We stand firm.", "We agree with this plan."], "{f:?}");
    assert_eq!(f[0].2, ["Ana Ruiz"]);
}

#[test]
fn pronoun_continues_the_last_speaker() {
    let f = findings(
        "The official statement said, “Talks went well.”\n\nHe continued, “We will meet again next month.”",
    );
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[1].2, f[0].2, "{f:?}");
}

#[test]
fn documents_speak_for_their_issuer() {
    let f = findings(
        "The Interior Ministry announced the plan in a statement on Monday. The statement said the border would close.",
    );
    let reported: Vec<_> = f.iter().filter(|x| x.0 == QuoteKind::Indirect).collect();
    assert_eq!(reported.len(), 1, "{f:?}");
    assert_eq!(reported[0].2, ["Interior Ministry"], "{f:?}");
}

#[test]
fn joint_speakers_and_agencies_split() {
    let f = findings("According to TASS and KCNA, the two leaders signed a treaty.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].2, ["TASS", "KCNA"]);
    assert_eq!(f[0].1, "the two leaders signed a treaty");
}

#[test]
fn reported_speech_with_that_and_hearer() {
    let f = findings("Lena Park told reporters that the vote would be delayed.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "the vote would be delayed");
    assert_eq!(f[0].2, ["Lena Park"]);
}

#[test]
fn unbalanced_mark_does_not_swallow_the_document() {
    let text = "Omar Haddad said, “We are leaving\n\nThe troops withdrew on Monday. Officials said the border reopened.";
    let doc = layered(text);
    let an = QuoteTagger::new().analyse(&doc);
    let direct = an.findings.iter().find(|f| f.quote.kind == QuoteKind::Direct).expect("a quote");
    assert_eq!(doc.span_text(direct.quote.content), "We are leaving");
    assert!(an.findings.iter().any(|f| doc.span_text(f.quote.content) == "the border reopened"));
}

#[test]
fn statuses_of_interpretation_hypotheses_and_commentary() {
    let text = "This is interpreted as a warning to Seoul. The army may strike if talks fail. \
                Kim Yo said the talks did not fail.\n\nEditor: What comes next?";
    let mut doc = layered(text);
    let at = doc.text.find("Editor").unwrap();
    let end = doc.text.len();
    doc.sections = vec![
        Section { kind: SectionKind::Body, span: Span::new(0, at) },
        Section { kind: SectionKind::Commentary, span: Span::new(at, end) },
    ];
    dyad_nlp::text_layer(&mut doc);
    QuoteTagger::new().annotate(&mut doc);
    let status_of = |needle: &str| {
        let s = doc.text.find(needle).unwrap();
        doc.attribution_of(Span::new(s, s + needle.len())).map(|a| a.status)
    };
    assert_eq!(status_of("a warning to Seoul"), Some(Status::Interpreted));
    assert_eq!(status_of("strike"), Some(Status::Hypothetical));
    assert_eq!(status_of("did not fail"), Some(Status::Negated));
    assert_eq!(status_of("What comes next"), Some(Status::Commentary));
    let reported = doc.attributions.iter().find(|a| a.status == Status::Reported).expect("reported speech");
    assert_eq!(doc.span_text(reported.span), "the talks did not fail");
}

#[test]
fn speaker_links_to_mentions_and_antecedents() {
    let text = "Minister Ivo Dragan arrived. He said, “We are ready.”";
    let mut doc = layered(text);
    let name = doc.text.find("Ivo Dragan").unwrap();
    let he = doc.text.find("He ").unwrap();
    let actor = Actor { code: "SRBGOV".into(), country: "SRB".into(), name: None };
    doc.mentions = vec![
        Mention {
            span: Span::new(name, name + "Ivo Dragan".len()),
            kind: MentionKind::Name,
            entity_type: None,
            actors: vec![actor],
            antecedent: None,
            rule: "test".into(),
        },
        Mention {
            span: Span::new(he, he + 2),
            kind: MentionKind::Pronoun,
            entity_type: None,
            actors: Vec::new(),
            antecedent: Some(0),
            rule: "test".into(),
        },
    ];
    QuoteTagger::new().annotate(&mut doc);
    assert_eq!(doc.quotes.len(), 1);
    assert_eq!(doc.quotes[0].speaker, Some(0));
    assert_eq!(doc.quotes[0].speaker_span.map(|s| doc.span_text(s)), Some("He"));
}

#[test]
fn unresolvable_pronoun_falls_back_to_the_mention_antecedent() {
    let text = "She said, “We are ready.”";
    let mut doc = layered(text);
    doc.mentions = vec![Mention {
        span: Span::new(0, 3),
        kind: MentionKind::Pronoun,
        entity_type: None,
        actors: Vec::new(),
        antecedent: None,
        rule: "test".into(),
    }];
    let an = QuoteTagger::new().analyse(&doc);
    assert_eq!(an.findings[0].speaker.as_ref().map(|s| s.kind), Some(SpeakerKind::Unresolved));
    assert_eq!(an.findings[0].quote.speaker, Some(0));
}

#[test]
fn provenance_runs_from_the_issuer_to_the_outlet() {
    let text = "According to KCNA, the ministry announced this in a bulletin. The bulletin said the talks ended.\n\n[Seoul=Newsis]";
    let mut doc = layered(text);
    doc.meta.outlet = Some("times news".into());
    let chain = dyad_quotes::provenance(&doc);
    assert_eq!(chain, ["ministry", "KCNA", "Newsis", "times news"]);
}

/// Tricky pieces glued at random (a fixed-seed generator): the stage must never panic and
/// every span it writes must lie on character boundaries.
#[test]
fn never_panics_on_odd_text() {
    const PIECES: &[&str] = &[
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        "«",
        "»",
        "「",
        "」",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        " said",
        " told",
        " He",
        " the statement",
        " According to",
        " KCNA",
        " and",
        " that",
        "서울",
        "é",
        "…",
        " Mr.",
        " U.S.",
        "—",
        "(",
        ")",
        " Foreign Minister Lee",
        " the minister",
        " if",
        " not",
        " may",
        "A",
        "x",
    ];
    let tagger = QuoteTagger::new();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut text = String::new();
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let len = (seed >> 58) as usize + 1;
        for _ in 0..len {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
        }
        // With the text layer and without it (the stage then does less, but runs).
        for mut doc in [layered(&text), Document::new(&text)] {
            tagger.annotate(&mut doc);
            for q in &doc.quotes {
                assert!(doc.text.get(q.content.range()).is_some(), "bad span in {text:?}");
            }
            let _ = dyad_quotes::provenance(&doc);
        }
    }
}

#[test]
fn a_document_of_quote_marks_only_is_handled() {
    let text = "“”\"‘’«»「」'".repeat(5000);
    let mut doc = layered(&text);
    QuoteTagger::new().annotate(&mut doc);
    assert!(doc.quotes.is_empty());
}

#[test]
fn subjects_stay_noun_phrases() {
    // A clause before the verb is not a speaker; the name after "and" is.
    let f = findings("Turkey had been prosecuting four soldiers in absentia and Israel initially said the case was closed.");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].2, ["Israel"]);
    // An apposition between subject and verb, and a title abbreviation with its stop.
    let f = findings(
        "Memorial director Arseny Roginsky, quoted by the website Vesti, said it was “a complete check”.",
    );
    assert_eq!(f[0].2, ["Arseny Roginsky"], "{f:?}");
    let f = findings("“This is not a crisis,” said Mr. Jen.");
    assert_eq!(f[0].2, ["Jen"], "{f:?}");
    // A role "of" a country is not a person called by the country's name.
    let f = findings("The president of Cyprus said his country did not have the money.");
    assert_eq!(f[0].2, ["president of Cyprus"], "{f:?}");
}

#[test]
fn a_fragment_needs_a_speaker() {
    let f = findings("The minister was described as “quite upset” by aides.");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn the_parse_gives_a_subject_the_text_rules_miss() {
    use dyad_core::{Sentence, Token};
    let text = "Those who were present said, “We saw nothing.”";
    let mut doc = layered(text);
    doc.tokens.clear();
    // (word, head, deprel) as a parser would give them.
    let parse = [
        ("Those", 5, "nsubj"),
        ("who", 4, "nsubj"),
        ("were", 4, "cop"),
        ("present", 1, "acl:relcl"),
        ("said", 0, "root"),
        (",", 5, "punct"),
        ("“", 8, "punct"),
        ("We", 9, "nsubj"),
        ("saw", 5, "ccomp"),
        ("nothing", 9, "obj"),
        (".", 9, "punct"),
        ("”", 9, "punct"),
    ];
    let mut at = 0;
    for (word, head, deprel) in parse {
        let start = doc.text[at..].find(word).unwrap() + at;
        at = start + word.len();
        doc.tokens.push(Token {
            span: Span::new(start, at),
            head: Some(head),
            deprel: deprel.into(),
            ..Token::default()
        });
    }
    doc.sentences =
        vec![Sentence { span: Span::new(0, doc.text.len()), tokens: (0, doc.tokens.len() as u32) }];
    let an = QuoteTagger::new().analyse(&doc);
    assert_eq!(an.findings.len(), 1);
    let written = an.findings[0].quote.speaker_span.map(|s| doc.span_text(s));
    assert_eq!(written, Some("Those who were present"));
    // Without the parse the quotation is still found, continuing no one.
    let bare = QuoteTagger::new().analyse(&layered(text));
    assert_eq!(bare.findings.len(), 1);
    assert_eq!(bare.findings[0].quote.speaker_span, None);
}

#[test]
fn pronoun_after_an_introductory_phrase() {
    let f = findings(
        "Ada Vance met the envoy. In addition, she said, “We agree,” and said that talks would go on.",
    );
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(f.iter().all(|x| x.2 == ["Ada Vance"]), "{f:?}");
}

#[test]
fn without_the_text_layer_the_stage_does_less() {
    let text = "Omar Haddad said, “We are leaving.” Officials said the border reopened.";
    let mut doc = Document::new(text);
    QuoteTagger::new().annotate(&mut doc);
    // No quote marks: no direct speech; reported speech is still found in the text.
    assert!(doc.quotes.iter().all(|q| q.kind != QuoteKind::Direct));
    assert!(doc.quotes.iter().any(|q| doc.span_text(q.content) == "the border reopened"));
}
