//! The relation between two actors over time: per period, event counts by QuadClass and the
//! mean Goldstein score, for `dyad relation A B`.

use crate::{EventFilter, Result, Store};
use chrono::{Datelike, NaiveDate};

/// The length of one step of a relation series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar days ("2024-06-18").
    Day,
    /// ISO weeks ("2024-W25").
    Week,
    /// Calendar months ("2024-06").
    Month,
}

impl Period {
    /// The period an ISO date ("2024-06-18" or "2024-06") falls in, or `None` when the date is
    /// coarser than the period (a month-precision date has no day or week).
    pub fn key(self, date: &str) -> Option<String> {
        match self {
            Period::Month => (date.len() >= 7).then(|| date[..7].to_string()),
            Period::Day | Period::Week => {
                let d = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
                Some(match self {
                    Period::Day => d.to_string(),
                    _ => format!("{}-W{:02}", d.iso_week().year(), d.iso_week().week()),
                })
            }
        }
    }
}

/// One period of a dyad's relation.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationRow {
    /// The period's key, as [`Period::key`] writes it.
    pub period: String,
    /// Events by QuadClass: verbal coop, material coop, verbal conflict, material conflict.
    pub quad: [u32; 4],
    /// Of those, how many went from A to B (the rest went from B to A).
    pub a_to_b: u32,
    /// Mean Goldstein score of the period's events.
    pub mean_goldstein: f64,
}

impl RelationRow {
    /// Events in the period, in either direction.
    pub fn total(&self) -> u32 {
        self.quad.iter().sum()
    }
}

/// The relation series, and how many matching events had no date fine enough for the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// One row per period with events, in time order.
    pub rows: Vec<RelationRow>,
    /// Matching events whose date is coarser than the period.
    pub undated: u32,
}

impl Store {
    /// Events between `a` and `b` (either direction; codes match by prefix) whose status is in
    /// `statuses` (all when empty), grouped by `period`.
    pub fn relation(&self, a: &str, b: &str, period: Period, statuses: &[String]) -> Result<Relation> {
        let filter = EventFilter {
            dyad: Some((a.to_string(), b.to_string())),
            statuses: statuses.to_vec(),
            ..EventFilter::default()
        };
        let mut rows: std::collections::BTreeMap<String, (RelationRow, f64)> = Default::default();
        let mut undated = 0;
        // Only the columns the series needs, of one event per happening (as `events` chooses
        // it), in the list's order, so that the sums add up in the same order.
        let events: Vec<(Option<String>, u8, f32, String)> =
            self.event_rows(&filter, 0, "date, quad_class, goldstein, source_code", |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        for (date, quad_class, goldstein, source) in events {
            let Some(key) = date.as_deref().and_then(|d| period.key(d)) else {
                undated += 1;
                continue;
            };
            let (row, sum) = rows.entry(key.clone()).or_insert_with(|| {
                (RelationRow { period: key, quad: [0; 4], a_to_b: 0, mean_goldstein: 0.0 }, 0.0)
            });
            if (1..=4).contains(&quad_class) {
                row.quad[quad_class as usize - 1] += 1;
            }
            if source.starts_with(a) {
                row.a_to_b += 1;
            }
            *sum += goldstein as f64;
        }
        let rows = rows
            .into_values()
            .map(|(mut row, sum)| {
                row.mean_goldstein = if row.total() > 0 { sum / row.total() as f64 } else { 0.0 };
                row
            })
            .collect();
        Ok(Relation { rows, undated })
    }
}
