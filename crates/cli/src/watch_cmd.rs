//! `dyad watch --feeds FILE [--every 15m | --once]`: read RSS/Atom feeds, fetch the articles
//! they list that the database has not seen, and ingest them.
//!
//! Politely: robots.txt is read once per host and obeyed (the `*` and `dyad` groups'
//! `Disallow` prefixes); requests to one host are spaced by `--delay`; feeds are fetched with
//! `If-None-Match` / `If-Modified-Since` from the last fetch; every request has a timeout and
//! a size cap; a connection error or a 5xx is retried with a doubling pause. Each article URL
//! is fetched once across restarts (the store's `seen_urls`); a failure is recorded in the
//! store's failures table under the URL. Ctrl-C stops between articles. Articles are fetched
//! and extracted on a thread of their own, a few ahead of the coding, and stored on a writer
//! thread behind it, so that the network's waits and the database's writes hide behind the
//! coding (`tools/watch_overhead.py` measures what the watch
//! adds per article over `dyad ingest` of the same pages).
//!
//! A document's date is the page's published date, else the feed item's date (source `feed`),
//! else the fetch date (source `fetch`).

use crate::DbArg;
use anyhow::Context as _;
use dyad_core::{DocDate, Document};
use dyad_store::{Added, Store};
use std::collections::HashMap;
use std::io::Read;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// A file of feed URLs, one a line (blank lines and `#` comments skipped).
    #[arg(long)]
    feeds: std::path::PathBuf,
    /// Time between rounds: `90s`, `15m`, `1h`.
    #[arg(long, default_value = "15m", value_parser = parse_every, conflicts_with = "once")]
    every: Duration,
    /// One round, then exit.
    #[arg(long)]
    once: bool,
    /// Seconds between two requests to the same host.
    #[arg(long, default_value_t = 1.0)]
    delay: f64,
    /// Seconds before a request is given up.
    #[arg(long, default_value_t = 20.0)]
    timeout: f64,
    /// Largest page or feed read, in bytes.
    #[arg(long, default_value_t = 5 << 20)]
    max_bytes: u64,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    dicts: crate::annotate::DictArgs,
}

fn parse_every(s: &str) -> Result<Duration, String> {
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = n.parse().map_err(|_| format!("{s:?}: expected a number and s, m or h (15m)"))?;
    let secs = match unit {
        "s" | "" => n,
        "m" => n * 60,
        "h" => n * 3600,
        _ => return Err(format!("{s:?}: unit must be s, m or h")),
    };
    Ok(Duration::from_secs(secs.max(1)))
}

/// What one round did.
#[derive(Default)]
struct Round {
    stored: usize,
    failed: usize,
    events: usize,
}

struct Fetcher {
    agent: ureq::Agent,
    delay: Duration,
    max_bytes: u64,
    last_request: HashMap<String, Instant>,
    robots: HashMap<String, Vec<String>>,
    stop: Arc<AtomicBool>,
}

/// A fetched body with its response headers that matter here.
struct Fetched {
    body: Vec<u8>,
    etag: Option<String>,
    last_modified: Option<String>,
    content_type: String,
}

enum FetchOutcome {
    Body(Fetched),
    NotModified,
}

const USER_AGENT: &str = concat!("dyad/", env!("CARGO_PKG_VERSION"), " (news event coder)");

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst))
            .context("installing the Ctrl-C handler")?;
    }
    let pipeline = args.dicts.pipeline()?;
    let mut store = dyad_store::Store::open(&args.db.path())?;
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs_f64(args.timeout.max(0.1)))
        .redirects(5)
        .user_agent(USER_AGENT)
        .build();
    let mut fetcher = Fetcher {
        agent,
        delay: Duration::from_secs_f64(args.delay.max(0.0)),
        max_bytes: args.max_bytes,
        last_request: HashMap::new(),
        robots: HashMap::new(),
        stop: stop.clone(),
    };
    let mut any_failed = false;
    loop {
        let feeds = std::fs::read_to_string(&args.feeds)
            .with_context(|| format!("reading the feed list {}", args.feeds.display()))?;
        let started = Instant::now();
        let round = watch_round(&feeds, &mut fetcher, &mut store, &pipeline)?;
        any_failed |= round.failed > 0;
        eprintln!(
            "{} stored ({} events), {} failed in {:.1} s  [{}]",
            round.stored,
            round.events,
            round.failed,
            started.elapsed().as_secs_f64(),
            args.db.path().display()
        );
        if args.once || stop.load(Ordering::SeqCst) {
            break;
        }
        let wake = Instant::now() + args.every;
        while Instant::now() < wake && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(100));
        }
        if stop.load(Ordering::SeqCst) {
            break;
        }
    }
    Ok(if any_failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn watch_round(
    feeds: &str,
    fetcher: &mut Fetcher,
    store: &mut Store,
    pipeline: &dyad_pipeline::Pipeline,
) -> anyhow::Result<Round> {
    let mut round = Round::default();
    for feed_url in feeds.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if fetcher.stop.load(Ordering::SeqCst) {
            break;
        }
        let (etag, last_modified) = store.feed_validators(feed_url)?;
        let fetched = match fetcher.get(feed_url, etag.as_deref(), last_modified.as_deref()) {
            Ok(FetchOutcome::NotModified) => continue,
            Ok(FetchOutcome::Body(f)) => f,
            Err(reason) => {
                round.failed += 1;
                eprintln!("dyad: {feed_url}: {reason}");
                store.add_failure(feed_url, &reason)?;
                continue;
            }
        };
        let items = feed_items(&String::from_utf8_lossy(&fetched.body));
        if items.is_empty() {
            round.failed += 1;
            let reason = "feed: no RSS or Atom items found";
            eprintln!("dyad: {feed_url}: {reason}");
            store.add_failure(feed_url, reason)?;
            continue;
        }
        store.set_feed_validators(feed_url, fetched.etag.as_deref(), fetched.last_modified.as_deref())?;
        let mut new_items = Vec::new();
        for item in items {
            let url = absolute(feed_url, &item.link);
            if !store.is_seen(&url)? && !new_items.iter().any(|(u, _)| *u == url) {
                new_items.push((url, item.date));
            }
        }
        // Three stages, as `dyad ingest` runs them: fetching and extraction on a thread of
        // their own, a few articles ahead; coding here; storing on a writer thread behind.
        // The network's waits and the database's writes hide behind the coding.
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let (send, receive) = std::sync::mpsc::sync_channel::<(String, Result<Document, String>)>(4);
            let fetcher = &mut *fetcher;
            scope.spawn(move || {
                for (url, date) in new_items {
                    if fetcher.stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let doc = fetch_article(fetcher, &url, date.as_deref());
                    if send.send((url, doc)).is_err() {
                        break;
                    }
                }
            });
            type Coded = Result<(Document, Vec<dyad_core::EventRecord>), String>;
            let (to_writer, coded) = std::sync::mpsc::sync_channel::<(String, Coded)>(4);
            let store = &mut *store;
            let writer = scope.spawn(move || -> anyhow::Result<Round> {
                let mut round = Round::default();
                for (url, item) in coded {
                    match item {
                        Ok((doc, records)) => {
                            if store.add_document(&doc, &records)? == Added::New {
                                round.stored += 1;
                                round.events += records.len();
                            }
                            store.mark_seen(&url, "stored")?;
                        }
                        Err(reason) => {
                            round.failed += 1;
                            eprintln!("dyad: {url}: {reason}");
                            store.add_failure(&url, &reason)?;
                            store.mark_seen(&url, "failed")?;
                        }
                    }
                }
                Ok(round)
            });
            for (url, doc) in receive {
                let item = doc.map(|mut doc| {
                    pipeline.annotate(&mut doc);
                    let records = dyad_pipeline::records(&doc);
                    (doc, records)
                });
                // The writer has stopped on an error: it is reported below.
                if to_writer.send((url, item)).is_err() {
                    break;
                }
            }
            drop(to_writer);
            let written = writer.join().map_err(|_| anyhow::anyhow!("the store writer panicked"))??;
            round.stored += written.stored;
            round.events += written.events;
            round.failed += written.failed;
            Ok(())
        })?;
    }
    Ok(round)
}

/// Fetch and extract one article, dated by the page, else the feed item, else the fetch.
fn fetch_article(fetcher: &mut Fetcher, url: &str, item_date: Option<&str>) -> Result<Document, String> {
    let fetched = match fetcher.get(url, None, None)? {
        FetchOutcome::Body(f) => f,
        FetchOutcome::NotModified => return Err("304 Not Modified without a request for it".into()),
    };
    let html = fetched.content_type.is_empty()
        || fetched.content_type.contains("html")
        || fetched.content_type.contains("xml");
    if !html {
        return Err(format!("not HTML ({})", fetched.content_type));
    }
    let given = dyad_ingest::Given { url: Some(url.to_string()), ..Default::default() };
    let mut doc = dyad_ingest::article_from_html(&fetched.body, url, &given)
        .map_err(|f| f.reason.to_string())?
        .document;
    if doc.meta.date.is_none() {
        doc.meta.date = item_date
            .and_then(dyad_ingest::parse_date_value)
            .map(|(date, time)| DocDate { date, time, source: "feed".into() })
            .or_else(|| {
                let now = chrono::Utc::now();
                Some(DocDate { date: now.date_naive(), time: None, source: "fetch".into() })
            });
    }
    Ok(doc)
}

impl Fetcher {
    /// GET with robots.txt, the per-host delay, a conditional request when validators are
    /// given, the size cap, and up to three tries on connection errors and 5xx.
    fn get(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<FetchOutcome, String> {
        let host = host_of(url).ok_or_else(|| format!("not an http(s) URL: {url}"))?;
        if !self.allowed(url, &host) {
            return Err("disallowed by robots.txt".into());
        }
        let mut pause = Duration::from_millis(500);
        let mut tries = 0;
        loop {
            tries += 1;
            self.wait_for(&host);
            let mut req = self.agent.get(url);
            if let Some(e) = etag {
                req = req.set("If-None-Match", e);
            }
            if let Some(m) = last_modified {
                req = req.set("If-Modified-Since", m);
            }
            let retry = match req.call() {
                Ok(resp) if resp.status() == 304 => return Ok(FetchOutcome::NotModified),
                Ok(resp) => return self.read_body(resp).map(FetchOutcome::Body),
                Err(ureq::Error::Status(code, _)) if code >= 500 => format!("HTTP {code}"),
                Err(ureq::Error::Status(code, resp)) => {
                    return Err(format!("HTTP {code} {}", resp.status_text()));
                }
                Err(ureq::Error::Transport(t)) => {
                    let message = t.to_string();
                    // A timeout is not worth repeating at once: the server is slow.
                    if message.contains("timed out") || message.contains("Timeout") {
                        return Err(format!("timed out: {message}"));
                    }
                    message
                }
            };
            if tries >= 3 || self.stop.load(Ordering::SeqCst) {
                return Err(format!("{retry} (after {tries} tries)"));
            }
            std::thread::sleep(pause);
            pause *= 2;
        }
    }

    fn read_body(&self, resp: ureq::Response) -> Result<Fetched, String> {
        if let Some(len) = resp.header("Content-Length").and_then(|l| l.parse::<u64>().ok()) {
            if len > self.max_bytes {
                return Err(format!("too large: {len} bytes (limit {})", self.max_bytes));
            }
        }
        let etag = resp.header("ETag").map(str::to_string);
        let last_modified = resp.header("Last-Modified").map(str::to_string);
        let content_type = resp.header("Content-Type").unwrap_or("").to_ascii_lowercase();
        let mut body = Vec::new();
        resp.into_reader()
            .take(self.max_bytes + 1)
            .read_to_end(&mut body)
            .map_err(|e| format!("reading the body: {e}"))?;
        if body.len() as u64 > self.max_bytes {
            return Err(format!("too large: over {} bytes", self.max_bytes));
        }
        Ok(Fetched { body, etag, last_modified, content_type })
    }

    /// Sleep until this host may be asked again.
    fn wait_for(&mut self, host: &str) {
        if let Some(last) = self.last_request.get(host) {
            let next = *last + self.delay;
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
        }
        self.last_request.insert(host.to_string(), Instant::now());
    }

    /// Whether robots.txt lets us fetch `url` (read once per host; a missing or unreadable
    /// robots.txt allows everything).
    fn allowed(&mut self, url: &str, host: &str) -> bool {
        if !self.robots.contains_key(host) {
            let scheme = url.split("://").next().unwrap_or("http");
            let robots_url = format!("{scheme}://{host}/robots.txt");
            self.wait_for(host);
            let rules = match self.agent.get(&robots_url).call() {
                Ok(resp) => {
                    let mut text = String::new();
                    let _ = resp.into_reader().take(512 << 10).read_to_string(&mut text);
                    disallowed(&text)
                }
                Err(_) => Vec::new(),
            };
            self.robots.insert(host.to_string(), rules);
        }
        let path = path_of(url);
        !self.robots[host].iter().any(|prefix| !prefix.is_empty() && path.starts_with(prefix.as_str()))
    }
}

/// The `Disallow` prefixes of the groups for `*` and for dyad.
fn disallowed(robots: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut applies = false;
    let mut in_agents = false;
    for line in robots.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((key, value)) = line.split_once(':') else { continue };
        let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
        if key == "user-agent" {
            if !in_agents {
                applies = false;
            }
            in_agents = true;
            applies |= value == "*" || value.eq_ignore_ascii_case("dyad");
        } else {
            in_agents = false;
            if applies && key == "disallow" {
                out.push(value.to_string());
            }
        }
    }
    out
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    rest.find('/').map(|i| &rest[i..]).unwrap_or("/")
}

/// `link` made absolute against the feed's URL.
fn absolute(feed: &str, link: &str) -> String {
    if link.starts_with("http://") || link.starts_with("https://") {
        return link.to_string();
    }
    let scheme_host = match feed.find("://").and_then(|i| feed[i + 3..].find('/').map(|j| i + 3 + j)) {
        Some(end) => &feed[..end],
        None => feed,
    };
    if link.starts_with('/') {
        format!("{scheme_host}{link}")
    } else {
        let base = feed.rfind('/').map(|i| &feed[..=i]).unwrap_or(feed);
        format!("{base}{link}")
    }
}

/// One feed entry: its article link and its date as written.
#[derive(Debug, PartialEq)]
struct Item {
    link: String,
    date: Option<String>,
}

/// The items of an RSS (`<item>`) or Atom (`<entry>`) feed, in feed order. A small scanner,
/// not a full XML parser: it reads `<link>` text or `href`, and `pubDate`, `published`,
/// `dc:date` or `updated`, with CDATA and the XML entities.
fn feed_items(xml: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for (open, close) in [("<item", "</item>"), ("<entry", "</entry>")] {
        let mut rest = xml;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len()..];
            if !after.starts_with(['>', ' ', '\n', '\r', '\t']) {
                rest = after;
                continue;
            }
            let end = after.find(close).unwrap_or(after.len());
            let body = &after[..end];
            rest = &after[end..];
            let link = element_text(body, "link").filter(|l| !l.is_empty()).or_else(|| atom_link(body));
            let Some(link) = link else { continue };
            let date =
                ["pubDate", "published", "dc:date", "updated"].iter().find_map(|t| element_text(body, t));
            items.push(Item { link, date });
        }
    }
    items
}

/// The text of the first `<tag>…</tag>` in `xml`.
fn element_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let mut at = 0;
    while let Some(i) = xml[at..].find(&open) {
        let s = at + i + open.len();
        let tail = &xml[s..];
        if tail.starts_with('>') || tail.starts_with(' ') {
            let gt = tail.find('>')?;
            if tail[..gt].ends_with('/') {
                at = s;
                continue;
            }
            let inner = &tail[gt + 1..];
            let end = inner.find(&format!("</{tag}>"))?;
            let text = inner[..end].trim();
            let text = text.strip_prefix("<![CDATA[").and_then(|t| t.strip_suffix("]]>")).unwrap_or(text);
            return Some(dyad_core::text::decode_entities(text.trim()));
        }
        at = s;
    }
    None
}

/// Atom's `<link href="…">` (the `alternate` one, or one without `rel`).
fn atom_link(xml: &str) -> Option<String> {
    let mut rest = xml;
    while let Some(i) = rest.find("<link") {
        let tag_end = rest[i..].find('>').map(|j| i + j)?;
        let tag = &rest[i..tag_end];
        rest = &rest[tag_end..];
        let attr = |name: &str| {
            let k = tag.find(&format!("{name}=\""))? + name.len() + 2;
            let v = &tag[k..];
            Some(dyad_core::text::decode_entities(&v[..v.find('"')?]))
        };
        if attr("rel").is_none_or(|r| r == "alternate") {
            if let Some(href) = attr("href") {
                return Some(href);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rss_and_atom_items() {
        let rss = r#"<?xml version="1.0"?><rss><channel><title>T</title><link>https://x.example/</link>
            <item><title>A</title><link>https://x.example/a?x=1&amp;y=2</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
            <item><link><![CDATA[/b]]></link></item></channel></rss>"#;
        assert_eq!(
            feed_items(rss),
            [
                Item {
                    link: "https://x.example/a?x=1&y=2".into(),
                    date: Some("Tue, 05 Mar 2024 10:00:00 GMT".into())
                },
                Item { link: "/b".into(), date: None },
            ]
        );
        let atom = r#"<feed><entry><link rel="self" href="/self"/><link href="https://y.example/c"/>
            <published>2024-03-05T10:00:00Z</published></entry></feed>"#;
        assert_eq!(
            feed_items(atom),
            [Item { link: "https://y.example/c".into(), date: Some("2024-03-05T10:00:00Z".into()) }]
        );
        assert!(feed_items("<html>not a feed</html>").is_empty());
        assert_eq!(absolute("http://h:1/feeds/rss.xml", "/b"), "http://h:1/b");
        assert_eq!(absolute("http://h:1/feeds/rss.xml", "c.html"), "http://h:1/feeds/c.html");
    }

    #[test]
    fn robots_groups() {
        let r = "User-agent: Googlebot\nDisallow: /g\n\nUser-agent: *\nDisallow: /private\nAllow: /\n";
        assert_eq!(disallowed(r), ["/private"]);
        assert_eq!(parse_every("15m"), Ok(Duration::from_secs(900)));
        assert!(parse_every("15x").is_err());
    }
}
