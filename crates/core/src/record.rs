//! The JSONL output contract: one [`EventRecord`] per event (documented in docs/output.md).

use crate::cameo::EventCodes;
use crate::document::{Document, Event, Geo, SectionKind};
use crate::text::content_hash;
use serde::{Deserialize, Serialize};

/// An actor as printed: code, country part, and the words that named it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// The full CAMEO actor code ("USAGOV").
    pub code: String,
    /// Its country part ("USA"), empty for international or non-state actors.
    pub country: String,
    /// The words of the sentence that named the actor (may be a pronoun).
    pub text: String,
    /// The words that name the actor: `text`, or for a pronoun those of the mention it
    /// stands for. Records written before this field existed read back with `text`.
    #[serde(default)]
    pub name: String,
}

/// One place in the document that reports an event: a sentence, as the record's own
/// `section`, `sentence_index`, `char_span` and `evidence` describe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    /// The document the sentence is in (a happening's mentions may come from several).
    #[serde(default)]
    pub doc_id: String,
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
    /// Where the event took place, when its sentence or the story's dateline names a place.
    #[serde(default)]
    pub action_geo: Option<Geo>,
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
    /// How many sentences report the event: the length of `mentions`.
    #[serde(default = "one")]
    pub num_mentions: u32,
    /// How many independent sources report it: documents that are copies of one wire story
    /// (the same agency in their provenance, or near-duplicate text) count once.
    #[serde(default = "one")]
    pub num_sources: u32,
    /// How many documents report it.
    #[serde(default = "one")]
    pub num_articles: u32,
    /// The pattern or rule that coded the event (what `--explain` elaborates).
    pub rule: String,
    /// The evidence sentence is a piece of a longer one that was cut to cap the work it may
    /// cost ([`Document::cut_sentences`]): words across the cut were not read together. Only
    /// written when true.
    #[serde(default, skip_serializing_if = "is_false")]
    pub truncated: bool,
}

fn one() -> u32 {
    1
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where the event of sentence `sentence` (its trigger at byte `trigger`) took place: a place
/// of the sentence after a locative word ("in Moscow"), else one that is not an actor, the
/// nearest the trigger first; else the story's dateline. An actor named by a place ("Moscow
/// said", "Russia supports") is not where the act happened.
pub fn action_geo(doc: &Document, sentence: u32, trigger: u32) -> Option<Geo> {
    let span = doc.sentences.get(sentence as usize)?.span;
    doc.places_within(span)
        .into_iter()
        .map(|i| &doc.places[i])
        .filter(|p| p.locative || !p.actor)
        .min_by_key(|p| (!p.locative, p.span.start.abs_diff(trigger)))
        .or_else(|| doc.dateline_place())
        .map(|p| p.geo.clone())
}

/// The words that name a participant: its mention's own, or for a pronoun those of the
/// mention it stands for ("Bangladesh" for the "it" of "Bangladesh says it will not accept"),
/// when coreference found one naming the same actor.
fn naming_words<'d>(doc: &'d Document, p: &crate::document::Participant) -> &'d str {
    use crate::document::MentionKind;
    let own = doc.span_text(p.span);
    let Some(mut mention) = p.mention.and_then(|m| doc.mentions.get(m as usize)) else { return own };
    // Chains are short; the bound only guards against a cycle in a malformed layer.
    for _ in 0..16 {
        if mention.kind != MentionKind::Pronoun {
            break;
        }
        let Some(next) = mention.antecedent.and_then(|a| doc.mentions.get(a as usize)) else { break };
        if next.kind != MentionKind::Pronoun {
            let names_it = next.actors.iter().any(|a| a.code == p.actor.code);
            return if names_it { doc.span_text(next.span) } else { own };
        }
        mention = next;
    }
    own
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
            name: naming_words(doc, p).to_string(),
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
        let char_span =
            [doc.char_offset(sentence.span.start as usize), doc.char_offset(sentence.span.end as usize)];
        let section = section.as_str().to_string();
        let mention = EventMention {
            doc_id: doc.id.clone(),
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
            action_geo: action_geo(doc, event.sentence, event.trigger.start),
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
            num_mentions: 1,
            num_sources: 1,
            num_articles: 1,
            rule: event.rule.clone(),
            truncated: doc.sentence_was_cut(sentence.span),
        })
    }
}
