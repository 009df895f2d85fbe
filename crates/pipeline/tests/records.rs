//! Records end to end on text written for these tests: an event's date from its own clause or
//! the document, the JSONL title as the headline, and one record per happening.

use dyad_core::{Document, EventRecord};

const STORY: &str = concat!(
    r#"{"title": "Britain and France sign pact", "date": "2005-03-12", "text": ""#,
    r#"Britain and France signed a defence pact on Monday.\n\n"#,
    r#"The two countries signed a similar treaty in 1950, officials said.\n\n"#,
    r#"Last June, Germany criticised Britain over the plan.\n\n"#,
    r#"Russia, which began the talks in 2003, criticised Germany.\n\n"#,
    r#"Germany criticised Britain over the 2003 war."}"#,
    "\n"
);

fn coded(feed: &'static str) -> (Document, Vec<EventRecord>) {
    let mut docs = dyad_ingest::read_stream(Box::new(std::io::Cursor::new(feed)), "-");
    let mut doc = docs.next().expect("one document").expect("it reads");
    dyad_pipeline::Pipeline::load().unwrap().annotate(&mut doc);
    let records = dyad_pipeline::records(&doc);
    (doc, records)
}

fn find<'a>(records: &'a [EventRecord], source: &str, cameo_root: &str, evidence: &str) -> &'a EventRecord {
    records
        .iter()
        .find(|r| r.source.country == source && r.root == cameo_root && r.evidence.starts_with(evidence))
        .unwrap_or_else(|| panic!("no {source} {cameo_root} in {evidence:?}: {records:#?}"))
}

#[test]
fn dates_come_from_the_events_own_clause_else_the_document() {
    let (_, records) = coded(STORY);
    let date =
        |r: &EventRecord| (r.date.clone().unwrap_or_default(), r.date_source.clone().unwrap_or_default());
    let pact = find(&records, "GBR", "05", "Britain and France signed");
    assert_eq!(date(pact), ("2005-03-07".into(), "clause".into()));
    let treaty = find(&records, "GBR", "05", "The two countries");
    assert_eq!(date(treaty), ("1950".into(), "clause".into()));
    let june = find(&records, "DEU", "11", "Last June");
    assert_eq!(date(june), ("2004-06".into(), "clause".into()));
    // "in 2003" is the relative clause's: the criticism has the document's date.
    let russia = find(&records, "RUS", "11", "Russia, which began");
    assert_eq!(date(russia), ("2005-03-12".into(), "document".into()));
    // "the 2003 war" names the war's time, not the criticism's.
    let war = find(&records, "DEU", "11", "Germany criticised Britain over");
    assert_eq!(date(war), ("2005-03-12".into(), "document".into()));
}

#[test]
fn the_headline_and_the_lead_of_one_act_are_one_record() {
    let (doc, records) = coded(STORY);
    // The JSONL title is the headline; the first paragraph stays the story's.
    assert_eq!(doc.span_text(doc.sentences[0].span), "Britain and France sign pact");
    let pacts: Vec<&EventRecord> = records
        .iter()
        .filter(|r| r.source.country == "GBR" && r.root == "05" && r.date.as_deref() != Some("1950"))
        .collect();
    assert_eq!(pacts.len(), 1, "{records:#?}");
    let pact = pacts[0];
    assert_eq!(pact.section, "lede");
    let sections: Vec<(&str, u32)> =
        pact.mentions.iter().map(|m| (m.section.as_str(), m.sentence_index)).collect();
    assert_eq!(sections, [("headline", 0), ("lede", 1)]);
    assert_eq!(pact.mentions[0].evidence, "Britain and France sign pact");
    // The document keeps one event per coding sentence; the record's id is one of theirs.
    assert!(doc.events.len() > records.len());
    let again = dyad_pipeline::records(&doc);
    assert_eq!(
        again.iter().map(|r| &r.event_id).collect::<Vec<_>>(),
        records.iter().map(|r| &r.event_id).collect::<Vec<_>>()
    );
}

#[test]
fn a_passive_without_an_agent_takes_the_state_it_happened_in_and_no_other_actor() {
    let feed = concat!(
        r#"{"date": "2019-05-02", "text": ""#,
        r#"The journalist Moussa Tchangari was arrested on Monday in Niger.\n\n"#,
        r#"Mr Blair was asked if the SAS had also been in Iran."}"#,
        "\n"
    );
    let (_, records) = coded(feed);
    find(&records, "NER", "17", "The journalist");
    // Iran is in what he was asked, not who asked it.
    assert!(records.iter().all(|r| r.source.country != "IRN"), "{records:#?}");
}

/// A headline in headlinese ("X attacks Y", which the tagger reads as a noun phrase) whose
/// subject is a surname the story names in full below.
const HEADLINE: &str = concat!(
    r#"{"title": "Howard attacks 'pay later' budget", "date": "2005-03-17", "text": ""#,
    r#"Tory leader Michael Howard spoke in London on Wednesday."}"#,
    "\n"
);

#[test]
fn a_headline_verb_after_a_surname_is_read_as_a_verb() {
    let (_, records) = coded(HEADLINE);
    let r = find(&records, "GBR", "11", "Howard attacks");
    assert_eq!(r.source.code, "GBROPP", "{r:#?}");
}

#[test]
fn we_in_a_quotation_is_its_speaker() {
    let feed = concat!(
        r#"{"date": "2005-03-01", "text": ""#,
        r#"\"We are ready to negotiate with Israel,\" Palestinian President Mahmoud Abbas said."}"#,
        "\n"
    );
    let (_, records) = coded(feed);
    let intent = find(&records, "PSE", "03", "\"We are ready");
    assert_eq!(
        (intent.cameo.as_str(), intent.target.as_ref().map(|t| t.country.as_str())),
        ("036", Some("ISR"))
    );
    // Outside a quotation "we" is the writer's, no actor.
    let feed =
        concat!(r#"{"date": "2005-03-01", "text": ""#, r#"We are ready to negotiate with Israel."}"#, "\n");
    assert!(coded(feed).1.is_empty());
}
