//! Whole pages written by hand in the styles of sites the extractor has never met (a WordPress
//! blog, a news CMS, a Medium-like post, a documentation site, a forum, an AMP page), each with
//! the furniture such sites carry (cookie banners, share buttons, newsletter boxes, related
//! links, sidebars, comment threads). Each `tests/unseen/NAME.html` has `NAME.expected`:
//!
//! ```text
//! url: the page's address, given as the input's (optional)
//! title: the headline
//! date: YYYY-MM-DD and where it must come from (json-ld, meta, time, byline, url), or "none"
//! caption: one caption block (repeatable, in order; optional)
//! body:
//! the body paragraphs, separated by blank lines, to the end of the file
//! ```

use dyad_core::SectionKind;
use dyad_ingest::{article_from_html, body_text, Given};
use std::path::Path;

struct Expected {
    url: Option<String>,
    title: String,
    date: String,
    captions: Option<Vec<String>>,
    body: String,
}

fn expected(text: &str, name: &str) -> Expected {
    let (head, body) = text.split_once("\nbody:\n").unwrap_or_else(|| panic!("{name}: no `body:` line"));
    let mut e = Expected {
        url: None,
        title: String::new(),
        date: String::new(),
        captions: None,
        body: body.trim().into(),
    };
    for (n, line) in head.lines().enumerate() {
        let (key, value) =
            line.split_once(": ").unwrap_or_else(|| panic!("{name}.expected:{}: no `key: `", n + 1));
        match key {
            "url" => e.url = Some(value.into()),
            "title" => e.title = value.into(),
            "date" => e.date = value.into(),
            "caption" => e.captions.get_or_insert_with(Vec::new).push(value.into()),
            _ => panic!("{name}.expected:{}: unknown key {key}", n + 1),
        }
    }
    e
}

#[test]
fn unseen_pages_give_their_body_title_and_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/unseen");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".html").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    let mut failures = Vec::new();
    for name in &names {
        let html = std::fs::read(dir.join(format!("{name}.html"))).unwrap();
        let e = expected(&std::fs::read_to_string(dir.join(format!("{name}.expected"))).unwrap(), name);
        let given = Given { url: e.url.clone(), ..Given::default() };
        let doc = article_from_html(&html, &format!("{name}.html"), &given).unwrap().document;
        let body = body_text(&doc);
        if body != e.body {
            failures.push(format!("{name}: body\n--- got\n{body}\n--- expected\n{}", e.body));
        }
        if doc.meta.title.as_deref() != Some(e.title.as_str()) {
            failures.push(format!("{name}: title {:?}, expected {:?}", doc.meta.title, e.title));
        }
        let date = match &doc.meta.date {
            Some(d) => format!("{} {}", d.date, d.source),
            None => "none".into(),
        };
        if date != e.date {
            failures.push(format!("{name}: date {date:?}, expected {:?}", e.date));
        }
        if let Some(want) = &e.captions {
            // Consecutive captions make one section: compare them paragraph by paragraph.
            let got: Vec<String> = doc
                .sections
                .iter()
                .filter(|s| s.kind == SectionKind::Caption)
                .flat_map(|s| doc.span_text(s.span).split("\n\n").map(str::to_string).collect::<Vec<_>>())
                .collect();
            if &got != want {
                failures.push(format!("{name}: captions {got:#?}, expected {want:#?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} wrong fields over {} pages:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
}
