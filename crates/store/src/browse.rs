//! Queries for browsing the store (the web view of `dyad serve`): one event by id, a
//! document's events, actors by name or code, and the volume and tone between countries.

use crate::query::{filter_sql, record_from_row, RECORD_COLUMNS};
use crate::{EventFilter, Result, Store};
use dyad_core::EventRecord;
use rusqlite::{params, OptionalExtension};

/// An actor code seen in stored events, with how often it appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorSeen {
    /// The full actor code ("RUSGOV").
    pub code: String,
    /// Its country part ("RUS").
    pub country: String,
    /// Events with this code on either side.
    pub events: u64,
}

/// Events from one country to another: how many, and their mean Goldstein score.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The source country ("RUS").
    pub source: String,
    /// The target country ("PRK").
    pub target: String,
    /// How many events.
    pub events: u64,
    /// Their mean Goldstein score.
    pub goldstein_mean: f64,
}

/// A stored document in brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSummary {
    /// The document's id.
    pub id: String,
    /// Its title, where known.
    pub title: Option<String>,
    /// Its date, where known.
    pub date: Option<String>,
    /// The id the input gave it (a JSONL line's `id`), where it had one.
    pub external_id: Option<String>,
    /// Its URL, where known.
    pub url: Option<String>,
}

impl Store {
    /// The stored event with this id.
    pub fn event(&self, event_id: &str) -> Result<Option<EventRecord>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {RECORD_COLUMNS} FROM events WHERE event_id = ?1"), [event_id], |r| {
                record_from_row(r)
            })
            .optional()?)
    }

    /// The stored events of a document (its full id), in text order.
    pub fn document_events(&self, doc_id: &str) -> Result<Vec<EventRecord>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {RECORD_COLUMNS} FROM events WHERE doc_id = ?1 ORDER BY sentence_index, event_id"
        ))?;
        let rows = st.query_map([doc_id], record_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The stored document with exactly this id, in brief.
    pub fn document_summary(&self, doc_id: &str) -> Result<Option<DocumentSummary>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, title, date, external_id, url FROM documents WHERE id = ?1",
                [doc_id],
                |r| {
                    Ok(DocumentSummary {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        date: r.get(2)?,
                        external_id: r.get(3)?,
                        url: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Actor codes of stored events that start with `code_prefix` or whose country is one of
    /// `countries`; most frequent first, at most `limit`.
    pub fn actors(&self, code_prefix: &str, countries: &[String], limit: usize) -> Result<Vec<ActorSeen>> {
        let marks = vec!["?"; countries.len()].join(",");
        let country_clause =
            if countries.is_empty() { String::new() } else { format!(" OR country IN ({marks})") };
        let sql = format!(
            // Each side counted in the order of its covering index (no sort), then the two added.
            "WITH sides AS (
                 SELECT source_code AS code, source_country AS country, count(*) AS n FROM events
                 GROUP BY source_code, source_country
                 UNION ALL
                 SELECT target_code, target_country, count(*) FROM events WHERE target_code IS NOT NULL
                 GROUP BY target_code, target_country)
             SELECT code, country, sum(n) AS n FROM sides
             WHERE code LIKE ? || '%'{country_clause}
             GROUP BY code, country ORDER BY n DESC, code LIMIT {limit}"
        );
        let mut args: Vec<String> = vec![code_prefix.to_string()];
        args.extend(countries.iter().cloned());
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(ActorSeen { code: r.get(0)?, country: r.get(1)?, events: r.get::<_, i64>(2)? as u64 })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Events between countries (the country parts of the codes, both given, not the same)
    /// that pass `filter`, grouped by direction; the busiest `limit` pairs.
    pub fn network(&self, filter: &EventFilter, limit: usize) -> Result<Vec<Edge>> {
        let (clause, args) = filter_sql(filter);
        let sql = format!(
            "SELECT source_country, target_country, count(*) AS n, avg(goldstein) FROM events{clause}
               AND target_country IS NOT NULL AND source_country != '' AND target_country != ''
               AND source_country != target_country
             GROUP BY source_country, target_country ORDER BY n DESC, source_country, target_country
             LIMIT {limit}"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(Edge {
                source: r.get(0)?,
                target: r.get(1)?,
                events: r.get::<_, i64>(2)? as u64,
                goldstein_mean: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The pair of countries with the most events between them (either direction), if any.
    pub fn busiest_pair(&self) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                // Each direction counted in the order of the country index, then the two added.
                "SELECT min(s, t) AS a, max(s, t) AS b FROM (
                     SELECT source_country AS s, target_country AS t, count(*) AS n FROM events
                     WHERE target_country IS NOT NULL AND source_country != '' AND target_country != ''
                       AND source_country != target_country
                     GROUP BY source_country, target_country)
                 GROUP BY a, b ORDER BY sum(n) DESC, a, b LIMIT 1",
                params![],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::{EventFilter, Store};

    #[test]
    fn a_read_only_store_reads_pages_and_refuses_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap();
        store.add_failure("a.txt", "unreadable").unwrap();
        drop(store);
        let ro = Store::open_read_only(&path).unwrap();
        assert_eq!(ro.failures().unwrap().len(), 1);
        assert!(ro.conn.execute("DELETE FROM failures", []).is_err(), "mode=ro refuses writes");
        assert_eq!(ro.count_events(&EventFilter::default()).unwrap(), 0);
        assert!(ro
            .events_from(&EventFilter { limit: Some(5), ..EventFilter::default() }, 10)
            .unwrap()
            .is_empty());
        assert_eq!(ro.busiest_pair().unwrap(), None);
        assert!(Store::open_read_only(&dir.path().join("missing.db")).is_err());
    }
}
