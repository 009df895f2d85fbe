//! dyad's own NLP core: sentence and token segmentation, POS tagging, lemmatisation and
//! dependency parsing (UD relations), with models trained here from UD treebanks.
//!
//! Entry point: [`Nlp`], a [`dyad_core::Stage`] that fills the `sentences` and `tokens` layers.
//!
//! Design: segmentation is rules ([`segment`]); tagging and parsing are greedy, linear-time
//! classifiers over sparse features so that parsing is never the pipeline's bottleneck.

pub mod segment;

use dyad_core::{Document, Sentence, Span, Stage, Token};

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

    fn annotate(&self, doc: &mut Document) {
        let regions: Vec<Span> = doc.sections.iter().map(|s| s.span).collect();
        let seg = segment::segment(&doc.text, &regions);
        doc.tokens = seg.tokens.iter().map(|t| Token { span: t.span, ..Token::default() }).collect();
        doc.sentences = seg
            .sentences
            .iter()
            .map(|&(a, b)| Sentence {
                span: Span { start: seg.tokens[a].span.start, end: seg.tokens[b - 1].span.end },
                tokens: (a as u32, b as u32),
            })
            .collect();
    }
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
