//! Per-word feature values (hashes of the form, its lower case, affixes and shape), computed
//! once per sentence and shared by the tagger and the parser.

use crate::perceptron::{hash_str, mix};

/// Hashed views of one word.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordFeats {
    pub form: u64,
    /// Lower case with digits folded to `0`.
    pub lower: u64,
    pub pre1: u64,
    pub pre2: u64,
    pub suf1: u64,
    pub suf2: u64,
    pub suf3: u64,
    pub suf4: u64,
    pub shape: u64,
}

/// Stand-in values before the first and after the last word.
pub const PAD: WordFeats =
    WordFeats { form: 1, lower: 1, pre1: 1, pre2: 1, suf1: 1, suf2: 1, suf3: 1, suf4: 1, shape: 1 };

pub fn word_feats(form: &str, buf: &mut String) -> WordFeats {
    buf.clear();
    for c in form.chars() {
        if c.is_ascii_digit() {
            buf.push('0');
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    let lower = buf.as_str();
    let n = lower.chars().count();
    let suffix = |k: usize| -> u64 {
        let start = if n <= k { 0 } else { lower.char_indices().nth(n - k).map_or(0, |(i, _)| i) };
        mix(k as u64, hash_str(&lower[start..]))
    };
    let prefix = |k: usize| -> u64 {
        let end = lower.char_indices().nth(k).map_or(lower.len(), |(i, _)| i);
        mix(10 + k as u64, hash_str(&lower[..end]))
    };
    WordFeats {
        form: hash_str(form),
        lower: hash_str(lower),
        pre1: prefix(1),
        pre2: prefix(2),
        suf1: suffix(1),
        suf2: suffix(2),
        suf3: suffix(3),
        suf4: suffix(4),
        shape: shape(form),
    }
}

/// Word shape: `Xx`, `dd.dd`, `X-d`… (runs collapsed, at most 6 symbols) plus a length bucket.
fn shape(form: &str) -> u64 {
    let mut h = 0x51u64;
    let mut last = '\0';
    let mut count = 0;
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if s != last {
            h = mix(h, s as u64);
            last = s;
            count += 1;
            if count == 6 {
                break;
            }
        }
    }
    mix(h, form.chars().count().min(8) as u64)
}
