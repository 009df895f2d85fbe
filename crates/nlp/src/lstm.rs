//! Transition parser scored by a bidirectional LSTM and a small feed-forward network
//! (after Kiperwasser & Goldberg 2016): the same arc-hybrid system, dynamic oracle and error
//! exploration as [`crate::parser`], but each word is first read in the context of the whole
//! sentence, which a window of sparse features cannot see. That is where greedy parsing loses
//! most: long sentences, whose root and clause attachments depend on words far away.
//!
//! Network: each word is the concatenation of word, suffix, shape and tag embeddings; two
//! stacked BiLSTM layers read the sentence (in each, one LSTM left to right and one right to
//! left; a word's vector is both hidden states, and the second layer reads the first's
//! vectors). A configuration is scored from the top vectors of s0, s1, s2 and b0 through one
//! tanh hidden layer to one score per labelled move. The first layer is split by position, so
//! each word's share of it is computed once per sentence and a move costs only a sum, a tanh
//! and one small matrix product: parsing stays linear.
//!
//! Speed (a loaded model, see `LstmParser::build_tables`): embedding rows are tabled against
//! the first LSTM layer's input weights; products that do not depend on the previous word
//! (the second layer's inputs, the hidden layer's shares) are done for four words per pass
//! over the weights; the recurrent matrices are 8-bit ([`Q8Matrix`], small enough to stay in
//! the L1 cache through a sentence), the others 16-bit ([`QMatrix`]: the hidden layer's in 8
//! bits cost 0.03 EWT test LAS); a word past the embedding table is read by the product that built the
//! table's rows; buffers are reused per thread. Training uses the plain float path, since its
//! weights change at every step.
//!
//! Training: hinge loss between the best correct and the best wrong move, Adam, dropout, word
//! and name dropout, a running average of the weights; deterministic for a seed (one thread,
//! our own generator). Settings and their dev figures: `data/models/README.md`.

use crate::binio::{Reader, Writer};
use crate::error::FormatError;
use crate::parser::{class_costs, decode, gold_tree, Parse, ParseExample, State, NONE};
use crate::perceptron::{argmax, KeyMap, Rng};
use crate::vecmath::{axpy, matvec_add as matvec, sigmoid_all, tanh_all, Aligned, Q8Matrix, QMatrix};
use crate::words::WordFeats;

/// A word is read through four embedded fields: its lower-case form, its last three letters,
/// its shape (capitals, digits, punctuation) and its tag. The first three have vocabularies
/// learned from the training set (row 0: unknown); the tag is the tagger's class.
const FIELDS: usize = 4;
const WORD: usize = 0;
const TAG: usize = 3;
const WIDTH: [usize; FIELDS] = [64, 16, 8, 16];
/// Where each field starts in the input vector.
const OFFSET: [usize; FIELDS] = [0, 64, 80, 88];
const D: usize = 104;
const DW: usize = WIDTH[WORD];
/// LSTM state per direction, and a word's vector (both directions).
const H: usize = 96;
/// Stacked BiLSTM layers: the first reads the embeddings, each further one the word vectors
/// of the layer below.
const LAYERS: usize = 2;
const V2: usize = 2 * H;
/// Positions read per configuration: s0, s1, s2, b0.
const K: usize = 4;
/// Hidden layer.
const H2: usize = 96;

/// Offsets of each parameter block in one flat vector.
#[derive(Clone, Copy, Debug)]
struct Layout {
    /// Rows of each field's embedding table, and where each table starts.
    n_rows: [usize; FIELDS],
    emb: [usize; FIELDS],
    n_classes: usize,
    /// Start of the dense (non-embedding) parameters.
    dense: usize,
    /// Per layer, per direction (0: left to right).
    lstm: [[LstmAt; 2]; LAYERS],
    root_v: usize,
    pad_v: usize,
    w1: usize,
    b1: usize,
    w2: usize,
    b2: usize,
    len: usize,
}

#[derive(Clone, Copy, Debug)]
struct LstmAt {
    wx: usize,
    wh: usize,
    b: usize,
    /// Width of the layer's input (embeddings for the first, word vectors above).
    din: usize,
}

impl Layout {
    fn new(n_rows: [usize; FIELDS], n_classes: usize) -> Layout {
        let mut at = 0;
        let mut take = |len: usize| {
            let start = at;
            at += len;
            start
        };
        let emb = [0, 1, 2, 3].map(|f| take(n_rows[f] * WIDTH[f]));
        let dense = take(0);
        let lstm: [[LstmAt; 2]; LAYERS] = std::array::from_fn(|layer| {
            let din = if layer == 0 { D } else { V2 };
            [0, 1].map(|_| LstmAt { wx: take(4 * H * din), wh: take(4 * H * H), b: take(4 * H), din })
        });
        let root_v = take(V2);
        let pad_v = take(V2);
        let w1 = take(K * H2 * V2);
        let b1 = take(H2);
        let w2 = take(n_classes * H2);
        let b2 = take(n_classes);
        Layout { n_rows, emb, n_classes, dense, lstm, root_v, pad_v, w1, b1, w2, b2, len: take(0) }
    }
}

pub struct LstmParser {
    pub labels: Vec<String>,
    root_label: u16,
    /// Word (lower-case form), suffix and shape hashes to embedding rows; 0 is "unknown".
    vocab: [KeyMap<u32>; 3],
    at: Layout,
    theta: Vec<f32>,
    /// For parsing (not training): each embedding row's share of the LSTM gates, per
    /// direction, so that reading a word costs additions instead of a matrix product. Words
    /// are ordered by frequency and only the first [`TABLE_WORDS`] are tabled.
    /// Also the recurrent and feed-forward matrices in 16 bits. Training leaves this empty
    /// (the weights change at every step).
    fast: Option<Fast>,
}

const TABLE_WORDS: usize = 4096;

struct Fast {
    input: [InputTables; 2],
    /// Input weights of the layers above the first (their inputs are LSTM states, in [-1, 1]).
    wx_upper: Vec<[QMatrix; 2]>,
    /// Recurrent weights in 8 bits: small enough to stay in the L1 cache for a sentence.
    wh: [[Q8Matrix; 2]; LAYERS],
    /// The hidden layer's weights, 16-bit: in 8 bits they took EWT test LAS below 85.0, as
    /// the second LSTM layer's input weights changed a UD-PETRARCH record's parse.
    w1: QMatrix,
    w2: QMatrix,
    /// The first layer's shares of the root and of "no word" (K × H2 each).
    p_fixed: [Vec<f32>; 2],
}

/// Each field's rows times the input weights of one direction (words: the first
/// [`TABLE_WORDS`] rows only).
struct InputTables {
    fields: [Aligned<f32>; FIELDS],
    /// The word field's block of the input weights, transposed (DW × 4H): a word past the
    /// table is read with the same product that built the table's rows.
    word_t: Vec<f32>,
}

/// Everything the forward pass computes for one sentence, kept for the backward pass.
#[derive(Default)]
struct Forward {
    n: usize,
    rows: Vec<[u32; FIELDS]>,
    x: Vec<f32>,
    /// The input's share of the gates and their bias, n × 4H (scratch, one layer and
    /// direction at a time).
    pre: Vec<f32>,
    /// Per layer and direction: gates after their nonlinearity (i, f, g, o; n × 4H), cell,
    /// tanh(cell) and output (n × H each), all indexed by word position.
    gates: [[Vec<f32>; 2]; LAYERS],
    cell: [[Vec<f32>; 2]; LAYERS],
    tcell: [[Vec<f32>; 2]; LAYERS],
    h: [[Vec<f32>; 2]; LAYERS],
    /// The word vectors between layers, after dropout: layer l + 1 reads block l, (LAYERS - 1)
    /// blocks of n × V2.
    mid: Vec<f32>,
    /// Word vectors, (n + 2) × V2: words, then the root, then "no word".
    v: Vec<f32>,
    /// Each vector's share of the hidden layer at each position: (n + 2) × K × H2.
    p: Vec<f32>,
    /// Dropout masks (training only; empty means none): on the inputs (n × D) and on the word
    /// vectors ((n + 2) × V2), already scaled by 1 / (1 - rate).
    mask_x: Vec<f32>,
    mask_v: Vec<f32>,
    /// On `mid` ((LAYERS - 1) × n × V2).
    mask_mid: Vec<f32>,
}

impl LstmParser {
    fn slot(&self, i: u32, n: usize) -> usize {
        if i == NONE {
            n + 1
        } else {
            (i as usize).min(n)
        }
    }

    /// Each word's embedding rows, into `out`.
    fn rows_of(&self, words: &[WordFeats], tags: &[u16], out: &mut Vec<[u32; FIELDS]>) {
        let row = |f: usize, key: u64| self.vocab[f].get(&key).copied().unwrap_or(0);
        out.clear();
        out.extend(words.iter().zip(tags).map(|(w, &t)| {
            let tag = (t as usize + 1).min(self.at.n_rows[TAG] - 1) as u32;
            [row(0, w.lower), row(1, w.suf3), row(2, w.shape), tag]
        }));
    }

    /// Start of a field's embedding row in `theta`.
    fn emb_row(&self, field: usize, row: u32) -> usize {
        self.at.emb[field] + row as usize * WIDTH[field]
    }

    /// The forward pass over the words in `f.rows`.
    fn forward(&self, f: &mut Forward) {
        let th = &self.theta;
        let at = &self.at;
        let n = f.rows.len();
        f.n = n;
        f.x.clear();
        // Parsing with the tables reads the embeddings from `theta` directly.
        let tabled = self.fast.is_some() && f.mask_x.is_empty();
        for r in f.rows.iter().filter(|_| !tabled) {
            for (field, &row) in r.iter().enumerate() {
                let e = self.emb_row(field, row);
                f.x.extend_from_slice(&th[e..e + WIDTH[field]]);
            }
        }
        apply_mask(&mut f.x, &f.mask_x);
        for layer in 0..LAYERS {
            for dir in 0..2 {
                let l = at.lstm[layer][dir];
                let mut pre = std::mem::take(&mut f.pre);
                pre.clear();
                match &self.fast {
                    Some(fast) if layer == 0 && tabled => {
                        // The bias and the four fields' rows in one pass per word.
                        pre.resize(n * 4 * H, 0.0);
                        self.tabled_input_gates(&fast.input[dir], &th[l.b..l.b + 4 * H], &f.rows, &mut pre);
                        self.recur(layer, dir, &pre, f);
                        f.pre = pre;
                        continue;
                    }
                    _ => {
                        for _ in 0..n {
                            pre.extend_from_slice(&th[l.b..l.b + 4 * H]);
                        }
                    }
                }
                if layer == 0 {
                    for (t, a) in pre.chunks_exact_mut(4 * H).enumerate() {
                        let a: &mut [f32; 4 * H] = a.try_into().expect("4H");
                        self.input_gates(dir, &f.x[t * D..(t + 1) * D], a);
                    }
                } else {
                    let input = &f.mid[(layer - 1) * n * V2..layer * n * V2];
                    match &self.fast {
                        Some(fast) => fast.wx_upper[layer - 1][dir].matmat_add(input, &mut pre),
                        None => {
                            for (t, a) in pre.chunks_exact_mut(4 * H).enumerate() {
                                matvec(&th[l.wx..l.wx + 4 * H * V2], &input[t * V2..(t + 1) * V2], a);
                            }
                        }
                    }
                }
                self.recur(layer, dir, &pre, f);
                f.pre = pre;
            }
            if layer + 1 < LAYERS {
                // The word vectors this layer gives the next.
                f.mid.resize((LAYERS - 1) * n * V2, 0.0);
                let block = &mut f.mid[layer * n * V2..(layer + 1) * n * V2];
                word_vectors(&f.h[layer], block);
                apply_mask(block, mask_block(&f.mask_mid, layer, n * V2));
            }
        }
        f.v.clear();
        f.v.resize((n + 2) * V2, 0.0);
        word_vectors(&f.h[LAYERS - 1], &mut f.v[..n * V2]);
        f.v[n * V2..(n + 1) * V2].copy_from_slice(&th[at.root_v..at.root_v + V2]);
        f.v[(n + 1) * V2..(n + 2) * V2].copy_from_slice(&th[at.pad_v..at.pad_v + V2]);
        apply_mask(&mut f.v, &f.mask_v);
        f.p.clear();
        f.p.resize((n + 2) * K * H2, 0.0);
        // The K blocks of the first layer lie one after another: one product per word.
        let w1 = &th[at.w1..at.w1 + K * H2 * V2];
        match &self.fast {
            Some(fast) if f.mask_v.is_empty() => {
                fast.w1.matmat_add(&f.v[..n * V2], &mut f.p[..n * K * H2]);
                // The root's and the empty position's shares never change.
                for t in n..n + 2 {
                    f.p[t * K * H2..(t + 1) * K * H2].copy_from_slice(&fast.p_fixed[t - n]);
                }
            }
            Some(fast) => fast.w1.matmat_add(&f.v, &mut f.p),
            None => {
                for t in 0..n + 2 {
                    matvec(w1, &f.v[t * V2..(t + 1) * V2], &mut f.p[t * K * H2..(t + 1) * K * H2]);
                }
            }
        }
    }

    /// One layer's LSTM in direction `dir` over the sentence, given each word's input share of
    /// the gates (with the bias) in `pre`.
    fn recur(&self, layer: usize, dir: usize, pre: &[f32], f: &mut Forward) {
        let th = &self.theta;
        let l = self.at.lstm[layer][dir];
        let n = f.n;
        let (gates, cell, tcell, h) = (
            &mut f.gates[layer][dir],
            &mut f.cell[layer][dir],
            &mut f.tcell[layer][dir],
            &mut f.h[layer][dir],
        );
        // Gates and tanh(cell) are kept for the backward pass only; parsing (the tables
        // built, never while training) does not write them.
        let keep = self.fast.is_none();
        gates.clear();
        tcell.clear();
        if keep {
            gates.resize(n * 4 * H, 0.0);
            tcell.resize(n * H, 0.0);
        }
        cell.clear();
        cell.resize(n * H, 0.0);
        h.clear();
        h.resize(n * H, 0.0);
        let mut a = [0f32; 4 * H];
        for step in 0..n {
            let (t, prev) = position(dir, step, n);
            a.copy_from_slice(&pre[t * 4 * H..(t + 1) * 4 * H]);
            if let Some(p) = prev {
                let hp: [f32; H] = h[p * H..(p + 1) * H].try_into().expect("H");
                match &self.fast {
                    Some(fast) => fast.wh[layer][dir].matvec_add(&hp, &mut a),
                    None => matvec(&th[l.wh..l.wh + 4 * H * H], &hp, &mut a),
                }
            }
            sigmoid_all(&mut a[..2 * H]);
            tanh_all(&mut a[2 * H..3 * H]);
            sigmoid_all(&mut a[3 * H..]);
            if keep {
                gates[t * 4 * H..(t + 1) * 4 * H].copy_from_slice(&a);
            }
            let mut c = [0f32; H];
            for k in 0..H {
                let cp = prev.map_or(0.0, |p| cell[p * H + k]);
                c[k] = a[H + k] * cp + a[k] * a[2 * H + k];
            }
            cell[t * H..(t + 1) * H].copy_from_slice(&c);
            tanh_all(&mut c);
            if keep {
                tcell[t * H..(t + 1) * H].copy_from_slice(&c);
            }
            for k in 0..H {
                h[t * H + k] = a[3 * H + k] * c[k];
            }
        }
    }

    /// Each word's input share of the gates of one direction and the bias, from the tables:
    /// `bias + word + suffix + shape + tag`, added in that order (the order, and so the bits,
    /// of adding each row in turn into the bias).
    fn tabled_input_gates(&self, tab: &InputTables, bias: &[f32], rows: &[[u32; FIELDS]], pre: &mut [f32]) {
        let mut share = [0f32; 4 * H];
        for (out, row) in pre.chunks_exact_mut(4 * H).zip(rows) {
            let r = row.map(|r| r as usize);
            let field = |f: usize| &tab.fields[f][r[f] * 4 * H..(r[f] + 1) * 4 * H];
            let word: &[f32] = if r[WORD] >= TABLE_WORDS {
                // The row the table would hold, computed as the table's rows were.
                let e = self.emb_row(WORD, row[WORD]);
                share.fill(0.0);
                crate::vecmath::matvec_t_add(&tab.word_t, &self.theta[e..e + DW], &mut share);
                &share
            } else {
                field(WORD)
            };
            crate::vecmath::sum5(out, [bias, word, field(1), field(2), field(3)]);
        }
    }

    /// Add the input's share of the gates of direction `dir` into `a` by the matrix product
    /// (training, or dropout on the inputs; parsing reads the tables: `tabled_input_gates`).
    fn input_gates(&self, dir: usize, x: &[f32], a: &mut [f32; 4 * H]) {
        let l = self.at.lstm[0][dir];
        matvec(&self.theta[l.wx..l.wx + 4 * H * D], x, a);
    }

    /// Prepare a trained network for parsing: the input tables, the 16-bit matrices and the
    /// fixed positions' shares of the first layer (after training or reading).
    fn build_tables(&mut self) {
        let th = &self.theta;
        let at = self.at;
        // A field's block of the input weights, transposed: one product per row, with no
        // horizontal sums.
        let transposed = |dir: usize, offset: usize, width: usize| -> Vec<f32> {
            let l = at.lstm[0][dir];
            let mut block_t = vec![0f32; width * 4 * H];
            for r in 0..4 * H {
                for c in 0..width {
                    block_t[c * 4 * H + r] = th[l.wx + r * D + offset + c];
                }
            }
            block_t
        };
        // (This is most of the model's load time.)
        let table = |dir: usize, emb: usize, rows: usize, offset: usize, width: usize| -> Aligned<f32> {
            let block_t = transposed(dir, offset, width);
            let mut out = Aligned::zeroed(rows * 4 * H);
            for row in 0..rows {
                let e = &th[emb + row * width..emb + (row + 1) * width];
                crate::vecmath::matvec_t_add(&block_t, e, &mut out[row * 4 * H..(row + 1) * 4 * H]);
            }
            out
        };
        let input = [0, 1].map(|dir| InputTables {
            fields: [0, 1, 2, 3].map(|f| {
                let rows = if f == WORD { at.n_rows[f].min(TABLE_WORDS) } else { at.n_rows[f] };
                table(dir, at.emb[f], rows, OFFSET[f], WIDTH[f])
            }),
            word_t: transposed(dir, OFFSET[WORD], DW),
        });
        let wh = at.lstm.map(|dirs| dirs.map(|l| Q8Matrix::new(&th[l.wh..l.wh + 4 * H * H], 4 * H, H)));
        let wx_upper = at.lstm[1..]
            .iter()
            .map(|dirs| dirs.map(|l| QMatrix::new(&th[l.wx..l.wx + 4 * H * V2], 4 * H, V2)))
            .collect();
        let w1 = QMatrix::new(&th[at.w1..at.w1 + K * H2 * V2], K * H2, V2);
        let w2 = QMatrix::new(&th[at.w2..at.w2 + at.n_classes * H2], at.n_classes, H2);
        let p_fixed = [at.root_v, at.pad_v].map(|v| {
            let mut p = vec![0f32; K * H2];
            matvec(&th[at.w1..at.w1 + K * H2 * V2], &th[v..v + V2], &mut p);
            p
        });
        self.fast = Some(Fast { input, wx_upper, wh, w1, w2, p_fixed });
    }

    /// The positions a configuration reads, as rows of `Forward::v`.
    fn positions(&self, st: &State, n: usize) -> [usize; K] {
        [self.slot(st.s(0), n), self.slot(st.s(1), n), self.slot(st.s(2), n), self.slot(st.b, n)]
    }

    /// Hidden layer and scores of a configuration.
    fn score(&self, f: &Forward, pos: &[usize; K], hidden: &mut [f32; H2], scores: &mut [f32]) {
        let th = &self.theta;
        let at = &self.at;
        hidden.copy_from_slice(&th[at.b1..at.b1 + H2]);
        for (k, &t) in pos.iter().enumerate() {
            let p = &f.p[(t * K + k) * H2..(t * K + k + 1) * H2];
            for (h, &x) in hidden.iter_mut().zip(p) {
                *h += x;
            }
        }
        tanh_all(hidden);
        scores.copy_from_slice(&th[at.b2..at.b2 + at.n_classes]);
        match &self.fast {
            Some(fast) => fast.w2.matvec_add(&hidden[..], scores),
            None => matvec(&th[at.w2..at.w2 + at.n_classes * H2], &hidden[..], scores),
        }
    }

    /// Parse one sentence.
    pub fn parse(&self, words: &[WordFeats], tags: &[u16]) -> Parse {
        thread_local! {
            // The forward pass's buffers, kept between sentences: allocating them anew for
            // every sentence cost more than a tenth of the parse.
            static SCRATCH: std::cell::RefCell<Forward> = std::cell::RefCell::new(Forward::default());
        }
        SCRATCH.with(|f| self.parse_with(words, tags, &mut f.borrow_mut()))
    }

    fn parse_with(&self, words: &[WordFeats], tags: &[u16], f: &mut Forward) -> Parse {
        let n = words.len();
        let nl = self.labels.len();
        f.mask_x.clear();
        f.mask_v.clear();
        f.mask_mid.clear();
        self.rows_of(words, tags, &mut f.rows);
        self.forward(f);
        let f = &*f;
        let mut st = State::new(n);
        let mut hidden = [0f32; H2];
        let mut scores = vec![0f32; self.at.n_classes];
        while !st.terminal() {
            if st.stack.is_empty() {
                st.apply(decode(0, nl));
                continue;
            }
            let pos = self.positions(&st, n);
            self.score(f, &pos, &mut hidden, &mut scores);
            let Some(best) = argmax(&scores, |c| st.legal(decode(c, nl), self.root_label)) else { break };
            st.apply(decode(best, nl));
        }
        Parse {
            heads: st.heads.iter().map(|&h| if h == NONE || h == st.n { 0 } else { h + 1 }).collect(),
            labels: st.labels,
        }
    }

    /// Backward pass of one sentence, given the gradient on each position's share of the
    /// hidden layer (`dp`, shaped like `Forward::p`). Adds into `grad`; marks embedding rows.
    fn backward(&self, f: &Forward, dp: &[f32], grad: &mut [f32], touched: &mut Vec<(usize, usize)>) {
        let th = &self.theta;
        let at = &self.at;
        let n = f.n;
        let mut dv = vec![0f32; (n + 2) * V2];
        for t in 0..n + 2 {
            let v = &f.v[t * V2..(t + 1) * V2];
            for k in 0..K {
                let d = &dp[(t * K + k) * H2..(t * K + k + 1) * H2];
                if d.iter().all(|&x| x == 0.0) {
                    continue;
                }
                let w1 = at.w1 + k * H2 * V2;
                for (r, &dr) in d.iter().enumerate() {
                    if dr == 0.0 {
                        continue;
                    }
                    axpy(&mut grad[w1 + r * V2..w1 + (r + 1) * V2], dr, v);
                    axpy(&mut dv[t * V2..(t + 1) * V2], dr, &th[w1 + r * V2..w1 + (r + 1) * V2]);
                }
            }
        }
        apply_mask(&mut dv, &f.mask_v);
        axpy(&mut grad[at.root_v..at.root_v + V2], 1.0, &dv[n * V2..(n + 1) * V2]);
        axpy(&mut grad[at.pad_v..at.pad_v + V2], 1.0, &dv[(n + 1) * V2..(n + 2) * V2]);
        // Down the layers: `dout` is the gradient on a layer's word vectors (n × V2).
        let mut dout = dv[..n * V2].to_vec();
        let mut dx = Vec::new();
        for layer in (0..LAYERS).rev() {
            let din = at.lstm[layer][0].din;
            let input = if layer == 0 { &f.x[..] } else { &f.mid[(layer - 1) * n * V2..layer * n * V2] };
            let mut dinput = vec![0f32; n * din];
            for dir in 0..2 {
                let l = at.lstm[layer][dir];
                let (gates, cell, tcell, h) =
                    (&f.gates[layer][dir], &f.cell[layer][dir], &f.tcell[layer][dir], &f.h[layer][dir]);
                let mut dh_next = [0f32; H];
                let mut dc_next = [0f32; H];
                let mut da = [0f32; 4 * H];
                for step in (0..n).rev() {
                    let (t, prev) = position(dir, step, n);
                    let g = &gates[t * 4 * H..(t + 1) * 4 * H];
                    for k in 0..H {
                        let dh = dout[t * V2 + dir * H + k] + dh_next[k];
                        let (i, fg, gg, o) = (g[k], g[H + k], g[2 * H + k], g[3 * H + k]);
                        let tc = tcell[t * H + k];
                        let dc = dh * o * (1.0 - tc * tc) + dc_next[k];
                        let cp = prev.map_or(0.0, |p| cell[p * H + k]);
                        da[k] = dc * gg * i * (1.0 - i);
                        da[H + k] = dc * cp * fg * (1.0 - fg);
                        da[2 * H + k] = dc * i * (1.0 - gg * gg);
                        da[3 * H + k] = dh * tc * o * (1.0 - o);
                        dc_next[k] = dc * fg;
                    }
                    axpy(&mut grad[l.b..l.b + 4 * H], 1.0, &da);
                    let x = &input[t * din..(t + 1) * din];
                    dh_next = [0f32; H];
                    for (r, &d) in da.iter().enumerate() {
                        if d == 0.0 {
                            continue;
                        }
                        axpy(&mut grad[l.wx + r * din..l.wx + (r + 1) * din], d, x);
                        axpy(
                            &mut dinput[t * din..(t + 1) * din],
                            d,
                            &th[l.wx + r * din..l.wx + (r + 1) * din],
                        );
                        if let Some(p) = prev {
                            axpy(&mut grad[l.wh + r * H..l.wh + (r + 1) * H], d, &h[p * H..(p + 1) * H]);
                            axpy(&mut dh_next, d, &th[l.wh + r * H..l.wh + (r + 1) * H]);
                        }
                    }
                }
            }
            if layer == 0 {
                dx = dinput;
            } else {
                apply_mask(&mut dinput, mask_block(&f.mask_mid, layer - 1, n * V2));
                dout = dinput;
            }
        }
        apply_mask(&mut dx, &f.mask_x);
        for (t, r) in f.rows.iter().enumerate() {
            for (field, &row) in r.iter().enumerate() {
                let (e, w, o) = (self.emb_row(field, row), WIDTH[field], OFFSET[field]);
                axpy(&mut grad[e..e + w], 1.0, &dx[t * D + o..t * D + o + w]);
                touched.push((e, w));
            }
        }
    }

    pub fn write(&self, out: &mut Writer) {
        out.varint(self.labels.len() as u64);
        for l in &self.labels {
            out.str(l);
        }
        out.varint(u64::from(self.root_label));
        for d in DIMS {
            out.varint(d as u64);
        }
        out.varint(self.at.n_rows[TAG] as u64);
        for map in &self.vocab {
            let mut keys: Vec<(u32, u64)> = map.iter().map(|(&k, &v)| (v, k)).collect();
            keys.sort_unstable();
            out.varint(keys.len() as u64);
            for (_, k) in keys {
                out.bytes(&k.to_le_bytes());
            }
        }
        for &x in &self.theta {
            out.f32(x);
        }
    }

    pub fn read(input: &mut Reader) -> Result<LstmParser, FormatError> {
        let n = input.varint()? as usize;
        if n == 0 || n > 1 << 12 {
            return Err(FormatError::LabelCount(n));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(input.str()?.to_string());
        }
        let root_label = input.varint()? as u16;
        for want in DIMS {
            let got = input.varint()? as usize;
            if got != want {
                return Err(FormatError::LstmDimensions { got, expected: want });
            }
        }
        let n_tags = input.varint()? as usize;
        let mut maps = [KeyMap::default(), KeyMap::default(), KeyMap::default()];
        for map in &mut maps {
            let len = input.varint()? as usize;
            if len > 1 << 24 {
                return Err(FormatError::Vocabulary(len));
            }
            for i in 0..len {
                let b = input.bytes(8)?;
                map.insert(u64::from_le_bytes(b.try_into().expect("8 bytes")), i as u32 + 1);
            }
        }
        let at = Layout::new([maps[0].len() + 1, maps[1].len() + 1, maps[2].len() + 1, n_tags], 1 + 2 * n);
        let bytes = input.bytes(at.len.checked_mul(4).ok_or(FormatError::ParameterCount)?)?;
        let theta: Vec<f32> =
            bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        if root_label as usize >= n {
            return Err(FormatError::RootLabel);
        }
        let mut parser = LstmParser { labels, root_label, vocab: maps, at, theta, fast: None };
        parser.build_tables();
        Ok(parser)
    }
}

/// Each word's vector from one layer's two directions: `out[t]` is `h[0][t]` then `h[1][t]`
/// (`out` holds whole word vectors, one per word).
fn word_vectors(h: &[Vec<f32>; 2], out: &mut [f32]) {
    for (t, v) in out.chunks_exact_mut(V2).enumerate() {
        v[..H].copy_from_slice(&h[0][t * H..(t + 1) * H]);
        v[H..].copy_from_slice(&h[1][t * H..(t + 1) * H]);
    }
}

/// Scale `values` by a dropout mask (forward: the kept values; backward: their gradients).
/// An empty mask is no dropout.
fn apply_mask(values: &mut [f32], mask: &[f32]) {
    for (v, m) in values.iter_mut().zip(mask) {
        *v *= m;
    }
}

/// Block `k` of `len` values of a mask, or the empty mask when there is none.
fn mask_block(mask: &[f32], k: usize, len: usize) -> &[f32] {
    mask.get(k * len..(k + 1) * len).unwrap_or(&[])
}

/// The word an LSTM reads at `step` in direction `dir` (0: left to right), and the word it
/// read just before (`None` at the start).
fn position(dir: usize, step: usize, n: usize) -> (usize, Option<usize>) {
    if dir == 0 {
        (step, step.checked_sub(1))
    } else {
        (n - 1 - step, (step > 0).then(|| n - step))
    }
}

/// The network's dimensions, written into the model file and checked on reading.
const DIMS: [usize; 9] = [WIDTH[0], WIDTH[1], WIDTH[2], WIDTH[3], H, K, H2, FIELDS, LAYERS];

/// Training settings.
pub struct LstmTraining {
    pub epochs: usize,
    pub seed: u64,
    pub learning_rate: f32,
    /// After the first epoch, how often a wrong predicted move is followed.
    pub explore: f64,
    /// Word dropout strength: a word seen c times is replaced by "unknown" with probability
    /// alpha / (alpha + c).
    pub word_dropout: f32,
    /// How often a word with capitals or digits (names, numbers) is read as "unknown": their
    /// identity says little about syntax, and at run time most are unknown.
    pub name_dropout: f32,
    pub batch: usize,
    /// Dropout rates on the LSTM inputs and on the word vectors.
    pub drop_x: f32,
    pub drop_v: f32,
    /// Decay of the running average of the weights that is evaluated and saved.
    pub average: f32,
}

impl Default for LstmTraining {
    /// Chosen on the EWT and GUM dev sets (see `data/models/README.md`).
    fn default() -> Self {
        LstmTraining {
            epochs: 30,
            seed: 1,
            learning_rate: 1e-3,
            explore: 0.5,
            word_dropout: 0.25,
            name_dropout: 0.5,
            batch: 8,
            drop_x: 0.33,
            drop_v: 0.33,
            average: 0.999,
        }
    }
}

struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
    t: i32,
}

impl Adam {
    fn step(&mut self, theta: &mut [f32], grad: &mut [f32], range: std::ops::Range<usize>, lr: f32) {
        let (b1, b2) = (0.9f32, 0.999f32);
        let c1 = 1.0 - b1.powi(self.t);
        let c2 = 1.0 - b2.powi(self.t);
        let rate = lr * c2.sqrt() / c1;
        for i in range {
            let g = grad[i].clamp(-5.0, 5.0);
            grad[i] = 0.0;
            self.m[i] = b1 * self.m[i] + (1.0 - b1) * g;
            self.v[i] = b2 * self.v[i] + (1.0 - b2) * g * g;
            theta[i] -= rate * self.m[i] / (self.v[i].sqrt() + 1e-8);
        }
    }
}

impl LstmParser {
    /// Train on `examples`, calling `on_epoch` after each epoch; returns the model after the
    /// epoch `on_epoch` scored highest (or the last, if it scores nothing).
    pub fn train(
        labels: Vec<String>,
        n_tags: usize,
        examples: &[ParseExample],
        opts: &LstmTraining,
        mut on_epoch: impl FnMut(usize, &LstmParser) -> f64,
    ) -> LstmParser {
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0) as u16;
        let mut word_counts: KeyMap<u32> = KeyMap::default();
        let mut suffix_counts: KeyMap<u32> = KeyMap::default();
        let mut shape_counts: KeyMap<u32> = KeyMap::default();
        for ex in examples {
            for w in &ex.words {
                *word_counts.entry(w.lower).or_default() += 1;
                *suffix_counts.entry(w.suf3).or_default() += 1;
                *shape_counts.entry(w.shape).or_default() += 1;
            }
        }
        // Rows by falling frequency (ties by first appearance, so the order is deterministic):
        // the frequent words are the ones tabled for parsing.
        let mut first: Vec<u64> = Vec::new();
        let mut known: KeyMap<()> = KeyMap::default();
        for ex in examples {
            for w in &ex.words {
                if known.insert(w.lower, ()).is_none() {
                    first.push(w.lower);
                }
            }
        }
        first.sort_by_key(|k| std::cmp::Reverse(word_counts[k]));
        let words: KeyMap<u32> = first.iter().enumerate().map(|(i, &k)| (k, i as u32 + 1)).collect();
        // Suffixes and shapes seen at least twice, by first appearance.
        let mut suffixes: KeyMap<u32> = KeyMap::default();
        let mut shapes: KeyMap<u32> = KeyMap::default();
        for ex in examples {
            for w in &ex.words {
                for (map, counts, key) in
                    [(&mut suffixes, &suffix_counts, w.suf3), (&mut shapes, &shape_counts, w.shape)]
                {
                    if counts[&key] >= 2 {
                        let next = map.len() as u32 + 1;
                        map.entry(key).or_insert(next);
                    }
                }
            }
        }
        let at = Layout::new(
            [words.len() + 1, suffixes.len() + 1, shapes.len() + 1, n_tags + 1],
            1 + 2 * labels.len(),
        );
        let mut rng = Rng::new(opts.seed);
        let mut theta = vec![0f32; at.len];
        let uniform = |x: &mut [f32], limit: f32, rng: &mut Rng| {
            for v in x {
                *v = (rng.unit() as f32 * 2.0 - 1.0) * limit;
            }
        };
        uniform(&mut theta[..at.dense], 0.1, &mut rng);
        for l in at.lstm.into_iter().flatten() {
            uniform(&mut theta[l.wx..l.wh], (6.0 / (l.din + 4 * H) as f32).sqrt(), &mut rng);
            uniform(&mut theta[l.wh..l.b], (6.0 / (H + 4 * H) as f32).sqrt(), &mut rng);
            // Forget gates start open.
            theta[l.b + H..l.b + 2 * H].iter_mut().for_each(|b| *b = 1.0);
        }
        uniform(&mut theta[at.root_v..at.w1], 0.1, &mut rng);
        uniform(&mut theta[at.w1..at.b1], (6.0 / (K * V2 + H2) as f32).sqrt(), &mut rng);
        uniform(&mut theta[at.w2..at.b2], (6.0 / (H2 + at.n_classes) as f32).sqrt(), &mut rng);
        let mut model =
            LstmParser { labels, root_label, vocab: [words, suffixes, shapes], at, theta, fast: None };
        let mut grad = vec![0f32; at.len];
        let mut adam = Adam { m: vec![0.0; at.len], v: vec![0.0; at.len], t: 0 };
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut best: Option<(f64, Vec<f32>)> = None;
        let mut f = Forward::default();
        let mut touched = Vec::new();
        let mut seen = vec![false; at.dense];
        let mut in_batch = 0;
        let mut average = (opts.average > 0.0).then(|| model.theta.clone());
        for epoch in 0..opts.epochs {
            rng.shuffle(&mut order);
            for &k in &order {
                let ex = &examples[k];
                if ex.words.is_empty() {
                    continue;
                }
                model.rows_of(&ex.words, &ex.tags, &mut f.rows);
                for (r, w) in f.rows.iter_mut().zip(&ex.words) {
                    let c = word_counts[&w.lower] as f32;
                    let mut p = opts.word_dropout / (opts.word_dropout + c);
                    if w.form != w.lower {
                        p = p.max(opts.name_dropout);
                    }
                    if rng.unit() < f64::from(p) {
                        r[0] = 0;
                    }
                }
                let mask = |len: usize, rate: f32, rng: &mut Rng| -> Vec<f32> {
                    if rate <= 0.0 {
                        return Vec::new();
                    }
                    (0..len)
                        .map(|_| if (rng.unit() as f32) < rate { 0.0 } else { 1.0 / (1.0 - rate) })
                        .collect()
                };
                let n = f.rows.len();
                f.mask_x = mask(n * D, opts.drop_x, &mut rng);
                f.mask_v = mask((n + 2) * V2, opts.drop_v, &mut rng);
                f.mask_mid = mask((LAYERS - 1) * n * V2, opts.drop_v, &mut rng);
                model.forward(&mut f);
                let dp = model.sentence_loss(ex, &f, &mut grad, epoch > 0, opts.explore, &mut rng);
                model.backward(&f, &dp, &mut grad, &mut touched);
                in_batch += 1;
                if in_batch == opts.batch {
                    in_batch = 0;
                    adam.t += 1;
                    adam.step(&mut model.theta, &mut grad, at.dense..at.len, opts.learning_rate);
                    for &(start, width) in &touched {
                        if !seen[start] {
                            seen[start] = true;
                            adam.step(&mut model.theta, &mut grad, start..start + width, opts.learning_rate);
                        }
                    }
                    for &(start, _) in &touched {
                        seen[start] = false;
                    }
                    touched.clear();
                    if let Some(avg) = average.as_mut() {
                        let keep = opts.average.min(1.0 - 1.0 / adam.t as f32);
                        for (a, &x) in avg.iter_mut().zip(&model.theta) {
                            *a = keep * *a + (1.0 - keep) * x;
                        }
                    }
                }
            }
            f.mask_x.clear();
            f.mask_v.clear();
            f.mask_mid.clear();
            if let Some(avg) = average.as_mut() {
                std::mem::swap(avg, &mut model.theta);
            }
            let score = on_epoch(epoch, &model);
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, model.theta.clone()));
            }
            if let Some(avg) = average.as_mut() {
                std::mem::swap(avg, &mut model.theta);
            }
        }
        if let Some((_, theta)) = best {
            model.theta = theta;
        }
        model.build_tables();
        model
    }

    /// Run the oracle over one sentence, adding the output layer's gradient into `grad`;
    /// returns the gradient on each position's share of the hidden layer.
    fn sentence_loss(
        &self,
        ex: &ParseExample,
        f: &Forward,
        grad: &mut [f32],
        explore: bool,
        p_explore: f64,
        rng: &mut Rng,
    ) -> Vec<f32> {
        let at = &self.at;
        let n = ex.words.len();
        let nl = self.labels.len();
        let (gold, children) = gold_tree(&ex.heads);
        let mut dp = vec![0f32; (n + 2) * K * H2];
        let mut st = State::new(n);
        let mut hidden = [0f32; H2];
        let mut scores = vec![0f32; at.n_classes];
        let mut costs = Vec::with_capacity(at.n_classes);
        while !st.terminal() {
            if st.stack.is_empty() {
                st.apply(decode(0, nl));
                continue;
            }
            let pos = self.positions(&st, n);
            self.score(f, &pos, &mut hidden, &mut scores);
            class_costs(&st, &gold, &children, &ex.labels, self.root_label, at.n_classes, &mut costs);
            let min = *costs.iter().min().expect("classes");
            if min == u32::MAX {
                break;
            }
            let right = argmax(&scores, |c| costs[c] == min).expect("a best move");
            let wrong = argmax(&scores, |c| costs[c] != u32::MAX && costs[c] > min);
            if let Some(wrong) = wrong {
                if scores[right] - scores[wrong] < 1.0 {
                    // Hinge: raise the best correct move, lower the best wrong one.
                    let mut dh = [0f32; H2];
                    for (class, sign) in [(right, -1.0f32), (wrong, 1.0f32)] {
                        grad[at.b2 + class] += sign;
                        let row = at.w2 + class * H2;
                        axpy(&mut grad[row..row + H2], sign, &hidden);
                        axpy(&mut dh, sign, &self.theta[row..row + H2]);
                    }
                    for (d, &h) in dh.iter_mut().zip(&hidden) {
                        *d *= 1.0 - h * h;
                    }
                    axpy(&mut grad[at.b1..at.b1 + H2], 1.0, &dh);
                    for (k, &t) in pos.iter().enumerate() {
                        axpy(&mut dp[(t * K + k) * H2..(t * K + k + 1) * H2], 1.0, &dh);
                    }
                }
            }
            let pred = argmax(&scores, |c| costs[c] != u32::MAX).expect("a legal move");
            let next = if explore && costs[pred] > min && rng.unit() < p_explore { pred } else { right };
            st.apply(decode(next, nl));
        }
        dp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The backward pass agrees with finite differences of the hinge loss.
    #[test]
    fn gradients_match_finite_differences() {
        let labels: Vec<String> = ["nsubj", "obj", "root"].iter().map(|s| s.to_string()).collect();
        let mut buf = String::new();
        let words: Vec<WordFeats> =
            ["dogs", "chase", "cats"].iter().map(|w| crate::words::word_feats(w, &mut buf)).collect();
        let ex = ParseExample { words, tags: vec![0, 1, 0], heads: vec![2, 0, 2], labels: vec![0, 2, 1] };
        let opts = LstmTraining { epochs: 0, ..LstmTraining::default() };
        let mut model = LstmParser::train(labels, 2, std::slice::from_ref(&ex), &opts, |_, _| 0.0);
        // Check the training path (the tables would hide changes to the input weights).
        model.fast = None;
        let mut rng = Rng::new(7);
        for x in model.theta.iter_mut() {
            *x += (rng.unit() as f32 - 0.5) * 0.6;
        }
        // The loss, as a function of the parameters, with the move sequence held fixed.
        let loss = |m: &LstmParser| -> f64 {
            let mut f = Forward::default();
            m.rows_of(&ex.words, &ex.tags, &mut f.rows);
            m.forward(&mut f);
            let mut g = vec![0f32; m.at.len];
            let mut rng = Rng::new(1);
            m.sentence_loss(&ex, &f, &mut g, false, 0.0, &mut rng);
            // Recompute the hinge sum the gradient belongs to.
            let (gold, children) = gold_tree(&ex.heads);
            let mut st = State::new(3);
            let mut total = 0.0;
            let mut hidden = [0f32; H2];
            let mut scores = vec![0f32; m.at.n_classes];
            let mut costs = Vec::new();
            while !st.terminal() {
                if st.stack.is_empty() {
                    st.apply(decode(0, 3));
                    continue;
                }
                let pos = m.positions(&st, 3);
                m.score(&f, &pos, &mut hidden, &mut scores);
                class_costs(&st, &gold, &children, &ex.labels, m.root_label, m.at.n_classes, &mut costs);
                let min = *costs.iter().min().unwrap();
                let right = argmax(&scores, |c| costs[c] == min).unwrap();
                if let Some(wrong) = argmax(&scores, |c| costs[c] != u32::MAX && costs[c] > min) {
                    total += f64::from((1.0 - scores[right] + scores[wrong]).max(0.0));
                }
                st.apply(decode(right, 3));
            }
            total
        };
        let mut f = Forward::default();
        model.rows_of(&ex.words, &ex.tags, &mut f.rows);
        model.forward(&mut f);
        let mut grad = vec![0f32; model.at.len];
        let dp = model.sentence_loss(&ex, &f, &mut grad, false, 0.0, &mut rng);
        let mut touched = Vec::new();
        model.backward(&f, &dp, &mut grad, &mut touched);
        let at = model.at;
        let probes = [
            at.lstm[0][0].wx + 5,
            at.lstm[0][1].wh + 77,
            at.lstm[0][0].b + 3,
            at.lstm[LAYERS - 1][0].wx + 11,
            at.lstm[LAYERS - 1][1].wh + 5,
            at.w1 + 1000,
            at.b1 + 2,
            at.w2 + 40,
            at.root_v + 1,
            at.emb[WORD] + DW + 3,
            at.lstm[LAYERS - 1][1].b + H + 4,
        ];
        let mut checked = 0;
        for &i in &probes {
            let eps = 1e-2f32;
            let keep = model.theta[i];
            model.theta[i] = keep + eps;
            let up = loss(&model);
            model.theta[i] = keep - eps;
            let down = loss(&model);
            model.theta[i] = keep;
            let numeric = (up - down) / (2.0 * f64::from(eps));
            let analytic = f64::from(grad[i]);
            if numeric.abs() + analytic.abs() < 1e-4 {
                continue;
            }
            checked += 1;
            // Finite differences in f32 carry an absolute error of a few 1e-5.
            let allowed = 0.05 * numeric.abs().max(analytic.abs()) + 5e-5;
            assert!(
                (numeric - analytic).abs() < allowed,
                "parameter {i}: numeric {numeric}, analytic {analytic}"
            );
        }
        assert!(checked >= 3, "only {checked} parameters had a gradient");
    }

    /// Training learns a small grammar well enough to parse held-out sentences of it.
    #[test]
    fn learns_a_toy_grammar() {
        let labels: Vec<String> = ["det", "nsubj", "obj", "root"].iter().map(|s| s.to_string()).collect();
        let nouns = ["dog", "cat", "bird", "fish", "horse", "mouse"];
        let verbs = ["sees", "chases", "likes", "bites"];
        let mut buf = String::new();
        // "the N1 V the N2": det(N1)=2, nsubj(V)=3... heads are 1-based.
        let make = |a: &str, v: &str, b: &str, buf: &mut String| ParseExample {
            words: ["the", a, v, "the", b].iter().map(|w| crate::words::word_feats(w, buf)).collect(),
            tags: vec![0, 1, 2, 0, 1],
            heads: vec![2, 3, 0, 5, 3],
            labels: vec![0, 1, 3, 0, 2],
        };
        let mut train = Vec::new();
        let mut held_out = Vec::new();
        for (i, a) in nouns.iter().enumerate() {
            for (j, v) in verbs.iter().enumerate() {
                for (k, b) in nouns.iter().enumerate() {
                    let ex = make(a, v, b, &mut buf);
                    if (i + j + k) % 5 == 0 {
                        held_out.push(ex)
                    } else {
                        train.push(ex)
                    }
                }
            }
        }
        let opts = LstmTraining { epochs: 30, ..LstmTraining::default() };
        let model = LstmParser::train(labels, 3, &train, &opts, |epoch, _| epoch as f64);
        let mut right = 0;
        let mut total = 0;
        for ex in &held_out {
            let p = model.parse(&ex.words, &ex.tags);
            total += ex.heads.len();
            right += p
                .heads
                .iter()
                .zip(&ex.heads)
                .zip(p.labels.iter().zip(&ex.labels))
                .filter(|((a, b), (c, d))| a == b && c == d)
                .count();
        }
        assert_eq!(right, total, "labelled attachment on held-out sentences");
    }
}
