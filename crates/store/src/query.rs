//! Event queries for `dyad events`.

use crate::{Result, Store};
use dyad_core::{ActorRef, EventMention, EventRecord};
use rusqlite::types::Value;

/// Which events to return. Actor codes match by prefix, so "RUS" matches "RUSGOV".
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Either side is this actor.
    pub actor: Option<String>,
    /// Between these two actors, in either direction.
    pub dyad: Option<(String, String)>,
    /// ISO date bounds, inclusive; compared as strings, so "2024-06" works too.
    pub since: Option<String>,
    /// Upper bound on the event date, inclusive (see `since`).
    pub until: Option<String>,
    /// CAMEO root ("05") or code prefix.
    pub root: Option<String>,
    /// Only these statuses (e.g. asserted, reported); all when empty.
    pub statuses: Vec<String>,
    /// At most this many events.
    pub limit: Option<usize>,
}

/// The columns [`record_from_row`] reads, in its order.
pub(crate) const RECORD_COLUMNS: &str =
    "doc_id, event_id, date, date_precision, source_code, source_country, source_text,
     target_code, target_country, target_text, cameo, root, plover, quad_class, goldstein,
     status, attributed_to, section, sentence_index, char_start, char_end, evidence, rule,
     date_source, mentions, input_id";

/// The `WHERE` clause (starting with "WHERE 1=1") of `filter` and the values it binds, in order.
pub(crate) fn filter_sql(filter: &EventFilter) -> (String, Vec<Value>) {
    let mut sql = String::from(" WHERE 1=1");
    let mut args: Vec<Value> = Vec::new();
    let mut bind = |sql: &mut String, clause: &str, values: &[&str]| {
        sql.push_str(clause);
        args.extend(values.iter().map(|v| Value::Text(v.to_string())));
    };
    // A code prefix as a range (codes are upper case): the indexes on the codes serve it, and
    // `%` or `_` in it are no wildcards.
    let range = |p: &str| {
        let p = p.to_uppercase();
        let upper = format!("{p}\u{10ffff}");
        [p, upper]
    };
    if let Some(a) = &filter.actor {
        let [a0, a1] = range(a);
        bind(
            &mut sql,
            " AND ((source_code >= ? AND source_code <= ?) OR (target_code >= ? AND target_code <= ?))",
            &[&a0, &a1, &a0, &a1],
        );
    }
    if let Some((a, b)) = &filter.dyad {
        let ([a0, a1], [b0, b1]) = (range(a), range(b));
        bind(
            &mut sql,
            " AND ((source_code >= ? AND source_code <= ? AND target_code >= ? AND target_code <= ?)
                OR (source_code >= ? AND source_code <= ? AND target_code >= ? AND target_code <= ?))",
            &[&a0, &a1, &b0, &b1, &b0, &b1, &a0, &a1],
        );
    }
    if let Some(s) = &filter.since {
        bind(&mut sql, " AND date >= ?", &[s]);
    }
    if let Some(u) = &filter.until {
        // "2024-06" as an upper bound includes every day of June.
        let upper = format!("{u}\u{10ffff}");
        bind(&mut sql, " AND date <= ?", &[&upper]);
    }
    if let Some(r) = &filter.root {
        let [r0, r1] = range(r);
        bind(&mut sql, " AND cameo >= ? AND cameo <= ?", &[&r0, &r1]);
    }
    if !filter.statuses.is_empty() {
        let marks = vec!["?"; filter.statuses.len()].join(",");
        let values: Vec<&str> = filter.statuses.iter().map(String::as_str).collect();
        bind(&mut sql, &format!(" AND status IN ({marks})"), &values);
    }
    (sql, args)
}

/// The event record of one row selected with [`RECORD_COLUMNS`].
pub(crate) fn record_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRecord> {
    let target_code: Option<String> = r.get(7)?;
    let target = match target_code {
        Some(code) => Some(ActorRef { code, country: r.get(8)?, text: r.get(9)? }),
        None => None,
    };
    let section: String = r.get(17)?;
    let sentence_index: u32 = r.get(18)?;
    let char_span = [r.get::<_, i64>(19)? as usize, r.get::<_, i64>(20)? as usize];
    let evidence: String = r.get(21)?;
    let mentions: Option<String> = r.get(24)?;
    // Events stored before mentions were linked are their own single mention.
    let mentions = match mentions.and_then(|m| serde_json::from_str(&m).ok()) {
        Some(m) => m,
        None => vec![EventMention {
            section: section.clone(),
            sentence_index,
            char_span,
            evidence: evidence.clone(),
        }],
    };
    Ok(EventRecord {
        doc_id: r.get(0)?,
        input_id: r.get(25)?,
        event_id: r.get(1)?,
        date: r.get(2)?,
        date_precision: r.get(3)?,
        date_source: r.get(23)?,
        source: ActorRef { code: r.get(4)?, country: r.get(5)?, text: r.get(6)? },
        target,
        cameo: r.get(10)?,
        root: r.get(11)?,
        plover: r.get(12)?,
        quad_class: r.get(13)?,
        goldstein: r.get(14)?,
        status: r.get(15)?,
        attributed_to: r.get(16)?,
        section,
        sentence_index,
        char_span,
        evidence,
        mentions,
        rule: r.get(22)?,
    })
}

impl Store {
    /// The stored events that pass `filter`, as the output contract's records.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>> {
        self.events_from(filter, 0)
    }

    /// As [`Store::events`], skipping the first `offset` events of the order (date, document,
    /// sentence); with `filter.limit`, one page of the list.
    pub fn events_from(&self, filter: &EventFilter, offset: usize) -> Result<Vec<EventRecord>> {
        let (clause, args) = filter_sql(filter);
        let mut sql = format!("SELECT {RECORD_COLUMNS} FROM events{clause}");
        sql.push_str(" ORDER BY date, doc_id, sentence_index, event_id");
        match filter.limit {
            Some(n) => sql.push_str(&format!(" LIMIT {n}")),
            None if offset > 0 => sql.push_str(" LIMIT -1"),
            None => {}
        }
        if offset > 0 {
            sql.push_str(&format!(" OFFSET {offset}"));
        }
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args), record_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many stored events pass `filter` (its `limit` aside).
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        let (clause, args) = filter_sql(filter);
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM events{clause}"),
            rusqlite::params_from_iter(args),
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }
}
