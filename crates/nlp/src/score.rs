//! Scoring against gold trees with gold tokenization: UPOS accuracy, UAS and LAS with
//! punctuation included and relation subtypes ignored, as the CoNLL 2018 evaluation does.

use crate::conllu::TreeSentence;
use crate::model::Analysis;

/// Running counts of words and of those analysed right, over any number of sentences.
#[derive(Debug, Clone, Copy, Default)]
pub struct GoldCounts {
    /// Words scored.
    pub words: usize,
    /// Words with the gold UPOS tag.
    pub upos: usize,
    /// Words with the gold head.
    pub uas: usize,
    /// Words with the gold head and universal relation.
    pub las: usize,
}

/// The universal part of a relation (`nsubj:pass` → `nsubj`).
pub fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

impl GoldCounts {
    /// Count one sentence's analysis against its gold tree (same words, in order).
    pub fn add(&mut self, gold: &TreeSentence, got: &Analysis) {
        for (i, w) in gold.words.iter().enumerate() {
            self.words += 1;
            self.upos += (got.upos.get(i).map(|u| u.as_str()) == Some(w.upos.as_str())) as usize;
            let head_ok = got.heads.get(i) == Some(&w.head);
            self.uas += head_ok as usize;
            let rel_ok = got.deprels.get(i).is_some_and(|r| universal(r) == universal(&w.deprel));
            self.las += (head_ok && rel_ok) as usize;
        }
    }

    fn pct(n: usize, d: usize) -> f64 {
        if d == 0 {
            0.0
        } else {
            100.0 * n as f64 / d as f64
        }
    }
    /// UPOS accuracy, in percent (0 when nothing was scored).
    pub fn upos_pct(&self) -> f64 {
        GoldCounts::pct(self.upos, self.words)
    }
    /// Unlabelled attachment score, in percent.
    pub fn uas_pct(&self) -> f64 {
        GoldCounts::pct(self.uas, self.words)
    }
    /// Labelled attachment score, in percent.
    pub fn las_pct(&self) -> f64 {
        GoldCounts::pct(self.las, self.words)
    }
}
