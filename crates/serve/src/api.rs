//! The JSON API (`/api/…`), specified in `docs/openapi.yaml`. Event records are those of the
//! JSONL output contract (docs/output.md); the relation series is `dyad relation`'s.

use crate::error::ApiError;
use crate::labels;
use crate::params::{self, Params, EVENT_PARAMS};
use crate::record_json;
use crate::{State, MAX_LIMIT};
use axum::extract::{Path, RawQuery};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dyad_core::{Document, EventRecord};
use dyad_store::{EventFilter, Period, Store};
use serde_json::{json, Value};

type Answer = Result<Json<Value>, ApiError>;

/// `GET /api/events`: `{"total", "offset", "limit", "events"}`.
pub(crate) async fn events(
    axum::extract::State(state): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref(), EVENT_PARAMS)?;
    let (filter, offset) = params.event_filter(50)?;
    let limit = filter_limit(&params)?;
    let (total, events) = state.run(move |s| event_page(s, &filter, offset)).await?;
    // Written straight into the body, keys sorted as a `Value` orders them.
    let mut body = Vec::with_capacity(256 + events.len() * 1500);
    body.extend_from_slice(b"{\"events\":[");
    for (i, r) in events.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        record_json::record(&mut body, r);
    }
    body.extend_from_slice(format!("],\"limit\":{limit},\"offset\":{offset},\"total\":{total}}}").as_bytes());
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

fn filter_limit(p: &Params) -> Result<usize, ApiError> {
    p.number("limit", 50, 1, MAX_LIMIT)
}

/// A record as a JSON value written exactly as the JSONL output writes it (through its text,
/// so that a Goldstein score of 3.4 stays 3.4 rather than its f32 value widened to f64).
fn record_value(r: &EventRecord) -> Value {
    serde_json::to_string(r).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Value::Null)
}

/// One page of events and how many pass the filter in all.
pub(crate) fn event_page(
    s: &Store,
    filter: &EventFilter,
    offset: usize,
) -> Result<(u64, Vec<EventRecord>), ApiError> {
    Ok((s.count_events(filter)?, s.events_from(filter, offset)?))
}

/// `GET /api/events/{event_id}`: the record, its document's provenance and where its actors
/// and verb are in the evidence.
pub(crate) async fn event(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Answer {
    Params::parse(q.as_deref(), &[])?;
    let id = params::event_id(&id)?;
    let detail = state
        .run(move |s| {
            let r = s.event(&id)?.ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
            let doc = s.document(&r.doc_id)?;
            Ok(event_json(&r, doc.as_ref()))
        })
        .await?;
    Ok(Json(detail))
}

/// An event record with what the API and the pages add to it: `label`, `provenance`,
/// `document` (title, url, input id) and `highlights` (character spans in `evidence`).
pub(crate) fn event_json(r: &EventRecord, doc: Option<&Document>) -> Value {
    let mut v = record_value(r);
    let provenance: Vec<Value> = doc
        .map(|d| d.provenance.iter().map(|l| json!({"name": l.name, "role": l.role})).collect())
        .unwrap_or_default();
    let document = doc.map(|d| {
        json!({"doc_id": d.id, "title": d.meta.title, "url": d.meta.url, "input_id": d.meta.external_id,
               "date": d.meta.date.as_ref().map(|x| x.date.to_string())})
    });
    let highlights = doc.map(|d| highlights(d, r)).unwrap_or_default();
    if let Value::Object(m) = &mut v {
        m.insert("label".into(), json!(labels::event_label(r)));
        m.insert("provenance".into(), json!(provenance));
        m.insert("document".into(), document.unwrap_or(Value::Null));
        m.insert(
            "highlights".into(),
            json!(highlights
                .iter()
                .map(|(role, s, e)| json!({"role": role, "char_span": [s, e]}))
                .collect::<Vec<_>>()),
        );
    }
    v
}

/// Where the source, target and verb (trigger) of `r` are in its evidence sentence, as
/// (role, start, end) in characters of the evidence; from the coded event of the stored
/// document that has the record's id.
pub(crate) fn highlights(doc: &Document, r: &EventRecord) -> Vec<(&'static str, usize, usize)> {
    let Some(sentence) = doc.sentences.get(r.sentence_index as usize) else { return Vec::new() };
    let event = doc.events.iter().find(|e| {
        e.sentence == r.sentence_index
            && EventRecord::from_event(doc, e).is_some_and(|x| x.event_id == r.event_id)
    });
    let Some(event) = event else { return Vec::new() };
    let (s0, s1) = (sentence.span.start as usize, sentence.span.end as usize);
    let rel = |span: dyad_core::Span| -> Option<(usize, usize)> {
        let (a, b) = (span.start as usize, span.end as usize);
        if a < s0 || b > s1 || a >= b {
            return None;
        }
        let start = doc.text.get(s0..a)?.chars().count();
        Some((start, start + doc.text.get(a..b)?.chars().count()))
    };
    let mut out = Vec::new();
    if let Some((a, b)) = rel(event.source.span) {
        out.push(("source", a, b));
    }
    if let Some((a, b)) = event.target.as_ref().and_then(|t| rel(t.span)) {
        out.push(("target", a, b));
    }
    if let Some((a, b)) = rel(event.trigger) {
        out.push(("verb", a, b));
    }
    out.sort_by_key(|h| h.1);
    out
}

/// `GET /api/relation?a=&b=&per=&all_statuses=`: `dyad relation`'s series.
pub(crate) async fn relation(
    axum::extract::State(state): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Answer {
    let p = Params::parse(q.as_deref(), &["a", "b", "per", "all_statuses"])?;
    let a = p.actor("a")?.ok_or_else(|| ApiError::bad_param("a", "required: the first actor code"))?;
    let b = p.actor("b")?.ok_or_else(|| ApiError::bad_param("b", "required: the second actor code"))?;
    let per = p.period("per")?;
    let all = p.flag("all_statuses")?;
    let (a2, b2) = (a.clone(), b.clone());
    let rel = state.run(move |s| Ok(s.relation(&a2, &b2, per, &relation_statuses(all))?)).await?;
    let series: Vec<Value> = rel
        .rows
        .iter()
        .map(|r| {
            json!({"period": r.period, "events": r.total(),
                   "quad_class": {"1": r.quad[0], "2": r.quad[1], "3": r.quad[2], "4": r.quad[3]},
                   "goldstein_mean": (r.mean_goldstein * 100.0).round() / 100.0, "a_to_b": r.a_to_b})
        })
        .collect();
    Ok(Json(json!({"a": a, "b": b, "per": period_name(per), "all_statuses": all,
                   "series": series, "undated": rel.undated})))
}

/// The statuses a relation counts: asserted and reported, or all.
pub(crate) fn relation_statuses(all: bool) -> Vec<String> {
    if all {
        Vec::new()
    } else {
        vec!["asserted".to_string(), "reported".to_string()]
    }
}

pub(crate) fn period_name(p: Period) -> &'static str {
    match p {
        Period::Day => "day",
        Period::Week => "week",
        Period::Month => "month",
    }
}

/// `GET /api/documents/{doc_id}`: the document's text, sections, quotes, provenance and events.
pub(crate) async fn document(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Answer {
    Params::parse(q.as_deref(), &[])?;
    let id = params::doc_id(&id)?;
    let v = state
        .run(move |s| {
            let doc = s.document(&id)?.ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
            let events = s.document_events(&doc.id)?;
            Ok(document_json(&doc, &events))
        })
        .await?;
    Ok(Json(v))
}

fn document_json(doc: &Document, events: &[EventRecord]) -> Value {
    let chars = CharIndex::new(&doc.text);
    let span = |s: dyad_core::Span| json!([chars.at(s.start as usize), chars.at(s.end as usize)]);
    let sections: Vec<Value> = doc
        .sections
        .iter()
        .map(|s| json!({"kind": s.kind.as_str(), "char_span": span(s.span), "text": doc.span_text(s.span)}))
        .collect();
    let quotes: Vec<Value> = doc
        .quotes
        .iter()
        .map(|q| {
            json!({"kind": serde_json::to_value(q.kind).unwrap_or(Value::Null), "char_span": span(q.content),
                   "text": doc.span_text(q.content),
                   "speaker": q.speaker_span.map(|s| doc.span_text(s).to_string())})
        })
        .collect();
    let m = &doc.meta;
    json!({
        "doc_id": doc.id, "input_id": m.external_id, "title": m.title, "byline": m.byline, "url": m.url,
        "outlet": m.outlet, "date": m.date.as_ref().map(|d| d.date.to_string()), "language": m.language,
        "credits": m.credits,
        "provenance": doc.provenance.iter().map(|l| json!({"name": l.name, "role": l.role})).collect::<Vec<_>>(),
        "warnings": doc.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "text": doc.text, "sections": sections, "quotes": quotes,
        "events": events.iter().map(|e| event_json(e, Some(doc))).collect::<Vec<_>>(),
    })
}

/// Byte offsets to character offsets of one text, in one pass.
pub(crate) struct CharIndex {
    /// The byte offset of each character, then the text's length.
    starts: Vec<usize>,
}

impl CharIndex {
    pub(crate) fn new(text: &str) -> CharIndex {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharIndex { starts }
    }

    /// The character offset of byte offset `b` (the next character's where `b` is inside one).
    pub(crate) fn at(&self, b: usize) -> usize {
        self.starts.partition_point(|&s| s < b)
    }
}

/// `GET /api/actors?q=`: actor codes seen in events that start with `q`, or whose country's
/// name contains it; most frequent first.
pub(crate) async fn actors(
    axum::extract::State(state): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Answer {
    let p = Params::parse(q.as_deref(), &["q", "limit"])?;
    let words = p.one("q")?.unwrap_or("").to_string();
    if words.chars().count() > 100 {
        return Err(ApiError::bad_param("q", "at most 100 characters"));
    }
    let limit = p.number("limit", 20, 1, MAX_LIMIT)?;
    let code = if words.bytes().all(|b| b.is_ascii_alphanumeric()) {
        words.to_ascii_uppercase()
    } else {
        String::new()
    };
    // Words that are no code prefix match no code: search country names only.
    let code = if code.is_empty() && !words.is_empty() { "\u{1}".to_string() } else { code };
    let countries = if words.is_empty() { Vec::new() } else { labels::countries_named(&words) };
    let found = state.run(move |s| Ok(s.actors(&code, &countries, limit)?)).await?;
    let actors: Vec<Value> = found
        .iter()
        .map(|a| json!({"code": a.code, "country": a.country, "name": labels::actor_name(&a.code, &a.country), "events": a.events}))
        .collect();
    Ok(Json(json!({"q": words, "actors": actors})))
}

/// `GET /api/network?since=&until=&status=&limit=`: countries as nodes, events between them
/// as directed edges with their mean Goldstein score.
pub(crate) async fn network(
    axum::extract::State(state): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Answer {
    let p = Params::parse(q.as_deref(), &["since", "until", "status", "limit"])?;
    let (filter, limit) = network_filter(&p)?;
    let edges = state.run(move |s| Ok(s.network(&filter, limit)?)).await?;
    Ok(Json(network_json(&edges)))
}

pub(crate) fn network_filter(p: &Params) -> Result<(EventFilter, usize), ApiError> {
    let filter = EventFilter {
        since: p.date("since")?,
        until: p.date("until")?,
        statuses: p.statuses()?,
        ..EventFilter::default()
    };
    Ok((filter, p.number("limit", 60, 1, MAX_LIMIT)?))
}

pub(crate) fn network_json(edges: &[dyad_store::browse::Edge]) -> Value {
    let mut nodes: std::collections::BTreeMap<&str, u64> = Default::default();
    for e in edges {
        *nodes.entry(&e.source).or_default() += e.events;
        *nodes.entry(&e.target).or_default() += e.events;
    }
    json!({
        "nodes": nodes.iter().map(|(c, n)| json!({"code": c, "name": labels::actor_name(c, c), "events": n})).collect::<Vec<_>>(),
        "edges": edges.iter().map(|e| json!({"source": e.source, "target": e.target, "events": e.events,
                                             "goldstein_mean": (e.goldstein_mean * 100.0).round() / 100.0})).collect::<Vec<_>>(),
    })
}

/// `GET /api/failures`: inputs that could not be read, and why; oldest first.
pub(crate) async fn failures(
    axum::extract::State(state): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Answer {
    let p = Params::parse(q.as_deref(), &["limit", "offset"])?;
    let limit = p.number("limit", MAX_LIMIT, 1, MAX_LIMIT)?;
    let offset = p.number("offset", 0, 0, 100_000_000)?;
    let all = state.run(|s| Ok(s.failures()?)).await?;
    let page: Vec<Value> =
        all.iter().skip(offset).take(limit).map(|(o, r)| json!({"origin": o, "reason": r})).collect();
    Ok(Json(json!({"total": all.len(), "failures": page})))
}
