//! Word sets for the lookups done per token, over dyad_core's FNV hashing ([`dyad_core::fnv`]).

pub use dyad_core::fnv::{FastMap, FastSet};

/// A set of words with a cheap pre-check (first byte and length) in front of the hash lookup,
/// for tests done on every word of a text where almost every answer is "no".
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    set: FastSet<String>,
    first: [u64; 4],
    lengths: u64,
}

impl WordSet {
    pub fn insert(&mut self, w: &str) {
        if let Some(&b) = w.as_bytes().first() {
            self.first[(b >> 6) as usize] |= 1 << (b & 63);
        }
        self.lengths |= 1 << w.len().min(63);
        self.set.insert(w.to_string());
    }

    pub fn contains(&self, w: &str) -> bool {
        let Some(&b) = w.as_bytes().first() else { return false };
        self.first[(b >> 6) as usize] & (1 << (b & 63)) != 0
            && self.lengths & (1 << w.len().min(63)) != 0
            && self.set.contains(w)
    }

    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}
