//! Event coding: from an annotated sentence to events (source, CAMEO code, target) with status,
//! date and the rule that fired.
//!
//! Entry point: [`Coder`], a [`dyad_core::Stage`] that fills the `events` layer.

use dyad_core::{Document, Stage};

pub struct Coder {}

impl Coder {
    pub fn load_default() -> Result<Coder, String> {
        Ok(Coder {})
    }
}

impl Stage for Coder {
    fn name(&self) -> &'static str {
        "coder"
    }

    fn annotate(&self, _doc: &mut Document) {}
}
