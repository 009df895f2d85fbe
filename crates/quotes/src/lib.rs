//! Quotes and attribution: direct and indirect speech with cue and speaker, and the epistemic
//! status of each stretch of text (reported, interpreted, hypothetical, negated, commentary).
//!
//! Entry point: [`QuoteTagger`], a [`dyad_core::Stage`] that fills `doc.quotes`,
//! `doc.attributions` and `doc.provenance`; [`QuoteTagger::analyse`] gives the same findings with
//! what a `Quote` record cannot hold (the names behind a pronoun, joint speakers), and
//! [`provenance()`] a document's chain of sources.
//!
//! # Design
//!
//! The stage neither splits sentences nor pairs quote marks: both come from the text layer of
//! the nlp stage (`doc.sentences`, `doc.quote_marks`; made by `dyad_nlp::text_layer` without
//! tagging or parsing), whose sentences never end inside a closed quotation. Without that layer it does less: each paragraph or section counts as one
//! sentence, and with no quote marks there is no direct speech. The parse and actor layers are
//! used when they are there. The word lists are data: reporting verbs, agencies, negation and
//! hypothetical cues shared with other stages come from `dyad_core::lexicon`
//! (`data/lexicon/`); document nouns, titles, speaker nouns, organisation words and
//! interpretation cues are this stage's own (`data/quotes/`, module `lexicon`).
//!
//! 1. `speech` scans each sentence's words (module `words`, read from the text itself) and
//!    decides which quoted stretches are speech (a cue before or after, or a whole sentence
//!    standing alone) and which are scare quotes or titles, and finds reported speech ("X said
//!    (that) …", "according to X, …", "…, X said."), each with its cue and the speaker phrase
//!    as written.
//! 2. Where the text rules found no speaker phrase and the nlp stage parsed the sentence, the
//!    cue verb's `nsubj` subtree is the speaker phrase (here, in `lib.rs`).
//! 3. `speakers` resolves the speaker phrase: pronouns to the last speaker or subject, titles
//!    and surnames to the full name, acronyms, documents to their issuer, joint speakers to
//!    their parts. The result is linked to `doc.mentions` where a mention covers it (or, for a
//!    pronoun the stage could not resolve, to the mention's antecedent).
//! 4. `status` marks reported, interpreted, hypothetical, negated and commentary spans.
//! 5. `provenance` orders the sources: issuers of quoted statements, cited agencies, wire
//!    credits, the outlet.
//!
//! Everything is bounded per sentence or per quotation, so a pathological document (only
//! quote marks, one endless sentence) stays linear or close to it.
//!
//! The word lists are compiled in and every line of them is checked by the tests, so nothing
//! here can fail at run time and the crate has no error type.

#![warn(missing_docs)]

mod lexicon;
mod provenance;
mod speakers;
mod speech;
mod status;
mod words;

use dyad_core::{Document, MentionKind, Quote, Span, Stage};
use lexicon::Lexicon;
use provenance::Link;
pub use speakers::{Name, Speaker, SpeakerKind};
use std::sync::OnceLock;

/// One piece of speech with its resolved speaker: the `Quote` record the stage stores, and
/// what the record cannot hold (the names a pronoun or document stands for, joint speakers).
#[derive(Debug, Clone)]
pub struct Finding {
    /// The record stored in `doc.quotes`: kind, content, cue, linked mention, speaker as written.
    pub quote: Quote,
    /// Who spoke, resolved; `None` when no speaker was found or carried over.
    pub speaker: Option<Speaker>,
}

/// What [`QuoteTagger::analyse`] finds in one document.
#[derive(Debug, Clone)]
pub struct QuoteFindings {
    /// Every quotation and piece of reported speech, in the order speakers were resolved
    /// (text order of where each enters the narrative).
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
    /// A tagger over the compiled-in word lists (parsed here, once per tagger).
    pub fn new() -> QuoteTagger {
        QuoteTagger { lex: Lexicon::builtin() }
    }

    /// Find speech in `doc` and resolve its speakers, without changing `doc`.
    pub fn analyse(&self, doc: &Document) -> QuoteFindings {
        let mut scan = speech::SpeechScan::new(doc, &self.lex);
        let raws = scan.find();
        let mut resolver = speakers::Resolver::new(&scan);
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
                speaker: speaker.as_ref().and_then(|s| link_mention(doc, s)),
                speaker_span: speaker.as_ref().and_then(|s| s.written),
            };
            findings.push(Finding { quote, speaker });
        }
        QuoteFindings { findings }
    }

    /// The provenance chain of `doc`, original source first.
    fn provenance_chain(&self, doc: &Document) -> Vec<Link> {
        let found = self.analyse(doc);
        provenance::chain(doc, &found.findings, &self.lex)
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
        let found = self.analyse(doc);
        doc.provenance = provenance::chain(doc, &found.findings, &self.lex)
            .into_iter()
            .map(|l| dyad_core::ProvenanceLink { name: l.name, role: l.role.as_str().to_string() })
            .collect();
        doc.quotes = found.findings.into_iter().map(|f| f.quote).collect();
        doc.attributions = status::attributions(doc, &self.lex, &speech::sentence_spans(doc));
    }
}

/// The provenance chain of a document as names, original source first: the official body
/// whose statement is quoted, the agencies cited, the wire credits, the outlet. The stage
/// stores the same chain, with roles, in `doc.provenance`.
pub fn provenance(doc: &Document) -> Vec<String> {
    static TAGGER: OnceLock<QuoteTagger> = OnceLock::new();
    let tagger = TAGGER.get_or_init(QuoteTagger::new);
    tagger.provenance_chain(doc).into_iter().map(|l| l.name).collect()
}

/// For each sentence of `doc`, whether this stage may read its dependency parse: it holds a
/// reporting verb (a speech cue, whose subject the parse gives when the words around it do
/// not). A pipeline that parses only some sentences parses these. Reads the text layer only.
pub fn may_read_parse(doc: &Document) -> Vec<bool> {
    let sentences = &doc.sentences;
    let mut out = vec![false; sentences.len()];
    let verbs = dyad_core::lexicon::reporting_verbs();
    let mut mark = |start: usize| {
        let at = sentences.partition_point(|s| s.span.start as usize <= start);
        if let Some(k) = at.checked_sub(1) {
            out[k] = true;
        }
    };
    // Words as the speech reader scans them, over the whole text; it also scans shorter
    // stretches (a sentence, a quotation), whose ends may cut a word at a joining mark
    // ("said.He"), so the pieces between those marks count too.
    for w in words::words(&doc.text, 0, doc.text.len()) {
        if verbs.get(w.text).is_some() {
            mark(w.start);
        } else if !w.text.chars().all(char::is_alphanumeric) {
            let mut piece: Option<usize> = None;
            for (i, c) in w.text.char_indices().chain(std::iter::once((w.text.len(), ' '))) {
                if c.is_alphanumeric() {
                    piece.get_or_insert(i);
                } else if let Some(from) = piece.take() {
                    if verbs.get(&w.text[from..i]).is_some() {
                        mark(w.start + from);
                    }
                }
            }
        }
    }
    out
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
fn link_mention(doc: &Document, speaker: &Speaker) -> Option<u32> {
    let mentions = &doc.mentions;
    let overlapping = |span: Span| {
        doc.mentions_overlapping(span)
            .into_iter()
            .map(|i| (i, &mentions[i]))
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
