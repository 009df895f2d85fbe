//! Scorers for each layer against public benchmarks (`dyad eval SUITE`), and speed benchmarks
//! (`dyad bench SUITE`).
//!
//! Each suite is one module with an `Args` struct (its command-line options, parsed by clap in
//! the CLI) and a `run` function returning a [`Report`]: a human-readable table and one JSON
//! summary that the CLI prints as the last line. A suite that cannot run (reference data
//! missing or malformed, a stage that fails to load) says why with an [`EvalError`].
//!
//! The scorers build their pipelines through `dyad_pipeline::Pipeline::builder`, so what they
//! score is what `dyad code` runs; the accuracy-floor tests beside each scorer keep the figures
//! from dropping unnoticed.

#![warn(missing_docs)]

pub mod bench;
pub mod error;
pub mod extraction;
pub mod ner;
pub mod news;
pub mod parse;
pub mod petrarch;
pub mod plv;
pub mod quotes;
pub mod timex;

pub use error::EvalError;

/// What a scorer or benchmark prints: a table for people, then one JSON line for scripts.
#[derive(Debug, Clone)]
pub struct Report {
    /// Aligned text for people; may be empty.
    pub table: String,
    /// The figures as one JSON object, printed last so scripts can take the last line.
    pub summary: serde_json::Value,
}

/// An event record for scorer tests: the given code and actors, everything else blank.
#[cfg(test)]
pub(crate) fn test_record(
    cameo: &str,
    source: dyad_core::ActorRef,
    target: Option<dyad_core::ActorRef>,
) -> dyad_core::EventRecord {
    dyad_core::EventRecord {
        doc_id: String::new(),
        input_id: None,
        event_id: String::new(),
        date: None,
        date_precision: "unknown".into(),
        date_source: None,
        source,
        target,
        cameo: cameo.into(),
        root: cameo[..2].into(),
        plover: None,
        quad_class: 1,
        goldstein: 0.0,
        status: "asserted".into(),
        attributed_to: None,
        section: "body".into(),
        sentence_index: 0,
        char_span: [0, 0],
        evidence: String::new(),
        mentions: Vec::new(),
        num_mentions: 1,
        num_sources: 1,
        num_articles: 1,
        action_geo: None,
        rule: String::new(),
        truncated: false,
    }
}
