//! Dictionary lookup: every surface form in one Aho–Corasick automaton, matched case-sensitively
//! (the dictionary lists the case variants it accepts, so "US" is not "us"), keeping only
//! matches on word boundaries, then leftmost-longest among those.

use crate::dict::{Dictionary, Target};
use crate::error::Error;
use crate::fnv::{FastMap, WordSet};
use crate::scan::{is_unspaced, is_word_char, on_boundaries};
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
    /// The names of the secondary (Phoenix) files, tens of thousands of people and
    /// organisations: looked up word by word at each capitalised word, since in the automaton
    /// they would multiply its size, its build time and the time of every search.
    names: NameIndex,
}

/// The surface forms of the secondary files, found by extending a lookup word by word from
/// each word start. Keys are 64-bit FNV-1a hashes of every prefix of a form that ends at the end
/// of a word, computed as the text is read (no string is hashed twice); a whole form's key
/// leads to the form, whose text is then compared. A bit filter of first-word hashes, small
/// enough to stay in cache, turns most words away before the table is touched.
struct NameIndex {
    /// Bit `h % FILTER_BITS` is set for the hash `h` of each form's first word.
    filter: Vec<u64>,
    /// Prefix hash → index into `forms` of the whole form with that hash, or `PREFIX`.
    keys: FastMap<u64, u32>,
    forms: Vec<(Box<str>, Target)>,
    /// First words of the forms that start lower case (role phrases: "border patrol"): most
    /// words of a text are lower case, so they are checked against this set before hashing.
    lower_heads: WordSet,
}

const FILTER_BITS: u64 = 1 << 18;
/// A key that is only the prefix of forms.
const PREFIX: u32 = u32::MAX;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether the character at byte `i` of `s` (a char boundary) is a word character, and its length.
fn word_char_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = s[i..].chars().next().expect("a char boundary");
        (is_word_char(c), c.len_utf8())
    }
}

/// The end of the run of word characters that starts at byte `i` of `s`.
fn word_end(s: &str, mut i: usize) -> usize {
    while i < s.len() {
        let (w, n) = word_char_at(s, i);
        if !w {
            break;
        }
        i += n;
    }
    i
}

/// The start of the next word at or after byte `i` of `s` (`s.len()` if none).
fn next_word(s: &str, mut i: usize) -> usize {
    while i < s.len() {
        let (w, n) = word_char_at(s, i);
        if w {
            break;
        }
        i += n;
    }
    i
}

impl NameIndex {
    fn new() -> NameIndex {
        NameIndex {
            filter: vec![0; (FILTER_BITS / 64) as usize],
            keys: FastMap::default(),
            forms: Vec::new(),
            lower_heads: WordSet::default(),
        }
    }

    /// Whether `form` can be found by [`NameIndex::hits`]: it starts with an ASCII letter or
    /// digit and ends with a word character or a full stop.
    fn fits(form: &str) -> bool {
        let first = form.bytes().next().is_some_and(|c| c.is_ascii_alphanumeric());
        let last = form.chars().next_back().is_some_and(|c| is_word_char(c) || c == '.');
        first && last && !form.chars().any(is_unspaced)
    }

    fn filter_has(&self, h: u64) -> bool {
        let bit = h % FILTER_BITS;
        self.filter[(bit / 64) as usize] & (1 << (bit % 64)) != 0
    }

    fn insert(&mut self, form: &str, target: Target) {
        let first = word_end(form, 0);
        if form.as_bytes()[0].is_ascii_lowercase() {
            self.lower_heads.insert(&form[..first]);
        }
        let bit = fnv(FNV_OFFSET, &form.as_bytes()[..first]) % FILTER_BITS;
        self.filter[(bit / 64) as usize] |= 1 << (bit % 64);
        let mut end = first;
        while end < form.len() {
            self.keys.entry(fnv(FNV_OFFSET, &form.as_bytes()[..end])).or_insert(PREFIX);
            let next = next_word(form, end);
            if next >= form.len() {
                break;
            }
            end = word_end(form, next);
        }
        let idx = self.forms.len() as u32;
        let slot = self.keys.entry(fnv(FNV_OFFSET, form.as_bytes())).or_insert(PREFIX);
        if *slot == PREFIX {
            *slot = idx;
            self.forms.push((form.into(), target));
        }
    }

    /// The form with hash `h` if it is `text[start..end]`.
    fn whole(&self, h: u64, text: &str, start: usize, end: usize) -> Option<Option<Target>> {
        let &k = self.keys.get(&h)?;
        if k == PREFIX {
            return Some(None);
        }
        let (form, target) = &self.forms[k as usize];
        // A hash shared by two prefixes is possible in principle: the text decides.
        Some((**form == text[start..end]).then_some(*target))
    }

    /// Forms in `text` that start at byte `start` (the start of a word) and end at the word
    /// end `first_end`, with `h` the hash of their first word, pushed onto `out`.
    fn extend(&self, text: &str, start: usize, first_end: usize, mut h: u64, out: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        let mut end = first_end;
        loop {
            let Some(found) = self.whole(h, text, start, end) else { return };
            if let Some(t) = found {
                out.push(Hit { start, end, target: t });
            }
            // "Co." after "Co": a form may end with a full stop.
            if bytes.get(end) == Some(&b'.') {
                if let Some(Some(t)) = self.whole(fnv(h, b"."), text, start, end + 1) {
                    out.push(Hit { start, end: end + 1, target: t });
                }
            }
            let next = next_word(text, end);
            // Names do not run across a line or a long stretch of punctuation.
            if next >= text.len() || next - end > 3 || text[end..next].contains('\n') {
                return;
            }
            let next_end = word_end(text, next);
            h = fnv(h, &bytes[end..next_end]);
            end = next_end;
        }
    }

    /// All forms in `text` on word boundaries (overlapping).
    fn hits(&self, text: &str, out: &mut Vec<Hit>) {
        if self.forms.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        let mut i = next_word(text, 0);
        while i < bytes.len() {
            let end = word_end(text, i);
            let b = bytes[i];
            let may_start = b.is_ascii_uppercase()
                || b.is_ascii_digit()
                || (b.is_ascii_lowercase() && self.lower_heads.contains(&text[i..end]));
            if may_start {
                let h = fnv(FNV_OFFSET, &bytes[i..end]);
                if self.filter_has(h) {
                    self.extend(text, i, end, h, out);
                }
            }
            i = next_word(text, end);
        }
    }
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
        let mut names = NameIndex::new();
        for (i, f) in dict.forms.iter().enumerate() {
            if i >= dict.first_secondary_form && NameIndex::fits(&f.text) {
                names.insert(&f.text, f.target);
            } else if is_short_word(&f.text) {
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
        Ok(Matcher { automaton, targets, short_words, names })
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
        self.names.hits(text, &mut all);
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
