//! The seed article (`shared/examples/seed/article.txt`): every actor mention in the story is
//! coded at country level, and every "He" and "the Russian side" is resolved — over the NLP
//! stage's text layer only (sentences, untagged tokens), without its tagger and parser.

use dyad_actors::ActorTagger;
use dyad_core::{Document, Mention, MentionKind, Stage};

fn seed() -> Option<Document> {
    let path = dyad_core::testdata::shared_path("examples/seed/article.txt")?;
    let mut doc = Document::new(&std::fs::read_to_string(path).unwrap());
    doc.meta.date = Some(dyad_core::DocDate {
        date: chrono::NaiveDate::from_ymd_opt(2024, 11, 2).unwrap(),
        time: None,
        source: "test".into(),
    });
    dyad_nlp::text_layer(&mut doc);
    Some(doc)
}

fn codes(m: &Mention) -> Vec<&str> {
    let mut c: Vec<&str> = m.actors.iter().map(|a| a.code.as_str()).collect();
    c.sort();
    c
}

/// The story's mentions: everything before the wire credit that ends it (the appended
/// interview is commentary, coded elsewhere).
fn story(doc: &Document) -> Vec<(&str, &Mention)> {
    let end = doc.text.find("[서울=뉴시스]").expect("the seed's wire credit");
    doc.mentions.iter().filter(|m| (m.span.end as usize) <= end).map(|m| (doc.span_text(m.span), m)).collect()
}

#[test]
fn every_actor_mention_in_the_story_is_coded() {
    let Some(mut doc) = seed() else { return };
    ActorTagger::load_default().unwrap().annotate(&mut doc);
    let story = story(&doc);
    assert!(story.len() > 80, "only {} mentions", story.len());
    for (text, m) in &story {
        let actor_mention = m.kind != MentionKind::Unknown && !m.rule.starts_with("place:");
        if actor_mention {
            assert!(!m.actors.is_empty(), "{text:?} ({}) has no actor", m.rule);
            assert!(m.actors.iter().all(|a| a.country.len() == 3), "{text:?}: {:?}", m.actors);
        }
    }
    let expect = [
        ("Russian Foreign Minister Sergey Lavrov", vec!["RUSGOV"]),
        ("North Korean Foreign Minister Choe Son-hui", vec!["PRKGOV"]),
        ("the Russian Ministry of Foreign Affairs", vec!["RUSGOV"]),
        ("the Foreign Minister of the Democratic People’s Republic of Korea", vec!["PRKGOV"]),
        ("Foreign Minister Choi", vec!["PRKGOV"]),
        ("the North Korean regime", vec!["PRKGOV"]),
        ("Russian President Vladimir Putin", vec!["RUSGOV"]),
        ("North Korean Chairman Kim Jong-un", vec!["PRKGOV"]),
        ("North Korean troops", vec!["PRKMIL"]),
        ("The Russian army", vec!["RUSMIL"]),
        ("the ROK-US alliance", vec!["KOR", "USA"]),
        ("Tass News Agency", vec!["RUSMED"]),
        ("Korean Central News Agency", vec!["PRKMED"]),
        ("U.S. and its allies", vec!["USA"]),
        ("Comrade President Putin", vec!["RUSGOV"]),
    ];
    for (text, want) in expect {
        let found: Vec<_> = story.iter().filter(|(t, _)| *t == text).collect();
        assert!(!found.is_empty(), "{text:?} not recognised as one mention");
        for (_, m) in found {
            assert_eq!(codes(m), want, "{text:?}");
        }
    }
}

#[test]
fn every_he_and_the_russian_side_is_resolved() {
    let Some(mut doc) = seed() else { return };
    ActorTagger::load_default().unwrap().annotate(&mut doc);
    let story = story(&doc);
    let name = |m: &Mention| m.actors.first().and_then(|a| a.name.clone()).unwrap_or_default();
    let he: Vec<String> =
        story.iter().filter(|(t, _)| matches!(*t, "He" | "he")).map(|(_, m)| name(m)).collect();
    // "He continued" follows the Russian ministry's statement about Lavrov; the later "He"s
    // follow Choe, except the "he" inside her quote, which is Kim Jong-un.
    assert_eq!(
        he,
        [
            "Sergey Lavrov",
            "Sergey Lavrov",
            "Sergey Lavrov",
            "Sergey Lavrov",
            "Choe Son-hui",
            "Choe Son-hui",
            "Kim Jong-un",
            "Choe Son-hui"
        ]
    );
    for (t, m) in &story {
        if matches!(*t, "He" | "he") {
            assert!(m.antecedent.is_some(), "a pronoun without antecedent");
        }
        if t.eq_ignore_ascii_case("the russian side") {
            assert_eq!(codes(m), ["RUS"]);
        }
        if *t == "the two countries" {
            assert_eq!(codes(m), ["PRK", "RUS"], "the two countries");
        }
    }
    assert!(story.iter().any(|(t, _)| *t == "The Russian side"));
}

#[test]
fn the_shipped_dictionary_has_no_duplicates_conflicts_or_overlaps() {
    let t = ActorTagger::load_default().unwrap();
    assert!(t.issues().is_empty(), "{:#?}", t.issues());
}

/// Bad input never panics: text assembled from dictionary words, multi-byte characters, quote
/// marks and punctuation in a fixed pseudo-random order.
#[test]
fn arbitrary_text_does_not_panic() {
    let pieces = [
        "Russia",
        "North Korean",
        "Foreign Minister",
        "Choe Son-hui",
        "He",
        "he",
        "said",
        "“",
        "”",
        "\"",
        "’s",
        "'",
        ".",
        ". ",
        "?",
        "\n",
        "-",
        "the",
        "The",
        "two countries",
        "U.S.",
        "and its allies",
        "최선희는",
        "习近平",
        "Лавров",
        "بشار",
        "é",
        "J.",
        "Mr.",
        "ROK-US",
        "alliance",
        " ",
        "  ",
        ",",
        "Lake",
        "in",
        "Pyongyang",
        "(",
        ")",
        "Dr.",
        "X",
        "1",
        "the North",
        "its",
        "It",
        "they",
    ];
    let tagger = ActorTagger::load_default().unwrap();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut text = String::new();
        let len = (state % 40) as usize;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            if state % 3 == 1 {
                text.push(' ');
            }
        }
        // Without the text layer (coreference then does less) and with it.
        let mut layered = Document::new(&text);
        dyad_nlp::text_layer(&mut layered);
        for mut doc in [Document::new(&text), layered] {
            tagger.annotate(&mut doc);
            for m in &doc.mentions {
                assert!(doc.text.get(m.span.start as usize..m.span.end as usize).is_some(), "{text:?}");
                if let Some(a) = m.antecedent {
                    assert!((a as usize) < doc.mentions.len());
                }
            }
        }
        let doc = Document::new(&text);
        tagger.entities(&doc.text);
    }
}
