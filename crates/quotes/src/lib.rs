//! Quotes and attribution: direct and indirect speech with cue and speaker, and the epistemic
//! status of each stretch of text (reported, interpreted, hypothetical, negated, commentary).
//!
//! Entry point: [`QuoteTagger`], a [`dyad_core::Stage`] that fills the `quotes` and
//! `attributions` layers; [`provenance`] gives a document's chain of sources.
//!
//! # Design
//!
//! The stage reads the text layer of the NLP stage: its sentences (which never end inside a
//! closed quotation) and its paired quote marks (`dyad_nlp::text_layer` makes both without
//! tagging or parsing). Without that layer it does less: each paragraph or section counts as
//! one sentence, and with no quote marks there is no direct speech. The parse and actor layers
//! are used when they are there:
//!
//! 1. [`speech`] reads the quote marks and the sentences.
//! 2. [`speech`] decides which quoted stretches are speech (a cue before or after, or a whole
//!    sentence standing alone) and which are scare quotes or titles, and finds reported speech
//!    ("X said (that) …", "according to X, …", "…, X said.") from the cue lexicons in
//!    `data/quotes/` and `data/lexicon/`.
//!    Where no subject is found in the text and the NLP layer parsed the sentence, the cue
//!    verb's `nsubj` subtree is the speaker phrase.
//! 3. [`speakers`] resolves the speaker phrase as written: pronouns to the last speaker or
//!    subject, titles and surnames to the full name, acronyms, documents to their issuer,
//!    joint speakers to their parts. The result is linked to `doc.mentions` where a mention
//!    covers it (or, for a pronoun the stage could not resolve, to the mention's antecedent).
//! 4. [`status`] marks reported, interpreted, hypothetical, negated and commentary spans.
//!
//! Everything is bounded per sentence or per quotation, so a pathological document (only
//! quote marks, one endless sentence) stays linear or close to it.

pub mod lexicon;
pub mod provenance;
pub mod speakers;
pub mod speech;
pub mod status;
pub mod words;

use dyad_core::{Document, Mention, MentionKind, Quote, Span, Stage};
use lexicon::Lexicon;
pub use provenance::{Link, Role};
pub use speakers::{Name, Speaker, SpeakerKind};
use std::sync::OnceLock;

/// One piece of speech with its resolved speaker: the `Quote` record the stage stores, and
/// what the record cannot hold (the names a pronoun or document stands for, joint speakers).
#[derive(Debug, Clone)]
pub struct Finding {
    pub quote: Quote,
    pub speaker: Option<Speaker>,
}

/// Findings of one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub findings: Vec<Finding>,
}

/// The quotes stage. Holds the cue lexicons; `Sync`, one instance serves every thread.
pub struct QuoteTagger {
    lex: Lexicon,
}

impl Default for QuoteTagger {
    fn default() -> Self {
        QuoteTagger::new()
    }
}

impl QuoteTagger {
    pub fn new() -> QuoteTagger {
        QuoteTagger { lex: Lexicon::builtin() }
    }

    /// Find speech in `doc` and resolve its speakers, without changing `doc`.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        let mut an = speech::Analysis::new(doc, &self.lex);
        let raws = an.find();
        let mut resolver = speakers::Resolver::new(&an);
        // Resolve in text order so that continuity sees earlier speakers first.
        let mut order: Vec<usize> = (0..raws.len()).collect();
        order.sort_by_key(|&i| (raws[i].at, raws[i].content.0));
        let mut speakers: Vec<Option<Speaker>> = vec![None; raws.len()];
        let mut findings: Vec<Finding> = Vec::with_capacity(raws.len());
        for &i in &order {
            let raw = &raws[i];
            let shared = raw.same_speaker_as.and_then(|j| speakers.get(j).cloned().flatten());
            // Where the text rules found no subject, the dependency parse may have one.
            let subject =
                raw.subject.or_else(|| raw.cue.and_then(|(s, e)| parse_subject(doc, Span::new(s, e))));
            let speaker = match (shared, subject) {
                (Some(sp), _) => Some(sp),
                (None, Some((s, e))) => Some(resolver.resolve(s, e)),
                (None, None) => resolver.last_speaker(raw.at),
            };
            if let Some(sp) = &speaker {
                resolver.remember(raw.at, sp);
            }
            speakers[i] = speaker.clone();
            let quote = Quote {
                kind: raw.kind,
                content: Span::new(raw.content.0, raw.content.1),
                cue: raw.cue.map(|(s, e)| Span::new(s, e)),
                speaker: speaker.as_ref().and_then(|s| link_mention(&doc.mentions, s)),
                speaker_span: speaker.as_ref().and_then(|s| s.written),
            };
            findings.push(Finding { quote, speaker });
        }
        Analysis { findings }
    }

    /// The provenance chain of `doc` (see [`provenance`]).
    pub fn provenance_chain(&self, doc: &Document) -> Vec<Link> {
        let an = self.analyse(doc);
        provenance::chain(doc, &an.findings, &self.lex)
    }
}

impl Stage for QuoteTagger {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn requires(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        // Sections: commentary sections make what they say commentary (`status`).
        &[Layer::Text, Layer::Sections, Layer::Sentences, Layer::Parse, Layer::Mentions]
    }

    fn provides(&self) -> &'static [dyad_core::Layer] {
        use dyad_core::Layer;
        &[Layer::Quotes]
    }

    fn annotate(&self, doc: &mut Document) {
        let an = self.analyse(doc);
        doc.provenance = provenance::chain(doc, &an.findings, &self.lex)
            .into_iter()
            .map(|l| dyad_core::ProvenanceLink { name: l.name, role: l.role.as_str().to_string() })
            .collect();
        doc.quotes = an.findings.into_iter().map(|f| f.quote).collect();
        doc.attributions = status::attributions(doc, &self.lex, &speech::sentence_spans(doc));
    }
}

/// The provenance chain of a document as names, original source first: the official body
/// whose statement is quoted, the agencies cited, the wire credits, the outlet.
pub fn provenance(doc: &Document) -> Vec<String> {
    static TAGGER: OnceLock<QuoteTagger> = OnceLock::new();
    let tagger = TAGGER.get_or_init(QuoteTagger::new);
    tagger.provenance_chain(doc).into_iter().map(|l| l.name).collect()
}

/// The subject of a cue verb in the dependency parse, if the NLP layer parsed its sentence:
/// the span of the `nsubj` dependent's subtree.
fn parse_subject(doc: &Document, cue: Span) -> Option<(usize, usize)> {
    let si = doc.sentence_at(cue.start)?;
    let tokens = doc.sentence_tokens(si);
    let verb = tokens
        .iter()
        .position(|t| t.span.start <= cue.start && cue.start < t.span.end.max(t.span.start + 1))?;
    let subject =
        tokens.iter().position(|t| t.head == Some(verb as u32 + 1) && t.deprel.starts_with("nsubj"))?;
    // The subtree: tokens whose chain of heads reaches the subject (bounded, in case of cycles).
    let in_subtree = |mut i: usize| {
        for _ in 0..tokens.len() {
            if i == subject {
                return true;
            }
            match tokens[i].head {
                Some(h) if h > 0 && (h as usize) <= tokens.len() => i = h as usize - 1,
                _ => return false,
            }
        }
        false
    };
    let members: Vec<usize> = (0..tokens.len()).filter(|&i| in_subtree(i)).collect();
    let (first, last) = (*members.first()?, *members.last()?);
    Some((tokens[first].span.start as usize, tokens[last].span.end as usize))
}

/// The mention a speaker refers to: one overlapping its first resolved name, else one
/// covering the phrase as written (through its antecedent for a pronoun or description).
fn link_mention(mentions: &[Mention], speaker: &Speaker) -> Option<u32> {
    let overlapping = |span: Span| {
        mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.span.overlaps(span))
            .max_by_key(|(_, m)| m.span.end.min(span.end).saturating_sub(m.span.start.max(span.start)))
            .map(|(i, _)| i)
    };
    if speaker.kind != SpeakerKind::Unresolved {
        if let Some(i) = speaker.names.first().and_then(|n| overlapping(n.span)) {
            return Some(i as u32);
        }
    }
    let mut i = overlapping(speaker.written?)?;
    // Follow antecedents of pronouns and descriptions to a name, a few steps at most.
    for _ in 0..8 {
        let m = &mentions[i];
        match (m.kind, m.antecedent) {
            (MentionKind::Pronoun | MentionKind::Nominal, Some(a)) if (a as usize) < mentions.len() => {
                i = a as usize
            }
            _ => break,
        }
    }
    Some(i as u32)
}
