//! The seed article: every actor mention in the story coded at country level, every "He" and
//! "the Russian side" resolved.

use dyad_actors::ActorTagger;
use dyad_core::{Document, MentionKind, Stage};

fn seed() -> Option<Document> {
    let path = dyad_core::testdata::shared_path("examples/seed/article.txt")?;
    let mut doc = Document::new(&std::fs::read_to_string(path).unwrap());
    doc.meta.date = Some(dyad_core::DocDate {
        date: chrono::NaiveDate::from_ymd_opt(2024, 11, 2).unwrap(),
        time: None,
        source: "test".into(),
    });
    Some(doc)
}

#[test]
fn dump_seed() {
    let Some(mut doc) = seed() else { return };
    let tagger = ActorTagger::load_default().unwrap();
    tagger.annotate(&mut doc);
    for (i, m) in doc.mentions.iter().enumerate() {
        let codes: Vec<_> = m.actors.iter().map(|a| a.code.as_str()).collect();
        eprintln!(
            "{i:3} {:?} {:?} {:?} {:?} ante={:?} {}",
            doc.span_text(m.span),
            m.kind,
            m.entity_type,
            codes,
            m.antecedent,
            m.rule
        );
    }
    let _ = MentionKind::Name;
}
