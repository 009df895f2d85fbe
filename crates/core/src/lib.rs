//! The shared vocabulary of dyad: one [`Document`] with stand-off annotation layers, the
//! [`Stage`] seam that every pipeline component implements, the CAMEO/PLOVER code tables, and
//! the JSONL [`EventRecord`] output contract.
//!
//! # Design
//!
//! A `Document` owns one normalised text ([`text::normalise`]) and never changes it after
//! construction. Every annotation is a layer of records that point into that text with byte
//! [`Span`]s; no layer copies text. A stage reads the layers before it and appends its own:
//! after the reader (ingest: text and sections), nlp (sentences, tokens, parse) → actors
//! (mentions) → quotes (quotes, attributions) → time (timexes; anchored to the speech, so after
//! quotes) → coder (events). Each stage declares the [`Layer`]s it reads and fills
//! ([`Stage::requires`], [`Stage::reads_if_present`], [`Stage::provides`]); the pipeline's
//! builder (`dyad_pipeline`) checks that what a stage reads is filled before it runs and
//! refuses an order where it is not.
//!
//! Codes are data: the CAMEO event table (name, Goldstein, QuadClass, PLOVER) is generated into
//! `data/cameo/event_codes.tsv` and compiled in; see [`cameo`].

#![warn(missing_docs)]

pub mod cameo;
pub mod document;
pub mod error;
pub mod fnv;
pub mod lexicon;
pub mod record;
pub mod span;
pub mod testdata;
pub mod text;

pub use cameo::{EventCode, EventCodes};
pub use document::*;
pub use error::CameoError;
pub use record::action_geo;
pub use record::{ActorRef, EventMention, EventRecord};
pub use span::Span;

/// One layer of a [`Document`]: what a [`Stage`] reads and what it fills.
///
/// A pipeline is valid when every layer a stage requires is provided by an earlier stage or
/// by the reader that built the document ([`Layer::Text`], [`Layer::Sections`]), and no layer
/// a stage reads if present is provided only after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// The normalised text and its metadata (made by the reader).
    Text,
    /// [`Document::sections`] (made by the reader).
    Sections,
    /// [`Document::sentences`], [`Document::tokens`] with byte offsets,
    /// [`Document::paragraphs`] and [`Document::quote_marks`]: the text layer.
    Sentences,
    /// Tags, lemmas and dependency heads on [`Document::tokens`].
    Parse,
    /// [`Document::mentions`].
    Mentions,
    /// [`Document::quotes`], [`Document::attributions`] and [`Document::provenance`].
    Quotes,
    /// [`Document::timexes`].
    Timexes,
    /// [`Document::events`].
    Events,
    /// [`Document::places`].
    Places,
}

impl Layer {
    /// The layers every document has before any stage runs.
    pub const FROM_READER: [Layer; 2] = [Layer::Text, Layer::Sections];
}

/// A pipeline component: reads the layers it needs from a document and adds its own.
///
/// Stages hold their resources (dictionaries, models) immutably, so one instance serves many
/// threads. A stage must not panic on any document; what it cannot annotate it leaves alone
/// and, where a user should know, records in [`Document::warnings`].
pub trait Stage: Send + Sync {
    /// Short name used in logs and `--explain` output.
    fn name(&self) -> &'static str;
    /// The layers this stage cannot do without; the pipeline's builder checks that the reader
    /// or an earlier stage provides each.
    fn requires(&self) -> &'static [Layer];
    /// The layers this stage reads when they are there and does less without (the coder
    /// without quotes: every event asserted); a pipeline that fills one must fill it before
    /// this stage runs.
    fn reads_if_present(&self) -> &'static [Layer] {
        &[]
    }
    /// The layers this stage fills.
    fn provides(&self) -> &'static [Layer];
    /// Add this stage's layer(s) to `doc`.
    fn annotate(&self, doc: &mut Document);
}
