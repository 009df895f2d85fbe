//! Event records written straight into a response buffer, byte for byte as the API wrote them
//! through a `serde_json::Value`: keys in sorted order at every level, compact, and the f32
//! Goldstein score as the number its JSONL text reads back as (3.4, not 3.4000000953674316).
//! A page of 1000 records built as `Value` trees spent most of its time allocating them.

use dyad_core::{ActorRef, EventMention, EventRecord, Geo};
use serde::Serialize;

/// Append `value` as compact JSON.
fn put<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Writing strings, integers and floats into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// Append `"key":`, after a comma unless `first`.
fn key(out: &mut Vec<u8>, name: &str, first: bool) {
    if !first {
        out.push(b',');
    }
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\":");
}

fn actor(out: &mut Vec<u8>, a: &ActorRef) {
    out.push(b'{');
    key(out, "code", true);
    put(out, &a.code);
    key(out, "country", false);
    put(out, &a.country);
    key(out, "name", false);
    put(out, &a.name);
    key(out, "text", false);
    put(out, &a.text);
    out.push(b'}');
}

fn geo(out: &mut Vec<u8>, g: &Geo) {
    out.push(b'{');
    key(out, "country", true);
    put(out, &g.country);
    key(out, "geonames_id", false);
    put(out, &g.geonames_id);
    key(out, "lat", false);
    put(out, &g.lat);
    key(out, "lon", false);
    put(out, &g.lon);
    key(out, "name", false);
    put(out, &g.name);
    out.push(b'}');
}

fn mention(out: &mut Vec<u8>, m: &EventMention) {
    out.push(b'{');
    key(out, "char_span", true);
    put(out, &m.char_span);
    key(out, "doc_id", false);
    put(out, &m.doc_id);
    key(out, "evidence", false);
    put(out, &m.evidence);
    key(out, "section", false);
    put(out, &m.section);
    key(out, "sentence_index", false);
    put(out, &m.sentence_index);
    out.push(b'}');
}

/// The f32 score as its JSONL text, read back as an f64 and written again.
fn goldstein(out: &mut Vec<u8>, g: f32) {
    let text = serde_json::to_string(&g).unwrap_or_default();
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => put(out, &v),
        Err(_) => out.extend_from_slice(b"null"),
    }
}

/// Append the record `r` as an object with its keys sorted.
pub(crate) fn record(out: &mut Vec<u8>, r: &EventRecord) {
    out.push(b'{');
    key(out, "action_geo", true);
    match &r.action_geo {
        Some(g) => geo(out, g),
        None => out.extend_from_slice(b"null"),
    }
    key(out, "attributed_to", false);
    put(out, &r.attributed_to);
    key(out, "cameo", false);
    put(out, &r.cameo);
    key(out, "char_span", false);
    put(out, &r.char_span);
    key(out, "date", false);
    put(out, &r.date);
    key(out, "date_precision", false);
    put(out, &r.date_precision);
    key(out, "date_source", false);
    put(out, &r.date_source);
    key(out, "doc_id", false);
    put(out, &r.doc_id);
    key(out, "event_id", false);
    put(out, &r.event_id);
    key(out, "evidence", false);
    put(out, &r.evidence);
    key(out, "goldstein", false);
    goldstein(out, r.goldstein);
    key(out, "input_id", false);
    put(out, &r.input_id);
    key(out, "mentions", false);
    out.push(b'[');
    for (i, m) in r.mentions.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        mention(out, m);
    }
    out.push(b']');
    key(out, "num_articles", false);
    put(out, &r.num_articles);
    key(out, "num_mentions", false);
    put(out, &r.num_mentions);
    key(out, "num_sources", false);
    put(out, &r.num_sources);
    key(out, "plover", false);
    put(out, &r.plover);
    key(out, "quad_class", false);
    put(out, &r.quad_class);
    key(out, "root", false);
    put(out, &r.root);
    key(out, "rule", false);
    put(out, &r.rule);
    key(out, "section", false);
    put(out, &r.section);
    key(out, "sentence_index", false);
    put(out, &r.sentence_index);
    key(out, "source", false);
    actor(out, &r.source);
    key(out, "status", false);
    put(out, &r.status);
    key(out, "target", false);
    match &r.target {
        Some(t) => actor(out, t),
        None => out.extend_from_slice(b"null"),
    }
    // Only when true, as the record's JSONL has it.
    if r.truncated {
        key(out, "truncated", false);
        put(out, &true);
    }
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record as the API wrote it before: through its JSONL text and a `Value`.
    fn through_value(r: &EventRecord) -> String {
        let v: serde_json::Value = serde_json::from_str(&serde_json::to_string(r).unwrap()).unwrap();
        serde_json::to_string(&v).unwrap()
    }

    fn written(r: &EventRecord) -> String {
        let mut out = Vec::new();
        record(&mut out, r);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn records_are_written_as_through_a_value() {
        let mention = EventMention {
            doc_id: "d1".into(),
            section: "body".into(),
            sentence_index: 3,
            char_span: [10, 42],
            evidence: "Quote \"with\" escapes\n and \u{e9}".into(),
        };
        let actor = |c: &str| ActorRef {
            code: c.into(),
            country: c[..3].into(),
            text: format!("the {c}"),
            name: format!("the {c}"),
        };
        let full = EventRecord {
            doc_id: "d1".into(),
            input_id: Some("in-1".into()),
            event_id: "e1".into(),
            date: Some("2024-06-01".into()),
            date_precision: "day".into(),
            date_source: Some("dateline".into()),
            source: actor("RUSGOV"),
            target: Some(actor("UKRMIL")),
            action_geo: Some(Geo {
                name: "Kyiv".into(),
                country: "UKR".into(),
                lat: 50.4501,
                lon: 30.5234,
                geonames_id: 703448,
            }),
            cameo: "190".into(),
            root: "19".into(),
            plover: Some("ASSAULT".into()),
            quad_class: 4,
            goldstein: 3.4,
            status: "asserted".into(),
            attributed_to: Some("officials".into()),
            section: "body".into(),
            sentence_index: 3,
            char_span: [10, 42],
            evidence: "Quote".into(),
            mentions: vec![mention.clone(), EventMention { doc_id: "d2".into(), ..mention }],
            num_mentions: 2,
            num_sources: 2,
            num_articles: 2,
            rule: "r1".into(),
            truncated: true,
        };
        let bare = EventRecord {
            input_id: None,
            date: None,
            date_source: None,
            target: None,
            action_geo: None,
            plover: None,
            attributed_to: None,
            mentions: Vec::new(),
            goldstein: -10.0,
            truncated: false,
            ..full.clone()
        };
        for g in [3.4f32, -5.0, 0.0, 1.9, -7.2, 10.0, 0.1] {
            let r = EventRecord { goldstein: g, ..full.clone() };
            assert_eq!(written(&r), through_value(&r), "goldstein {g}");
        }
        assert_eq!(written(&bare), through_value(&bare));
    }
}
