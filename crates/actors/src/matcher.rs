//! Dictionary lookup: every surface form in one Aho–Corasick automaton, matched case-sensitively
//! (the dictionary lists the case variants it accepts, so "US" is not "us"), keeping only
//! matches on word boundaries, then leftmost-longest among those.

use crate::dict::{Dictionary, Target};
use crate::error::Error;
use crate::fnv::FastMap;
use crate::scan::on_boundaries;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A dictionary surface form found in the text: its byte range and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub target: Target,
}

/// Every surface form of a [`Dictionary`], ready to find in text.
pub struct Matcher {
    automaton: AhoCorasick,
    targets: Vec<Target>,
    /// Short one-word forms ("he", "its"), found by a word scan instead: inside the automaton
    /// they match within most words ("t-he") and slow the overlapping search down.
    short_words: FastMap<String, Target>,
}

/// Whether a form is looked up by word rather than matched by the automaton.
fn is_short_word(text: &str) -> bool {
    text.len() <= 5 && text.chars().all(char::is_alphabetic) && text.chars().any(char::is_lowercase)
}

impl Matcher {
    pub fn new(dict: &Dictionary) -> Result<Matcher, Error> {
        let mut patterns: Vec<&str> = Vec::with_capacity(dict.forms.len());
        let mut targets = Vec::with_capacity(dict.forms.len());
        let mut short_words = FastMap::default();
        for f in &dict.forms {
            if is_short_word(&f.text) {
                short_words.entry(f.text.clone()).or_insert(f.target);
            } else if !f.text.is_empty() {
                patterns.push(&f.text);
                targets.push(f.target);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)?;
        Ok(Matcher { automaton, targets, short_words })
    }

    /// All dictionary matches in `text` on word boundaries, leftmost-longest, non-overlapping,
    /// in text order.
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        let mut all: Vec<Hit> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| on_boundaries(text, m.start(), m.end()))
            .map(|m| Hit { start: m.start(), end: m.end(), target: self.targets[m.pattern().as_usize()] })
            .collect();
        if !self.short_words.is_empty() {
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if !bytes[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if i - start <= 5 && on_boundaries(text, start, i) {
                    if let Some(t) = self.short_words.get(&text[start..i]) {
                        all.push(Hit { start, end: i, target: *t });
                    }
                }
            }
        }
        all.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Hit> = Vec::with_capacity(all.len());
        for (k, h) in all.iter().enumerate() {
            if out.last().is_some_and(|l| h.start < l.end) {
                continue;
            }
            // A nominal that starts with a determiner yields to a name that runs past its end:
            // "the North Korean regime" is not "the North" + "Korean regime".
            if matches!(h.target, Target::Nominal(_)) {
                let crossed = all[k + 1..].iter().take_while(|o| o.start < h.end).any(|o| o.end > h.end);
                if crossed {
                    continue;
                }
            }
            out.push(*h);
        }
        out
    }
}
