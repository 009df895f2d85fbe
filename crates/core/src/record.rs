//! The JSONL output contract: one [`EventRecord`] per event (documented in docs/output.md).

use crate::cameo::EventCodes;
use crate::document::{Document, Event, SectionKind};
use crate::text::{char_offset, content_hash};
use serde::{Deserialize, Serialize};

/// An actor as printed: code, country part, and the words that named it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// The full CAMEO actor code ("USAGOV").
    pub code: String,
    /// Its country part ("USA"), empty for international or non-state actors.
    pub country: String,
    /// The words of the document that named the actor.
    pub text: String,
}

/// One place in the document that reports an event: a sentence, as the record's own
/// `section`, `sentence_index`, `char_span` and `evidence` describe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    /// The section the sentence is in ("headline", "body", …).
    pub section: String,
    /// Index of the sentence in the document.
    pub sentence_index: u32,
    /// The sentence as [start, end) in Unicode characters of the normalised text.
    pub char_span: [usize; 2],
    /// The sentence's text.
    pub evidence: String,
}

/// One event line of `dyad code --format jsonl`. Every field is always present (null where
/// unknown); fields may be added later, none may change meaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// The document's id (content hash of its text).
    pub doc_id: String,
    /// The input's own id for the document: a JSONL line's `id`, where it has one.
    pub input_id: Option<String>,
    /// Stable id of this event: a hash of document, sentence, trigger, code and actors.
    pub event_id: String,
    /// When the event happened (ISO 8601, as precise as known), if known.
    pub date: Option<String>,
    /// How precise `date` is ("day", "month", …, or "none").
    pub date_precision: String,
    /// Where `date` came from: "clause" (a time expression of the event's own clause) or
    /// "document" (the document date); `None` when undated.
    pub date_source: Option<String>,
    /// Who acted.
    pub source: ActorRef,
    /// Who was acted on, where there is one.
    pub target: Option<ActorRef>,
    /// The CAMEO event code.
    pub cameo: String,
    /// Its two-digit root.
    pub root: String,
    /// Its PLOVER category, where there is one.
    pub plover: Option<String>,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein score of the code, -10 to +10.
    pub goldstein: f32,
    /// Whether the event is asserted, reported, negated, hypothetical, … ([`crate::Status`]).
    pub status: String,
    /// The speaker the event is attributed to, when it comes from reported speech.
    pub attributed_to: Option<String>,
    /// The section of the article the evidence sentence is in ("body", "caption", …).
    pub section: String,
    /// Index of the evidence sentence in the document.
    pub sentence_index: u32,
    /// The evidence sentence as [start, end) in Unicode characters of the normalised text.
    pub char_span: [usize; 2],
    /// The evidence sentence's text.
    pub evidence: String,
    /// Every sentence of the document that reports this event, in text order (the headline and
    /// the lead often report the same act); the record's own evidence is one of them.
    pub mentions: Vec<EventMention>,
    /// The pattern or rule that coded the event (what `--explain` elaborates).
    pub rule: String,
}

impl EventRecord {
    /// Build the record of `event` in `doc`. Returns `None` only for an event whose CAMEO code
    /// is not in the table (a bug in a dictionary, which the coder's tests guard against).
    pub fn from_event(doc: &Document, event: &Event) -> Option<EventRecord> {
        let code = EventCodes::get().lookup(&event.cameo)?;
        let sentence = doc.sentences.get(event.sentence as usize)?;
        let evidence = doc.span_text(sentence.span).to_string();
        let section = doc.section_at(sentence.span.start).map_or(SectionKind::Body, |s| s.kind);
        let actor_ref = |p: &crate::document::Participant| ActorRef {
            code: p.actor.code.clone(),
            country: p.actor.country.clone(),
            text: doc.span_text(p.span).to_string(),
        };
        let target = event.target.as_ref().map(actor_ref);
        let attributed_to = event.attributed_to.and_then(|m| doc.mentions.get(m as usize)).map(|m| {
            m.actors.first().and_then(|a| a.name.clone()).unwrap_or_else(|| doc.span_text(m.span).to_string())
        });
        // Stable across runs: the same document coded the same way gives the same id.
        let key = format!(
            "{}|{}|{}|{}|{}|{}",
            doc.id,
            event.sentence,
            event.trigger.start,
            event.cameo,
            event.source.actor.code,
            target.as_ref().map_or("", |t| t.code.as_str())
        );
        let char_span = [
            char_offset(&doc.text, sentence.span.start as usize),
            char_offset(&doc.text, sentence.span.end as usize),
        ];
        let section = section.as_str().to_string();
        let mention = EventMention {
            section: section.clone(),
            sentence_index: event.sentence,
            char_span,
            evidence: evidence.clone(),
        };
        Some(EventRecord {
            doc_id: doc.id.clone(),
            input_id: doc.meta.external_id.clone(),
            event_id: content_hash(key.as_bytes())[..16].to_string(),
            date: event.date.clone(),
            date_precision: event.date_precision.as_str().to_string(),
            date_source: event.date_source.map(|s| s.as_str().to_string()),
            source: actor_ref(&event.source),
            target,
            cameo: code.code.clone(),
            root: code.root.clone(),
            plover: code.plover.clone(),
            quad_class: code.quad_class,
            goldstein: code.goldstein,
            status: event.status.as_str().to_string(),
            attributed_to,
            section,
            sentence_index: event.sentence,
            char_span,
            evidence,
            mentions: vec![mention],
            rule: event.rule.clone(),
        })
    }
}
