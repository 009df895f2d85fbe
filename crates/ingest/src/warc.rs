//! WARC files (`.warc`, `.warc.gz` of one gzip member per record, as Common Crawl's CC-NEWS
//! writes them): each `response` record whose HTTP payload is HTML becomes a document, with
//! `WARC-Target-URI` as its URL and `WARC-Date` as its date when the page states none (date
//! source `fetch`). Other responses (images, PDFs, robots.txt) and records cut short are
//! reported as failures naming the record, so they are counted and stored, never silently
//! lost; `warcinfo`, `request` and `metadata` records are not documents and pass unremarked.
//!
//! A record is a version line (`WARC/1.0`), header lines, a blank line, `Content-Length`
//! bytes of block and a blank line; a response's block is the HTTP status line, headers, a
//! blank line and the payload.

use crate::error::{Failure, Reason};
use crate::read::MAX_DOCUMENT;
use crate::Given;
use dyad_core::{DocDate, Document};
use std::io::{self, BufRead, Read};

/// An open WARC file, read one record at a time.
pub(crate) struct Records {
    name: String,
    input: Box<dyn BufRead>,
    record_no: usize,
}

/// One record's headers and block.
struct Record {
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

enum Next {
    Record(Record),
    /// A record over the size cap: its block was skipped unread.
    TooLarge(u64),
    End,
}

impl Records {
    pub(crate) fn new(name: String, input: Box<dyn BufRead>) -> Records {
        Records { name, input, record_no: 0 }
    }

    fn origin(&self, uri: Option<&str>) -> String {
        match uri {
            Some(u) => format!("{}:record {} ({u})", self.name, self.record_no),
            None => format!("{}:record {}", self.name, self.record_no),
        }
    }

    /// The next document or failure; `None` at the end of the file.
    pub(crate) fn next_item(&mut self) -> Option<Result<Document, Failure>> {
        loop {
            self.record_no += 1;
            let record = match self.read_record() {
                Ok(Next::End) => return None,
                Ok(Next::TooLarge(bytes)) => {
                    return Some(Err(Failure::new(&self.origin(None), Reason::TooLarge { bytes })))
                }
                Ok(Next::Record(r)) => r,
                Err(reason) => {
                    // Nothing after a broken record can be found again: report and stop.
                    self.input = Box::new(io::empty());
                    return Some(Err(Failure::new(&self.origin(None), reason)));
                }
            };
            if !record.header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response")) {
                continue;
            }
            let uri = record.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
            let origin = self.origin(uri.as_deref());
            return Some(response_document(&record, uri, &origin));
        }
    }

    fn read_record(&mut self) -> Result<Next, Reason> {
        // The version line, after any blank lines left between records.
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = (&mut self.input).take(4096).read_until(b'\n', &mut line).map_err(warc_io)?;
            if n == 0 {
                return Ok(Next::End);
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&line[..line.len().min(40)]).trim().to_string();
            return Err(Reason::Warc(format!("expected a WARC version line, found {shown:?}")));
        }
        let mut headers = Vec::new();
        loop {
            line.clear();
            let n = (&mut self.input).take(65536).read_until(b'\n', &mut line).map_err(warc_io)?;
            if n == 0 {
                return Err(Reason::Warc("truncated record: the headers do not end".into()));
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if let Some((k, v)) = text.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let length: u64 = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(|| Reason::Warc("record without a valid Content-Length".into()))?;
        if length > MAX_DOCUMENT {
            let skipped = io::copy(&mut (&mut self.input).take(length), &mut io::sink()).map_err(warc_io)?;
            if skipped < length {
                return Err(Reason::Warc(format!("truncated record: {skipped} of {length} bytes")));
            }
            self.skip_separator()?;
            return Ok(Next::TooLarge(length));
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut self.input).take(length).read_to_end(&mut block).map_err(warc_io)?;
        if (block.len() as u64) < length {
            return Err(Reason::Warc(format!("truncated record: {} of {length} bytes", block.len())));
        }
        self.skip_separator()?;
        Ok(Next::Record(Record { headers, block }))
    }

    /// The blank line (CRLF CRLF) after a block.
    fn skip_separator(&mut self) -> Result<(), Reason> {
        loop {
            let buf = self.input.fill_buf().map_err(warc_io)?;
            match buf.first() {
                Some(b'\r' | b'\n') => self.input.consume(1),
                _ => return Ok(()),
            }
        }
    }
}

fn warc_io(e: io::Error) -> Reason {
    Reason::Warc(format!("unreadable: {e}"))
}

/// The document of one response record, or why it is skipped.
fn response_document(record: &Record, uri: Option<String>, origin: &str) -> Result<Document, Failure> {
    let block = &record.block;
    let Some(head_end) = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| i + 2))
    else {
        return Err(Failure::new(origin, Reason::Warc("response without HTTP headers".into())));
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code = status.split_whitespace().nth(1).unwrap_or("");
    if !code.starts_with('2') {
        return Err(Failure::new(origin, Reason::Warc(format!("skipped: HTTP status {}", status.trim()))));
    }
    let header = |name: &str| {
        head.lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_ascii_lowercase())
    };
    let content_type = header("content-type").unwrap_or_default();
    let html = content_type.is_empty()
        || content_type.starts_with("text/html")
        || content_type.starts_with("application/xhtml");
    if !html {
        return Err(Failure::new(origin, Reason::Warc(format!("skipped: not HTML ({content_type})"))));
    }
    let given = Given { url: uri, ..Given::default() };
    let mut doc = crate::article_from_html(&block[head_end..], origin, &given)?.document;
    if doc.meta.date.is_none() {
        doc.meta.date = record.header("WARC-Date").and_then(fetch_date);
    }
    Ok(doc)
}

/// `2024-11-02T09:30:00Z` as the document's date, from the fetch.
fn fetch_date(value: &str) -> Option<DocDate> {
    let found = crate::dates::parse_date_value(value)?;
    Some(DocDate { date: found.date, time: found.time, source: "fetch".into() })
}
