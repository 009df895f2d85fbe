//! Transition-based dependency parser: arc-hybrid system (Kuhlmann et al. 2011) with the root
//! at the end of the buffer, labelled transitions, greedy decoding, trained as an averaged
//! perceptron with the dynamic oracle and error exploration of Goldberg & Nivre (2013).
//!
//! Linear time: each word is shifted once and reduced once. A single root is enforced: the
//! root arc is only allowed when one word is left on the stack.
//!
//! The transition system (`State`, moves) and the oracle's move costs are shared with the
//! LSTM-scored parser in [`crate::lstm`], which is the one dyad ships; this sparse scorer
//! trains in two minutes, parses more slowly, and is about 2.5 UAS less accurate (figures in
//! `data/models/README.md`).

use crate::binio::{Reader, Writer};
use crate::perceptron::{argmax, mix, Rng, Trainer, Weights};
use crate::words::WordFeats;

pub(crate) const NONE: u32 = u32::MAX;
/// After the first epoch, how often training follows the model's own wrong move (and learns
/// to recover from it) instead of the oracle's. Always (1.0) was worse on EWT dev (LAS 81.71
/// against 81.95).
const EXPLORE: f64 = 0.9;

pub struct Parser {
    pub labels: Vec<String>,
    /// The coarse (UPOS) tag of each tag class: a second, denser view of the tags.
    coarse: Vec<u16>,
    root_label: u16,
    weights: Weights,
}

/// One sentence for training: words, (predicted) tag classes, gold heads (0 = root, else
/// 1-based) and gold label indices.
pub struct ParseExample {
    pub words: Vec<WordFeats>,
    pub tags: Vec<u16>,
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

/// A parse: 1-based heads (0 = root) and label indices.
#[derive(Debug, Clone, Default)]
pub struct Parse {
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Move {
    Shift,
    Left(u16),
    Right(u16),
}

pub(crate) struct State {
    pub(crate) n: u32,
    pub(crate) stack: Vec<u32>,
    /// Front of the buffer; `n` is the root, always last.
    pub(crate) b: u32,
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
    /// Leftmost and second-leftmost, rightmost and second-rightmost children.
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    /// Sets of labels on the left and right children (bit per label, folded into 64 bits).
    lset: Vec<u64>,
    rset: Vec<u64>,
    in_stack: Vec<bool>,
}

impl State {
    pub(crate) fn new(n: usize) -> State {
        State {
            n: n as u32,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NONE; n],
            labels: vec![0; n],
            l1: vec![NONE; n + 1],
            l2: vec![NONE; n + 1],
            r1: vec![NONE; n + 1],
            r2: vec![NONE; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
            in_stack: vec![false; n + 1],
        }
    }

    pub(crate) fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    pub(crate) fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NONE
        }
    }

    pub(crate) fn legal(&self, m: Move, root: u16) -> bool {
        match m {
            Move::Shift => self.b < self.n,
            Move::Left(l) => {
                !self.stack.is_empty()
                    && if self.b == self.n { self.stack.len() == 1 && l == root } else { l != root }
            }
            Move::Right(l) => self.stack.len() >= 2 && l != root,
        }
    }

    fn attach(&mut self, head: u32, dep: u32, label: u16) {
        self.heads[dep as usize] = head;
        self.labels[dep as usize] = label;
        let h = head as usize;
        if dep < head {
            // Left children arrive nearest first: the newest is the leftmost.
            self.l2[h] = self.l1[h];
            self.l1[h] = dep;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= 1 << (label % 64);
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = dep;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= 1 << (label % 64);
        }
    }

    pub(crate) fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.in_stack[self.b as usize] = true;
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Left(l) => {
                let s0 = self.stack.pop().expect("legal move");
                self.in_stack[s0 as usize] = false;
                self.attach(self.b, s0, l);
            }
            Move::Right(l) => {
                let s0 = self.stack.pop().expect("legal move");
                self.in_stack[s0 as usize] = false;
                let s1 = *self.stack.last().expect("legal move");
                self.attach(s1, s0, l);
            }
        }
    }
}

pub(crate) fn decode(class: usize, n_labels: usize) -> Move {
    if class == 0 {
        Move::Shift
    } else if class <= n_labels {
        Move::Left((class - 1) as u16)
    } else {
        Move::Right((class - 1 - n_labels) as u16)
    }
}

/// Values of a context position: word, tag, label.
struct Ctx<'a> {
    words: &'a [WordFeats],
    tags: &'a [u16],
    coarse: &'a [u16],
    st: &'a State,
}

impl Ctx<'_> {
    fn w(&self, i: u32) -> u64 {
        if i == NONE {
            0
        } else if i == self.st.n {
            1
        } else {
            self.words[i as usize].lower
        }
    }
    fn t(&self, i: u32) -> u64 {
        if i == NONE {
            0
        } else if i == self.st.n {
            1
        } else {
            u64::from(self.tags[i as usize]) + 2
        }
    }
    fn u(&self, i: u32) -> u64 {
        if i == NONE {
            0
        } else if i == self.st.n {
            1
        } else {
            u64::from(self.coarse.get(self.tags[i as usize] as usize).copied().unwrap_or(0)) + 2
        }
    }
    fn l(&self, i: u32) -> u64 {
        if i == NONE || i >= self.st.n || self.st.heads[i as usize] == NONE {
            0
        } else {
            u64::from(self.st.labels[i as usize]) + 1
        }
    }
    fn child(&self, v: &[u32], i: u32) -> u32 {
        if i == NONE {
            NONE
        } else {
            v[i as usize]
        }
    }
}

fn distance(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 1..=4 => u64::from(d),
        5..=9 => 5,
        _ => 6,
    }
}

fn features(words: &[WordFeats], tags: &[u16], coarse: &[u16], st: &State, out: &mut Vec<u64>) {
    out.clear();
    let c = Ctx { words, tags, coarse, st };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let b0 = st.b;
    let b1 = if b0 < st.n { b0 + 1 } else { NONE };
    let b2 = if b0 + 2 <= st.n { b0 + 2 } else { NONE };
    let (s0l, s0l2, s0r, s0r2) =
        (c.child(&st.l1, s0), c.child(&st.l2, s0), c.child(&st.r1, s0), c.child(&st.r2, s0));
    let (s1l, s1r, s1r2) = (c.child(&st.l1, s1), c.child(&st.r1, s1), c.child(&st.r2, s1));
    let (b0l, b0l2) = (c.child(&st.l1, b0), c.child(&st.l2, b0));
    let (s0w, s0t, s1w, s1t, b0w, b0t) = (c.w(s0), c.t(s0), c.w(s1), c.t(s1), c.w(b0), c.t(b0));
    let (b1w, b1t, b2w, b2t, s2t) = (c.w(b1), c.t(b1), c.w(b2), c.t(b2), c.t(s2));
    let d = distance(s0, b0);
    let d1 = distance(s1, s0);
    let val = |v: &[u8], i: u32| if i == NONE { 9 } else { u64::from(v[i as usize].min(8)) };
    let mut k = 0u64;
    let mut add = |vals: &[u64]| {
        k += 1;
        let mut h = k.wrapping_mul(0x2545_F491_4F6C_DD1D);
        for &v in vals {
            h = mix(h, v);
        }
        out.push(h);
    };
    // Single positions.
    add(&[s0w, s0t]);
    add(&[s0w]);
    add(&[s0t]);
    add(&[b0w, b0t]);
    add(&[b0w]);
    add(&[b0t]);
    add(&[b1w, b1t]);
    add(&[b1w]);
    add(&[b1t]);
    add(&[b2w]);
    add(&[b2t]);
    add(&[s1w, s1t]);
    add(&[s1w]);
    add(&[s1t]);
    add(&[s2t]);
    // Pairs.
    add(&[s0w, s0t, b0w, b0t]);
    add(&[s0w, s0t, b0w]);
    add(&[s0w, b0w, b0t]);
    add(&[s0w, s0t, b0t]);
    add(&[s0t, b0w, b0t]);
    add(&[s0w, b0w]);
    add(&[s0t, b0t]);
    add(&[b0t, b1t]);
    add(&[s1w, s1t, s0w, s0t]);
    add(&[s1w, s0w]);
    add(&[s1t, s0t]);
    add(&[s1t, s0w, s0t]);
    add(&[s1w, s1t, s0t]);
    add(&[s1w, s0t]);
    add(&[s1t, s0w]);
    // Triples of tags.
    add(&[b0t, b1t, b2t]);
    add(&[s0t, b0t, b1t]);
    add(&[s1t, s0t, b0t]);
    add(&[s2t, s1t, s0t]);
    add(&[s0t, c.t(s0l), b0t]);
    add(&[s0t, c.t(s0r), b0t]);
    add(&[s0t, b0t, c.t(b0l)]);
    add(&[s1t, c.t(s1r), s0t]);
    add(&[s1t, s0t, c.t(s0l)]);
    add(&[s1t, s0t, c.t(s0r)]);
    add(&[s1t, c.t(s1l), s0t]);
    // Distance.
    add(&[s0w, d]);
    add(&[s0t, d]);
    add(&[b0w, d]);
    add(&[b0t, d]);
    add(&[s0w, b0w, d]);
    add(&[s0t, b0t, d]);
    add(&[s1t, s0t, d1]);
    add(&[s1w, s0w, d1]);
    add(&[s1w, d1]);
    add(&[s0w, d1]);
    // Valency.
    add(&[s0w, val(&st.nr, s0)]);
    add(&[s0t, val(&st.nr, s0)]);
    add(&[s0w, val(&st.nl, s0)]);
    add(&[s0t, val(&st.nl, s0)]);
    add(&[b0w, val(&st.nl, b0)]);
    add(&[b0t, val(&st.nl, b0)]);
    add(&[s1w, val(&st.nr, s1)]);
    add(&[s1t, val(&st.nr, s1)]);
    // Children.
    add(&[c.w(s0l)]);
    add(&[c.t(s0l)]);
    add(&[c.l(s0l)]);
    add(&[c.w(s0r)]);
    add(&[c.t(s0r)]);
    add(&[c.l(s0r)]);
    add(&[c.w(b0l)]);
    add(&[c.t(b0l)]);
    add(&[c.l(b0l)]);
    add(&[c.t(s1l), c.l(s1l)]);
    add(&[c.w(s1r)]);
    add(&[c.t(s1r), c.l(s1r)]);
    add(&[c.w(s0l2)]);
    add(&[c.t(s0l2)]);
    add(&[c.l(s0l2)]);
    add(&[c.w(s0r2)]);
    add(&[c.t(s0r2)]);
    add(&[c.l(s0r2)]);
    add(&[c.w(b0l2)]);
    add(&[c.t(b0l2)]);
    add(&[c.l(b0l2)]);
    add(&[s0t, c.t(s0l), c.t(s0l2)]);
    add(&[s0t, c.t(s0r), c.t(s0r2)]);
    add(&[b0t, c.t(b0l), c.t(b0l2)]);
    add(&[s1t, c.t(s1r), c.t(s1r2)]);
    add(&[s0w, c.l(s0l), c.l(s0r)]);
    add(&[s0t, c.l(s0l), c.l(s0r)]);
    add(&[b0t, c.l(b0l), c.l(b0l2)]);
    add(&[s1t, c.l(s1r), s0t]);
    // Word and tag bigrams around the buffer front and their shapes.
    add(&[b0w, b1w]);
    add(&[s0w, b1w]);
    add(&[s0t, b0t, b1w]);
    add(&[c.words.get(b0 as usize).map_or(2, |w| w.suf3), s0t]);
    add(&[c.words.get(s0 as usize).map_or(2, |w| w.suf3), b0t]);
    // The word before s0 and after it (punctuation and conjunction cues).
    let s0m1 = if s0 != NONE && s0 > 0 { s0 - 1 } else { NONE };
    let s0p1 = if s0 != NONE && s0 + 1 < st.n { s0 + 1 } else { NONE };
    add(&[s0t, c.t(s0m1), b0t]);
    add(&[s0t, c.t(s0p1), b0t]);
    add(&[s0t, c.t(s0p1), c.w(s0p1)]);
    // Label sets (Zhang & Nivre 2011).
    let set = |v: &[u64], i: u32| if i == NONE { 1 } else { v[i as usize] };
    add(&[s0w, set(&st.rset, s0)]);
    add(&[s0t, set(&st.rset, s0)]);
    add(&[s0w, set(&st.lset, s0)]);
    add(&[s0t, set(&st.lset, s0)]);
    add(&[b0w, set(&st.lset, b0)]);
    add(&[b0t, set(&st.lset, b0)]);
    add(&[s1t, set(&st.rset, s1)]);
    // The same configurations seen through coarse tags, which generalise better.
    let (s0u, s1u, b0u, b1u) = (c.u(s0), c.u(s1), c.u(b0), c.u(b1));
    add(&[s0u, b0u]);
    add(&[s1u, s0u]);
    add(&[s0u, b0u, b1u]);
    add(&[s1u, s0u, b0u]);
    add(&[s0w, b0u]);
    add(&[s0u, b0w]);
    add(&[s1w, s0u]);
    add(&[s1u, s0w]);
    add(&[s0u, b0u, d]);
    add(&[s1u, s0u, d1]);
    add(&[s0u, c.u(s0l), c.u(s0r), b0u]);
    add(&[s1u, c.u(s1r), s0u]);
}

impl Parser {
    pub fn n_classes(n_labels: usize) -> usize {
        1 + 2 * n_labels
    }

    /// Parse one sentence.
    pub fn parse(&self, words: &[WordFeats], tags: &[u16]) -> Parse {
        let n = words.len();
        let nl = self.labels.len();
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(128);
        let mut scores = vec![0f32; Parser::n_classes(nl)];
        while !st.terminal() {
            if st.stack.is_empty() {
                // Shift is the only legal move (often, in English: after each left arc that
                // empties the stack), so the model need not be asked.
                st.apply(Move::Shift);
                continue;
            }
            features(words, tags, &self.coarse, &st, &mut feats);
            self.weights.score(&feats, &mut scores);
            let best = argmax(&scores, |c| st.legal(decode(c, nl), self.root_label));
            let Some(best) = best else { break };
            st.apply(decode(best, nl));
        }
        Parse {
            heads: st.heads.iter().map(|&h| if h == NONE || h == st.n { 0 } else { h + 1 }).collect(),
            labels: st.labels,
        }
    }

    /// Train for `epochs`, calling `on_epoch` with the averaged model after each one.
    pub fn train(
        labels: Vec<String>,
        coarse: Vec<u16>,
        examples: &[ParseExample],
        epochs: usize,
        seed: u64,
        mut on_epoch: impl FnMut(usize, &Parser),
    ) -> Parser {
        let nl = labels.len();
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0) as u16;
        let mut trainer = Trainer::new(Parser::n_classes(nl));
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut feats = Vec::with_capacity(128);
        let mut scores = vec![0f32; trainer.n_classes()];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &k in &order {
                let ex = &examples[k];
                let ctx = (&coarse[..], root_label);
                train_one(ex, &mut trainer, &mut rng, epoch > 0, ctx, &mut feats, &mut scores);
            }
            let snapshot = Parser {
                labels: labels.clone(),
                coarse: coarse.clone(),
                root_label,
                weights: trainer.average(0.0),
            };
            on_epoch(epoch, &snapshot);
        }
        Parser { labels, coarse, root_label, weights: trainer.average(0.0) }
    }

    /// A copy without weights smaller than `min_abs`, to fit the model's size budget.
    pub fn pruned(&self, min_abs: f32) -> Parser {
        Parser {
            labels: self.labels.clone(),
            coarse: self.coarse.clone(),
            root_label: self.root_label,
            weights: self.weights.pruned(min_abs),
        }
    }

    pub fn write(&self, out: &mut Writer) {
        out.varint(self.labels.len() as u64);
        for l in &self.labels {
            out.str(l);
        }
        out.varint(u64::from(self.root_label));
        out.varint(self.coarse.len() as u64);
        for &c in &self.coarse {
            out.varint(u64::from(c));
        }
        self.weights.write(out);
    }

    pub fn read(input: &mut Reader) -> Result<Parser, crate::error::FormatError> {
        let n = input.varint()? as usize;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(input.str()?.to_string());
        }
        let root_label = input.varint()? as u16;
        let n_coarse = input.varint()? as usize;
        let mut coarse = Vec::with_capacity(n_coarse.min(1 << 16));
        for _ in 0..n_coarse {
            coarse.push(input.varint()? as u16);
        }
        let weights = Weights::read(input)?;
        if weights.n_classes != Parser::n_classes(n) || root_label as usize >= n.max(1) {
            return Err(crate::error::FormatError::ParserWeights);
        }
        Ok(Parser { labels, coarse, root_label, weights })
    }

    pub fn size(&self) -> (usize, usize) {
        (self.weights.n_features(), self.weights.n_weights())
    }
}

/// Cost (arcs lost) of each move under the gold tree (Goldberg & Nivre 2013, arc-hybrid).
pub(crate) fn move_costs(st: &State, gold_heads: &[u32], children: &[Vec<u32>]) -> [u32; 3] {
    let n = st.n;
    let (s0, s1, b) = (st.s(0), st.s(1), st.b);
    let in_buffer = |i: u32| i >= b && i <= n;
    let mut costs = [u32::MAX; 3];
    if b < n {
        let mut c = children[b as usize].iter().filter(|&&d| st.in_stack[d as usize]).count() as u32;
        let h = gold_heads[b as usize];
        if h != s0 && h < n && st.in_stack[h as usize] {
            c += 1;
        }
        costs[0] = c;
    }
    if s0 != NONE {
        let deps_in_buffer = children[s0 as usize].iter().filter(|&&d| in_buffer(d)).count() as u32;
        let h = gold_heads[s0 as usize];
        let left_lost = h != b && (h == s1 || in_buffer(h));
        costs[1] = deps_in_buffer + left_lost as u32;
        if s1 != NONE {
            costs[2] = deps_in_buffer + in_buffer(h) as u32;
        }
    }
    costs
}

/// The cost of every class (labelled move) in `st`; `u32::MAX` for illegal moves.
pub(crate) fn class_costs(
    st: &State,
    gold: &[u32],
    children: &[Vec<u32>],
    gold_labels: &[u16],
    root: u16,
    n_classes: usize,
    out: &mut Vec<u32>,
) {
    let nl = (n_classes - 1) / 2;
    out.clear();
    let mc = move_costs(st, gold, children);
    let s0 = st.s(0);
    for class in 0..n_classes {
        let m = decode(class, nl);
        let cost = if !st.legal(m, root) {
            u32::MAX
        } else {
            match m {
                Move::Shift => mc[0],
                Move::Left(l) => {
                    let wrong = gold[s0 as usize] == st.b && l != gold_labels[s0 as usize];
                    mc[1].saturating_add(wrong as u32)
                }
                Move::Right(l) => {
                    let wrong = gold[s0 as usize] == st.s(1) && l != gold_labels[s0 as usize];
                    mc[2].saturating_add(wrong as u32)
                }
            }
        };
        out.push(cost);
    }
}

/// Gold heads as 0-based indices with the root at n, and each word's gold children.
pub(crate) fn gold_tree(heads: &[u32]) -> (Vec<u32>, Vec<Vec<u32>>) {
    let n = heads.len();
    let gold: Vec<u32> =
        heads.iter().map(|&h| if h == 0 || h as usize > n { n as u32 } else { h - 1 }).collect();
    let mut children = vec![Vec::new(); n + 1];
    for (d, &h) in gold.iter().enumerate() {
        children[h as usize].push(d as u32);
    }
    (gold, children)
}

fn train_one(
    ex: &ParseExample,
    trainer: &mut Trainer,
    rng: &mut Rng,
    explore: bool,
    (coarse, root): (&[u16], u16),
    feats: &mut Vec<u64>,
    scores: &mut [f32],
) {
    let n = ex.words.len();
    let nl = (trainer.n_classes() - 1) / 2;
    let (gold, children) = gold_tree(&ex.heads);
    let mut costs = Vec::with_capacity(scores.len());
    let mut st = State::new(n);
    while !st.terminal() {
        features(&ex.words, &ex.tags, coarse, &st, feats);
        trainer.tick();
        trainer.score(feats, scores);
        class_costs(&st, &gold, &children, &ex.labels, root, scores.len(), &mut costs);
        let min = *costs.iter().min().expect("classes");
        if min == u32::MAX {
            break;
        }
        let pred = argmax(scores, |c| costs[c] != u32::MAX).expect("a legal move");
        let best = argmax(scores, |c| costs[c] == min).expect("a best move");
        if costs[pred] > min {
            trainer.update(feats, best, pred);
        }
        let next = if explore && costs[pred] > min && rng.unit() < EXPLORE { pred } else { best };
        st.apply(decode(next, nl));
    }
}
