//! The seed article (`shared/examples/seed/article.txt`): every quotation attributed, the
//! ministry's statement to the ministry, Choe's lines to Choe, the "interpreted as" sentences
//! interpreted, the appended interview commentary, scare quotes and the bulletin's title not
//! speech.

use dyad_core::{Document, QuoteKind, Section, SectionKind, Span, Stage, Status};
use dyad_quotes::{Finding, QuoteTagger, SpeakerKind};

fn seed() -> Option<Document> {
    let path = dyad_core::testdata::shared_path("examples/seed/article.txt")?;
    let raw = std::fs::read_to_string(&path).expect("reading the seed article");
    let mut doc = Document::new(&raw);
    // The ingest stage marks the appended interview so; here the test builds the section.
    let at = doc.text.find("Interview Transcript").expect("the interview");
    let end = doc.text.len();
    doc.sections = vec![
        Section { kind: SectionKind::Body, span: Span::new(0, at) },
        Section { kind: SectionKind::Commentary, span: Span::new(at, end) },
    ];
    dyad_nlp::text_layer(&mut doc);
    Some(doc)
}

fn quote_starting<'a>(doc: &Document, findings: &'a [Finding], start: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.quote.kind == QuoteKind::Direct && doc.span_text(f.quote.content).starts_with(start))
        .unwrap_or_else(|| panic!("no quotation starting {start:?}"))
}

fn names(f: &Finding) -> Vec<String> {
    f.speaker.as_ref().map(|s| s.names.iter().map(|n| n.text.clone()).collect()).unwrap_or_default()
}

#[test]
fn quotations_are_attributed() {
    let Some(doc) = seed() else { return };
    let body_end = doc.text.find("Interview Transcript").unwrap() as u32;
    let findings = QuoteTagger::new().analyse(&doc).findings;
    let body: Vec<&Finding> = findings.iter().filter(|f| f.quote.content.end <= body_end).collect();
    assert!(body.iter().filter(|f| f.quote.kind == QuoteKind::Direct).count() >= 10);
    for f in &body {
        assert!(!names(f).is_empty(), "unattributed: {:?}", doc.span_text(f.quote.content));
    }
    for line in [
        "Tension on the Korean Peninsula",
        "Foreign Minister Lavrov and Foreign Minister Choi",
        "The Russian side fully supports",
        "reaffirmed their strong will",
        "The strategic agreement",
        "We also discussed",
    ] {
        let f = quote_starting(&doc, &findings, line);
        assert!(names(f).iter().any(|n| n.contains("Russia")), "{line:?} attributed to {:?}", names(f));
    }
    for line in
        ["The war-provoking behavior", "Yesterday, Comrade Kim Jong-un", "The Russian army and people"]
    {
        let f = quote_starting(&doc, &findings, line);
        assert_eq!(names(f), ["Choi"], "{line:?}");
        assert_eq!(f.speaker.as_ref().map(|s| s.kind), Some(SpeakerKind::Person));
    }
    // The statement's lines come through its issuer, the ministry.
    let statement = quote_starting(&doc, &findings, "The Russian side fully supports");
    assert_eq!(names(statement), ["Russian Ministry of Foreign Affairs"]);
    assert_eq!(statement.quote.speaker_span.map(|s| doc.span_text(s)), Some("He"));
}

#[test]
fn scare_quotes_and_the_title_are_not_speech() {
    let Some(doc) = seed() else { return };
    let findings = QuoteTagger::new().analyse(&doc).findings;
    for not_speech in ["nuclear alliance", "Hwasongpo-19", "On strategic consultations", "risk of upsetting"]
    {
        assert!(
            !findings.iter().any(|f| f.quote.kind == QuoteKind::Direct
                && doc.span_text(f.quote.content).starts_with(not_speech)),
            "{not_speech:?} taken as speech"
        );
    }
}

#[test]
fn statuses_of_the_seed() {
    let Some(mut doc) = seed() else { return };
    QuoteTagger::new().annotate(&mut doc);
    let status_of = |needle: &str| {
        let s = doc.text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the seed"));
        doc.attribution_of(Span::new(s, s + needle.len())).map(|a| a.status)
    };
    assert_eq!(status_of("Russia showing support for North Korea"), Some(Status::Interpreted));
    assert_eq!(status_of("an intention to help Russia win"), Some(Status::Interpreted));
    assert_eq!(
        status_of("Russia’s explicit support for North Korea’s nuclear ambitions"),
        Some(Status::Commentary)
    );
    assert_eq!(status_of("The Russian side fully supports"), Some(Status::Reported));
    assert_eq!(status_of("paid a state visit to North Korea on June 18-19"), None);
}

#[test]
fn provenance_of_the_seed() {
    let Some(doc) = seed() else { return };
    let chain = dyad_quotes::provenance(&doc);
    assert_eq!(chain, ["Russian Ministry of Foreign Affairs", "TASS", "KCNA", "Newsis"]);
}
