//! `dyad watch` against a real HTTP server on 127.0.0.1 started here: fixture feeds and pages,
//! with slow, huge, redirecting, 404, disallowed and malformed responses. New articles are
//! stored once, failures recorded, and a second run fetches no article again.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn page(title: &str, body: &str, date: Option<&str>) -> String {
    let meta = date
        .map(|d| format!(r#"<meta property="article:published_time" content="{d}">"#))
        .unwrap_or_default();
    format!("<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>")
}

/// A response: status line, headers, body.
type Response = (String, Vec<(String, String)>, Vec<u8>);

/// The server's answer to one request path, or `None` for a stall.
fn respond(path: &str, if_none_match: Option<&str>, base: &str) -> Option<Response> {
    let ok = |ctype: &str, body: Vec<u8>| {
        Some(("200 OK".to_string(), vec![("Content-Type".into(), ctype.into())], body))
    };
    match path {
        "/robots.txt" => ok("text/plain", b"User-agent: *\nDisallow: /private\n".to_vec()),
        "/feed.xml" => {
            if if_none_match == Some("\"v1\"") {
                return Some(("304 Not Modified".into(), vec![], vec![]));
            }
            let items: String = ["/a", "/b", "/missing", "/moved", "/huge", "/slow", "/private/x", "/image", "/a"]
                .iter()
                .map(|p| format!("<item><link>{base}{p}</link><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate></item>"))
                .collect();
            let body = format!("<?xml version=\"1.0\"?><rss><channel><title>F</title>{items}</channel></rss>");
            Some((
                "200 OK".into(),
                vec![("Content-Type".into(), "application/rss+xml".into()), ("ETag".into(), "\"v1\"".into())],
                body.into_bytes(),
            ))
        }
        "/atom.xml" => ok(
            "application/atom+xml",
            format!(r#"<feed><entry><link href="{base}/c"/><published>2024-03-06T09:00:00Z</published></entry></feed>"#)
                .into_bytes(),
        ),
        "/broken.xml" => ok("application/rss+xml", b"<rss><channel><ite".to_vec()),
        "/a" => ok("text/html", page("Harbour reopens", "The harbour reopened on Tuesday after a storm closed it for three days, officials said.", Some("2024-03-01")).into_bytes()),
        "/b" => ok("text/html", page("Council approves budget", "The council approved the budget on Monday by nine votes to four after a long debate.", None).into_bytes()),
        "/c" => ok("text/html", page("Rail line to reopen", "The rail line closed by floods will reopen next month, the operator said in a statement.", None).into_bytes()),
        "/moved" => Some(("302 Found".into(), vec![("Location".into(), format!("{base}/c2"))], vec![])),
        "/c2" => ok("text/html", page("Bridge repairs finish early", "Repairs to the old bridge finished two weeks early, and it reopens to traffic on Friday.", None).into_bytes()),
        "/huge" => ok("text/html", vec![b'x'; 300_000]),
        "/slow" => None,
        "/image" => ok("image/png", b"\x89PNG\r\n\x1a\n".to_vec()),
        "/private/x" => ok("text/html", page("Private", "Should never be fetched by a polite crawler, as robots.txt says.", None).into_bytes()),
        _ => Some(("404 Not Found".into(), vec![], b"not here".to_vec())),
    }
}

fn serve(stream: TcpStream, base: String, log: Arc<Mutex<Vec<String>>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("if-none-match") {
                if_none_match = Some(v.trim().to_string());
            }
        }
    }
    log.lock().unwrap().push(path.clone());
    let mut stream = stream;
    match respond(&path, if_none_match.as_deref(), &base) {
        None => std::thread::sleep(Duration::from_secs(3)),
        Some((status, headers, body)) => {
            let mut head =
                format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    }
}

fn start_server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log = Arc::new(Mutex::new(Vec::new()));
    let (b, l) = (base.clone(), log.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (b, l) = (b.clone(), l.clone());
            std::thread::spawn(move || serve(stream, b, l));
        }
    });
    (base, log)
}

fn watch(feeds: &Path, db: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["watch", "--once", "--delay", "0", "--timeout", "1", "--max-bytes", "100000", "--feeds"])
        .arg(feeds)
        .arg("--db")
        .arg(db)
        .output()
        .expect("run dyad watch")
}

#[test]
fn watch_stores_new_articles_once_and_records_failures() {
    let (base, log) = start_server();
    let dir = tempfile::tempdir().unwrap();
    let feeds = dir.path().join("feeds.txt");
    std::fs::write(
        &feeds,
        format!("# test feeds\n{base}/feed.xml\n\n{base}/atom.xml\n{base}/broken.xml\n{base}/nofeed.xml\n"),
    )
    .unwrap();
    let db = dir.path().join("w.db");
    let out = watch(&feeds, &db);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "failures give exit 1: {stderr}");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut urls: Vec<String> = conn
        .prepare("SELECT url FROM documents ORDER BY url")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    urls.sort();
    // /a (listed twice, stored once), /b, /c from Atom, and /moved stored under its final page.
    assert_eq!(urls.len(), 4, "{urls:?}\n{stderr}");
    for p in ["/a", "/b", "/c"] {
        assert!(urls.contains(&format!("{base}{p}")), "{p} missing: {urls:?}");
    }
    let date_of = |url: String| -> (String, String) {
        conn.query_row("SELECT date, date_source FROM documents WHERE url = ?1", [url], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
    };
    assert_eq!(date_of(format!("{base}/a")), ("2024-03-01".into(), "meta".into()), "the page's date first");
    assert_eq!(date_of(format!("{base}/b")), ("2024-03-04".into(), "feed".into()), "then the item's pubDate");

    let failures: Vec<(String, String)> = conn
        .prepare("SELECT origin, reason FROM failures ORDER BY origin")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let reason = |p: &str| {
        failures.iter().find(|(o, _)| o == &format!("{base}{p}")).map(|(_, r)| r.clone()).unwrap_or_default()
    };
    assert!(reason("/missing").contains("404"), "{failures:?}");
    assert!(reason("/huge").contains("too large"), "{failures:?}");
    assert!(reason("/slow").contains("timed out"), "{failures:?}");
    assert!(reason("/private/x").contains("robots"), "{failures:?}");
    assert!(reason("/image").contains("not HTML"), "{failures:?}");
    assert!(reason("/broken.xml").contains("no RSS or Atom items"), "{failures:?}");
    assert!(reason("/nofeed.xml").contains("404"), "{failures:?}");
    assert!(!log.lock().unwrap().iter().any(|p| p.starts_with("/private")), "robots.txt obeyed");
    let a_requests = log.lock().unwrap().iter().filter(|p| p.as_str() == "/a").count();
    assert_eq!(a_requests, 1, "a URL listed twice in a feed is fetched once");

    // A second run (a restart): the feed answers 304 to its ETag, and no article is fetched again.
    let before = log.lock().unwrap().len();
    let out = watch(&feeds, &db);
    let again: Vec<String> = log.lock().unwrap()[before..].to_vec();
    let articles: Vec<&String> =
        again.iter().filter(|p| !p.ends_with(".xml") && p.as_str() != "/robots.txt").collect();
    assert!(articles.is_empty(), "fetched again: {articles:?}\n{}", String::from_utf8_lossy(&out.stderr));
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 4);
}
