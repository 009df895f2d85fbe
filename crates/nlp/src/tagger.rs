//! Part-of-speech tagger: greedy left-to-right averaged perceptron over joint (UPOS, PTB) tags,
//! with a dictionary for frequent unambiguous words.

use crate::binio::{Reader, Writer};
use crate::error::FormatError;
use crate::perceptron::{argmax, mix, KeyMap, Rng, Trainer, Weights};
use crate::words::{WordFeats, PAD};
use dyad_core::Upos;

/// A joint tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TagClass {
    pub upos: Upos,
    pub xpos: String,
}

impl Ord for TagClass {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.upos as u8, &self.xpos).cmp(&(other.upos as u8, &other.xpos))
    }
}

impl PartialOrd for TagClass {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

pub struct Tagger {
    pub classes: Vec<TagClass>,
    /// Frequent words that (nearly) always carry one tag, by cased form hash.
    dict: KeyMap<u16>,
    /// The set of tags each known word (lower case) was seen with, hashed: its "ambiguity
    /// class", which tells the tagger about the words to the right before they are tagged.
    ambiguity: KeyMap<u64>,
    weights: Weights,
}

/// One sentence for training: word features and gold tag classes.
pub struct TagExample {
    pub words: Vec<WordFeats>,
    pub gold: Vec<u16>,
}

const START: u64 = 0xFFFF_FFF0;

/// The word `k` places from word `i`, or padding past either end.
fn word_at(words: &[WordFeats], i: usize, k: isize) -> &WordFeats {
    i.checked_add_signed(k).and_then(|j| words.get(j)).unwrap_or(&PAD)
}

/// The ambiguity class of the word `k` places from word `i`, or 2 past either end.
fn ambiguity_at(amb: &[u64], i: usize, k: isize) -> u64 {
    i.checked_add_signed(k).and_then(|j| amb.get(j)).copied().unwrap_or(2)
}

fn features(words: &[WordFeats], amb: &[u64], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    let at = |k: isize| word_at(words, i, k);
    let (w, wm1, wm2, wp1, wp2) = (at(0), at(-1), at(-2), at(1), at(2));
    out.clear();
    let f = |t: u64, v: u64| mix(t, v);
    out.push(f(1, 0));
    out.push(f(2, w.lower));
    out.push(f(3, w.suf3));
    out.push(f(4, w.pre1));
    out.push(f(5, p1));
    out.push(f(6, p2));
    out.push(f(7, mix(p1, p2)));
    out.push(f(8, mix(p1, w.lower)));
    out.push(f(9, wm1.lower));
    out.push(f(10, wm1.suf3));
    out.push(f(11, wm2.lower));
    out.push(f(12, wp1.lower));
    out.push(f(13, wp1.suf3));
    out.push(f(14, wp2.lower));
    out.push(f(15, w.shape));
    out.push(f(16, w.suf2));
    out.push(f(17, w.suf4));
    out.push(f(18, w.suf1));
    out.push(f(19, w.form));
    out.push(f(20, mix(w.lower, wp1.lower)));
    out.push(f(21, mix(wm1.lower, w.lower)));
    out.push(f(22, wp1.shape));
    out.push(f(23, mix(p1, w.suf3)));
    out.push(f(24, mix((i == 0) as u64, w.shape)));
    out.push(f(25, w.pre2));
    out.push(f(26, mix(p1, wp1.lower)));
    out.push(f(27, wm1.shape));
    out.push(f(28, wp1.suf2));
    let a = |k: isize| ambiguity_at(amb, i, k);
    out.push(f(29, a(0)));
    out.push(f(30, a(1)));
    out.push(f(31, a(2)));
    out.push(f(32, mix(p1, a(0))));
    out.push(f(33, mix(a(0), a(1))));
    out.push(f(34, mix(a(-1), a(0))));
    out.push(f(35, mix(w.lower, a(1))));
    out.push(f(36, mix(w.suf3, a(1))));
    out.push(f(37, mix(wm1.lower, wp1.lower)));
    out.push(f(38, mix(p1, a(1))));
}

/// The features of word `i` that do not read the tags before it: [`features`] less
/// [`history_features`], in another order (the weights are whole quanta, so the sums are exact
/// in any order).
fn word_features(words: &[WordFeats], amb: &[u64], i: usize, out: &mut Vec<u64>) {
    let at = |k: isize| word_at(words, i, k);
    let (w, wm1, wm2, wp1, wp2) = (at(0), at(-1), at(-2), at(1), at(2));
    let a = |k: isize| ambiguity_at(amb, i, k);
    out.clear();
    let f = |t: u64, v: u64| mix(t, v);
    out.extend([
        f(1, 0),
        f(2, w.lower),
        f(3, w.suf3),
        f(4, w.pre1),
        f(9, wm1.lower),
        f(10, wm1.suf3),
        f(11, wm2.lower),
        f(12, wp1.lower),
        f(13, wp1.suf3),
        f(14, wp2.lower),
        f(15, w.shape),
        f(16, w.suf2),
        f(17, w.suf4),
        f(18, w.suf1),
        f(19, w.form),
        f(20, mix(w.lower, wp1.lower)),
        f(21, mix(wm1.lower, w.lower)),
        f(22, wp1.shape),
        f(24, mix((i == 0) as u64, w.shape)),
        f(25, w.pre2),
        f(27, wm1.shape),
        f(28, wp1.suf2),
        f(29, a(0)),
        f(30, a(1)),
        f(31, a(2)),
        f(33, mix(a(0), a(1))),
        f(34, mix(a(-1), a(0))),
        f(35, mix(w.lower, a(1))),
        f(36, mix(w.suf3, a(1))),
        f(37, mix(wm1.lower, wp1.lower)),
    ]);
}

/// The features of word `i` that read the previous two tags `p1`, `p2`.
fn history_features(words: &[WordFeats], amb: &[u64], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    let w = &words[i];
    let wp1 = words.get(i + 1).unwrap_or(&PAD);
    let a = |j: usize| amb.get(j).copied().unwrap_or(2);
    out.clear();
    let f = |t: u64, v: u64| mix(t, v);
    out.extend([
        f(5, p1),
        f(6, p2),
        f(7, mix(p1, p2)),
        f(8, mix(p1, w.lower)),
        f(23, mix(p1, w.suf3)),
        f(26, mix(p1, wp1.lower)),
        f(32, mix(p1, a(i))),
        f(38, mix(p1, a(i + 1))),
    ]);
}

fn ambiguity_classes(ambiguity: &KeyMap<u64>, words: &[WordFeats], out: &mut Vec<u64>) {
    out.clear();
    out.extend(words.iter().map(|w| ambiguity.get(&w.lower).copied().unwrap_or(3)));
}

impl Tagger {
    /// Tag a sentence: one class index per word.
    pub fn tag(&self, words: &[WordFeats], out: &mut Vec<u16>) {
        self.tag_with(words, &[], out)
    }

    /// Tag a sentence with some words' classes given (`given[i]`, where present and `Some`):
    /// the words after a given one are tagged knowing it, as a tagger's history reads.
    pub fn tag_with(&self, words: &[WordFeats], given: &[Option<u16>], out: &mut Vec<u16>) {
        out.clear();
        let nc = self.classes.len();
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0f32; nc];
        let mut amb = Vec::with_capacity(words.len());
        ambiguity_classes(&self.ambiguity, words, &mut amb);
        // First every word's share of its scores from the features that do not depend on the
        // tags before it: these lookups (most of the work, each a likely cache miss) no longer
        // wait on the previous word's decision.
        let known: Vec<Option<u16>> = words
            .iter()
            .enumerate()
            .map(|(i, w)| given.get(i).copied().flatten().or_else(|| self.dict.get(&w.form).copied()))
            .collect();
        let mut fixed = vec![0f32; words.len() * nc];
        for (i, share) in fixed.chunks_exact_mut(nc.max(1)).enumerate() {
            if known[i].is_none() {
                word_features(words, &amb, i, &mut feats);
                self.weights.score(&feats, share);
            }
        }
        let (mut p1, mut p2) = (START, START + 1);
        for i in 0..words.len() {
            let class = match known[i] {
                Some(c) => c,
                None => {
                    history_features(words, &amb, i, p1, p2, &mut feats);
                    self.weights.score(&feats, &mut scores);
                    for (s, &f) in scores.iter_mut().zip(&fixed[i * nc..(i + 1) * nc]) {
                        *s += f;
                    }
                    argmax(&scores, |_| true).unwrap_or(0) as u16
                }
            };
            out.push(class);
            p2 = p1;
            p1 = u64::from(class);
        }
    }

    pub fn train(
        classes: Vec<TagClass>,
        examples: &[TagExample],
        epochs: usize,
        seed: u64,
        mut on_epoch: impl FnMut(usize, &Tagger),
    ) -> Tagger {
        let dict = build_dict(examples, classes.len());
        let ambiguity = build_ambiguity(examples);
        let mut amb = Vec::new();
        let mut trainer = Trainer::new(classes.len());
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::with_capacity(32);
        let mut scores = vec![0f32; classes.len()];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &k in &order {
                let ex = &examples[k];
                let (mut p1, mut p2) = (START, START + 1);
                ambiguity_classes(&ambiguity, &ex.words, &mut amb);
                for i in 0..ex.words.len() {
                    let gold = ex.gold[i];
                    if !dict.contains_key(&ex.words[i].form) {
                        features(&ex.words, &amb, i, p1, p2, &mut feats);
                        trainer.tick();
                        trainer.score(&feats, &mut scores);
                        let pred = argmax(&scores, |_| true).unwrap_or(0);
                        trainer.update(&feats, gold as usize, pred);
                    }
                    // Train on gold history: the tagger is greedy, errors are rare.
                    p2 = p1;
                    p1 = u64::from(gold);
                }
            }
            let snapshot = Tagger {
                classes: classes.clone(),
                dict: dict.clone(),
                ambiguity: ambiguity.clone(),
                weights: trainer.average(0.0),
            };
            on_epoch(epoch, &snapshot);
        }
        Tagger { classes, dict, ambiguity, weights: trainer.average(0.001) }
    }

    pub fn write(&self, out: &mut Writer) {
        out.varint(self.classes.len() as u64);
        for c in &self.classes {
            out.str(c.upos.as_str());
            out.str(&c.xpos);
        }
        let mut dict: Vec<(u64, u16)> = self.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        out.varint(dict.len() as u64);
        for (k, v) in dict {
            out.bytes(&k.to_le_bytes());
            out.varint(u64::from(v));
        }
        let mut amb: Vec<(u64, u64)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        out.varint(amb.len() as u64);
        for (k, v) in amb {
            out.bytes(&k.to_le_bytes());
            out.bytes(&v.to_le_bytes());
        }
        self.weights.write(out);
    }

    pub fn read(input: &mut Reader) -> Result<Tagger, FormatError> {
        let n = input.varint()? as usize;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let upos = input.str()?;
            let upos = Upos::parse(upos).ok_or_else(|| FormatError::UnknownUpos(upos.to_string()))?;
            classes.push(TagClass { upos, xpos: input.str()?.to_string() });
        }
        let n_dict = input.varint()? as usize;
        let mut dict = KeyMap::default();
        for _ in 0..n_dict {
            let b = input.bytes(8)?;
            let key = u64::from_le_bytes(b.try_into().expect("8 bytes"));
            let v = input.varint()? as usize;
            if v >= classes.len() {
                return Err(FormatError::TagDictionary);
            }
            dict.insert(key, v as u16);
        }
        let n_amb = input.varint()? as usize;
        let mut ambiguity = KeyMap::default();
        ambiguity.reserve(n_amb);
        for _ in 0..n_amb {
            let k = u64::from_le_bytes(input.bytes(8)?.try_into().expect("8 bytes"));
            let v = u64::from_le_bytes(input.bytes(8)?.try_into().expect("8 bytes"));
            ambiguity.insert(k, v);
        }
        let weights = Weights::read(input)?;
        if weights.n_classes != classes.len() {
            return Err(FormatError::TaggerWeights);
        }
        Ok(Tagger { classes, dict, ambiguity, weights })
    }
}

/// Words seen at least 20 times with one tag at least 99% of the time.
fn build_dict(examples: &[TagExample], n_classes: usize) -> KeyMap<u16> {
    let mut counts: KeyMap<Vec<u32>> = KeyMap::default();
    for ex in examples {
        for (w, &g) in ex.words.iter().zip(&ex.gold) {
            counts.entry(w.form).or_insert_with(|| vec![0; n_classes])[g as usize] += 1;
        }
    }
    let mut dict = KeyMap::default();
    for (form, c) in counts {
        let total: u32 = c.iter().sum();
        let (best, &n) =
            c.iter().enumerate().max_by_key(|(i, &n)| (n, std::cmp::Reverse(*i))).expect("classes");
        if total >= 20 && f64::from(n) / f64::from(total) >= 0.99 {
            dict.insert(form, best as u16);
        }
    }
    dict
}

/// Ambiguity classes of words seen at least 3 times (rarer words would teach the tagger to
/// trust a class that unseen words never have).
fn build_ambiguity(examples: &[TagExample]) -> KeyMap<u64> {
    let mut seen: KeyMap<(u32, std::collections::BTreeSet<u16>)> = KeyMap::default();
    for ex in examples {
        for (w, &g) in ex.words.iter().zip(&ex.gold) {
            let e = seen.entry(w.lower).or_default();
            e.0 += 1;
            e.1.insert(g);
        }
    }
    seen.into_iter()
        .filter(|(_, (n, _))| *n >= 3)
        .map(|(k, (_, set))| (k, set.iter().fold(0xA5u64, |h, &c| mix(h, u64::from(c)))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::word_feats;

    /// Tagging scores the features of [`features`] split in two: the split must lose or add
    /// none, at the first, middle and last words and in short sentences.
    #[test]
    fn word_and_history_features_are_the_features() {
        let mut buf = String::new();
        for text in ["Talks", "The talks ended", "Moscow hosted the talks on Friday ."] {
            let words: Vec<WordFeats> = text.split(' ').map(|w| word_feats(w, &mut buf)).collect();
            let amb: Vec<u64> = (0..words.len() as u64).map(|k| 100 + k).collect();
            for i in 0..words.len() {
                let (mut all, mut part, mut hist) = (Vec::new(), Vec::new(), Vec::new());
                features(&words, &amb, i, 7, 9, &mut all);
                word_features(&words, &amb, i, &mut part);
                history_features(&words, &amb, i, 7, 9, &mut hist);
                part.extend(hist);
                all.sort_unstable();
                part.sort_unstable();
                assert_eq!(all, part, "{text:?} word {i}");
            }
        }
    }
}
