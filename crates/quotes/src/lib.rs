//! Quotes and attribution: direct and indirect speech with cue and speaker, and the epistemic
//! status of each stretch of text (reported, interpreted, hypothetical, commentary).
//!
//! Entry point: [`QuoteTagger`], a [`dyad_core::Stage`] that fills the `quotes` and
//! `attributions` layers.

use dyad_core::{Document, Stage};

#[derive(Default)]
pub struct QuoteTagger {}

impl QuoteTagger {
    pub fn new() -> QuoteTagger {
        QuoteTagger {}
    }
}

impl Stage for QuoteTagger {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn annotate(&self, _doc: &mut Document) {}
}
