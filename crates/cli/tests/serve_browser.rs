//! `dyad serve`'s pages driven in headless Chromium (Debian's `chromium` and `chromedriver`,
//! over the WebDriver protocol) as an analyst would: pick two actors on the relations page,
//! click a period of the chart, read its events (labels, status, evidence with the actor and
//! verb marked, speaker, provenance), open the evidence in its document; then the network and
//! failures pages. A screenshot of each page goes to `target/screenshots/`.
//!
//! Skips with a message when chromium or chromedriver is missing, unless CI=true.

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{fixture_db, free_port, request, wait_for_port, Server};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C name of an element reference in WebDriver answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
    child: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Driver {
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        assert!(wait_for_port(port, Duration::from_secs(20)), "chromedriver did not listen");
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1200,1000",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}}});
        let r = request(port, "POST", "/session", Some(&caps.to_string()));
        let v = r.json();
        let session =
            v["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {v}")).to_string();
        let mut d = Driver { child, port, session, _profile: profile };
        d.call("POST", "timeouts", json!({"implicit": 3000, "pageLoad": 20000}));
        d.port = port;
        d
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let target = format!("/session/{}/{path}", self.session);
        let body = if method == "GET" { None } else { Some(body.to_string()) };
        let r = request(self.port, method, &target, body.as_deref());
        let v = r.json();
        assert_eq!(r.status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "url", json!({ "url": url }));
    }

    fn url(&self) -> String {
        let v = self.call("GET", "url", Value::Null);
        v.as_str().unwrap_or_else(|| panic!("no url: {v}")).to_string()
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let v = self.call("POST", "elements", json!({"using": "css selector", "value": css}));
        v.as_array()
            .unwrap_or_else(|| panic!("find {css}: {v}"))
            .iter()
            .map(|e| {
                e[ELEMENT]
                    .as_str()
                    .or(e["ELEMENT"].as_str())
                    .unwrap_or_else(|| panic!("element {e}"))
                    .to_string()
            })
            .collect()
    }

    fn find(&self, css: &str) -> String {
        self.find_all(css).into_iter().next().unwrap_or_else(|| panic!("no {css} on {}", self.url()))
    }

    fn text(&self, el: &str) -> String {
        self.call("GET", &format!("element/{el}/text"), Value::Null).as_str().unwrap().to_string()
    }

    fn attr(&self, el: &str, name: &str) -> Option<String> {
        self.call("GET", &format!("element/{el}/attribute/{name}"), Value::Null).as_str().map(String::from)
    }

    fn click(&self, el: &str) {
        self.call("POST", &format!("element/{el}/click"), json!({}));
    }

    fn type_into(&self, el: &str, text: &str) {
        self.call("POST", &format!("element/{el}/value"), json!({ "text": text }));
    }

    fn script(&self, js: &str) -> Value {
        self.call("POST", "execute/sync", json!({"script": js, "args": []}))
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let png = base64(self.call("GET", "screenshot", Value::Null).as_str().unwrap());
        assert_eq!(&png[1..4], b"PNG");
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
        path
    }

    /// Wait until `js` (an expression) is true.
    fn until(&self, js: &str, what: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.script(&format!("return !!({js});")) == json!(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what} on {}", self.url());
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = request(self.port, "DELETE", &format!("/session/{}", self.session), None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= (val(*c) as u32) << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

fn browser_available() -> bool {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{CHROMIUM} or {CHROMEDRIVER} is missing (CI=true: not skipping; .ci/run installs them)");
    }
    eprintln!("skipping the browser test: {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install chromium chromium-driver)");
    false
}

#[test]
fn an_analyst_clicks_from_a_relation_to_the_document() {
    if !browser_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_db(dir.path());
    let server = Server::start(&db);
    let base = server.base.clone();
    let d = Driver::start();

    // Relations: the chart of Russia and North Korea.
    d.go(&format!("{base}/?a=RUS&b=PRK"));
    let pair = d.text(&d.find("#pair"));
    assert_eq!(pair, "Russia ↔ North Korea");
    let points = d.find_all("svg.chart a.point");
    assert!(!points.is_empty(), "the chart has periods");
    d.screenshot("relations.png");
    // The relation the page draws is the API's.
    let api = request(server.port, "GET", "/api/relation?a=RUS&b=PRK", None).json();
    assert_eq!(points.len(), api["series"].as_array().unwrap().len());
    let expected: u64 = d.attr(&points[0], "data-events").unwrap().parse().unwrap();
    assert_eq!(expected, api["series"][0]["events"].as_u64().unwrap());

    // The actor box suggests codes as one types (the page's script asks /api/actors).
    let input = d.find("input#b");
    d.script("document.getElementById('b').value = '';");
    d.type_into(&input, "korea");
    d.until(
        "[...document.querySelectorAll('#actor-codes option')].some(o => o.value.startsWith('PRK'))",
        "suggestions",
    );

    // Click the first period: its events, as many as the bar counts.
    d.click(&d.find("svg.chart a.point rect:not(.hit)"));
    d.until("location.pathname === '/events'", "the event list");
    let url = d.url();
    assert!(url.contains("dyad=RUS%2CPRK") && url.contains("status=asserted"), "{url}");
    let total: u64 = d.attr(&d.find("#count"), "data-total").unwrap().parse().unwrap();
    assert_eq!(total, expected, "the period's events are the bar's");
    let rows = d.find_all("article.event");
    assert_eq!(rows.len() as u64, total.min(50));
    let label = d.text(&d.find("article.event h3.label"));
    assert!(label.contains(" → ") && label.contains(": ") && label.ends_with(')'), "{label}");
    assert!(label.contains("Russia") && label.contains("North Korea"), "{label}");
    let badge = d.text(&d.find("article.event .badge"));
    assert!(["asserted", "reported"].contains(&badge.as_str()), "{badge}");
    // Evidence with the verb and an actor marked.
    let verb = d.text(&d.find("article.event blockquote.evidence mark.verb"));
    assert!(!verb.is_empty());
    let evidence = d.text(&d.find("article.event blockquote.evidence .sentence"));
    assert!(evidence.contains(&verb));
    assert!(!d.find_all("article.event blockquote.evidence mark.source").is_empty());
    d.screenshot("events.png");

    // Open the evidence in its document: the sentence's anchor, sections, events marked.
    let first_id = d.attr(&rows[0], "data-event-id").unwrap();
    let event = request(server.port, "GET", &format!("/api/events/{first_id}"), None).json();
    d.click(&d.find("article.event a.open-doc"));
    d.until("location.pathname.startsWith('/documents/')", "the document");
    let url = d.url();
    let doc_id = event["doc_id"].as_str().unwrap();
    assert!(url.contains(&format!("/documents/{doc_id}#s{}", event["sentence_index"])), "{url}");
    let title = d.text(&d.find("h1.doc-title"));
    assert_eq!(title, event["document"]["title"].as_str().unwrap());
    assert!(!d.find_all("section.part .part-label").is_empty());
    let marked =
        d.script("return [...document.querySelectorAll('span.ev')].map(s => s.textContent).join('');");
    assert!(marked
        .as_str()
        .unwrap()
        .contains(event["evidence"].as_str().unwrap().split_whitespace().next().unwrap()));
    assert!(!d.find_all(&format!("a.ev-tag[href='/events/{first_id}']")).is_empty());
    d.screenshot("document.png");

    // The network: Russia and North Korea are nodes; a node leads to its events.
    d.go(&format!("{base}/network"));
    let node = d.find("svg.network a.node[data-code='RUS'] circle");
    assert!(!d.find_all("svg.network a.edge[data-source='RUS'][data-target='PRK']").is_empty());
    d.screenshot("network.png");
    d.click(&node);
    d.until("location.pathname === '/events'", "the actor's events");
    assert!(d.url().contains("actor=RUS"));

    // Failures: the broken input and why.
    d.go(&format!("{base}/failures"));
    let table = d.text(&d.find("table.failures"));
    assert!(table.contains("broken.jsonl"), "{table}");
    d.screenshot("failures.png");

    // The seed article (where ../shared is here): its speaker and provenance chain are shown.
    if let Some(seed) = dyad_core::testdata::shared_path("examples/seed/article.txt") {
        let out = support::dyad().arg("ingest").arg(&seed).arg("--db").arg(&db).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        // The running server reads what was stored since it started.
        d.go(&format!("{base}/events?dyad=RUS,PRK&since=2024-11&status=reported"));
        let speakers = d.find_all("article.event .speaker");
        assert!(!speakers.is_empty(), "reported events name their speaker");
        let chains = d
            .script("return [...document.querySelectorAll('article.event ol.chain')].map(c => c.innerText);");
        let seed_chain =
            chains.as_array().unwrap().iter().filter_map(|c| c.as_str()).find(|c| c.contains("TASS"));
        let seed_chain = seed_chain.unwrap_or_else(|| panic!("no provenance chain through TASS: {chains}"));
        assert!(seed_chain.contains("KCNA") && seed_chain.contains("Newsis"), "{seed_chain}");
        eprintln!("the seed's provenance chain as shown: {}", seed_chain.replace('\n', " "));
        d.screenshot("seed-events.png");
    }
}
