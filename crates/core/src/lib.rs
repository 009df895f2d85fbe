//! The shared vocabulary of dyad: one [`Document`] with stand-off annotation layers, the
//! [`Stage`] seam that every pipeline component implements, the CAMEO/PLOVER code tables, and
//! the JSONL [`EventRecord`] output contract.
//!
//! # Design
//!
//! A `Document` owns one normalised text ([`text::normalise`]) and never changes it after
//! construction. Every annotation is a layer of records that point into that text with byte
//! [`Span`]s; no layer copies text. A stage reads the layers before it and appends its own, so
//! the order of stages is the order of the pipeline in `DESIGN.md`:
//! extract → segment → parse → actors → time → quotes → code.
//!
//! Codes are data: the CAMEO event table (name, Goldstein, QuadClass, PLOVER) is generated into
//! `data/cameo/event_codes.tsv` and compiled in; see [`cameo`].

pub mod cameo;
pub mod document;
pub mod lexicon;
pub mod record;
pub mod span;
pub mod testdata;
pub mod text;

pub use cameo::{EventCode, EventCodes};
pub use document::*;
pub use record::{ActorRef, EventRecord};
pub use span::Span;

/// One layer of a [`Document`]: what a [`Stage`] reads and what it fills.
///
/// A pipeline is valid when every layer a stage requires is provided by an earlier stage or
/// by the reader that built the document ([`Layer::Text`], [`Layer::Sections`]).
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
    /// The layers this stage reads; a pipeline checks that earlier stages provide them.
    fn requires(&self) -> &'static [Layer];
    /// The layers this stage fills.
    fn provides(&self) -> &'static [Layer];
    /// Add this stage's layer(s) to `doc`.
    fn annotate(&self, doc: &mut Document);
}
