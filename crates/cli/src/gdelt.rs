//! `--format gdelt`: GDELT 2.0 event table rows (61 tab-separated columns, no header), so that
//! tools written for GDELT read dyad's events.
//!
//! What GDELT has and dyad does not (geography, tone, mention counts over many articles) is left
//! empty or set to the single-article value (1 mention, 1 source, 1 article, tone 0). A date
//! coarser than a day is written with its missing parts as 01 (GDELT has no precision field);
//! `date_precision` in the JSONL output keeps the truth.

use dyad_core::EventRecord;

/// One GDELT row for `r`. `url` is the article's URL where known; `added` is DATEADDED
/// (YYYYMMDDHHMMSS).
pub fn row(r: &EventRecord, url: Option<&str>, added: &str) -> String {
    // GLOBALEVENTID is an integer in GDELT: the first 15 hex digits of our event id fit in i64.
    let id = i64::from_str_radix(r.event_id.get(..15).unwrap_or("0"), 16).unwrap_or(0);
    let (y, m, d) = ymd(r.date.as_deref());
    let fraction = y as f64 + ((m.max(1) - 1) as f64 * 30.4 + d.max(1) as f64) / 365.0;
    let mut cols: Vec<String> = vec![
        id.to_string(),
        format!("{y:04}{m:02}{d:02}"),
        format!("{y:04}{m:02}"),
        format!("{y:04}"),
        format!("{fraction:.4}"),
    ];
    cols.extend(actor_columns(Some(&r.source)));
    cols.extend(actor_columns(r.target.as_ref()));
    let base = r.cameo.get(..3).unwrap_or(&r.cameo).to_string();
    cols.extend([
        u8::from(r.sentence_index == 0).to_string(),
        r.cameo.clone(),
        base,
        r.root.clone(),
        r.quad_class.to_string(),
        format!("{:.1}", r.goldstein),
        "1".into(),
        "1".into(),
        "1".into(),
        "0".into(),
    ]);
    // Three geography blocks (actor 1, actor 2, action) of 8 columns each: unknown.
    cols.extend(std::iter::repeat_n(String::new(), 24));
    cols.push(added.to_string());
    cols.push(url.unwrap_or("").to_string());
    debug_assert_eq!(cols.len(), 61);
    cols.join("\t")
}

/// Code, name, country, known group, ethnic, religion 1 and 2, type 1–3 (10 columns).
fn actor_columns(a: Option<&dyad_core::ActorRef>) -> Vec<String> {
    let Some(a) = a else { return vec![String::new(); 10] };
    let roles = a.code.strip_prefix(a.country.as_str()).unwrap_or("");
    let role = |i: usize| roles.get(i * 3..i * 3 + 3).unwrap_or("").to_string();
    let clean_name = a.text.replace(['\t', '\n'], " ").to_uppercase();
    vec![
        a.code.clone(),
        clean_name,
        a.country.clone(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        role(0),
        role(1),
        role(2),
    ]
}

fn ymd(date: Option<&str>) -> (i32, u32, u32) {
    let Some(date) = date else { return (0, 0, 0) };
    let part = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u32>().ok());
    (part(0..4).unwrap_or(0) as i32, part(5..7).unwrap_or(1), part(8..10).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::ActorRef;

    #[test]
    fn row_has_61_columns_and_gdelt_fields() {
        let r = EventRecord {
            doc_id: "d".into(),
            input_id: None,
            event_id: "0123456789abcdef".into(),
            date: Some("2024-06".into()),
            date_precision: "month".into(),
            date_source: Some("clause".into()),
            source: ActorRef { code: "RUSGOV".into(), country: "RUS".into(), text: "President Putin".into() },
            target: Some(ActorRef { code: "PRK".into(), country: "PRK".into(), text: "North Korea".into() }),
            cameo: "0421".into(),
            root: "04".into(),
            plover: Some("CONSULT".into()),
            quad_class: 1,
            goldstein: 1.9,
            status: "asserted".into(),
            attributed_to: None,
            section: "body".into(),
            sentence_index: 3,
            char_span: [0, 1],
            evidence: "x".into(),
            mentions: Vec::new(),
            rule: "r".into(),
        };
        let line = row(&r, Some("https://example.org/a"), "20241102000000");
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 61);
        assert_eq!(cols[1], "20240601");
        assert_eq!((cols[5], cols[6], cols[7], cols[12]), ("RUSGOV", "PRESIDENT PUTIN", "RUS", "GOV"));
        assert_eq!((cols[15], cols[17], cols[22]), ("PRK", "PRK", ""));
        assert_eq!((cols[26], cols[27], cols[28], cols[29], cols[30]), ("0421", "042", "04", "1", "1.9"));
        assert_eq!(cols[60], "https://example.org/a");
    }
}
