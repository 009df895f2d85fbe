//! Actors: dictionaries (dyad's own format and TABARI/PETRARCH readers), recognition of actor
//! mentions in text, composition of countries with roles into CAMEO actor codes, and
//! coreference inside a document.
//!
//! # Design
//!
//! The dictionary ([`dict`]) is a set of TSV files in `data/actors/`, compiled into the binary
//! and documented in `data/actors/README.md`. Every surface form goes into one Aho–Corasick
//! automaton ([`matcher`]); matches count only on word boundaries and the leftmost-longest
//! wins, so recognition works on raw text and needs no tokens. [`recognize`] composes
//! neighbouring matches (country + role + name), types capitalised spans the dictionary does
//! not know, and picks each person's code by the document date. [`coref`] then resolves
//! pronouns and nominals. The stage writes the `mentions` layer; nothing else.
//!
//! Entry point: [`ActorTagger`], a [`dyad_core::Stage`]. [`petrarch`] reads the field's
//! dictionaries (`*.actors.txt`, `*.agents.txt`) for users and for the event coder.

pub mod coref;
pub mod dict;
pub mod matcher;
pub mod petrarch;
pub mod recognize;
pub mod scan;
pub mod tsv;

use chrono::NaiveDate;
use dyad_core::{Document, EntityType, Mention, MentionKind, Span, Stage};
use std::path::Path;

pub use dict::Dictionary;
pub use recognize::Found;
pub use tsv::DictError;

/// The actor stage: dictionary, automaton and rules, immutable and shared across threads.
pub struct ActorTagger {
    dict: Dictionary,
    matcher: matcher::Matcher,
}

impl ActorTagger {
    /// Load the dictionaries that ship with dyad (`data/actors/`, compiled in).
    pub fn load_default() -> Result<ActorTagger, String> {
        let dict = Dictionary::builtin().map_err(|e| e.to_string())?;
        ActorTagger::from_dictionary(dict)
    }

    /// Load a dictionary directory in dyad's format (see `data/actors/README.md`).
    pub fn load_dir(dir: &Path) -> Result<ActorTagger, String> {
        let dict = Dictionary::load_dir(dir).map_err(|e| e.to_string())?;
        ActorTagger::from_dictionary(dict)
    }

    pub fn from_dictionary(dict: Dictionary) -> Result<ActorTagger, String> {
        let matcher = matcher::Matcher::new(&dict)?;
        Ok(ActorTagger { dict, matcher })
    }

    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// Duplicates, conflicts and overlapping terms found in the dictionary.
    pub fn issues(&self) -> &[String] {
        &self.dict.issues
    }

    /// Recognise and resolve mentions in `text`, with codes for `date`. `sentences` may be
    /// empty: sentences are then found from the raw text.
    pub fn mentions(&self, text: &str, date: Option<NaiveDate>, sentences: &[Span]) -> Vec<Mention> {
        let hits = self.matcher.hits(text);
        let mut found = recognize::Recognizer { dict: &self.dict }.recognize(text, &hits, date);
        let own;
        let sentences = if sentences.is_empty() {
            own = scan::sentences(text);
            &own[..]
        } else {
            sentences
        };
        let quotes = scan::quote_regions(text);
        let antecedents = coref::resolve(text, &self.dict, &mut found, sentences, &quotes);
        found
            .into_iter()
            .zip(antecedents)
            .map(|(f, a)| Mention {
                span: f.span,
                kind: f.kind,
                entity_type: f.entity,
                actors: f.actors,
                antecedent: a,
                rule: f.rule,
            })
            .collect()
    }

    /// Named entities (PER, ORG, LOC) as a named-entity corpus marks them: the name part of
    /// each named mention, and role phrases with a country ("Iraqi security forces").
    pub fn entities(&self, text: &str) -> Vec<(Span, EntityType)> {
        let hits = self.matcher.hits(text);
        let found = recognize::Recognizer { dict: &self.dict }.recognize(text, &hits, None);
        found
            .into_iter()
            .filter_map(|f| {
                let ty = f.entity.filter(|t| *t != EntityType::MISC)?;
                match f.kind {
                    MentionKind::Name | MentionKind::Unknown => Some((f.name.unwrap_or(f.span), ty)),
                    MentionKind::Nominal if !f.actors.is_empty() => Some((f.span, ty)),
                    _ => None,
                }
            })
            .collect()
    }
}

impl Stage for ActorTagger {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn annotate(&self, doc: &mut Document) {
        let date = doc.meta.date.as_ref().map(|d| d.date);
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        doc.mentions = self.mentions(&doc.text, date, &sentences);
    }
}
