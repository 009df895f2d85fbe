use super::*;
use dyad_core::{Attribution, Mention, MentionKind, Section, Sentence, Timex, TimexType};

/// A one-sentence document with mentions at the given words.
fn doc(text: &str, actors: &[(&str, &str)]) -> Document {
    let mut d = Document::new(text);
    d.sentences.push(Sentence { span: Span::new(0, d.text.len()), tokens: (0, 0) });
    for (word, code) in actors {
        let start = d.text.find(word).unwrap();
        d.mentions.push(Mention {
            span: Span::new(start, start + word.len()),
            kind: MentionKind::Name,
            entity_type: None,
            actors: vec![Actor { code: code.to_string(), country: code[..3].to_string(), name: None }],
            antecedent: None,
            rule: "test".into(),
        });
    }
    d
}

fn coded(mut d: Document) -> Document {
    Coder::load_default().unwrap().annotate(&mut d);
    d
}

#[test]
fn codes_source_verb_target() {
    let d = coded(doc("Russia accused Ukraine of shelling.", &[("Russia", "RUS"), ("Ukraine", "UKR")]));
    assert_eq!(d.events.len(), 1);
    let e = &d.events[0];
    assert_eq!((e.source.actor.code.as_str(), e.cameo.as_str()), ("RUS", "112"));
    assert_eq!(e.target.as_ref().unwrap().actor.code, "UKR");
    assert_eq!(e.status, Status::Asserted);
    assert!(e.rule.starts_with("lexicon:ACCUSE#"), "{}", e.rule);
}

#[test]
fn no_event_without_both_actors() {
    assert!(coded(doc("Russia accused the West.", &[("Russia", "RUS")])).events.is_empty());
    assert!(coded(doc("Russia met Russian officials.", &[("Russia", "RUS"), ("Russian", "RUS")]))
        .events
        .is_empty());
}

#[test]
fn negation_modals_and_commentary_set_status() {
    let d = coded(doc("Russia did not attack Ukraine.", &[("Russia", "RUS"), ("Ukraine", "UKR")]));
    assert_eq!(d.events[0].status, Status::Negated);
    let d = coded(doc("Russia could attack Ukraine.", &[("Russia", "RUS"), ("Ukraine", "UKR")]));
    assert_eq!(d.events[0].status, Status::Hypothetical);
    let mut d = doc("Russia praised China.", &[("Russia", "RUS"), ("China", "CHN")]);
    d.sections = vec![Section { kind: SectionKind::Commentary, span: Span::new(0, d.text.len()) }];
    assert_eq!(coded(d).events[0].status, Status::Commentary);
}

#[test]
fn attribution_layer_gives_reported_status() {
    let mut d = doc("Russia praised China.", &[("Russia", "RUS"), ("China", "CHN")]);
    d.attributions.push(Attribution {
        span: Span::new(0, d.text.len()),
        status: Status::Reported,
        quote: None,
        speaker: Some(1),
    });
    let d = coded(d);
    assert_eq!((d.events[0].status, d.events[0].attributed_to), (Status::Reported, Some(1)));
}

#[test]
fn date_from_timex_else_document() {
    let mut d = doc(
        "Russia signed a treaty with North Korea in June 2024.",
        &[("Russia", "RUS"), ("North Korea", "PRK")],
    );
    let at = d.text.find("June").unwrap();
    d.timexes.push(Timex {
        span: Span::new(at, at + 9),
        kind: TimexType::Date,
        value: "2024-06".into(),
        precision: Precision::Month,
        anchor: dyad_core::Anchor::Absolute,
    });
    let d = coded(d);
    assert_eq!(d.events[0].cameo, "057");
    assert_eq!(
        (d.events[0].date.as_deref(), d.events[0].date_precision),
        (Some("2024-06"), Precision::Month)
    );
    assert!(is_calendar_value("2024-06-18") && !is_calendar_value("P2W") && !is_calendar_value("2024-W44"));
}

#[test]
fn lexicon_errors_name_file_and_line() {
    let err = Lexicon::parse("X\t999\tfoo\n", "f.tsv").err().unwrap();
    assert!(err.starts_with("f.tsv:1:"), "{err}");
    let err = Lexicon::parse("A\t051\tfoo\nB\t112\tfoo\n", "f.tsv").err().unwrap();
    assert!(err.contains("f.tsv:2") && err.contains("line 1"), "{err}");
    assert!(Lexicon::builtin().is_ok());
}
