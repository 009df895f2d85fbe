//! Byte spans into a document's normalised text.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `[start, end)` into [`crate::Document::text`].
///
/// Spans always fall on UTF-8 character boundaries; the constructors of layers keep that
/// invariant, and [`Span::text`] would panic otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
}

impl Span {
    /// The span `[start, end)` from `usize` offsets (as string slicing gives them).
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start: start as u32, end: end as u32 }
    }

    /// The span as a range, to slice the text with.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Its length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// It covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn text(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// `other` lies wholly inside this span (an equal span counts).
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// An index over a list of spans (a layer's mentions, time expressions, attributions) that
/// answers "which lie within", "which contain" and "which overlap" a span in time that grows
/// with the answer, not with the list: stages ask once per sentence or event, so a scan of
/// the whole list each time would make a long document quadratic.
///
/// Answers are indices into the list the index was built from, in ascending order, so a
/// caller that picks "the first" among them picks as a scan of the list would.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    /// List indices ordered by span start.
    order: Vec<u32>,
    /// Span starts and ends, in `order`.
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Segment tree of the largest end over `order` (node 1 the root, leaves from `size`).
    max_end: Vec<u32>,
    size: usize,
}

impl SpanIndex {
    /// The index of `spans`, in their list order.
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanIndex {
        let spans: Vec<Span> = spans.into_iter().collect();
        let mut order: Vec<u32> = (0..spans.len() as u32).collect();
        order.sort_by_key(|&i| spans[i as usize].start);
        let starts: Vec<u32> = order.iter().map(|&i| spans[i as usize].start).collect();
        let ends: Vec<u32> = order.iter().map(|&i| spans[i as usize].end).collect();
        let size = order.len().next_power_of_two();
        let mut max_end = vec![0u32; 2 * size];
        max_end[size..size + ends.len()].copy_from_slice(&ends);
        for n in (1..size).rev() {
            max_end[n] = max_end[2 * n].max(max_end[2 * n + 1]);
        }
        SpanIndex { order, starts, ends, max_end, size }
    }

    /// How many spans the index holds.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// The index holds no span.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The spans that lie wholly inside `outer` (an equal span counts).
    pub fn within(&self, outer: Span) -> Vec<usize> {
        let from = self.starts.partition_point(|&s| s < outer.start);
        // An empty span at `outer.end` lies inside it too, as `Span::contains` has it.
        let to = self.starts.partition_point(|&s| s <= outer.end);
        let mut out: Vec<usize> =
            (from..to).filter(|&k| self.ends[k] <= outer.end).map(|k| self.order[k] as usize).collect();
        out.sort_unstable();
        out
    }

    /// The spans that contain `inner` (an equal span counts).
    pub fn containing(&self, inner: Span) -> Vec<usize> {
        let prefix = self.starts.partition_point(|&s| s <= inner.start);
        self.answer(self.ending_at_least(prefix, inner.end))
    }

    /// The spans that overlap `span` as [`Span::overlaps`] has it.
    pub fn overlapping(&self, span: Span) -> Vec<usize> {
        let prefix = self.starts.partition_point(|&s| s < span.end);
        self.answer(self.ending_at_least(prefix, span.start + 1))
    }

    /// List indices of positions `ks` in start order, ascending.
    fn answer(&self, ks: Vec<usize>) -> Vec<usize> {
        let mut out: Vec<usize> = ks.into_iter().map(|k| self.order[k] as usize).collect();
        out.sort_unstable();
        out
    }

    /// Of the first `prefix` spans in start order, the positions of those whose end is at
    /// least `min_end`.
    fn ending_at_least(&self, prefix: usize, min_end: u32) -> Vec<usize> {
        let mut out = Vec::new();
        if prefix > 0 {
            self.collect(1, 0, self.size, prefix, min_end, &mut out);
        }
        out
    }

    fn collect(&self, node: usize, lo: usize, hi: usize, prefix: usize, min_end: u32, out: &mut Vec<usize>) {
        if lo >= prefix || self.max_end[node] < min_end {
            return;
        }
        if hi - lo == 1 {
            out.push(lo);
            return;
        }
        let mid = (lo + hi) / 2;
        self.collect(2 * node, lo, mid, prefix, min_end, out);
        self.collect(2 * node + 1, mid, hi, prefix, min_end, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every answer equals a scan of the list, on spans of every relation to the query.
    #[test]
    fn index_answers_as_a_scan_would() {
        let mut spans = Vec::new();
        let mut x = 7u32;
        for _ in 0..300 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let start = (x >> 8) % 200;
            let len = (x >> 20) % 30;
            spans.push(Span { start, end: start + len });
        }
        let index = SpanIndex::new(spans.iter().copied());
        assert_eq!(index.len(), spans.len());
        for start in 0..210 {
            for len in [0, 1, 5, 40] {
                let q = Span { start, end: start + len };
                let scan = |f: &dyn Fn(Span) -> bool| -> Vec<usize> {
                    (0..spans.len()).filter(|&i| f(spans[i])).collect()
                };
                assert_eq!(index.containing(q), scan(&|s| s.contains(q)), "containing {q:?}");
                assert_eq!(index.overlapping(q), scan(&|s| s.overlaps(q)), "overlapping {q:?}");
                assert_eq!(index.within(q), scan(&|s| q.contains(s)), "within {q:?}");
            }
        }
        assert!(SpanIndex::new([]).containing(Span { start: 0, end: 0 }).is_empty());
    }
}
