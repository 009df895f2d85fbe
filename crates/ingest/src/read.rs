//! Readers: files (`.txt`, `.html`, `.gz` of either), directories (recursive, sorted, hidden
//! entries skipped), JSONL/NDJSON feeds (one article per line), WARC files (`.warc`,
//! `.warc.gz`, one document per HTML response; `crate::warc`), and `-` for stdin.
//!
//! Everything is lazy: [`read_inputs`] keeps a stack of paths still to visit and at most one
//! open feed, and reads one document per step. Each failure is one item naming its input.
//!
//! A path named on the command line is always read (its kind sniffed from the content when the
//! extension says nothing); inside a directory only `.txt`, `.html`/`.htm`, `.jsonl`/`.ndjson`,
//! `.warc` (and their `.gz`) are read, so that images and other files beside the articles are skipped.
//! A document over [`MAX_DOCUMENT`] bytes (a 50 MB single-line file) fails with its size.

use crate::{article_from_decoded, article_from_html, dates, decode, Failure, Given, Reason};
use dyad_core::{DocDate, Document, Warning};
use flate2::read::GzDecoder;
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The largest single document (file or JSONL line) we read. A 20 MB page is fine; anything
/// past this is not an article.
pub const MAX_DOCUMENT: u64 = 32 << 20;

/// Read every input (a file, a directory read recursively, or `-` for stdin) and yield each
/// document found, or the failure of each one that could not be read.
pub fn read_inputs(paths: &[String]) -> impl Iterator<Item = Result<Document, Failure>> {
    Reader {
        pending: paths.iter().rev().map(|p| Pending { path: PathBuf::from(p), walked: false }).collect(),
        feed: None,
        warc: None,
        ready: None,
    }
}

/// Read one stream as stdin is read: a JSONL feed if it starts with `{`, else one text or HTML
/// document. `name` is its origin (`-` for stdin).
pub fn read_stream(stream: Box<dyn BufRead>, name: &str) -> impl Iterator<Item = Result<Document, Failure>> {
    let mut reader = Reader { pending: Vec::new(), feed: None, warc: None, ready: None };
    reader.ready = reader.open_stream(stream, name);
    reader
}

struct Pending {
    path: PathBuf,
    /// Found by walking a directory (only known extensions are read then).
    walked: bool,
}

struct Reader {
    pending: Vec<Pending>,
    feed: Option<Feed>,
    /// An open WARC file.
    warc: Option<crate::warc::Records>,
    /// An item produced before iteration started (a stream read whole).
    ready: Option<Result<Document, Failure>>,
}

/// An open JSONL feed being read line by line.
struct Feed {
    name: String,
    lines: Box<dyn BufRead>,
    line_no: usize,
}

enum Kind {
    Text,
    Html,
    Feed,
    /// A WARC file (`crate::warc`).
    Warc,
    /// Decide from the content.
    Sniff,
}

/// The kind of a file by its name, and whether it is gzip-compressed.
fn kind_of(path: &Path) -> (Kind, bool) {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(n) => (n.to_string(), true),
        None => (name, false),
    };
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let kind = match ext {
        "txt" | "text" | "md" => Kind::Text,
        "html" | "htm" | "xhtml" | "shtml" => Kind::Html,
        "jsonl" | "ndjson" => Kind::Feed,
        "warc" => Kind::Warc,
        _ => Kind::Sniff,
    };
    (kind, gz)
}

impl Iterator for Reader {
    type Item = Result<Document, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.ready.take() {
            return Some(item);
        }
        loop {
            if let Some(feed) = &mut self.feed {
                match feed.next_item() {
                    Some(item) => return Some(item),
                    None => self.feed = None,
                }
            }
            if let Some(warc) = &mut self.warc {
                match warc.next_item() {
                    Some(item) => return Some(item),
                    None => self.warc = None,
                }
            }
            let next = self.pending.pop()?;
            if let Some(item) = self.open(next) {
                return Some(item);
            }
        }
    }
}

impl Reader {
    /// Visit one path: a document or failure, or `None` when it queued more work (a directory's
    /// entries, a feed) or was skipped.
    fn open(&mut self, p: Pending) -> Option<Result<Document, Failure>> {
        let name = p.path.display().to_string();
        if !p.walked && name == "-" {
            return self.open_stdin();
        }
        let md = match std::fs::metadata(&p.path) {
            Ok(md) => md,
            Err(e) => return Some(Err(Failure::new(&name, e.into()))),
        };
        if md.is_dir() {
            return self.queue_dir(&p.path).err().map(|e| Err(Failure::new(&name, e.into())));
        }
        let (kind, gz) = kind_of(&p.path);
        if p.walked && matches!(kind, Kind::Sniff) {
            return None;
        }
        if matches!(kind, Kind::Feed) {
            let file = match File::open(&p.path) {
                Ok(f) => f,
                Err(e) => return Some(Err(Failure::new(&name, e.into()))),
            };
            let reader: Box<dyn Read> = if gz { Box::new(GzDecoder::new(file)) } else { Box::new(file) };
            self.feed = Some(Feed { name, lines: Box::new(BufReader::new(reader)), line_no: 0 });
            return None;
        }
        if matches!(kind, Kind::Warc) {
            // One gzip member per record: read them all, not only the first.
            let file = match File::open(&p.path) {
                Ok(f) => f,
                Err(e) => return Some(Err(Failure::new(&name, e.into()))),
            };
            let reader: Box<dyn Read> =
                if gz { Box::new(flate2::read::MultiGzDecoder::new(file)) } else { Box::new(file) };
            self.warc = Some(crate::warc::Records::new(name, Box::new(BufReader::new(reader))));
            return None;
        }
        if !gz && md.len() > MAX_DOCUMENT {
            return Some(Err(Failure::new(&name, Reason::TooLarge { bytes: md.len() })));
        }
        let bytes = match read_file(&p.path, gz) {
            Ok(b) => b,
            Err(reason) => return Some(Err(Failure::new(&name, reason))),
        };
        Some(document_from_bytes(&bytes, &name, kind, &Given::default()))
    }

    fn queue_dir(&mut self, dir: &Path) -> io::Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        entries.sort();
        self.pending.extend(entries.into_iter().rev().map(|path| Pending { path, walked: true }));
        Ok(())
    }

    fn open_stdin(&mut self) -> Option<Result<Document, Failure>> {
        self.open_stream(Box::new(BufReader::new(io::stdin())), "-")
    }

    fn open_stream(&mut self, mut stream: Box<dyn BufRead>, name: &str) -> Option<Result<Document, Failure>> {
        let starts_with_brace = match stream.fill_buf() {
            Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
            Err(e) => return Some(Err(Failure::new(name, e.into()))),
        };
        if starts_with_brace {
            self.feed = Some(Feed { name: name.into(), lines: stream, line_no: 0 });
            return None;
        }
        let mut bytes = Vec::new();
        if let Err(e) = stream.take(MAX_DOCUMENT + 1).read_to_end(&mut bytes) {
            return Some(Err(Failure::new(name, e.into())));
        }
        if bytes.len() as u64 > MAX_DOCUMENT {
            return Some(Err(Failure::new(name, Reason::TooLarge { bytes: bytes.len() as u64 })));
        }
        Some(document_from_bytes(&bytes, name, Kind::Sniff, &Given::default()))
    }
}

/// A whole file (decompressed when `gz`), at most [`MAX_DOCUMENT`] bytes.
fn read_file(path: &Path, gz: bool) -> Result<Vec<u8>, Reason> {
    let file = File::open(path)?;
    let mut bytes = Vec::new();
    if gz {
        GzDecoder::new(file).take(MAX_DOCUMENT + 1).read_to_end(&mut bytes).map_err(Reason::CorruptGzip)?;
        if bytes.len() as u64 > MAX_DOCUMENT {
            return Err(Reason::TooLarge { bytes: bytes.len() as u64 });
        }
    } else {
        BufReader::new(file).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// A document from a file's bytes: HTML by name or by content, else plain text.
fn document_from_bytes(bytes: &[u8], origin: &str, kind: Kind, given: &Given) -> Result<Document, Failure> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::new(origin, Reason::EmptyFile));
    }
    let utf16 = matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
    if !utf16 && decode::looks_binary(bytes) {
        return Err(Failure::new(origin, Reason::BinaryFile));
    }
    let html = match kind {
        Kind::Html => true,
        Kind::Text => false,
        _ => sniff_html(bytes),
    };
    if html {
        return article_from_html(bytes, origin, given).map(|a| a.document);
    }
    let decoded = decode::decode_text(bytes);
    let article = article_from_decoded(&decoded.text, origin, given, decoded.warnings);
    if article.document.text.is_empty() {
        return Err(Failure::new(origin, Reason::NoText));
    }
    Ok(article.document)
}

/// Markup at the start (after a BOM and whitespace) means HTML.
fn sniff_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let head: Vec<u8> = b[start..b.len().min(start + 512)].to_ascii_lowercase();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || head.starts_with(b"<head")
        || head.starts_with(b"<body")
        || head.starts_with(b"<meta")
        || (head.starts_with(b"<") && memchr::memmem::find(&head, b"<p").is_some())
        || head.starts_with(b"<div")
        || head.starts_with(b"<article")
        || head.starts_with(b"<!--")
}

impl Feed {
    fn origin(&self) -> String {
        format!("{}:{}", self.name, self.line_no)
    }

    /// The next record's document or failure; `None` at the end of the feed.
    fn next_item(&mut self) -> Option<Result<Document, Failure>> {
        loop {
            self.line_no += 1;
            let mut line = Vec::new();
            match read_line_capped(&mut self.lines, &mut line, MAX_DOCUMENT) {
                Ok(LineRead::End) => return None,
                Ok(LineRead::TooLong(len)) => {
                    return Some(Err(Failure::new(&self.origin(), Reason::TooLarge { bytes: len })));
                }
                Ok(LineRead::Line) => {}
                Err(e) => {
                    // The rest of the feed cannot be read (a truncated .gz): report and stop.
                    let failure = Failure::new(&self.origin(), Reason::FeedUnreadable(e));
                    self.lines = Box::new(io::empty());
                    return Some(Err(failure));
                }
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(record(&line, &self.origin()));
        }
    }
}

enum LineRead {
    Line,
    End,
    TooLong(u64),
}

/// Read one line into `buf` without ever holding more than `cap` bytes of it; a longer line
/// is consumed to its end and reported with its length.
fn read_line_capped(r: &mut dyn BufRead, buf: &mut Vec<u8>, cap: u64) -> io::Result<LineRead> {
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(match (any, total > cap) {
                (false, _) => LineRead::End,
                (true, true) => LineRead::TooLong(total),
                (true, false) => LineRead::Line,
            });
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        total += take as u64;
        if total <= cap {
            buf.extend_from_slice(&chunk[..take]);
        } else {
            buf.clear();
        }
        r.consume(take);
        if done {
            return Ok(if total > cap { LineRead::TooLong(total) } else { LineRead::Line });
        }
    }
}

/// One JSONL record: `{"id", "url", "title", "date", "text" | "html"}`.
fn record(line: &[u8], origin: &str) -> Result<Document, Failure> {
    let text = String::from_utf8_lossy(line);
    let value: Value =
        serde_json::from_str(text.trim()).map_err(|e| Failure::new(origin, Reason::InvalidJson(e)))?;
    let Value::Object(obj) = value else {
        return Err(Failure::new(origin, Reason::NotJsonObject));
    };
    let field = |k: &str| match obj.get(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let date = field("date").and_then(|d| dates::parse_date_value(&d));
    let given = Given {
        id: field("id"),
        url: field("url"),
        title: field("title").map(|t| dyad_core::text::normalise(&t)),
        date: date.map(|f| DocDate { date: f.date, time: f.time, source: "input".into() }),
    };
    let mut warnings = Vec::new();
    if matches!(text, std::borrow::Cow::Owned(_)) {
        warnings.push(Warning::new("ingest", "invalid UTF-8 bytes replaced with U+FFFD"));
    }
    let mut doc = if let Some(html) = field("html") {
        article_from_html(html.as_bytes(), origin, &given)?.document
    } else if let Some(body) = field("text") {
        article_from_decoded(&body, origin, &given, Vec::new()).document
    } else {
        return Err(Failure::new(origin, Reason::NoTextOrHtml));
    };
    doc.warnings.extend(warnings);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::SectionKind;
    use std::io::Write;

    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir().join(format!("dyad-ingest-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }
        fn file(&self, name: &str, bytes: &[u8]) -> String {
            let path = self.0.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
            path.display().to_string()
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn read(paths: &[String]) -> Vec<Result<Document, Failure>> {
        read_inputs(paths).collect()
    }

    const STORY: &str = "Talks resume\n\nOfficials met on Tuesday in Geneva, and the talks resumed.";

    #[test]
    fn reads_text_html_and_gzip_files() {
        let s = Scratch::new("files");
        let txt = s.file("a.txt", STORY.as_bytes());
        let html = s.file("b.html", b"<html><body><p>Officials met on Tuesday in Geneva.</p></body></html>");
        let z = s.file("c.txt.gz", &gz(STORY.as_bytes()));
        let docs = read(&[txt.clone(), html, z]);
        let docs: Vec<Document> = docs.into_iter().map(Result::unwrap).collect();
        assert_eq!(docs[0].meta.title.as_deref(), Some("Talks resume"));
        assert_eq!(docs[0].meta.origin, txt);
        assert!(docs[1].text.contains("Officials met"));
        assert_eq!(docs[2].text, docs[0].text);
    }

    #[test]
    fn walks_directories_in_order_skipping_hidden() {
        let s = Scratch::new("dir");
        s.file("b/2.txt", b"second");
        s.file("a.txt", b"first");
        s.file("b/1.html", b"<p>middle</p>");
        s.file(".hidden.txt", b"hidden");
        s.file("b/.git/x.txt", b"hidden too");
        s.file("notes.bin", b"\0\0");
        let docs = read(&[s.0.display().to_string()]);
        let texts: Vec<String> = docs.into_iter().map(|d| d.unwrap().text).collect();
        assert_eq!(texts, ["first", "middle", "second"]);
    }

    #[test]
    fn jsonl_lines_fail_alone() {
        let s = Scratch::new("jsonl");
        let feed = concat!(
            r#"{"id": "a1", "url": "https://news.example.com/x", "title": "One", "date": "2024-11-02", "text": "First story."}"#,
            "\n",
            r#"{"id": 2, "text": "broken"#,
            "\n\n",
            r#"{"id": "a3", "html": "<p>Third story.</p>"}"#,
            "\n",
            r#"{"id": "a4"}"#,
            "\n"
        );
        let path = s.file("feed.jsonl", feed.as_bytes());
        let items = read(std::slice::from_ref(&path));
        assert_eq!(items.len(), 4);
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.meta.external_id.as_deref(), Some("a1"));
        assert_eq!(first.meta.origin, format!("{path}:1"));
        assert_eq!(first.meta.date.as_ref().unwrap().source, "input");
        assert_eq!(first.meta.outlet.as_deref(), Some("news.example.com"));
        let broken = items[1].as_ref().unwrap_err();
        assert_eq!(broken.origin, format!("{path}:2"));
        assert!(matches!(broken.reason, Reason::InvalidJson(_)));
        assert_eq!(items[2].as_ref().unwrap().meta.origin, format!("{path}:4"));
        assert!(matches!(items[3].as_ref().unwrap_err().reason, Reason::NoTextOrHtml));
    }

    #[test]
    fn bad_inputs_fail_alone_with_a_reason() {
        let s = Scratch::new("bad");
        let good = s.file("good.txt", STORY.as_bytes());
        let binary = s.file("x.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
        let empty = s.file("empty.txt", b"");
        let mut truncated = gz(STORY.repeat(50).as_bytes());
        truncated.truncate(truncated.len() / 2);
        let truncated = s.file("t.txt.gz", &truncated);
        let missing = s.0.join("missing.txt").display().to_string();
        let invalid = s.file("latin1.txt", b"Caf\xe9 talks resumed.");
        let items = read(&[binary, empty, truncated, missing, invalid, good]);
        let reasons: Vec<&Reason> = items.iter().take(4).map(|r| &r.as_ref().unwrap_err().reason).collect();
        assert!(matches!(reasons[0], Reason::BinaryFile), "{reasons:?}");
        assert!(matches!(reasons[1], Reason::EmptyFile), "{reasons:?}");
        assert!(matches!(reasons[2], Reason::CorruptGzip(_)), "{reasons:?}");
        assert!(matches!(reasons[3], Reason::NotFound), "{reasons:?}");
        assert_eq!(reasons[3].to_string(), "no such file or directory");
        let latin = items[4].as_ref().unwrap();
        assert_eq!(latin.text, "Caf\u{fffd} talks resumed.");
        assert_eq!(latin.warnings.len(), 1);
        assert!(items[5].is_ok());
    }

    #[test]
    fn streams_are_a_feed_or_one_document() {
        let stream = |s: &'static str| read_stream(Box::new(io::Cursor::new(s)), "-").collect::<Vec<_>>();
        let feed = stream("{\"text\": \"One.\"}\n{broken\n{\"html\": \"<p>Two.</p>\"}\n");
        assert_eq!(feed.len(), 3);
        assert_eq!(feed[0].as_ref().unwrap().meta.origin, "-:1");
        assert_eq!(feed[1].as_ref().unwrap_err().origin, "-:2");
        assert_eq!(feed[2].as_ref().unwrap().text, "Two.");
        let html = stream("<!doctype html><p>A page.</p>");
        assert_eq!(html[0].as_ref().unwrap().text, "A page.");
        let text = stream("Title\n\nA story.");
        assert_eq!(text[0].as_ref().unwrap().meta.title.as_deref(), Some("Title"));
        assert!(matches!(stream("")[0].as_ref().unwrap_err().reason, Reason::EmptyFile));
    }

    #[test]
    fn a_jsonl_title_is_the_headline_and_the_first_paragraph_stays_the_story() {
        let stream = |s: &'static str| read_stream(Box::new(io::Cursor::new(s)), "-").collect::<Vec<_>>();
        let headline_and_body = |doc: &Document| -> (String, String) {
            let of = |headline: bool| {
                let sections = doc.sections.iter().filter(|s| (s.kind == SectionKind::Headline) == headline);
                sections.map(|s| doc.span_text(s.span)).collect::<Vec<_>>().join("|")
            };
            (of(true), of(false))
        };
        let feed = stream(concat!(
            "{\"title\": \"Ministers agree on fishing quotas\", ",
            "\"text\": \"Ministers agreed on Friday to cut fishing quotas.\\n\\nThe deal ends months of talks.\"}\n",
            "{\"title\": \"Talks resume\", \"text\": \"Talks resume\\n\\nOfficials met on Tuesday.\"}\n",
            "{\"text\": \"Talks resume\\n\\nOfficials met on Tuesday.\"}\n",
        ));
        let docs: Vec<Document> = feed.into_iter().map(Result::unwrap).collect();
        let (headline, body) = headline_and_body(&docs[0]);
        assert_eq!(headline, "Ministers agree on fishing quotas");
        assert_eq!(body, "Ministers agreed on Friday to cut fishing quotas.|The deal ends months of talks.");
        // A first paragraph that repeats the title is the headline, once.
        assert_eq!(headline_and_body(&docs[1]), ("Talks resume".into(), "Officials met on Tuesday.".into()));
        // Without a title the first line is still taken for the headline.
        assert_eq!(headline_and_body(&docs[2]), headline_and_body(&docs[1]));
    }

    #[test]
    fn a_date_the_story_mentions_is_not_the_documents() {
        let date = |text: &str| crate::document_from_text(text, "t").meta.date.map(|d| d.date.to_string());
        let lead = "Detainees freed\n\nThe men held since the attacks of 11 September 2001 are to be freed.\n\nMore.";
        assert_eq!(date(lead), None);
        let dateline = "Detainees freed\n\nLONDON, 12 March 2005 - The men are to be freed.\n\nMore.";
        assert_eq!(date(dateline), Some("2005-03-12".into()));
    }

    #[test]
    fn a_fifty_megabyte_line_is_refused_without_reading_it_all() {
        let s = Scratch::new("big");
        let line = vec![b'a'; 50 << 20];
        let big = s.file("big.txt", &line);
        let err = read(&[big]).remove(0).unwrap_err();
        assert!(matches!(err.reason, Reason::TooLarge { bytes } if bytes == 50 << 20), "{err}");
        // The same line inside a feed fails alone; the next record is read.
        let mut feed = b"{\"text\": \"".to_vec();
        feed.extend_from_slice(&line);
        feed.extend_from_slice(b"\"}\n{\"text\": \"after\"}\n");
        let feed = s.file("big.jsonl", &feed);
        let items = read(&[feed]);
        assert!(matches!(items[0].as_ref().unwrap_err().reason, Reason::TooLarge { .. }));
        assert_eq!(items[1].as_ref().unwrap().text, "after");
    }
}
