//! WARC input as CC-NEWS writes it: a `.warc.gz` of one gzip member per record, written here by
//! Python's `warcio` (skipped with a message when it is not installed, unless `CI=true`).

use dyad_ingest::{read_inputs, Reason};
use std::process::Command;

const WRITER: &str = r#"
import sys
from io import BytesIO
from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders

def page(title, para, extra=""):
    return ("<html><head><title>%s</title>%s</head><body><article><h1>%s</h1><p>%s</p></article></body></html>"
            % (title, extra, title, para)).encode("utf-8")

with open(sys.argv[1], "wb") as out:
    w = WARCWriter(out, gzip=sys.argv[1].endswith(".gz"))
    w.write_record(w.create_warcinfo_record("test.warc", {"software": "dyad test"}))
    def response(uri, ctype, body, date, status="200 OK"):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = w.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers,
                                   warc_headers_dict={"WARC-Date": date})
        w.write_record(rec)
    response("https://news.example/a", "text/html; charset=utf-8",
             page("Harbour reopens after storm", "The harbour reopened on Tuesday, officials said, after a storm closed it for three days."),
             "2023-04-05T06:07:08Z")
    response("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "2023-04-05T06:07:09Z")
    response("https://news.example/b", "text/html",
             page("Council approves budget", "The council approved next year's budget on Monday, by nine votes to four, after a long debate.",
                  '<meta property="article:published_time" content="2023-04-01">'),
             "2023-04-05T06:07:10Z")
    response("https://news.example/c", "text/html",
             page("Rail line to reopen", "The rail line closed by floods will reopen next month, the operator said in a statement."),
             "2023-04-05T06:07:11Z")
"#;

fn write_warc(path: &std::path::Path) -> bool {
    let ok = Command::new("python3")
        .args(["-c", WRITER, path.to_str().unwrap()])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "python3 with warcio is required under CI");
        eprintln!("skipped: python3 with warcio not available (pip install warcio)");
    }
    ok
}

fn check(name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    if !write_warc(&path) {
        return;
    }
    if name.ends_with(".gz") {
        let bytes = std::fs::read(&path).unwrap();
        let members = bytes.windows(3).filter(|w| *w == [0x1f, 0x8b, 0x08]).count();
        assert!(members >= 5, "one gzip member per record, found {members}");
    }
    let items: Vec<_> = read_inputs(&[path.display().to_string()]).collect();
    assert_eq!(items.len(), 4, "three HTML responses and one image: {items:?}");
    let docs: Vec<_> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    let urls: Vec<_> = docs.iter().map(|d| d.meta.url.as_deref().unwrap()).collect();
    assert_eq!(urls, ["https://news.example/a", "https://news.example/b", "https://news.example/c"]);
    assert!(docs[0].text.contains("The harbour reopened on Tuesday"));
    let date = |i: usize| {
        let d = docs[i].meta.date.as_ref().unwrap();
        (d.date.to_string(), d.source.clone())
    };
    assert_eq!(date(0), ("2023-04-05".to_string(), "fetch".to_string()));
    assert_eq!(date(1), ("2023-04-01".to_string(), "meta".to_string()), "the page's own date wins");
    let skipped: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
    assert_eq!(skipped.len(), 1);
    assert!(matches!(&skipped[0].reason, Reason::Warc(m) if m.contains("not HTML")), "{}", skipped[0]);
    assert!(skipped[0].origin.contains("logo.png"), "{}", skipped[0]);
}

#[test]
fn a_multi_member_warc_gz_gives_one_document_per_html_response() {
    check("news.warc.gz");
}

#[test]
fn a_plain_warc_reads_the_same() {
    check("news.warc");
}

#[test]
fn a_truncated_warc_reports_the_cut_record_after_the_whole_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.warc");
    if !write_warc(&path) {
        return;
    }
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 40]).unwrap();
    let items: Vec<_> = read_inputs(&[path.display().to_string()]).collect();
    let ok = items.iter().filter(|i| i.is_ok()).count();
    assert_eq!(ok, 2, "{items:?}");
    let last = items.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(&last.reason, Reason::Warc(m) if m.contains("truncated")), "{last}");
}
