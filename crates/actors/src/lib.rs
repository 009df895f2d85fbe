//! Actors: dictionaries (dyad's own format and TABARI/PETRARCH readers), recognition of actor
//! mentions in text, composition of countries with roles into CAMEO actor codes, and
//! coreference inside a document.
//!
//! Entry point: [`ActorTagger`], a [`dyad_core::Stage`] that fills the `mentions` layer.

use dyad_core::{Document, Stage};

pub struct ActorTagger {}

impl ActorTagger {
    /// Load the dictionaries that ship with dyad (`data/actors/`).
    pub fn load_default() -> Result<ActorTagger, String> {
        Ok(ActorTagger {})
    }
}

impl Stage for ActorTagger {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn annotate(&self, _doc: &mut Document) {}
}
