//! Sparse multi-class averaged perceptron, shared by the tagger and the parser.
//!
//! Features are 64-bit hashes of (template, values); a feature's weights are a short sparse
//! row of (class, weight), because most features only ever meet a few classes. Training keeps
//! running sums for averaging (Collins 2002, with lazy updates); the frozen model keeps only the
//! averaged weights, in flat arrays for fast scoring.

use crate::binio::{Reader, Writer};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already hashes: the map's hasher only spreads them (one multiply).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // One multiply spreads short (32-bit) keys over the high bits the table also uses.
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Combine a feature part into a running hash.
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    let x = (h ^ v.wrapping_add(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let x = (x ^ (x >> 31)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 29)
}

/// Hash of a string (FNV-1a, then mixed).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    mix(h, s.len() as u64)
}

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    weight: f32,
    /// Sum of the weight over all past ticks, up to `stamp`.
    total: f64,
    stamp: u32,
}

/// A perceptron being trained.
pub struct Trainer {
    n_classes: usize,
    index: KeyMap<u32>,
    rows: Vec<Vec<Entry>>,
    tick: u32,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer { n_classes, index: KeyMap::default(), rows: Vec::new(), tick: 0 }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Add the current (not averaged) weights of `feats` into `scores`.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                for e in &self.rows[row as usize] {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Count one training instance (call once per decision, updated or not).
    pub fn tick(&mut self) {
        self.tick += 1;
    }

    /// Move weight from `wrong` to `right` for every feature.
    pub fn update(&mut self, feats: &[u64], right: usize, wrong: usize) {
        if right == wrong {
            return;
        }
        let tick = self.tick;
        for &f in feats {
            let next = self.rows.len() as u32;
            let row = *self.index.entry(f).or_insert(next);
            if row == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[row as usize];
            for (class, delta) in [(right, 1.0f32), (wrong, -1.0f32)] {
                let e = match row.iter().position(|e| e.class as usize == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Entry { class: class as u16, weight: 0.0, total: 0.0, stamp: tick });
                        row.last_mut().expect("just pushed")
                    }
                };
                e.total += f64::from(tick - e.stamp) * f64::from(e.weight);
                e.stamp = tick;
                e.weight += delta;
            }
        }
    }

    /// The averaged weights, with entries smaller than `min_abs` dropped. Keys are cut to
    /// 32 bits (see [`Weights`]); the rare rows that then collide are summed.
    pub fn average(&self, min_abs: f32) -> Weights {
        let tick = f64::from(self.tick.max(1));
        let mut keys: Vec<(u32, u32)> = self.index.iter().map(|(&k, &v)| (short_key(k), v)).collect();
        keys.sort_unstable();
        let mut rows = Vec::with_capacity(keys.len());
        let mut k = 0;
        while k < keys.len() {
            let key = keys[k].0;
            let mut entries: Vec<(u16, f32)> = Vec::new();
            while k < keys.len() && keys[k].0 == key {
                for e in &self.rows[keys[k].1 as usize] {
                    let total = e.total + f64::from(self.tick - e.stamp) * f64::from(e.weight);
                    entries.push((e.class, (total / tick) as f32));
                }
                k += 1;
            }
            entries.sort_unstable_by_key(|e| e.0);
            entries.dedup_by(|b, a| {
                let same = a.0 == b.0;
                if same {
                    a.1 += b.1;
                }
                same
            });
            entries.retain(|&(_, v)| v.abs() >= min_abs && v != 0.0);
            if !entries.is_empty() {
                rows.push((key, entries));
            }
        }
        Weights::from_rows(self.n_classes, &rows)
    }
}

/// Frozen models key features by 32 bits of their hash: among a few million features the
/// collisions are a handful, and sorted 32-bit keys delta-code to about two bytes each.
#[inline]
fn short_key(k: u64) -> u32 {
    (k >> 32) as u32 ^ k as u32
}

/// Frozen averaged weights, quantised to 16 bits, in an open-addressing table built for
/// speed: one probe finds a row, whose entries lie together (class and weight in 32 bits).
#[derive(Default, Clone)]
pub struct Weights {
    pub n_classes: usize,
    /// Weight of one quantum.
    scale: f32,
    /// `key << 32 | (row start + 1)`; 0 marks an empty slot.
    slots: Vec<u64>,
    bits: u32,
    /// Each row: a header holding its length, then `class << 16 | weight as u16` entries; or,
    /// for a row with weights for many classes, [`DENSE`] and the row's index in `dense`.
    entries: Vec<u32>,
    /// Rows of `n_classes` weights each: adding a whole row is one vectorised loop, faster
    /// than scattering a long sparse row (and no bigger).
    dense: Vec<i16>,
    n_rows: usize,
    n_weights: usize,
}

/// Header flag of a dense row.
const DENSE: u32 = 1 << 31;

/// Hint the processor to start loading `x`'s cache line; no effect on results.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: SSE is part of every x86_64 target, and a prefetch is only a hint: it
        // never faults and changes no memory.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

#[inline]
fn slot_of(key: u32, bits: u32) -> usize {
    (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

impl Weights {
    /// Build from rows sorted by key, quantising the weights.
    fn from_rows(n_classes: usize, rows: &[(u32, Vec<(u16, f32)>)]) -> Weights {
        let max = rows.iter().flat_map(|r| &r.1).fold(0f32, |m, e| m.max(e.1.abs())).max(1e-6);
        let scale = max / 32767.0;
        let mut w = Weights::with_capacity(n_classes, scale, rows.len());
        for (key, entries) in rows {
            let q: Vec<(u16, i16)> = entries
                .iter()
                .map(|&(c, v)| (c, (v / scale).round().clamp(-32767.0, 32767.0) as i16))
                .collect();
            w.push_row(*key, &q);
        }
        w
    }

    fn with_capacity(n_classes: usize, scale: f32, n_rows: usize) -> Weights {
        let bits = (n_rows.max(4) * 2).next_power_of_two().trailing_zeros().max(2);
        Weights {
            n_classes,
            scale,
            slots: vec![0; 1 << bits],
            bits,
            entries: Vec::new(),
            dense: Vec::new(),
            n_rows: 0,
            n_weights: 0,
        }
    }

    fn push_row(&mut self, key: u32, row: &[(u16, i16)]) {
        let start = self.entries.len() as u64;
        if row.len() * 3 >= self.n_classes && self.n_classes > 0 {
            let index = self.dense.len() / self.n_classes;
            self.entries.push(DENSE | index as u32);
            let base = self.dense.len();
            self.dense.resize(base + self.n_classes, 0);
            for &(c, v) in row {
                self.dense[base + c as usize] = v;
            }
        } else {
            self.entries.push(row.len() as u32);
            self.entries.extend(row.iter().map(|&(c, v)| (u32::from(c) << 16) | u32::from(v as u16)));
        }
        self.n_weights += row.len();
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, self.bits);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = (u64::from(key) << 32) | (start + 1);
        self.n_rows += 1;
    }

    #[inline]
    fn find(&self, key: u32) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(key, self.bits);
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if (s >> 32) as u32 == key {
                return Some((s as u32 - 1) as usize);
            }
            i = (i + 1) & mask;
        }
    }

    /// Scores of all classes (in quanta; only their order matters).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        // Find all rows first: independent lookups let the processor overlap cache misses.
        let mut starts = [0usize; 64];
        let mut keys = [0u32; 64];
        for chunk in feats.chunks(64) {
            // Ask for every slot's cache line before probing any, then for every row's first
            // line before adding any: the misses then overlap instead of queueing.
            for (k, &f) in keys.iter_mut().zip(chunk) {
                *k = short_key(f);
                prefetch(&self.slots[slot_of(*k, self.bits)]);
            }
            let mut n = 0;
            for &k in &keys[..chunk.len()] {
                if let Some(s) = self.find(k) {
                    prefetch(&self.entries[s]);
                    starts[n] = s;
                    n += 1;
                }
            }
            for &s in &starts[..n] {
                let head = self.entries[s];
                if head & DENSE != 0 {
                    let base = (head & !DENSE) as usize * self.n_classes;
                    for (score, &v) in scores.iter_mut().zip(&self.dense[base..base + self.n_classes]) {
                        *score += f32::from(v);
                    }
                    continue;
                }
                let len = head as usize;
                for &e in &self.entries[s + 1..s + 1 + len] {
                    scores[(e >> 16) as usize] += f32::from(e as u16 as i16);
                }
            }
        }
    }

    /// Rows sorted by key.
    fn rows(&self) -> Vec<(u32, Vec<(u16, i16)>)> {
        let mut rows: Vec<(u32, Vec<(u16, i16)>)> = self
            .slots
            .iter()
            .filter(|&&s| s != 0)
            .map(|&s| {
                let start = (s as u32 - 1) as usize;
                let head = self.entries[start];
                let row = if head & DENSE != 0 {
                    // A dense row's zeros are the classes the sparse row did not have.
                    let base = (head & !DENSE) as usize * self.n_classes;
                    (0..self.n_classes)
                        .filter(|&c| self.dense[base + c] != 0)
                        .map(|c| (c as u16, self.dense[base + c]))
                        .collect()
                } else {
                    self.entries[start + 1..start + 1 + head as usize]
                        .iter()
                        .map(|&e| ((e >> 16) as u16, e as u16 as i16))
                        .collect()
                };
                ((s >> 32) as u32, row)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// A copy without the weights smaller than `min_abs` (and rows left empty).
    pub fn pruned(&self, min_abs: f32) -> Weights {
        let rows = self.rows();
        let mut w = Weights::with_capacity(self.n_classes, self.scale, rows.len());
        for (key, row) in rows {
            let kept: Vec<(u16, i16)> =
                row.into_iter().filter(|&(_, v)| f32::from(v).abs() * self.scale >= min_abs).collect();
            if !kept.is_empty() {
                w.push_row(key, &kept);
            }
        }
        w
    }

    pub fn n_features(&self) -> usize {
        self.n_rows
    }

    pub fn n_weights(&self) -> usize {
        self.n_weights
    }

    /// Serialise: rows in key order, keys delta-coded, weights as 16-bit quanta.
    pub fn write(&self, out: &mut Writer) {
        let rows = self.rows();
        out.varint(self.n_classes as u64);
        out.f32(self.scale);
        out.varint(rows.len() as u64);
        let mut prev = 0u32;
        for (key, row) in rows {
            out.varint(u64::from(key - prev));
            prev = key;
            out.varint(row.len() as u64);
            let mut prev_class = 0u16;
            for (c, v) in row {
                out.varint(u64::from(c - prev_class));
                prev_class = c;
                out.bytes(&v.to_le_bytes());
            }
        }
    }

    pub fn read(input: &mut Reader) -> Result<Weights, crate::error::FormatError> {
        let n_classes = input.varint()? as usize;
        let scale = input.f32()?;
        let n_rows = input.varint()? as usize;
        if n_rows > 1 << 24 || n_classes > 1 << 15 {
            return Err(crate::error::FormatError::WeightTable { rows: n_rows, classes: n_classes });
        }
        let mut w = Weights::with_capacity(n_classes, scale, n_rows);
        let mut key = 0u64;
        let mut row = Vec::new();
        for _ in 0..n_rows {
            key += input.varint()?;
            if key > u64::from(u32::MAX) {
                return Err(crate::error::FormatError::FeatureKey);
            }
            let len = input.varint()? as usize;
            if len > n_classes {
                return Err(crate::error::FormatError::WeightRow { len, classes: n_classes });
            }
            row.clear();
            let mut class = 0u64;
            for _ in 0..len {
                class += input.varint()?;
                if class as usize >= n_classes {
                    return Err(crate::error::FormatError::WeightClass { class, classes: n_classes });
                }
                let b = input.bytes(2)?;
                row.push((class as u16, i16::from_le_bytes([b[0], b[1]])));
            }
            w.push_row(key as u32, &row);
        }
        Ok(w)
    }
}

/// Index of the best-scoring class among those `allowed`.
#[inline]
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if !allowed(i) {
            continue;
        }
        match best {
            Some((_, b)) if b >= s => {}
            _ => best = Some((i, s)),
        }
    }
    best.map(|b| b.0)
}

/// A small deterministic random generator (SplitMix64) for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0, 0)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(3);
        let data = [(vec![1u64, 10], 0usize), (vec![2, 10], 1), (vec![3, 10], 2)];
        let mut scores = [0f32; 3];
        for _ in 0..5 {
            for (f, gold) in &data {
                t.tick();
                t.score(f, &mut scores);
                let pred = argmax(&scores, |_| true).unwrap();
                t.update(f, *gold, pred);
            }
        }
        let w = t.average(0.0);
        let mut out = Writer::default();
        w.write(&mut out);
        let bytes = out.into_bytes();
        let back = Weights::read(&mut Reader::new(&bytes)).unwrap();
        for (f, gold) in &data {
            back.score(f, &mut scores);
            assert_eq!(argmax(&scores, |_| true), Some(*gold));
        }
        assert!(Weights::read(&mut Reader::new(&bytes[..bytes.len() - 1])).is_err());
    }
}
