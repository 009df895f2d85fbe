//! Readers: files (`.txt`, `.html`, `.gz` of either), directories (recursive, sorted, hidden
//! entries skipped), JSONL/NDJSON feeds (one article per line), and `-` for stdin.
//!
//! Everything is lazy: [`read_inputs`] keeps a stack of paths still to visit and at most one
//! open feed, and reads one document per step. Each failure is one item naming its input.
//!
//! A path named on the command line is always read (its kind sniffed from the content when the
//! extension says nothing), whatever it is: a file, a named pipe, a device. Inside a directory
//! only `.txt`, `.html`/`.htm`, `.jsonl`/`.ndjson` (and their `.gz`) are read, so that images
//! and other files beside the articles are skipped silently; named pipes, sockets and devices
//! there are skipped with a [`Skip`] item (reading them could wait forever), and so are
//! directories and files reached a second time through symbolic links (a link loop is walked
//! once; each file is read once).
//!
//! Gzip is recognised by its magic bytes whatever the name, and read whole: every member of a
//! multi-member file (`cat a.gz b.gz`). Every input is read through a limit: a document over
//! [`MAX_DOCUMENT`] bytes (a 50 MB single-line file, `/dev/zero`, a decompression bomb) fails
//! once that much has been read, without reading the rest. Empty standard input is no
//! documents, not a failure (an empty partition of a streaming job); an empty file fails.

use crate::{article_from_decoded, article_from_html, dates, decode, Failure, Given, Reason, Skip};
use dyad_core::{DocDate, Document, Warning};
use flate2::bufread::MultiGzDecoder;
use serde_json::Value;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The largest single document (file or JSONL line) we read. A 20 MB page is fine; anything
/// past this is not an article.
pub const MAX_DOCUMENT: u64 = 32 << 20;

/// How far past a JSONL line over [`MAX_DOCUMENT`] the reader looks for that line's end before
/// it gives the rest of the feed up (a runaway line, or a decompression bomb).
pub const MAX_SKIP: u64 = 4 * MAX_DOCUMENT;

/// The gzip magic bytes.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Read every input (a file, a directory read recursively, or `-` for stdin) and yield each
/// document found, or the failure of each one that could not be read. Entries a directory walk
/// passes over on purpose are yielded as failures whose reason is a skip
/// ([`Reason::is_skip`]): callers report them as warnings.
pub fn read_inputs(paths: &[String]) -> impl Iterator<Item = Result<Document, Failure>> {
    Reader::new(paths, None)
}

/// [`read_inputs`] for a caller that keeps what it read before (a store): each input's
/// [`input_key`] is given to `known` before the input is extracted, and an input it says is
/// known is yielded as a failure whose reason is [`Reason::Known`], without parsing, decoding,
/// extracting or hashing its text. Skipping a stored input then costs reading its bytes and
/// one lookup, not the extraction, so a restarted ingest gets past what it stored at once.
/// Every document read gets its key in `Meta::input_key`, for the caller to remember.
pub fn read_inputs_except(
    paths: &[String],
    known: impl FnMut(&str) -> bool + Send + 'static,
) -> impl Iterator<Item = Result<Document, Failure>> {
    Reader::new(paths, Some(Box::new(known)))
}

/// The key of one input's bytes as the reader reads them (a JSONL line, a file's decompressed
/// bytes): the content hash of the bytes, what they were read as (`line`, `text`, `html`,
/// `sniff`) and this reader's version, since another version may extract other text from the
/// same bytes. Equal keys mean the same document.
pub fn input_key(read_as: &str, bytes: &[u8]) -> String {
    let mut keyed = Vec::with_capacity(bytes.len() + 32);
    keyed.extend_from_slice(b"dyad-ingest ");
    keyed.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    keyed.push(b' ');
    keyed.extend_from_slice(read_as.as_bytes());
    keyed.push(0);
    keyed.extend_from_slice(bytes);
    dyad_core::text::content_hash(&keyed)
}

/// Asks whether an input's key is known (see [`read_inputs_except`]).
type Known = Box<dyn FnMut(&str) -> bool + Send>;

/// Read one stream as stdin is read: gzip decompressed, then a JSONL feed if it starts with
/// `{` (after a byte-order mark), else one text or HTML document; an empty stream is no
/// documents. `name` is its origin (`-` for stdin).
pub fn read_stream(stream: Box<dyn BufRead>, name: &str) -> impl Iterator<Item = Result<Document, Failure>> {
    let mut reader = Reader::new(&[], None);
    reader.ready = reader.open_source(stream, name, Kind::Sniff, true);
    reader
}

struct Pending {
    path: PathBuf,
    /// Found by walking a directory (only known extensions are read then).
    walked: bool,
}

/// A file's identity: device and inode.
type FileId = (u64, u64);

struct Reader {
    pending: Vec<Pending>,
    feed: Option<Feed>,
    /// An open WARC file.
    warc: Option<crate::warc::Records>,
    /// An item produced before iteration started (a stream read whole).
    ready: Option<Result<Document, Failure>>,
    /// Directories walked so far, so that a symbolic link back to one is not walked again.
    seen_dirs: HashSet<FileId>,
    /// Files read from directory walks so far, so that each is read once.
    seen_files: HashSet<FileId>,
    /// The caller's question whether an input was read before ([`read_inputs_except`]).
    known: Option<Known>,
}

/// An open JSONL feed being read line by line.
struct Feed {
    name: String,
    lines: Box<dyn BufRead>,
    line_no: usize,
}

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Html,
    Feed,
    /// A WARC file (`crate::warc`).
    Warc,
    /// Decide from the content.
    Sniff,
}

/// The kind of a file by its name (a `.gz` suffix looked through).
fn kind_of(path: &Path) -> Kind {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "txt" | "text" | "md" => Kind::Text,
        "html" | "htm" | "xhtml" | "shtml" => Kind::Html,
        "jsonl" | "ndjson" => Kind::Feed,
        "warc" => Kind::Warc,
        _ => Kind::Sniff,
    }
}

#[cfg(unix)]
fn file_id(md: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((md.dev(), md.ino()))
}

#[cfg(not(unix))]
fn file_id(_md: &std::fs::Metadata) -> Option<FileId> {
    None
}

/// What a path is when it is neither a regular file nor a directory.
#[cfg(unix)]
fn special_kind(md: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = md.file_type();
    if t.is_fifo() {
        Some("named pipe")
    } else if t.is_socket() {
        Some("socket")
    } else if t.is_block_device() || t.is_char_device() {
        Some("device")
    } else {
        None
    }
}

#[cfg(not(unix))]
fn special_kind(md: &std::fs::Metadata) -> Option<&'static str> {
    (!md.is_file() && !md.is_dir()).then_some("special file")
}

impl Iterator for Reader {
    type Item = Result<Document, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.ready.take() {
            return Some(item);
        }
        loop {
            if let Some(feed) = &mut self.feed {
                match feed.next_item(&mut self.known) {
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
    /// A reader of `paths`, in order, asking `known` (if any) before extracting an input.
    fn new(paths: &[String], known: Option<Known>) -> Reader {
        Reader {
            pending: paths.iter().rev().map(|p| Pending { path: PathBuf::from(p), walked: false }).collect(),
            feed: None,
            warc: None,
            ready: None,
            seen_dirs: HashSet::new(),
            seen_files: HashSet::new(),
            known,
        }
    }

    /// Visit one path: a document or failure, or `None` when it queued more work (a directory's
    /// entries, a feed) or was passed over silently.
    fn open(&mut self, p: Pending) -> Option<Result<Document, Failure>> {
        let name = p.path.display().to_string();
        if !p.walked && name == "-" {
            return self.open_source(Box::new(BufReader::new(io::stdin())), "-", Kind::Sniff, true);
        }
        let md = match std::fs::metadata(&p.path) {
            Ok(md) => md,
            Err(e) => return Some(Err(Failure::new(&name, e.into()))),
        };
        let skipped = |skip| Some(Err(Failure::new(&name, Reason::Skipped(skip))));
        if md.is_dir() {
            if let Some(id) = file_id(&md) {
                if !self.seen_dirs.insert(id) {
                    return skipped(Skip::RepeatedDirectory);
                }
            }
            return self.queue_dir(&p.path).err().map(|e| Err(Failure::new(&name, e.into())));
        }
        let kind = kind_of(&p.path);
        if p.walked {
            if let Some(what) = special_kind(&md) {
                return skipped(Skip::Special(what));
            }
            if matches!(kind, Kind::Sniff) {
                return None;
            }
        }
        if let Some(id) = file_id(&md).filter(|_| md.is_file()) {
            if !self.seen_files.insert(id) && p.walked {
                return skipped(Skip::RepeatedFile);
            }
        }
        let file = match File::open(&p.path) {
            Ok(f) => f,
            Err(e) => return Some(Err(Failure::new(&name, e.into()))),
        };
        let mut stream = BufReader::new(file);
        // A plain file's size is known before reading it; a compressed one's is not.
        let gz = matches!(stream.fill_buf(), Ok(b) if b.starts_with(&GZIP_MAGIC));
        if matches!(kind, Kind::Warc) {
            // One gzip member per record: read them all, not only the first.
            let records: Box<dyn BufRead> =
                if gz { Box::new(BufReader::new(MultiGzDecoder::new(stream))) } else { Box::new(stream) };
            self.warc = Some(crate::warc::Records::new(name, records));
            return None;
        }
        if md.is_file() && !gz && md.len() > MAX_DOCUMENT && !matches!(kind, Kind::Feed) {
            return Some(Err(Failure::new(&name, Reason::TooLarge { bytes: md.len() })));
        }
        self.open_source(Box::new(stream), &name, kind, false)
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

    /// Read one opened input: decompressed if it is gzip, then a feed (by `kind`, or by a
    /// leading `{` when the kind is to be sniffed) or one document read through the limit.
    /// `stream` is true for stdin and other streams, where no bytes at all means no documents.
    fn open_source(
        &mut self,
        mut input: Box<dyn BufRead>,
        name: &str,
        kind: Kind,
        stream: bool,
    ) -> Option<Result<Document, Failure>> {
        let gz = match input.fill_buf() {
            Ok(buf) => buf.starts_with(&GZIP_MAGIC),
            Err(e) => return Some(Err(Failure::new(name, e.into()))),
        };
        let mut input: Box<dyn BufRead> =
            if gz { Box::new(BufReader::new(MultiGzDecoder::new(input))) } else { input };
        let read_error = |e: io::Error| if gz { Reason::CorruptGzip(e) } else { e.into() };
        let is_feed = match kind {
            Kind::Feed => true,
            Kind::Sniff => match skip_bom(&mut input) {
                Ok(()) => match input.fill_buf() {
                    Ok(buf) => buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
                    Err(e) => return Some(Err(Failure::new(name, read_error(e)))),
                },
                Err(e) => return Some(Err(Failure::new(name, read_error(e)))),
            },
            Kind::Text | Kind::Html | Kind::Warc => false,
        };
        if is_feed {
            if let Err(e) = skip_bom(&mut input) {
                return Some(Err(Failure::new(name, read_error(e))));
            }
            self.feed = Some(Feed { name: name.into(), lines: input, line_no: 0 });
            return None;
        }
        let mut bytes = Vec::new();
        if let Err(e) = input.take(MAX_DOCUMENT + 1).read_to_end(&mut bytes) {
            return Some(Err(Failure::new(name, read_error(e))));
        }
        if bytes.len() as u64 > MAX_DOCUMENT {
            return Some(Err(Failure::new(name, Reason::OverLimit)));
        }
        if stream && bytes.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        let read_as = match kind {
            Kind::Text => "text",
            Kind::Html => "html",
            Kind::Feed | Kind::Warc | Kind::Sniff => "sniff",
        };
        let key = input_key(read_as, &bytes);
        if is_known(&mut self.known, &key) {
            return Some(Err(Failure::new(name, Reason::Known)));
        }
        Some(document_from_bytes(&bytes, name, kind, &Given::default()).map(|mut doc| {
            doc.meta.input_key = Some(key);
            doc
        }))
    }
}

/// Whether the caller knows `key` (never, when it did not ask).
fn is_known(known: &mut Option<Known>, key: &str) -> bool {
    known.as_mut().is_some_and(|known| known(key))
}

/// Consume a UTF-8 byte-order mark at the start of `input`, if there is one.
fn skip_bom(input: &mut Box<dyn BufRead>) -> io::Result<()> {
    const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
    if input.fill_buf()?.starts_with(&BOM) {
        input.consume(BOM.len());
    }
    Ok(())
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
    let mut article = article_from_decoded(&decoded.text, origin, given, decoded.warnings);
    if article.document.text.is_empty() {
        return Err(Failure::new(origin, Reason::NoText));
    }
    article.document.meta.encoding = Some(decoded.encoding.to_string());
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
    fn next_item(&mut self, known: &mut Option<Known>) -> Option<Result<Document, Failure>> {
        loop {
            self.line_no += 1;
            let mut line = Vec::new();
            match read_line_capped(&mut self.lines, &mut line, MAX_DOCUMENT, MAX_SKIP) {
                Ok(LineRead::End) => return None,
                Ok(LineRead::TooLong(len)) => {
                    return Some(Err(Failure::new(&self.origin(), Reason::TooLarge { bytes: len })));
                }
                Ok(LineRead::Runaway) => {
                    self.lines = Box::new(io::empty());
                    return Some(Err(Failure::new(&self.origin(), Reason::RunawayLine)));
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
            // The line's end (a last line may have none) is not part of the record.
            let content = line.strip_suffix(b"\n").unwrap_or(&line);
            let content = content.strip_suffix(b"\r").unwrap_or(content);
            let key = input_key("line", content);
            if is_known(known, &key) {
                return Some(Err(Failure::new(&self.origin(), Reason::Known)));
            }
            return Some(record(&line, &self.origin()).map(|mut doc| {
                doc.meta.input_key = Some(key);
                doc
            }));
        }
    }
}

enum LineRead {
    Line,
    End,
    TooLong(u64),
    /// Longer than the skip limit: the line's end was not found.
    Runaway,
}

/// Read one line into `buf` without ever holding more than `cap` bytes of it; a longer line
/// is consumed to its end and reported with its length, unless it goes on past `skip` bytes.
fn read_line_capped(r: &mut dyn BufRead, buf: &mut Vec<u8>, cap: u64, skip: u64) -> io::Result<LineRead> {
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
        if total > skip {
            return Ok(LineRead::Runaway);
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
    let mut warnings = Vec::new();
    let given_date = field("date");
    let date = given_date.as_deref().and_then(dates::parse_date_value);
    if let (Some(raw), None) = (&given_date, &date) {
        // The record is kept: its date is then found in the page or text, as without one.
        let raw: String = raw.chars().take(40).collect();
        warnings.push(Warning::new(
            "ingest",
            format!("\"date\" {raw:?} is not a date (write e.g. 2024-11-02); ignored"),
        ));
    }
    let given = Given {
        id: field("id"),
        url: field("url"),
        title: field("title").map(|t| dyad_core::text::normalise(&t)),
        date: date.map(|f| DocDate { date: f.date, time: f.time, source: "input".into() }),
    };
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
    // JSON is UTF-8, whatever a page inside it declares.
    doc.meta.encoding = Some("UTF-8".into());
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
        assert_eq!(latin.text, "Café talks resumed.");
        assert_eq!(latin.meta.encoding.as_deref(), Some("windows-1252"));
        assert_eq!(latin.warnings.len(), 1, "the charset was a guess, and says so");
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
        assert!(stream("").is_empty(), "an empty stream is no documents");
        assert!(stream(" \n").is_empty());
        let bom = stream("\u{feff}{\"text\": \"One.\"}\n{\"text\": \"Two.\", \"date\": \"soon\"}\n");
        let docs: Vec<Document> = bom.into_iter().map(Result::unwrap).collect();
        assert_eq!(docs.len(), 2, "a BOM does not hide a feed");
        assert_eq!(docs[1].meta.origin, "-:2");
        assert!(
            docs[1].warnings.iter().any(|w| w.message.contains("\"soon\" is not a date")),
            "{:?}",
            docs[1].warnings
        );
    }

    #[test]
    fn every_gzip_member_is_read_and_the_limit_holds_after_decompression() {
        let s = Scratch::new("gzmembers");
        let mut two = gz(b"{\"text\": \"One.\"}\n");
        two.extend(gz(b"{\"text\": \"Two.\"}\n"));
        let feed = s.file("ab.jsonl.gz", &two);
        let texts: Vec<String> = read(&[feed]).into_iter().map(|d| d.unwrap().text).collect();
        assert_eq!(texts, ["One.", "Two."]);
        let mut text = gz(b"First part.\n\n");
        text.extend(gz(b"Second part."));
        let file = s.file("ab.txt.gz", &text);
        assert_eq!(read(&[file]).remove(0).unwrap().text, "First part.\n\nSecond part.");
        let from_stdin: Vec<_> = read_stream(Box::new(io::Cursor::new(two.clone())), "-").collect();
        assert_eq!(from_stdin.len(), 2);
        let bomb = s.file("bomb.txt.gz", &gz(&vec![b'a'; (MAX_DOCUMENT + 10) as usize]));
        assert!(matches!(read(&[bomb]).remove(0).unwrap_err().reason, Reason::OverLimit));
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_link_loops_are_walked_once() {
        let s = Scratch::new("loops");
        s.file("a.txt", b"First story.");
        s.file("sub/b.txt", b"Second story.");
        std::os::unix::fs::symlink(&s.0, s.0.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(s.0.join("sub"), s.0.join("side")).unwrap();
        std::os::unix::fs::symlink(s.0.join("a.txt"), s.0.join("sub/again.txt")).unwrap();
        let items = read(&[s.0.display().to_string()]);
        let texts: Vec<&str> =
            items.iter().filter_map(|i| i.as_ref().ok()).map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["First story.", "Second story."]);
        let skips: Vec<&Failure> = items.iter().filter_map(|i| i.as_ref().err()).collect();
        assert!(skips.iter().all(|f| f.reason.is_skip()), "{skips:?}");
        assert_eq!(skips.len(), 3, "{skips:?}");
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

    #[test]
    fn a_known_input_is_passed_over_before_it_is_extracted() {
        let s = Scratch::new("known");
        // The second record has no text: extracted, it would fail.
        let lines =
            ["{\"text\": \"Talks resumed in Geneva.\"}", "{\"id\": 7}", "{\"text\": \"Talks failed.\"}"];
        let feed = s.file("feed.jsonl", format!("{}\r\n{}\n{}", lines[0], lines[1], lines[2]).as_bytes());
        let story = s.file("story.txt", STORY.as_bytes());
        let known_keys = [input_key("line", lines[1].as_bytes()), input_key("text", STORY.as_bytes())];
        let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = asked.clone();
        let items: Vec<_> = read_inputs_except(&[feed.clone(), story], move |key: &str| {
            log.lock().unwrap().push(key.to_string());
            known_keys.iter().any(|k| k == key)
        })
        .collect();
        assert_eq!(asked.lock().unwrap().len(), 4, "one question per input");
        assert_eq!(
            items[0].as_ref().unwrap().meta.input_key.as_deref(),
            Some(&*input_key("line", lines[0].as_bytes()))
        );
        let known = items[1].as_ref().unwrap_err();
        assert!(known.reason.is_known() && !known.reason.is_skip(), "{known}");
        assert_eq!(known.origin, format!("{feed}:2"));
        assert_eq!(items[2].as_ref().unwrap().text, "Talks failed.");
        assert!(items[3].as_ref().unwrap_err().reason.is_known());
        // Without the question every input is read, and the line without text fails.
        let plain = read(&[feed]);
        assert!(matches!(plain[1].as_ref().unwrap_err().reason, Reason::NoTextOrHtml));
        // The key depends on what the bytes are read as.
        assert_ne!(input_key("text", b"a"), input_key("html", b"a"));
    }
}
