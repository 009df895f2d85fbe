//! A small FNV-1a hasher for the short string keys of the word lookups done per token (cue
//! words, given names, words seen lowercase): SipHash's flood protection is not needed for
//! dictionary data and costs a third of recognition time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

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
