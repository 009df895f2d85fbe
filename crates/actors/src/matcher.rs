//! Dictionary lookup: every surface form in one Aho–Corasick automaton, matched case-sensitively
//! (the dictionary lists the case variants it accepts, so "US" is not "us"), keeping only
//! matches on word boundaries, then leftmost-longest among those.

use crate::dict::{Dictionary, Target};
use crate::scan::on_boundaries;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub target: Target,
}

pub struct Matcher {
    automaton: AhoCorasick,
    targets: Vec<Target>,
}

impl Matcher {
    pub fn new(dict: &Dictionary) -> Result<Matcher, String> {
        let mut patterns: Vec<&str> = Vec::with_capacity(dict.forms.len());
        let mut targets = Vec::with_capacity(dict.forms.len());
        for f in &dict.forms {
            if !f.text.is_empty() {
                patterns.push(&f.text);
                targets.push(f.target);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| format!("cannot build the actor automaton: {e}"))?;
        Ok(Matcher { automaton, targets })
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
