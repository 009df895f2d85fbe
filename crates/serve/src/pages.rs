//! The web pages, rendered on the server: relations (`/`), the network, the event browser,
//! one event, a document, and the failures. Every page works without script; the embedded
//! script only suggests actor codes as one types.

use crate::api::{self, highlights, relation_statuses};
use crate::chart;
use crate::error::ApiError;
use crate::html::{esc, page, query};
use crate::labels;
use crate::params::{self, Params, EVENT_PARAMS, STATUSES};
use crate::State;
use axum::extract::{Path, RawQuery};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::{NaiveDate, Weekday};
use dyad_core::{Document, EventRecord, SectionKind};
use dyad_store::{Period, Store};
use std::collections::HashMap;
use std::fmt::Write as _;

type Page = Result<Html<String>, PageError>;

/// An [`ApiError`] shown as a page.
pub(crate) struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl From<dyad_store::StoreError> for PageError {
    fn from(e: dyad_store::StoreError) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(self.0.status, &self.0.message)
    }
}

pub(crate) fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<h1>{} {}</h1><p class=\"error\">{}</p>",
        status.as_u16(),
        esc(status.canonical_reason().unwrap_or("")),
        esc(message)
    );
    (status, Html(page("Error", "", &body))).into_response()
}

pub(crate) async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("../assets/style.css"))
}

pub(crate) async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("../assets/app.js"))
}

/// The first and last day of a period key, as `/events` takes them.
fn period_bounds(per: Period, key: &str) -> (String, String) {
    if per == Period::Week {
        let parsed = key.split_once("-W").and_then(|(y, w)| {
            let (y, w) = (y.parse().ok()?, w.parse().ok()?);
            Some((
                NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?,
                NaiveDate::from_isoywd_opt(y, w, Weekday::Sun)?,
            ))
        });
        if let Some((a, b)) = parsed {
            return (a.to_string(), b.to_string());
        }
    }
    (key.to_string(), key.to_string())
}

/// `/`: pick two actors, see their relation series, click a period for its events.
pub(crate) async fn relations(
    axum::extract::State(state): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Page {
    let p = Params::parse(q.as_deref(), &["a", "b", "per", "all_statuses"])?;
    let (a, b) = (p.actor("a")?, p.actor("b")?);
    let per = p.period("per")?;
    let all = p.flag("all_statuses")?;
    let (rel, a, b, actors) = state
        .run(move |s| {
            let (a, b) = match (a, b) {
                (Some(a), Some(b)) => (a, b),
                (a, b) => {
                    let busiest = s.busiest_pair()?;
                    let (x, y) = busiest.unwrap_or_default();
                    (a.unwrap_or(x), b.unwrap_or(y))
                }
            };
            let rel = if a.is_empty() || b.is_empty() {
                None
            } else {
                Some(s.relation(&a, &b, per, &relation_statuses(all))?)
            };
            let actors = s.actors("", &[], 200)?;
            Ok((rel, a, b, actors))
        })
        .await?;
    let mut body = String::from("<h1>Relations</h1>");
    let options: String = actors
        .iter()
        .map(|x| {
            format!(
                "<option value=\"{}\">{}</option>",
                esc(&x.code),
                esc(&labels::actor_name(&x.code, &x.country))
            )
        })
        .collect();
    let per_options: String = ["day", "week", "month"]
        .iter()
        .map(|v| {
            let sel = if *v == api::period_name(per) { " selected" } else { "" };
            format!("<option{sel}>{v}</option>")
        })
        .collect();
    let _ = write!(
        body,
        "<form class=\"filters\" method=\"get\" action=\"/\">\
         <label>Actor A <input name=\"a\" id=\"a\" list=\"actor-codes\" value=\"{}\" autocomplete=\"off\"></label>\
         <label>Actor B <input name=\"b\" id=\"b\" list=\"actor-codes\" value=\"{}\" autocomplete=\"off\"></label>\
         <label>Per <select name=\"per\">{per_options}</select></label>\
         <label><input type=\"checkbox\" name=\"all_statuses\" value=\"true\"{}> all statuses</label>\
         <button type=\"submit\">Show</button><datalist id=\"actor-codes\">{options}</datalist></form>",
        esc(&a),
        esc(&b),
        if all { " checked" } else { "" }
    );
    match rel {
        None => body.push_str("<p class=\"empty\">No events between two countries are stored yet.</p>"),
        Some(rel) => {
            let _ = write!(
                body,
                "<h2 id=\"pair\">{} ↔ {}</h2><p class=\"note\">Events per {} between the two, either direction \
                 (codes match by prefix), {}. Click a bar to list its events.</p>",
                esc(&labels::actor_name(&a, &a)),
                esc(&labels::actor_name(&b, &b)),
                api::period_name(per),
                if all { "every status" } else { "asserted and reported only" }
            );
            if rel.rows.is_empty() {
                body.push_str("<p class=\"empty\">No dated events between these two.</p>");
            } else {
                let statuses = relation_statuses(all);
                let href = |period: &str| {
                    let (since, until) = period_bounds(per, period);
                    let dyad = format!("{a},{b}");
                    let mut pairs =
                        vec![("dyad", dyad.as_str()), ("since", since.as_str()), ("until", until.as_str())];
                    pairs.extend(statuses.iter().map(|s| ("status", s.as_str())));
                    format!("/events{}", query(&pairs))
                };
                body.push_str(&chart::relation(&rel.rows, href));
                body.push_str(
                    "<table class=\"series\"><thead><tr><th>period</th><th>events</th><th>verbal coop</th>\
                     <th>material coop</th><th>verbal conflict</th><th>material conflict</th><th>A→B</th>\
                     <th>mean Goldstein</th></tr></thead><tbody>",
                );
                for r in &rel.rows {
                    let _ = write!(
                        body,
                        "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:+.1}</td></tr>",
                        esc(&href(&r.period)),
                        esc(&r.period),
                        r.total(),
                        r.quad[0],
                        r.quad[1],
                        r.quad[2],
                        r.quad[3],
                        r.a_to_b,
                        r.mean_goldstein
                    );
                }
                body.push_str("</tbody></table>");
            }
            if rel.undated > 0 {
                let _ = write!(
                    body,
                    "<p class=\"note\">{} events without a date fine enough for this period.</p>",
                    rel.undated
                );
            }
        }
    }
    Ok(Html(page("Relations", "/", &body)))
}

/// `/network`: countries and the events between them for a date range.
pub(crate) async fn network(
    axum::extract::State(state): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Page {
    let p = Params::parse(q.as_deref(), &["since", "until", "status", "limit"])?;
    let (filter, limit) = api::network_filter(&p)?;
    let (since, until) = (filter.since.clone().unwrap_or_default(), filter.until.clone().unwrap_or_default());
    let statuses = filter.statuses.clone();
    let edges = state.run(move |s| Ok(s.network(&filter, limit)?)).await?;
    let mut body = String::from("<h1>Network</h1>");
    let _ = write!(
        body,
        "<form class=\"filters\" method=\"get\" action=\"/network\">\
         <label>Since <input name=\"since\" value=\"{}\" placeholder=\"YYYY-MM-DD\"></label>\
         <label>Until <input name=\"until\" value=\"{}\" placeholder=\"YYYY-MM-DD\"></label>{}\
         <button type=\"submit\">Show</button></form>",
        esc(&since),
        esc(&until),
        status_boxes(&statuses)
    );
    if edges.is_empty() {
        body.push_str("<p class=\"empty\">No events between two countries in this range.</p>");
    } else {
        let _ = write!(
            body,
            "<p class=\"note\">The {} busiest directed pairs of countries. Edge width: events; colour: mean Goldstein \
             (blue cooperative, red conflictual). Click a country or an edge for its events.</p>",
            edges.len()
        );
        let base = |extra: Vec<(&str, String)>| {
            let mut pairs: Vec<(&str, String)> = extra;
            pairs.push(("since", since.clone()));
            pairs.push(("until", until.clone()));
            pairs.extend(statuses.iter().map(|s| ("status", s.clone())));
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            format!("/events{}", query(&pairs))
        };
        let svg = chart::network(
            &edges,
            |code| base(vec![("actor", code.to_string())]),
            |e| base(vec![("dyad", format!("{},{}", e.source, e.target))]),
        );
        body.push_str(&svg);
    }
    Ok(Html(page("Network", "/network", &body)))
}

fn status_boxes(checked: &[String]) -> String {
    let boxes: String = STATUSES
        .iter()
        .map(|s| {
            let c = if checked.iter().any(|x| x == s) { " checked" } else { "" };
            format!("<label class=\"status\"><input type=\"checkbox\" name=\"status\" value=\"{s}\"{c}> {s}</label>")
        })
        .collect();
    format!("<fieldset class=\"statuses\"><legend>Status</legend>{boxes}</fieldset>")
}

/// `/events`: the event browser, filters as the API's.
pub(crate) async fn events(
    axum::extract::State(state): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Page {
    let p = Params::parse(q.as_deref(), EVENT_PARAMS)?;
    let (filter, offset) = p.event_filter(50)?;
    let shown = filter.clone();
    let (total, rows) = state
        .run(move |s| {
            let (total, events) = api::event_page(s, &filter, offset)?;
            let docs = documents_of(s, &events)?;
            let rows: Vec<String> = events.iter().map(|r| event_row(r, docs.get(&r.doc_id))).collect();
            Ok((total, rows))
        })
        .await?;
    let limit = shown.limit.unwrap_or(50);
    let dyad = shown.dyad.as_ref().map(|(a, b)| format!("{a},{b}")).unwrap_or_default();
    let mut body = String::from("<h1>Events</h1>");
    let _ = write!(
        body,
        "<form class=\"filters\" method=\"get\" action=\"/events\">\
         <label>Actor <input name=\"actor\" list=\"actor-codes\" value=\"{}\" autocomplete=\"off\"></label>\
         <label>Dyad <input name=\"dyad\" value=\"{}\" placeholder=\"RUS,PRK\"></label>\
         <label>Since <input name=\"since\" value=\"{}\" placeholder=\"YYYY-MM-DD\"></label>\
         <label>Until <input name=\"until\" value=\"{}\" placeholder=\"YYYY-MM-DD\"></label>\
         <label>CAMEO <input name=\"root\" value=\"{}\" placeholder=\"05\" size=\"4\"></label>{}\
         <button type=\"submit\">Filter</button><datalist id=\"actor-codes\"></datalist></form>",
        esc(shown.actor.as_deref().unwrap_or("")),
        esc(&dyad),
        esc(shown.since.as_deref().unwrap_or("")),
        esc(shown.until.as_deref().unwrap_or("")),
        esc(shown.root.as_deref().unwrap_or("")),
        status_boxes(&shown.statuses)
    );
    let first = if rows.is_empty() { 0 } else { offset + 1 };
    let _ = write!(
        body,
        "<p class=\"count\" id=\"count\" data-total=\"{total}\">{}–{} of {total} events</p>",
        first,
        offset + rows.len()
    );
    body.push_str("<div id=\"event-list\">");
    for r in &rows {
        body.push_str(r);
    }
    body.push_str("</div>");
    // Pages: the same filter with another offset.
    let mut pairs: Vec<(String, String)> = Vec::new();
    let push = |pairs: &mut Vec<(String, String)>, k: &str, v: &Option<String>| {
        if let Some(v) = v {
            pairs.push((k.to_string(), v.clone()));
        }
    };
    push(&mut pairs, "actor", &shown.actor);
    push(&mut pairs, "dyad", &(!dyad.is_empty()).then(|| dyad.clone()));
    push(&mut pairs, "since", &shown.since);
    push(&mut pairs, "until", &shown.until);
    push(&mut pairs, "root", &shown.root);
    for s in &shown.statuses {
        pairs.push(("status".into(), s.clone()));
    }
    let link = |off: usize| {
        let mut all = pairs.clone();
        all.push(("limit".into(), limit.to_string()));
        all.push(("offset".into(), off.to_string()));
        let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        format!("/events{}", query(&all))
    };
    body.push_str("<nav class=\"pages\">");
    if offset > 0 {
        let _ = write!(
            body,
            "<a rel=\"prev\" href=\"{}\">← previous</a> ",
            esc(&link(offset.saturating_sub(limit)))
        );
    }
    if ((offset + limit) as u64) < total {
        let _ = write!(body, "<a rel=\"next\" href=\"{}\">next →</a>", esc(&link(offset + limit)));
    }
    body.push_str("</nav>");
    Ok(Html(page("Events", "/events", &body)))
}

/// The stored documents of `events`, each read once.
fn documents_of(s: &Store, events: &[EventRecord]) -> Result<HashMap<String, Document>, ApiError> {
    let mut docs = HashMap::new();
    for e in events {
        if !docs.contains_key(&e.doc_id) {
            if let Some(d) = s.document(&e.doc_id)? {
                docs.insert(e.doc_id.clone(), d);
            }
        }
    }
    Ok(docs)
}

/// One event as the browser shows it: label, status, date, speaker, evidence with its actors
/// and verb marked, provenance, and links to the event and its document.
fn event_row(r: &EventRecord, doc: Option<&Document>) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<article class=\"event\" id=\"e{id}\" data-event-id=\"{id}\"><h3 class=\"label\"><a href=\"/events/{id}\">{}</a></h3>",
        esc(&labels::event_label(r)),
        id = esc(&r.event_id)
    );
    let _ = write!(
        s,
        "<div class=\"meta\"><span class=\"badge status-{st}\" title=\"status\">{st}</span> \
         <span class=\"date\">{}</span> <span class=\"quad q{}\">{}</span> <span class=\"gold\">Goldstein {:+.1}</span>",
        esc(r.date.as_deref().unwrap_or("undated")),
        r.quad_class,
        chart::QUAD_NAMES.get(r.quad_class.saturating_sub(1) as usize).copied().unwrap_or(""),
        r.goldstein,
        st = esc(&r.status)
    );
    if let Some(who) = &r.attributed_to {
        let _ = write!(s, " <span class=\"speaker\">according to <b>{}</b></span>", esc(who));
    }
    s.push_str("</div>");
    let marks = doc.map(|d| highlights(d, r)).unwrap_or_default();
    let _ = write!(
        s,
        "<blockquote class=\"evidence\">{}<a class=\"open-doc\" href=\"/documents/{}#s{}\">in the {} of the document →</a></blockquote>",
        evidence_html(&r.evidence, &marks),
        esc(&r.doc_id),
        r.sentence_index,
        esc(&r.section)
    );
    if let Some(d) = doc {
        s.push_str(&provenance_html(d));
        let title = d.meta.title.clone().unwrap_or_else(|| r.doc_id[..12.min(r.doc_id.len())].to_string());
        let _ = write!(
            s,
            "<div class=\"source\">from <a href=\"/documents/{}\">{}</a>{} · rule <code>{}</code></div>",
            esc(&r.doc_id),
            esc(&title),
            d.meta
                .external_id
                .as_ref()
                .map(|i| format!(" (input <code>{}</code>)", esc(i)))
                .unwrap_or_default(),
            esc(&r.rule)
        );
    }
    s.push_str("</article>");
    s
}

/// The evidence sentence with the actors' and the verb's words marked.
fn evidence_html(evidence: &str, marks: &[(&str, usize, usize)]) -> String {
    let chars: Vec<char> = evidence.chars().collect();
    let mut out = String::from("<span class=\"sentence\">");
    let mut at = 0;
    for (role, a, b) in marks {
        let (a, b) = ((*a).min(chars.len()), (*b).min(chars.len()));
        if a < at {
            continue; // overlapping marks: keep the first
        }
        out.push_str(&esc(&chars[at..a].iter().collect::<String>()));
        let _ = write!(
            out,
            "<mark class=\"{role}\" title=\"{role}\">{}</mark>",
            esc(&chars[a..b].iter().collect::<String>())
        );
        at = b;
    }
    out.push_str(&esc(&chars[at..].iter().collect::<String>()));
    out.push_str("</span>");
    out
}

fn provenance_html(d: &Document) -> String {
    if d.provenance.is_empty() {
        return String::new();
    }
    let links: Vec<String> = d
        .provenance
        .iter()
        .map(|l| {
            format!("<li><span class=\"name\">{}</span> <small>{}</small></li>", esc(&l.name), esc(&l.role))
        })
        .collect();
    format!("<div class=\"provenance\"><span>via</span><ol class=\"chain\">{}</ol></div>", links.join(""))
}

/// `/events/{event_id}`: one event.
pub(crate) async fn event(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Page {
    Params::parse(q.as_deref(), &[])?;
    let id = params::event_id(&id)?;
    let (row, label) = state
        .run(move |s| {
            let r = s.event(&id)?.ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
            let doc = s.document(&r.doc_id)?;
            Ok((event_row(&r, doc.as_ref()), labels::event_label(&r)))
        })
        .await?;
    Ok(Html(page(&label, "/events", &format!("<h1>Event</h1><div id=\"event-list\">{row}</div>"))))
}

/// `/documents/{doc_id}`: the article by section, its quotes and event sentences marked.
pub(crate) async fn document(
    axum::extract::State(state): axum::extract::State<State>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Page {
    Params::parse(q.as_deref(), &[])?;
    let id = params::doc_id(&id)?;
    let (doc, events) = state
        .run(move |s| {
            let doc = s.document(&id)?.ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
            let events = s.document_events(&doc.id)?;
            Ok((doc, events))
        })
        .await?;
    let title = doc.meta.title.clone().unwrap_or_else(|| "Document".to_string());
    Ok(Html(page(&title, "", &document_html(&doc, &events))))
}

fn document_html(doc: &Document, events: &[EventRecord]) -> String {
    let m = &doc.meta;
    let mut s = format!(
        "<h1 class=\"doc-title\">{}</h1><dl class=\"doc-meta\">",
        esc(m.title.as_deref().unwrap_or("(no title)"))
    );
    let mut field = |name: &str, v: Option<String>| {
        if let Some(v) = v {
            let _ = write!(s, "<dt>{name}</dt><dd>{v}</dd>");
        }
    };
    field("id", Some(format!("<code>{}</code>", esc(&doc.id))));
    field("input id", m.external_id.as_ref().map(|v| format!("<code>{}</code>", esc(v))));
    field("date", m.date.as_ref().map(|d| esc(&d.date.to_string())));
    field("byline", m.byline.as_ref().map(|v| esc(v)));
    field("outlet", m.outlet.as_ref().map(|v| esc(v)));
    field("url", m.url.as_ref().map(|v| esc(v)));
    field("language", m.language.as_ref().map(|v| esc(v)));
    for w in &doc.warnings {
        field("warning", Some(esc(&w.to_string())));
    }
    s.push_str("</dl>");
    s.push_str(&provenance_html(doc));
    // Which sentences report which events.
    let mut by_sentence: HashMap<u32, Vec<&EventRecord>> = HashMap::new();
    for e in events {
        for mention in &e.mentions {
            by_sentence.entry(mention.sentence_index).or_default().push(e);
        }
    }
    // Regions: the marked sections, and the text between them as body.
    let mut sections: Vec<(usize, usize, SectionKind)> =
        doc.sections.iter().map(|x| (x.span.start as usize, x.span.end as usize, x.kind)).collect();
    sections.sort_by_key(|x| x.0);
    let mut regions = Vec::new();
    let mut at = 0;
    for (a, b, kind) in sections {
        if a < at {
            continue;
        }
        if a > at {
            regions.push((at, a, SectionKind::Body));
        }
        regions.push((a, b, kind));
        at = b;
    }
    if at < doc.text.len() {
        regions.push((at, doc.text.len(), SectionKind::Body));
    }
    let quotes: Vec<(usize, usize, Option<String>)> = doc
        .quotes
        .iter()
        .map(|q| {
            (
                q.content.start as usize,
                q.content.end as usize,
                q.speaker_span.map(|x| doc.span_text(x).to_string()),
            )
        })
        .collect();
    s.push_str("<div class=\"article\">");
    for (a, b, kind) in regions {
        if doc.text[a..b].trim().is_empty() {
            continue;
        }
        let _ = write!(
            s,
            "<section class=\"part sec-{k}\"><div class=\"part-label\">{k}</div><div class=\"text\">",
            k = kind.as_str()
        );
        // Boundaries inside the region: sentence and quote starts and ends.
        let mut cuts = vec![a, b];
        for sent in &doc.sentences {
            for x in [sent.span.start as usize, sent.span.end as usize] {
                if x > a && x < b {
                    cuts.push(x);
                }
            }
        }
        for (qa, qb, _) in &quotes {
            for x in [*qa, *qb] {
                if x > a && x < b {
                    cuts.push(x);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (x, y) = (w[0], w[1]);
            // Sentence anchors at sentence starts; event badges after event sentences.
            let sentence = doc
                .sentences
                .partition_point(|t| t.span.start as usize <= x)
                .checked_sub(1)
                .filter(|&i| x < doc.sentences[i].span.end as usize);
            if let Some(i) = sentence.filter(|&i| doc.sentences[i].span.start as usize == x) {
                let _ = write!(s, "<a id=\"s{i}\" class=\"anchor\"></a>");
            }
            let has_event = sentence.is_some_and(|i| by_sentence.contains_key(&(i as u32)));
            let quote = quotes.iter().find(|(qa, qb, _)| *qa <= x && x < *qb);
            let mut classes = Vec::new();
            if has_event {
                classes.push("ev");
            }
            if quote.is_some() {
                classes.push("quote");
            }
            let text = esc(doc.text.get(x..y).unwrap_or(""));
            if classes.is_empty() {
                s.push_str(&text);
            } else {
                let title = quote
                    .and_then(|q| q.2.as_ref())
                    .map(|who| format!(" title=\"quote of {}\"", esc(who)))
                    .unwrap_or_default();
                let _ = write!(s, "<span class=\"{}\"{title}>{text}</span>", classes.join(" "));
            }
            if let Some(i) = sentence {
                if doc.sentences[i].span.end as usize == y {
                    if let Some(evs) = by_sentence.get(&(i as u32)) {
                        for e in evs {
                            let _ = write!(
                                s,
                                "<a class=\"ev-tag status-{}\" href=\"/events/{}\" title=\"{}\">{}</a>",
                                esc(&e.status),
                                esc(&e.event_id),
                                esc(&labels::event_label(e)),
                                esc(&e.cameo)
                            );
                        }
                    }
                }
            }
        }
        s.push_str("</div></section>");
    }
    s.push_str("</div>");
    if !doc.quotes.is_empty() {
        s.push_str("<h2>Quotes</h2><ul class=\"quotes\">");
        for (qa, qb, who) in &quotes {
            let _ = write!(
                s,
                "<li><q>{}</q> — {}</li>",
                esc(doc.text.get(*qa..*qb).unwrap_or("")),
                esc(who.as_deref().unwrap_or("speaker not found"))
            );
        }
        s.push_str("</ul>");
    }
    let _ = write!(s, "<h2>Events ({})</h2><div id=\"event-list\">", events.len());
    for e in events {
        s.push_str(&event_row(e, Some(doc)));
    }
    s.push_str("</div>");
    s
}

/// `/failures`: the inputs that could not be read.
pub(crate) async fn failures(
    axum::extract::State(state): axum::extract::State<State>,
    RawQuery(q): RawQuery,
) -> Page {
    Params::parse(q.as_deref(), &[])?;
    let all = state.run(|s| Ok(s.failures()?)).await?;
    let mut body = format!("<h1>Failures</h1><p class=\"count\">{} inputs could not be read.</p>", all.len());
    if !all.is_empty() {
        body.push_str("<table class=\"failures\"><thead><tr><th>input</th><th>why</th></tr></thead><tbody>");
        for (origin, reason) in all.iter().take(crate::MAX_LIMIT) {
            let _ = write!(body, "<tr><td><code>{}</code></td><td>{}</td></tr>", esc(origin), esc(reason));
        }
        body.push_str("</tbody></table>");
    }
    Ok(Html(page("Failures", "/failures", &body)))
}
