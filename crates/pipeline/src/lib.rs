//! The pipeline: dyad's stages in order over a [`Document`]. This is the one place that knows
//! the order; see ARCHITECTURE.md for why it is
//! nlp → actors → quotes → time → coder.

use dyad_core::{Document, EventRecord, Stage};

/// All stages, loaded once; `Sync`, so one pipeline serves every thread.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// Load every stage with the resources that ship with dyad.
    pub fn load() -> Result<Pipeline, String> {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(dyad_nlp::Nlp::load().map_err(|e| format!("loading the NLP models: {e}"))?),
            Box::new(
                dyad_actors::ActorTagger::load_default()
                    .map_err(|e| format!("loading the actor dictionaries: {e}"))?,
            ),
            Box::new(dyad_quotes::QuoteTagger::new()),
            Box::new(dyad_time::TimeTagger::new()),
            Box::new(
                dyad_coder::Coder::load_default().map_err(|e| format!("loading the verb dictionary: {e}"))?,
            ),
        ];
        Ok(Pipeline { stages })
    }

    /// Run every stage over `doc`.
    pub fn annotate(&self, doc: &mut Document) {
        for stage in &self.stages {
            stage.annotate(doc);
        }
    }

    /// The stage names in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }
}

/// The output records of every event in an annotated document.
pub fn records(doc: &Document) -> Vec<EventRecord> {
    doc.events.iter().filter_map(|e| EventRecord::from_event(doc, e)).collect()
}
