//! Helpers the end-to-end test files share (each file is its own test crate and declares
//! `mod common;`).

use dyad_core::EventRecord;

/// The records the default pipeline makes of `text`, read as a plain-text document.
pub fn records(text: &str) -> Vec<EventRecord> {
    let mut doc = dyad_ingest::document_from_text(text, "test");
    let pipeline = dyad_pipeline::Pipeline::load().unwrap();
    pipeline.annotate(&mut doc);
    dyad_pipeline::records(&doc)
}

/// "SOURCE CODE TARGET [status]" for each record, for assertion messages.
pub fn listed(records: &[EventRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            let target = r.target.as_ref().map_or("-", |t| t.code.as_str());
            format!("{} {} {} [{}]", r.source.code, r.cameo, target, r.status)
        })
        .collect()
}
