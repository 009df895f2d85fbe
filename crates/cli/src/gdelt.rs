//! `--format gdelt`: GDELT 2.0 event table rows (61 tab-separated columns, no header), so that
//! tools written for GDELT read dyad's events.
//!
//! Every column dyad knows is filled; what GDELT has and dyad does not (tone, geography, the
//! ethnic, religious and known-group actor attributes) is left empty or 0, and docs/output.md
//! says which is which. An undated event takes the document's date, or failing that the day it
//! was added; a date coarser than a day has its missing parts as 01. GDELT has no precision
//! column: `date_precision` in the JSONL, CSV and Parquet outputs keeps the truth. Text fields
//! have tabs and line breaks replaced by spaces, so every row has exactly 61 columns.

use dyad_core::EventRecord;

/// What a row needs beyond the record: facts about its document and the run.
pub struct RowContext<'a> {
    /// The article's URL, where known.
    pub url: Option<&'a str>,
    /// The document's date (`YYYY-MM-DD`), where known.
    pub doc_date: Option<&'a str>,
    /// DATEADDED: when the document was coded or stored, `YYYYMMDDHHMMSS` (UTC).
    pub added: &'a str,
}

/// The number of columns of a GDELT 2.0 event row.
pub const COLUMNS: usize = 61;

/// One GDELT row for `r`.
pub fn row(r: &EventRecord, ctx: &RowContext) -> String {
    // GLOBALEVENTID is an integer in GDELT: the first 15 hex digits of our event id fit in i64.
    let id = i64::from_str_radix(r.event_id.get(..15).unwrap_or("0"), 16).unwrap_or(0);
    // The event's own date; else the document's; else the day the document was added.
    let added_day = ctx.added.get(..8).map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]));
    let date = r.date.as_deref().or(ctx.doc_date).or(added_day.as_deref());
    let (y, m, d) = ymd(date);
    let cols: Vec<String> = [
        vec![
            id.to_string(),
            format!("{y:04}{m:02}{d:02}"),
            format!("{y:04}{m:02}"),
            format!("{y:04}"),
            format!("{:.4}", fraction_date(y, m, d)),
        ],
        actor_columns(Some(&r.source)),
        actor_columns(r.target.as_ref()),
        vec![
            u8::from(is_root_event(r)).to_string(),
            r.cameo.clone(),
            r.cameo.get(..3).unwrap_or(&r.cameo).to_string(),
            r.root.clone(),
            r.quad_class.to_string(),
            format!("{:.1}", r.goldstein),
            num_mentions(r).to_string(),
            num_sources(r).to_string(),
            num_articles(r).to_string(),
            // AvgTone: dyad measures no tone.
            "0".into(),
        ],
        // Actor 1 and actor 2 geography (8 columns each): dyad does not place actors.
        vec![String::new(); 16],
        action_geo_columns(r),
        vec![ctx.added.to_string(), ctx.url.unwrap_or("").to_string()],
    ]
    .concat();
    debug_assert_eq!(cols.len(), COLUMNS);
    cols.iter().map(|c| one_line(c)).collect::<Vec<_>>().join("\t")
}

/// `text` with tabs, line feeds and carriage returns (and the other line separators) as spaces.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    let breaks =
        |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}');
    if text.contains(breaks) {
        text.replace(breaks, " ").into()
    } else {
        text.into()
    }
}

/// GDELT's IsRootEvent marks events of the article's lead: the headline or the lede (or the
/// first sentence, where the article has no marked sections).
fn is_root_event(r: &EventRecord) -> bool {
    r.sentence_index == 0 || r.mentions.iter().any(|m| matches!(m.section.as_str(), "headline" | "lede"))
}

/// NumMentions: the sentences that report the event (its mentions).
fn num_mentions(r: &EventRecord) -> usize {
    (r.num_mentions as usize).max(r.mentions.len()).max(1)
}

/// NumSources: the happening's independent sources (1 for one document).
fn num_sources(r: &EventRecord) -> usize {
    (r.num_sources as usize).max(1)
}

/// NumArticles: the documents reporting the happening (1 for one document).
fn num_articles(r: &EventRecord) -> usize {
    (r.num_articles as usize).max(1)
}

/// The eight ActionGeo columns: Type, FullName, CountryCode, ADM1, ADM2, Lat, Long, FeatureID.
/// The type and GDELT's FIPS country code are not known from the record: left empty.
fn action_geo_columns(r: &EventRecord) -> Vec<String> {
    match &r.action_geo {
        Some(g) => vec![
            String::new(),
            g.name.clone(),
            String::new(),
            String::new(),
            String::new(),
            format!("{:.4}", g.lat),
            format!("{:.4}", g.lon),
            g.geonames_id.to_string(),
        ],
        None => vec![String::new(); 8],
    }
}

/// GDELT's FractionDate: the year plus the fraction of it gone by, (month − 1) × 30.4 + day
/// over 365.
fn fraction_date(y: i32, m: u32, d: u32) -> f64 {
    y as f64 + ((m.max(1) - 1) as f64 * 30.4 + d.max(1) as f64) / 365.0
}

/// Code, name, country, known group, ethnic, religion 1 and 2, type 1–3 (10 columns).
fn actor_columns(a: Option<&dyad_core::ActorRef>) -> Vec<String> {
    let Some(a) = a else { return vec![String::new(); 10] };
    let roles = a.code.strip_prefix(a.country.as_str()).unwrap_or("");
    let role = |i: usize| roles.get(i * 3..i * 3 + 3).unwrap_or("").to_string();
    vec![
        a.code.clone(),
        a.name.to_uppercase(),
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

/// Year, month and day of an ISO date of any precision (missing parts 1; 0s when absent).
fn ymd(date: Option<&str>) -> (i32, u32, u32) {
    let Some(date) = date else { return (0, 0, 0) };
    let part = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u32>().ok());
    (part(0..4).unwrap_or(0) as i32, part(5..7).unwrap_or(1), part(8..10).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::{ActorRef, EventMention};

    fn record() -> EventRecord {
        EventRecord {
            doc_id: "d".into(),
            input_id: None,
            event_id: "0123456789abcdef".into(),
            date: Some("2024-06".into()),
            date_precision: "month".into(),
            date_source: Some("clause".into()),
            source: ActorRef {
                code: "RUSGOV".into(),
                country: "RUS".into(),
                text: "he".into(),
                name: "President Putin".into(),
            },
            target: Some(ActorRef {
                code: "PRK".into(),
                country: "PRK".into(),
                text: "North Korea".into(),
                name: "North Korea".into(),
            }),
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
            mentions: vec![
                EventMention {
                    doc_id: "d".into(),
                    section: "body".into(),
                    sentence_index: 3,
                    char_span: [0, 1],
                    evidence: "x".into(),
                },
                EventMention {
                    doc_id: "d".into(),
                    section: "body".into(),
                    sentence_index: 5,
                    char_span: [2, 3],
                    evidence: "y".into(),
                },
            ],
            num_mentions: 2,
            num_sources: 1,
            num_articles: 1,
            action_geo: None,
            rule: "r".into(),
            truncated: false,
        }
    }

    const CTX: RowContext =
        RowContext { url: Some("https://example.org/a"), doc_date: None, added: "20241102103000" };

    #[test]
    fn row_has_61_columns_and_gdelt_fields() {
        let line = row(&record(), &CTX);
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), COLUMNS);
        assert_eq!((cols[1], cols[2], cols[3]), ("20240601", "202406", "2024"));
        assert_eq!((cols[5], cols[6], cols[7], cols[12]), ("RUSGOV", "PRESIDENT PUTIN", "RUS", "GOV"));
        assert_eq!((cols[15], cols[17], cols[22]), ("PRK", "PRK", ""));
        assert_eq!((cols[25], cols[26], cols[27], cols[28]), ("0", "0421", "042", "04"));
        assert_eq!((cols[29], cols[30]), ("1", "1.9"));
        assert_eq!((cols[31], cols[32], cols[33]), ("2", "1", "1"), "two sentences mention it");
        assert_eq!((cols[59], cols[60]), ("20241102103000", "https://example.org/a"));
    }

    #[test]
    fn an_undated_event_takes_the_document_date_else_the_day_it_was_added() {
        let mut r = record();
        r.date = None;
        r.date_precision = "unknown".into();
        let with_doc = RowContext { doc_date: Some("2023-03-09"), ..CTX };
        let cols: Vec<String> = row(&r, &with_doc).split('\t').map(String::from).collect();
        assert_eq!((cols[1].as_str(), cols[2].as_str(), cols[3].as_str()), ("20230309", "202303", "2023"));
        let cols: Vec<String> = row(&r, &CTX).split('\t').map(String::from).collect();
        assert_eq!(cols[1], "20241102", "the day it was added");
        assert!(!cols[1].starts_with("0000"));
    }

    #[test]
    fn tabs_and_line_breaks_in_text_fields_keep_61_columns() {
        let mut r = record();
        r.source.name = "the\tRussian\nforeign\r\nministry".into();
        r.target.as_mut().unwrap().name = "North\u{2028}Korea\u{85}".into();
        let url = "https://example.org/a\tb\nc";
        let line = row(&r, &RowContext { url: Some(url), ..CTX });
        assert!(!line.contains(['\n', '\r']), "{line:?}");
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), COLUMNS, "{line:?}");
        assert_eq!(cols[6], "THE RUSSIAN FOREIGN  MINISTRY");
        assert_eq!(cols[16], "NORTH KOREA ");
        assert_eq!(cols[60], "https://example.org/a b c");
    }

    #[test]
    fn a_lead_event_is_a_root_event() {
        let mut r = record();
        r.mentions[1].section = "headline".into();
        assert_eq!(row(&r, &CTX).split('\t').nth(25), Some("1"));
    }
}
