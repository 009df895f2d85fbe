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
    date_source, mentions, happening, action_geo, input_id, truncated, source_name, target_name";

/// An event row as a record of its own document, with its happening's id.
fn record_of(r: &Row) -> rusqlite::Result<(String, EventRecord)> {
    let target_code: Option<String> = r.get(7)?;
    let target = match target_code {
        Some(code) => {
            let text: String = r.get(9)?;
            let name: Option<String> = r.get(30)?;
            Some(ActorRef { code, country: r.get(8)?, name: name.unwrap_or_else(|| text.clone()), text })
        }
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
    let source_text: String = r.get(6)?;
    let source_name: String = r.get::<_, Option<String>>(29)?.unwrap_or_else(|| source_text.clone());
    let record = EventRecord {
        doc_id,
        input_id: r.get(27)?,
        date: r.get(2)?,
        date_precision: r.get(3)?,
        date_source: r.get(23)?,
        source: ActorRef { code: r.get(4)?, country: r.get(5)?, text: source_text, name: source_name },
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
        // NULL for events stored before the column: none was marked then.
        truncated: r.get::<_, Option<bool>>(28)?.unwrap_or(false),
    };
    Ok((happening.unwrap_or(event_id), record))
}

/// The event record of one row selected with [`RECORD_COLUMNS`], as its own document coded it.
pub(crate) fn record_from_row(r: &Row) -> rusqlite::Result<EventRecord> {
    record_of(r).map(|(_, rec)| rec)
}

/// The `WHERE` clause (starting with "WHERE 1=1") of `filter` and the values it binds, in order.
pub(crate) fn filter_sql(filter: &EventFilter) -> (String, Vec<Value>) {
    filter_sql_by(filter, Access::Planner)
}

/// How a query finds the events of a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// As SQLite's planner chooses.
    Planner,
    /// Through the actor indexes, on the codes of the actor filter (its few events).
    Actor,
    /// Through the actor indexes, on the codes of the dyad filter (its few events).
    Dyad,
    /// By scanning a covering index (many events pass).
    Scan,
}

/// As [`filter_sql`], the codes of the filter that does not drive `access` (actor or dyad)
/// written so that no index serves them (`+column`): the planner then cannot pick the many
/// events of one side over the few of the other.
pub(crate) fn filter_sql_by(filter: &EventFilter, access: Access) -> (String, Vec<Value>) {
    let (src_a, tgt_a) = if access == Access::Dyad {
        ("+source_code", "+target_code")
    } else {
        ("source_code", "target_code")
    };
    let (src_d, tgt_d) = if access == Access::Actor {
        ("+source_code", "+target_code")
    } else {
        ("source_code", "target_code")
    };
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
            &format!(" AND (({src_a} >= ? AND {src_a} <= ?) OR ({tgt_a} >= ? AND {tgt_a} <= ?))"),
            &[&a0, &a1, &a0, &a1],
        );
    }
    if let Some((a, b)) = &filter.dyad {
        let ([a0, a1], [b0, b1]) = (range(a), range(b));
        bind(
            &mut sql,
            &format!(
                " AND (({src_d} >= ? AND {src_d} <= ? AND {tgt_d} >= ? AND {tgt_d} <= ?)
                OR ({src_d} >= ? AND {src_d} <= ? AND {tgt_d} >= ? AND {tgt_d} <= ?))"
            ),
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

/// At most this many events on the side of an actor or dyad filter, and the filter's events are
/// found through the actor indexes and sorted; with more, it pays to read the list's covering
/// index in order and stop after the page.
const FEW_EVENTS: i64 = 2000;

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
        let rows = self.event_rows(filter, offset, RECORD_COLUMNS, record_of)?;
        if filter.per_document {
            return Ok(rows.into_iter().map(|(_, r)| r).collect());
        }
        self.happenings(rows, None)
    }

    /// The rows of [`Store::events_from`] (one per happening unless `filter.per_document`), in
    /// the list's order, each read by `read` from the columns `columns`.
    pub(crate) fn event_rows<T>(
        &self,
        filter: &EventFilter,
        offset: usize,
        columns: &str,
        read: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        self.event_rows_by(filter, offset, columns, read, self.access(filter)?)
    }

    /// As [`Store::event_rows`], the events found as `access` says.
    fn event_rows_by<T>(
        &self,
        filter: &EventFilter,
        offset: usize,
        columns: &str,
        read: impl FnMut(&Row) -> rusqlite::Result<T>,
        access: Access,
    ) -> Result<Vec<T>> {
        let (clause, mut args) = filter_sql_by(filter, access);
        // A filter that many events pass is read in the list's order from the covering index
        // `events_in_order`, which stops after the page; a few events of an actor are found
        // through the actor indexes and sorted.
        let hint = if access == Access::Scan { " INDEXED BY events_in_order" } else { "" };
        let mut sql = format!("SELECT {columns} FROM events AS o{hint}{clause}");
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
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args), read)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// How many records [`Store::events`] gives for `filter` (its `limit` aside).
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        self.count_by(filter, self.access(filter)?)
    }

    /// As [`Store::count_events`], the events found as `access` says.
    fn count_by(&self, filter: &EventFilter, access: Access) -> Result<u64> {
        let (clause, args) = filter_sql_by(filter, access);
        let what = if filter.per_document { "count(*)" } else { "count(DISTINCT happening)" };
        // Every index read here covers the filter's columns and the happening, so no event row
        // is read: a window of dates (both bounds) is a range of `events_in_order`; else, unless
        // an actor has few events, the whole of `events_by_happening`, whose order makes the
        // count distinct without sorting (cheaper than sorting the happenings of an open range:
        // on 20,000 documents, 3 against 10 ms for the events since a month).
        let hint = if access != Access::Scan {
            ""
        } else if filter.since.is_some() && filter.until.is_some() {
            " INDEXED BY events_in_order"
        } else {
            " INDEXED BY events_by_happening"
        };
        let n: i64 = self
            .conn
            .prepare_cached(&format!("SELECT {what} FROM events{hint}{clause}"))?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// How to find the events of `filter`: through the actor indexes when it names an actor or
    /// a dyad with few events (at most [`FEW_EVENTS`] on the side it names, counted in those
    /// indexes alone), driven by the filter with fewer; else by scanning a covering index.
    pub(crate) fn access(&self, filter: &EventFilter) -> Result<Access> {
        let mut count = self.conn.prepare_cached(
            "SELECT (SELECT count(*) FROM events WHERE source_code >= ?1 AND source_code <= ?2)
                  + (SELECT count(*) FROM events WHERE target_code >= ?1 AND target_code <= ?2)",
        )?;
        let mut side = |code: &str| -> Result<i64> {
            let p = code.to_uppercase();
            let upper = format!("{p}\u{10ffff}");
            Ok(count.query_row([&p, &upper], |r| r.get(0))?)
        };
        let actor = match &filter.actor {
            Some(a) => side(a)?,
            None => i64::MAX,
        };
        let dyad = match &filter.dyad {
            Some((a, b)) => side(a)?.min(side(b)?),
            None => i64::MAX,
        };
        Ok(if actor.min(dyad) > FEW_EVENTS {
            Access::Scan
        } else if actor <= dyad {
            Access::Actor
        } else {
            Access::Dyad
        })
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
        // Most happenings are one event: those of more are found for the whole page in one
        // query on the covering index, which reads no rows (one query per record cost a page
        // of 1000 records as many statement runs).
        let ids = serde_json::Value::from(order.clone()).to_string();
        let shared: std::collections::HashSet<String> = self
            .conn
            .prepare_cached(
                "SELECT happening FROM events WHERE happening IN (SELECT value FROM json_each(?1))
                 GROUP BY happening HAVING count(*) > 1",
            )?
            .query_map([&ids], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut doc_st = self.conn.prepare_cached("SELECT channels, sketch FROM documents WHERE id = ?1")?;
        let mut docs: HashMap<String, (Vec<String>, Vec<u32>)> = HashMap::new();
        let mut out = Vec::new();
        for h in order {
            let Some(mut rec) = chosen.remove(&h) else { continue };
            if !shared.contains(&h) {
                out.push(rec);
                continue;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::{Actor, Document, Event, Participant, Precision, Sentence, Span, Status};

    /// A store of 60 one-event documents over a few actors, dates, codes and statuses, some of
    /// them reporting one happening (same actors, code family and date in other documents).
    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let actors = ["RUSGOV", "CHN", "GBRGOV", "GBR", "USA", "RUS"];
        let codes = ["040", "051", "112", "190"];
        let statuses = [Status::Asserted, Status::Hypothetical, Status::Negated];
        for i in 0..60usize {
            let text = format!("Report number {i} of a meeting between two governments.");
            let mut doc = Document::new(&text);
            doc.meta.origin = format!("doc{i}");
            doc.sentences.push(Sentence { span: Span::new(0, doc.text.len()), tokens: (0, 0) });
            let actor = |code: &str| Actor { code: code.into(), country: code[..3].into(), name: None };
            let (src, tgt) = (actors[i % 6], actors[(i / 6 + 1 + i) % 6]);
            doc.events.push(Event {
                sentence: 0,
                source: Participant { actor: actor(src), span: Span::new(0, 6), mention: None },
                target: Some(Participant { actor: actor(tgt), span: Span::new(7, 13), mention: None }),
                cameo: codes[i % 4].into(),
                date: Some(format!("2024-0{}-1{}", 1 + i % 3, i % 2)),
                date_precision: Precision::Day,
                date_source: None,
                status: statuses[i % 3],
                attributed_to: None,
                rule: "test".into(),
                trigger: Span::new(14, 20),
            });
            let records: Vec<EventRecord> =
                doc.events.iter().filter_map(|e| EventRecord::from_event(&doc, e)).collect();
            store.add_document(&doc, &records).unwrap();
        }
        store
    }

    #[test]
    fn every_access_path_gives_the_same_events_and_counts() {
        let store = store();
        let linked: i64 = store
            .conn
            .query_row("SELECT count(*) FROM events WHERE happening != event_id", [], |r| r.get(0))
            .unwrap();
        assert!(linked > 0, "the fixture links some events into one happening");
        let f = |actor: Option<&str>, dyad: Option<(&str, &str)>, since: Option<&str>, status: &[&str]| {
            EventFilter {
                actor: actor.map(String::from),
                dyad: dyad.map(|(a, b)| (a.to_string(), b.to_string())),
                since: since.map(String::from),
                statuses: status.iter().map(|s| s.to_string()).collect(),
                ..EventFilter::default()
            }
        };
        let filters = [
            f(None, None, None, &[]),
            f(Some("RUS"), None, None, &[]),
            f(Some("GBRGOV"), None, Some("2024-02"), &[]),
            f(None, Some(("RUS", "CHN")), None, &[]),
            f(Some("GBR"), Some(("GBR", "USA")), None, &["asserted", "negated"]),
            f(Some("USA"), Some(("RUS", "GBR")), None, &[]),
            f(None, None, Some("2024-02-11"), &["hypothetical"]),
        ];
        for filter in filters {
            for per_document in [false, true] {
                for (limit, offset) in [(None, 0), (Some(3), 2)] {
                    let filter = EventFilter { per_document, limit, ..filter.clone() };
                    let rows = |access| {
                        let rows = store.event_rows_by(
                            &filter,
                            offset,
                            "event_id",
                            |r| r.get::<_, String>(0),
                            access,
                        );
                        (rows.unwrap(), store.count_by(&filter, access).unwrap())
                    };
                    let planner = rows(Access::Planner);
                    for access in [Access::Actor, Access::Dyad, Access::Scan] {
                        assert_eq!(rows(access), planner, "{access:?} {filter:?} offset {offset}");
                    }
                }
            }
        }
        // Few events: through the actor indexes, by the filter with fewer.
        assert_eq!(store.access(&f(Some("RUS"), None, None, &[])).unwrap(), Access::Actor);
        assert_eq!(store.access(&f(None, None, None, &[])).unwrap(), Access::Scan);
    }
}
