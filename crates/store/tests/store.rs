use dyad_core::*;
use dyad_store::{Added, EventFilter, Period, Store, StoreError};

fn doc_with_event(text: &str, date: &str, cameo: &str, src: &str, tgt: &str) -> (Document, Vec<EventRecord>) {
    let mut doc = Document::new(text);
    doc.meta.origin = "test".into();
    doc.sentences.push(Sentence { span: Span::new(0, doc.text.len()), tokens: (0, 0) });
    let actor = |code: &str| Actor { code: code.into(), country: code[..3].into(), name: None };
    doc.events.push(Event {
        sentence: 0,
        source: Participant { actor: actor(src), span: Span::new(0, 6), mention: None },
        target: Some(Participant { actor: actor(tgt), span: Span::new(0, 6), mention: None }),
        cameo: cameo.into(),
        date: Some(date.into()),
        date_precision: Precision::Day,
        date_source: Some(DateSource::Clause),
        status: Status::Asserted,
        attributed_to: None,
        rule: "test".into(),
        trigger: Span::new(0, 1),
    });
    let records = doc.events.iter().filter_map(|e| EventRecord::from_event(&doc, e)).collect();
    (doc, records)
}

#[test]
fn same_document_is_stored_once() {
    let mut store = Store::open_in_memory().unwrap();
    let (doc, recs) = doc_with_event("Russia praised China.", "2024-06-18", "051", "RUSGOV", "CHN");
    assert_eq!(store.add_document(&doc, &recs).unwrap(), Added::New);
    assert_eq!(store.add_document(&doc, &recs).unwrap(), Added::AlreadyStored);
    assert_eq!(store.counts().unwrap(), (1, 1, 0));
}

#[test]
fn events_filter_by_actor_dyad_dates_and_root() {
    let mut store = Store::open_in_memory().unwrap();
    for (t, d, c, s, g) in [
        ("Russia praised China.", "2024-06-18", "051", "RUSGOV", "CHN"),
        ("China accused Russia.", "2024-07-02", "112", "CHN", "RUS"),
        ("Israel attacked Iran.", "2024-07-03", "190", "ISRMIL", "IRN"),
    ] {
        let (doc, recs) = doc_with_event(t, d, c, s, g);
        store.add_document(&doc, &recs).unwrap();
    }
    let q = |f: EventFilter| store.events(&f).unwrap().len();
    assert_eq!(q(EventFilter { actor: Some("RUS".into()), ..Default::default() }), 2);
    assert_eq!(q(EventFilter { dyad: Some(("CHN".into(), "RUS".into())), ..Default::default() }), 2);
    assert_eq!(q(EventFilter { since: Some("2024-07".into()), ..Default::default() }), 2);
    assert_eq!(q(EventFilter { until: Some("2024-06".into()), ..Default::default() }), 1);
    assert_eq!(q(EventFilter { root: Some("19".into()), ..Default::default() }), 1);
}

#[test]
fn relation_groups_by_period() {
    let mut store = Store::open_in_memory().unwrap();
    for (t, d, c, s, g) in [
        ("Russia praised China.", "2024-06-18", "051", "RUSGOV", "CHN"),
        ("Russia met China.", "2024-06-20", "040", "RUS", "CHN"),
        ("China accused Russia.", "2024-07-02", "112", "CHN", "RUS"),
    ] {
        let (doc, recs) = doc_with_event(t, d, c, s, g);
        store.add_document(&doc, &recs).unwrap();
    }
    let rel = store.relation("RUS", "CHN", Period::Month, &[]).unwrap();
    assert_eq!(rel.rows.len(), 2);
    assert_eq!(rel.rows[0].period, "2024-06");
    assert_eq!(rel.rows[0].quad, [2, 0, 0, 0]);
    assert_eq!(rel.rows[0].a_to_b, 2);
    assert!((rel.rows[0].mean_goldstein - (3.4 + 1.0) / 2.0).abs() < 1e-6, "{}", rel.rows[0].mean_goldstein);
    assert_eq!(rel.rows[1].quad, [0, 0, 1, 0]);
    assert_eq!(rel.rows[1].a_to_b, 0);
    assert_eq!(Period::Week.key("2024-06-18").unwrap(), "2024-W25");
    assert_eq!(Period::Day.key("2024-06"), None);
}

#[test]
fn failures_are_recorded_once_and_documents_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let (doc, recs) = doc_with_event("Russia praised China.", "2024-06-18", "051", "RUSGOV", "CHN");
    {
        let mut store = Store::open(&path).unwrap();
        store.add_failure("a.txt", "empty file").unwrap();
        store.add_failure("a.txt", "empty file").unwrap();
        store.add_document(&doc, &recs).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.failures().unwrap().len(), 1);
    let back = store.document(&doc.id[..8]).unwrap().unwrap();
    assert_eq!(back.text, doc.text);
    assert_eq!(back.events.len(), 1);
    assert!(store.document("zzzzzzzz").unwrap().is_none());
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let conn = rusqlite_conn(&path);
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }), "{err}");
}

fn rusqlite_conn(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// A record reads back as it was coded: where its date came from and every mention.
#[test]
fn date_source_and_mentions_read_back() {
    let mut store = Store::open_in_memory().unwrap();
    let (doc, mut recs) = doc_with_event("Russia praised China.", "2024-06-18", "051", "RUSGOV", "CHN");
    let headline = EventMention {
        doc_id: doc.id.clone(),
        section: "headline".into(),
        sentence_index: 0,
        char_span: [0, 21],
        evidence: "Russia praised China.".into(),
    };
    recs[0].mentions.insert(0, headline);
    recs[0].num_mentions = 2;
    store.add_document(&doc, &recs).unwrap();
    let back = store.events(&EventFilter::default()).unwrap();
    assert_eq!(back, recs);
    assert_eq!(back[0].date_source.as_deref(), Some("clause"));
    assert_eq!(back[0].mentions.len(), 2);
}

/// `%` and `_` in actor, dyad and root filters and in id prefixes are the characters
/// themselves, not LIKE wildcards.
#[test]
fn like_wildcards_in_filters_are_literal() {
    let mut store = Store::open_in_memory().unwrap();
    let (doc, recs) = doc_with_event("Russia praised China.", "2024-06-18", "051", "RUSGOV", "CHN");
    store.add_document(&doc, &recs).unwrap();
    let q = |f: EventFilter| store.events(&f).unwrap().len();
    assert_eq!(q(EventFilter { actor: Some("RUS".into()), ..Default::default() }), 1);
    assert_eq!(q(EventFilter { actor: Some("R_S".into()), ..Default::default() }), 0);
    assert_eq!(q(EventFilter { actor: Some("%".into()), ..Default::default() }), 0);
    assert_eq!(q(EventFilter { dyad: Some(("R%".into(), "C_N".into())), ..Default::default() }), 0);
    assert_eq!(q(EventFilter { dyad: Some(("RUS".into(), "CHN".into())), ..Default::default() }), 1);
    assert_eq!(q(EventFilter { root: Some("0_".into()), ..Default::default() }), 0);
    assert_eq!(q(EventFilter { root: Some("05".into()), ..Default::default() }), 1);
    assert!(store.document("%%%%%%").unwrap().is_none());
    assert!(store.document("______").unwrap().is_none());
    assert!(store.document(&doc.id[..6]).unwrap().is_some());
    // Ids are hex: a prefix in capitals finds the document too.
    assert!(store.document(&doc.id[..8].to_uppercase()).unwrap().is_some());
}

/// A file that is not SQLite is refused with its path and what to do, by writers and readers.
#[test]
fn a_file_that_is_not_a_database_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "these are my notes, not a database, and they go on for a while\n".repeat(20))
        .unwrap();
    for err in
        [Store::open(&path).err().expect("refused"), Store::open_read_only(&path).err().expect("refused")]
    {
        assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains(&path.display().to_string()) && message.contains("--db"), "{message}");
    }
}

/// Many connections creating one database at once: the schema is made once, nobody fails.
#[test]
fn racing_creators_all_open_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.db");
    let barrier = std::sync::Barrier::new(8);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (path, barrier) = (&path, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    let mut store = Store::open(path)?;
                    let (doc, recs) = doc_with_event(
                        &format!("Russia praised China on day {}.", i % 4),
                        "2024-06-18",
                        "051",
                        "RUSGOV",
                        "CHN",
                    );
                    store.add_document(&doc, &recs)
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap().unwrap();
        }
    });
    let store = Store::open(&path).unwrap();
    // Eight writers, four distinct texts: each stored once.
    assert_eq!(store.counts().unwrap(), (4, 4, 0));
}

/// A reader opens without creating anything, sees what was written, and cannot write.
#[test]
fn read_only_store_reads_and_does_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let (doc, recs) = doc_with_event("Russia praised China.", "2024-06-18", "051", "RUSGOV", "CHN");
    Store::open(&path).unwrap().add_document(&doc, &recs).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.events(&EventFilter::default()).unwrap().len(), 1);
    assert!(reader.document(&doc.id[..8]).unwrap().is_some());
    let (other, recs) = doc_with_event("China praised Russia.", "2024-06-18", "051", "CHN", "RUS");
    let mut reader = reader;
    assert!(reader.add_document(&other, &recs).is_err(), "a read-only store must refuse writes");
    assert!(matches!(
        Store::open_read_only(&dir.path().join("absent.db")).err(),
        Some(StoreError::Missing { .. })
    ));
}
