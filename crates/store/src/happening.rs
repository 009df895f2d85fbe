//! One event per happening across documents. When a document is stored, each of its events
//! joins the happening of an event already stored from another document with the same actors
//! (source, target), CAMEO codes of one family, dates within a day of each other (at the same
//! precision) and the same polarity (both negated or neither); else it starts its own. A
//! candidate is found through the index on (source, target, root, date), so linking a day's
//! events costs O(n log n).
//!
//! How many independent sources report a happening: documents are one source when they name a
//! common wire, agency or outlet in their provenance (a Yonhap story and the sites that republish it
//! "…, Yonhap reported"), or when their texts are near-duplicates (a MinHash sketch over word
//! shingles: a copy republished without credit, with small edits).

use chrono::{Duration, NaiveDate};
use dyad_core::cameo::related_codes;
use dyad_core::{Document, EventRecord};
use rusqlite::{params, Transaction};

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Hash functions in a sketch.
pub const SKETCH: usize = 64;
/// The share of equal sketch entries (an estimate of the shingle sets' Jaccard similarity) at
/// and above which two texts are one story.
pub const NEAR_DUPLICATE: f64 = 0.5;

/// A 64-bit mix (SplitMix64's finaliser).
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn fnv(bytes: impl Iterator<Item = u8>, mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The MinHash sketch of `text`: for each of [`SKETCH`] hash functions, the least hash of its
/// shingles of [`SHINGLE`] lowercased words (letters and digits). Empty for a text of fewer
/// words than a shingle.
pub fn sketch(text: &str) -> Vec<u32> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fnv(w.to_lowercase().bytes(), 0xcbf2_9ce4_8422_2325))
        .collect();
    if words.len() < SHINGLE {
        return Vec::new();
    }
    let mut mins = vec![u64::MAX; SKETCH];
    for w in words.windows(SHINGLE) {
        let shingle = w.iter().fold(0u64, |h, &x| mix(h ^ x));
        for (i, m) in mins.iter_mut().enumerate() {
            let h = mix(shingle ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            *m = (*m).min(h);
        }
    }
    mins.into_iter().map(|m| m as u32).collect()
}

/// The estimated Jaccard similarity of the texts of two sketches (0 when either is empty).
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// The channels a document came through, lowercased: its provenance's wire, agency and outlet
/// links, its credits and its outlet. GDELT counts sources by site too: two articles of one
/// outlet are one source.
pub fn channels(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = doc
        .provenance
        .iter()
        .filter(|l| matches!(l.role.as_str(), "wire" | "agency" | "outlet"))
        .map(|l| l.name.to_lowercase())
        .chain(doc.meta.credits.iter().map(|c| c.to_lowercase()))
        .chain(doc.meta.outlet.iter().map(|o| o.to_lowercase()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Sketch as stored: little-endian u32s.
pub(crate) fn sketch_blob(s: &[u32]) -> Vec<u8> {
    s.iter().flat_map(|x| x.to_le_bytes()).collect()
}

pub(crate) fn blob_sketch(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

/// The dates a date may share a happening with, as a range of ISO strings to search, and the
/// test of a candidate: a day within one day (at day precision), else the same month or year.
fn window(date: &str) -> (String, String) {
    match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(d) => ((d - Duration::days(1)).to_string(), (d + Duration::days(1)).to_string()),
        Err(_) => (date.to_string(), date.to_string()),
    }
}

fn dates_match(a: &str, b: &str) -> bool {
    match (NaiveDate::parse_from_str(a, "%Y-%m-%d"), NaiveDate::parse_from_str(b, "%Y-%m-%d")) {
        (Ok(x), Ok(y)) => (x - y).num_days().abs() <= 1,
        _ => a == b,
    }
}

/// The happening `r` (of a document being stored) joins: the earliest stored event of another
/// document that reports the same happening, else `r` itself.
pub(crate) fn happening_of(tx: &Transaction, r: &EventRecord) -> rusqlite::Result<String> {
    let Some(date) = r.date.as_deref() else { return Ok(r.event_id.clone()) };
    let (from, to) = window(date);
    let mut st = tx.prepare_cached(
        "SELECT happening, cameo, status, date FROM events
         WHERE source_code = ?1 AND target_code IS ?2 AND root = ?3 AND date BETWEEN ?4 AND ?5
           AND doc_id != ?6
         ORDER BY rowid",
    )?;
    let target = r.target.as_ref().map(|t| t.code.as_str());
    let mut rows = st.query(params![r.source.code, target, r.root, from, to, r.doc_id])?;
    while let Some(row) = rows.next()? {
        let (happening, cameo, status, other): (Option<String>, String, String, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        if related_codes(&cameo, &r.cameo)
            && (status == "negated") == (r.status == "negated")
            && dates_match(&other, date)
        {
            if let Some(h) = happening {
                return Ok(h);
            }
        }
    }
    Ok(r.event_id.clone())
}

/// Independent sources among documents, each given by its channels and sketch: documents
/// sharing a channel or with near-duplicate texts are one source (and so, transitively, are
/// the documents linked through them).
pub fn count_sources(docs: &[(Vec<String>, Vec<u32>)]) -> u32 {
    let n = docs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&docs[i], &docs[j]);
            let shared = a.0.iter().any(|c| b.0.contains(c));
            if shared || similarity(&a.1, &b.1) >= NEAR_DUPLICATE {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    (0..n).filter(|&i| find(&mut parent, i) == i).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "North Korean Foreign Minister Choe Son-hui met Russian Foreign Minister \
        Sergei Lavrov in Moscow on Friday for strategic talks, the ministry said. The two discussed \
        the situation on the Korean Peninsula and agreed to deepen cooperation under the treaty \
        signed in June, according to a statement released after the meeting.";

    #[test]
    fn a_lightly_edited_copy_is_a_near_duplicate_and_another_story_is_not() {
        let copy = STORY.replace("on Friday", "on Nov. 1").replace("the ministry said", "officials said");
        let other = "South Korea and Japan held talks in Tokyo on trade and security, pledging to \
            meet again next year and to widen their exchanges of students and officials.";
        let (a, b, c) = (sketch(STORY), sketch(&copy), sketch(other));
        assert_eq!(a.len(), SKETCH);
        assert!(similarity(&a, &b) >= NEAR_DUPLICATE, "{}", similarity(&a, &b));
        assert!(similarity(&a, &c) < 0.2, "{}", similarity(&a, &c));
        assert_eq!(similarity(&a, &a), 1.0);
        assert_eq!(blob_sketch(&sketch_blob(&a)), a);
    }

    #[test]
    fn sources_join_through_a_channel_or_a_copy() {
        let ch = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let s = sketch(STORY);
        let other =
            sketch("An entirely different report about a meeting, written in other words by another outlet.");
        // The agency original and two sites crediting it: one source.
        assert_eq!(
            count_sources(&[
                (ch(&["yonhap"]), s.clone()),
                (ch(&["yonhap"]), other.clone()),
                (ch(&[]), s.clone())
            ]),
            1
        );
        // Two independent reports.
        assert_eq!(count_sources(&[(ch(&["reuters"]), s.clone()), (ch(&[]), other.clone())]), 2);
        assert_eq!(count_sources(&[]), 0);
    }

    #[test]
    fn day_dates_match_within_a_day_and_coarser_ones_exactly() {
        assert!(dates_match("2024-11-01", "2024-11-02"));
        assert!(!dates_match("2024-11-01", "2024-11-03"));
        assert!(!dates_match("2024-11", "2024-11-01"));
        assert!(dates_match("2024-11", "2024-11"));
        assert_eq!(window("2024-03-01"), ("2024-02-29".to_string(), "2024-03-02".to_string()));
    }
}
