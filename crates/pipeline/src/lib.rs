//! The pipeline: dyad's stages in order over a [`Document`]. This is the one place that knows
//! the order; see ARCHITECTURE.md for why it is
//! nlp → actors → quotes → time → coder.

use dyad_core::{Document, EventRecord, Stage};

/// All stages, loaded once; `Sync`, so one pipeline serves every thread.
pub struct Pipeline {
    /// Every stage before the coder, in order.
    stages: Vec<Box<dyn Stage>>,
    /// The last stage, kept typed so that `--explain` can ask it why.
    coder: dyad_coder::Coder,
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
        ];
        let coder =
            dyad_coder::Coder::load_default().map_err(|e| format!("loading the verb dictionary: {e}"))?;
        Ok(Pipeline { stages, coder })
    }

    /// Run every stage over `doc`.
    pub fn annotate(&self, doc: &mut Document) {
        for stage in &self.stages {
            stage.annotate(doc);
        }
        self.coder.annotate(doc);
    }

    /// The stage names in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).chain([self.coder.name()]).collect()
    }

    /// For an annotated document: the parse of every sentence and what the coder matched in it.
    pub fn explain(&self, doc: &Document) -> String {
        (0..doc.sentences.len()).map(|i| self.coder.explain(doc, i)).collect()
    }
}

/// The output records of every event in an annotated document.
pub fn records(doc: &Document) -> Vec<EventRecord> {
    doc.events.iter().filter_map(|e| EventRecord::from_event(doc, e)).collect()
}
