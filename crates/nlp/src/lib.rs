//! dyad's own NLP core: sentence and token segmentation, POS tagging, lemmatisation and
//! dependency parsing (UD relations), with models trained here from UD treebanks.
//!
//! Entry point: [`Nlp`], a [`dyad_core::Stage`] that fills the `sentences` and `tokens` layers.

use dyad_core::{Document, Stage};

/// The loaded NLP models. Load once, share across threads.
pub struct Nlp {}

impl Nlp {
    /// Load the models that ship with dyad.
    pub fn load() -> Result<Nlp, String> {
        Ok(Nlp {})
    }
}

impl Stage for Nlp {
    fn name(&self) -> &'static str {
        "nlp"
    }

    fn annotate(&self, _doc: &mut Document) {}
}

/// `dyad train parser`: options and entry point.
pub mod train {
    /// Options of `dyad train parser`.
    #[derive(Debug, Clone)]
    pub struct TrainArgs {
        pub train: Vec<std::path::PathBuf>,
        pub dev: Option<std::path::PathBuf>,
        pub out: std::path::PathBuf,
        pub seed: u64,
        pub epochs: Option<usize>,
    }

    pub fn run(_args: &TrainArgs) -> Result<(), String> {
        Err("training is not implemented yet".into())
    }
}
