//! Event queries for `dyad events`.

use crate::happening::{blob_sketch, count_sources};
use crate::{Result, Store};
use dyad_core::{ActorRef, EventMention, EventRecord};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};
use std::collections::HashMap;

/// The columns [`record_of`] reads, in its order.
pub(crate) const RECORD_COLUMNS: &str =
    "doc_id, event_id, date, date_precision, source_code, source_country, source_text,
    target_code, target_country, target_text, cameo, root, plover, quad_class, goldstein,
    status, attributed_to, section, sentence_index, char_start, char_end, evidence, rule,
    date_source, mentions, happening, action_geo, input_id";

/// An event row as a record of its own document, with its happening's id.
fn record_of(r: &Row) -> rusqlite::Result<(String, EventRecord)> {
    let target_code: Option<String> = r.get(7)?;
    let target = match target_code {
        Some(code) => Some(ActorRef { code, country: r.get(8)?, text: r.get(9)? }),
        None => None,
    };
    let doc_id: String = r.get(0)?;
    let event_id: String = r.get(1)?;
    let section: String = r.get(17)?;
    let sentence_index: u32 = r.get(18)?;
    let char_span = [r.get::<_, i64>(19)? as usize, r.get::<_, i64>(20)? as usize];
    let evidence: String = r.get(21)?;
    let mentions: Option<String> = r.get(24)?;
    // Events stored before mentions were linked are their own single mention.
    let mut mentions: Vec<EventMention> = match mentions.and_then(|m| serde_json::from_str(&m).ok()) {
        Some(m) => m,
        None => vec![EventMention {
            doc_id: doc_id.clone(),
            section: section.clone(),
            sentence_index,
            char_span,
            evidence: evidence.clone(),
        }],
    };
    // Mentions stored before they named their document.
    for m in mentions.iter_mut().filter(|m| m.doc_id.is_empty()) {
        m.doc_id = doc_id.clone();
    }
    let happening: Option<String> = r.get(25)?;
    let action_geo: Option<String> = r.get(26)?;
    let record = EventRecord {
        doc_id,
        input_id: r.get(27)?,
        date: r.get(2)?,
        date_precision: r.get(3)?,
        date_source: r.get(23)?,
        source: ActorRef { code: r.get(4)?, country: r.get(5)?, text: r.get(6)? },
        target,
        action_geo: action_geo.and_then(|g| serde_json::from_str(&g).ok()),
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
        num_mentions: mentions.len() as u32,
        num_sources: 1,
        num_articles: 1,
        mentions,
        rule: r.get(22)?,
        event_id: event_id.clone(),
    };
    Ok((happening.unwrap_or(event_id), record))
}

/// The event record of one row selected with [`RECORD_COLUMNS`], as its own document coded it.
pub(crate) fn record_from_row(r: &Row) -> rusqlite::Result<EventRecord> {
    record_of(r).map(|(_, rec)| rec)
}

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
    /// One record per stored event, that is per document that reports a happening, instead of
    /// one per happening (the default, which queries and relation measures count).
    pub per_document: bool,
}

impl Store {
    /// The stored events that pass `filter`, as the output contract's records: one per
    /// happening, or one per stored event with `filter.per_document`.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>> {
        self.events_from(filter, 0)
    }

    /// As [`Store::events`], skipping the first `offset` records of the order (date, document,
    /// sentence); with `filter.limit`, one page of the list.
    pub fn events_from(&self, filter: &EventFilter, offset: usize) -> Result<Vec<EventRecord>> {
        let (clause, mut args) = filter_sql(filter);
        let mut sql = format!("SELECT {RECORD_COLUMNS} FROM events AS o{clause}");
        if !filter.per_document {
            // One row per happening, chosen in SQL so that a page reads only its own rows: the
            // first stored event of the happening that passes the filter (the happening's id
            // is its first event's, so that one when it passes). The subquery is correlated,
            // so a page probes the happening index for its own rows only; its bare column
            // names are the inner table's, the outer clause's the outer's.
            let inner = clause.replacen(" WHERE 1=1", "", 1);
            sql.push_str(&format!(
                " AND o.rowid = (SELECT min(rowid) FROM events WHERE happening = o.happening{inner})"
            ));
            args.extend(args.clone());
        }
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
        let rows: Vec<(String, EventRecord)> =
            st.query_map(rusqlite::params_from_iter(args), record_of)?.collect::<rusqlite::Result<_>>()?;
        if filter.per_document {
            return Ok(rows.into_iter().map(|(_, r)| r).collect());
        }
        self.happenings(rows, None)
    }

    /// How many records [`Store::events`] gives for `filter` (its `limit` aside).
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        let (clause, args) = filter_sql(filter);
        let what = if filter.per_document { "count(*)" } else { "count(DISTINCT happening)" };
        let n: i64 = self.conn.query_row(
            &format!("SELECT {what} FROM events{clause}"),
            rusqlite::params_from_iter(args),
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// One record per happening among `rows` (in their order): the happening's first stored
    /// event that passed the filter (else the first that did), with the mentions of every
    /// document that reports it and the counts of mentions, articles and independent sources.
    fn happenings(&self, rows: Vec<(String, EventRecord)>, limit: Option<usize>) -> Result<Vec<EventRecord>> {
        let mut order: Vec<String> = Vec::new();
        let mut chosen: HashMap<String, EventRecord> = HashMap::new();
        for (h, r) in rows {
            match chosen.get(&h) {
                None => {
                    order.push(h.clone());
                    chosen.insert(h, r);
                }
                Some(old) if old.event_id != h && r.event_id == h => {
                    chosen.insert(h, r);
                }
                Some(_) => {}
            }
        }
        let mut members = self.conn.prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM events WHERE happening = ?1 ORDER BY rowid"
        ))?;
        let mut doc_st = self.conn.prepare_cached("SELECT channels, sketch FROM documents WHERE id = ?1")?;
        let mut docs: HashMap<String, (Vec<String>, Vec<u32>)> = HashMap::new();
        let mut out = Vec::new();
        for h in order {
            let Some(mut rec) = chosen.remove(&h) else { continue };
            let all: Vec<(String, EventRecord)> =
                members.query_map([&h], record_of)?.collect::<rusqlite::Result<_>>()?;
            if all.len() > 1 {
                let mut mentions = Vec::new();
                let mut doc_ids: Vec<String> = Vec::new();
                // The record's own document first, then the others in the order they were stored.
                let own = all.iter().filter(|(_, m)| m.doc_id == rec.doc_id);
                for (_, m) in own.chain(all.iter().filter(|(_, m)| m.doc_id != rec.doc_id)) {
                    if !doc_ids.contains(&m.doc_id) {
                        doc_ids.push(m.doc_id.clone());
                    }
                    for mention in &m.mentions {
                        if !mentions.contains(mention) {
                            mentions.push(mention.clone());
                        }
                    }
                }
                let mut sources = Vec::new();
                for d in &doc_ids {
                    if !docs.contains_key(d) {
                        let found: Option<(Option<String>, Option<Vec<u8>>)> =
                            doc_st.query_row([d], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
                        let (channels, sketch) = found.unwrap_or((None, None));
                        let channels =
                            channels.and_then(|c| serde_json::from_str(&c).ok()).unwrap_or_default();
                        docs.insert(
                            d.clone(),
                            (channels, sketch.map(|b| blob_sketch(&b)).unwrap_or_default()),
                        );
                    }
                    sources.push(docs[d].clone());
                }
                rec.num_mentions = mentions.len() as u32;
                rec.num_articles = doc_ids.len() as u32;
                rec.num_sources = count_sources(&sources);
                rec.mentions = mentions;
            }
            out.push(rec);
        }
        out.sort_by(|a, b| {
            (&a.date, &a.doc_id, a.sentence_index).cmp(&(&b.date, &b.doc_id, b.sentence_index))
        });
        if let Some(n) = limit {
            out.truncate(n);
        }
        Ok(out)
    }
}
