//! `dyad serve`'s JSON API over real HTTP on loopback, against a database made by the real
//! `dyad ingest` of the demo corpus: the schema of each answer, filters, pagination, bad
//! parameters (a 400 naming them, never a 500), writes refused, injection and path traversal
//! finding nothing extra, and the address check.

mod support;

use serde_json::Value;
use support::{dyad, fixture_db, get, request, Server};

/// Every field of the JSONL contract's record.
const RECORD_FIELDS: &[&str] = &[
    "doc_id",
    "event_id",
    "date",
    "date_precision",
    "date_source",
    "source",
    "target",
    "cameo",
    "root",
    "plover",
    "quad_class",
    "goldstein",
    "status",
    "attributed_to",
    "section",
    "sentence_index",
    "char_span",
    "evidence",
    "mentions",
    "rule",
];

fn assert_record(e: &Value) {
    for f in RECORD_FIELDS {
        assert!(e.get(f).is_some(), "record without {f}: {e}");
    }
}

fn bad(port: u16, target: &str, parameter: &str) {
    let r = get(port, target);
    assert_eq!(r.status, 400, "{target}: {}", r.text());
    let v = r.json();
    assert_eq!(v["parameter"], parameter, "{target}: {v}");
    assert!(v["error"].as_str().unwrap().contains(parameter), "{target}: {v}");
}

#[test]
fn the_api_answers_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_db(dir.path());
    let server = Server::start(&db);
    let port = server.port;

    // The whole list: total equals the events `dyad events` prints.
    let jsonl = dyad().args(["events", "--format", "jsonl", "--db"]).arg(&db).output().unwrap();
    let cli_events: Vec<Value> =
        String::from_utf8(jsonl.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(cli_events.len() > 10, "the demo corpus codes events: {}", cli_events.len());
    let all = get(port, "/api/events?limit=1000").json();
    assert_eq!(all["total"].as_u64().unwrap() as usize, cli_events.len());
    let events = all["events"].as_array().unwrap();
    assert_eq!(events, &cli_events, "the API's records are the JSONL contract's, in its order");
    events.iter().for_each(assert_record);
    // The JSONL input's own id is carried to every record of its document.
    assert!(events.iter().all(|e| e["input_id"].as_str().is_some_and(|i| i.starts_with("demo-"))));

    // Pagination: pages of 5 put back together are the whole list.
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = get(port, &format!("/api/events?limit=5&offset={offset}")).json();
        assert_eq!(page["total"], all["total"]);
        let batch = page["events"].as_array().unwrap().clone();
        if batch.is_empty() {
            break;
        }
        assert!(batch.len() <= 5);
        offset += batch.len();
        paged.extend(batch);
    }
    assert_eq!(&paged, events);

    // Filters: dyad (either direction, prefix), status (repeated), since/until, root.
    let rp = get(port, "/api/events?dyad=RUS,PRK&limit=1000").json();
    let rp_events = rp["events"].as_array().unwrap();
    assert!(!rp_events.is_empty(), "the demo corpus has Russia-North Korea events");
    for e in rp_events {
        let (s, t) = (e["source"]["code"].as_str().unwrap(), e["target"]["code"].as_str().unwrap_or(""));
        assert!(
            (s.starts_with("RUS") && t.starts_with("PRK")) || (s.starts_with("PRK") && t.starts_with("RUS")),
            "{e}"
        );
    }
    let expected = events
        .iter()
        .filter(|e| {
            let s = e["source"]["code"].as_str().unwrap();
            let t = e["target"]["code"].as_str().unwrap_or("");
            (s.starts_with("RUS") && t.starts_with("PRK")) || (s.starts_with("PRK") && t.starts_with("RUS"))
        })
        .count();
    assert_eq!(rp["total"].as_u64().unwrap() as usize, expected);
    let st = get(port, "/api/events?status=asserted&status=reported&limit=1000").json();
    let n = events.iter().filter(|e| matches!(e["status"].as_str(), Some("asserted" | "reported"))).count();
    assert_eq!(st["total"].as_u64().unwrap() as usize, n);
    assert!(st["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| matches!(e["status"].as_str(), Some("asserted" | "reported"))));
    let dated = get(port, "/api/events?since=2024-02&until=2024-03&limit=1000").json();
    for e in dated["events"].as_array().unwrap() {
        let d = e["date"].as_str().unwrap();
        assert!(d >= "2024-02" && &d[..7] <= "2024-03", "{d}");
    }
    let root = get(port, "/api/events?root=05&limit=1000").json();
    assert!(root["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["cameo"].as_str().unwrap().starts_with("05")));
    assert_eq!(
        root["total"].as_u64().unwrap() as usize,
        events.iter().filter(|e| e["cameo"].as_str().unwrap().starts_with("05")).count()
    );

    // One event: the record plus label, provenance, document and highlights inside the evidence.
    let first = &rp_events[0];
    let id = first["event_id"].as_str().unwrap();
    let one = get(port, &format!("/api/events/{id}")).json();
    assert_record(&one);
    assert_eq!(one["event_id"], first["event_id"]);
    assert!(
        one["label"].as_str().unwrap().contains("Russia")
            && one["label"].as_str().unwrap().contains("North Korea")
    );
    assert!(one["provenance"].is_array());
    assert!(one["document"]["input_id"].as_str().unwrap().starts_with("demo-"), "{one}");
    let evidence: Vec<char> = one["evidence"].as_str().unwrap().chars().collect();
    let marks = one["highlights"].as_array().unwrap();
    assert!(marks.iter().any(|h| h["role"] == "verb"), "{one}");
    for h in marks {
        let (a, b) =
            (h["char_span"][0].as_u64().unwrap() as usize, h["char_span"][1].as_u64().unwrap() as usize);
        assert!(a < b && b <= evidence.len());
        if h["role"] == "source" {
            let words: String = evidence[a..b].iter().collect();
            assert_eq!(words, one["source"]["text"].as_str().unwrap());
        }
    }
    assert_eq!(get(port, "/api/events/0000000000000000").status, 404);

    // The relation series is `dyad relation`'s: same periods, counts and means.
    let rel = get(port, "/api/relation?a=RUS&b=PRK&per=month").json();
    assert_eq!(
        (rel["a"].as_str(), rel["b"].as_str(), rel["per"].as_str()),
        (Some("RUS"), Some("PRK"), Some("month"))
    );
    let series = rel["series"].as_array().unwrap();
    assert!(!series.is_empty());
    let report = dyad().args(["relation", "RUS", "PRK", "--db"]).arg(&db).output().unwrap();
    let report = String::from_utf8(report.stdout).unwrap();
    for p in series {
        let q = &p["quad_class"];
        let row = format!(
            "{:<8} {:>3} {:>3} {:>3} {:>3}",
            p["period"].as_str().unwrap(),
            q["1"].as_u64().unwrap(),
            q["2"].as_u64().unwrap(),
            q["3"].as_u64().unwrap(),
            q["4"].as_u64().unwrap()
        );
        assert!(report.contains(&row), "{row:?} not in\n{report}");
        let sum: u64 = ["1", "2", "3", "4"].iter().map(|k| q[k].as_u64().unwrap()).sum();
        assert_eq!(p["events"].as_u64().unwrap(), sum);
        assert!(p["goldstein_mean"].is_number());
    }
    let all_st = get(port, "/api/relation?a=RUS&b=PRK&per=day&all_statuses=true").json();
    assert_eq!(all_st["per"], "day");

    // A document: sections, quotes, events, its input id.
    let doc_id = first["doc_id"].as_str().unwrap();
    let doc = get(port, &format!("/api/documents/{doc_id}")).json();
    assert_eq!(doc["doc_id"], doc_id);
    assert!(doc["input_id"].as_str().unwrap().starts_with("demo-"));
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    for s in doc["sections"].as_array().unwrap() {
        let (a, b) =
            (s["char_span"][0].as_u64().unwrap() as usize, s["char_span"][1].as_u64().unwrap() as usize);
        assert_eq!(text[a..b].iter().collect::<String>(), s["text"].as_str().unwrap());
    }
    assert!(doc["events"].as_array().unwrap().iter().any(|e| e["event_id"] == first["event_id"]));
    let short = get(port, &format!("/api/documents/{}", &doc_id[..8])).json();
    assert_eq!(short["doc_id"], doc_id);

    // Actors: by code prefix and by country name.
    let by_code = get(port, "/api/actors?q=rus").json();
    assert!(by_code["actors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["code"].as_str().unwrap().starts_with("RUS")));
    assert!(!by_code["actors"].as_array().unwrap().is_empty());
    let by_name = get(port, "/api/actors?q=north%20korea").json();
    assert!(by_name["actors"].as_array().unwrap().iter().any(|a| a["country"] == "PRK"), "{by_name}");
    let net = get(port, "/api/network").json();
    assert!(net["edges"].as_array().unwrap().iter().any(|e| e["source"] == "RUS" && e["target"] == "PRK"));

    // Failures: the broken line, named.
    let f = get(port, "/api/failures").json();
    assert_eq!(f["total"], 1, "{f}");
    assert!(f["failures"][0]["origin"].as_str().unwrap().contains("broken.jsonl"), "{f}");

    // Bad parameters: a 400 naming the parameter.
    bad(port, "/api/events?since=garbage", "since");
    bad(port, "/api/events?until=2024-13", "until");
    bad(port, "/api/events?limit=0", "limit");
    bad(port, "/api/events?limit=100000", "limit");
    bad(port, "/api/events?offset=-1", "offset");
    bad(port, "/api/events?status=rumoured", "status");
    bad(port, "/api/events?colour=red", "colour");
    bad(port, "/api/events?dyad=RUS", "dyad");
    bad(port, "/api/events?root=5x", "root");
    bad(port, "/api/events?actor=RUS&actor=PRK", "actor");
    bad(port, "/api/relation?a=RUS", "b");
    bad(port, "/api/relation?a=RUS&b=PRK&per=year", "per");
    bad(port, "/api/relation?a=RUS&b=PRK&all_statuses=maybe", "all_statuses");
    bad(port, "/api/actors?q=x&limit=abc", "limit");
    bad(port, "/api/events?since=%FF%FE", "since");

    // Injection: a quote in a value is refused, a LIKE wildcard is no code, and nothing leaks.
    bad(port, "/api/events?actor=RUS%27%20OR%20%271%27%3D%271", "actor");
    bad(port, "/api/events?actor=%25", "actor");
    bad(port, "/api/events?root=05%25", "root");
    let inj = get(port, "/api/events?dyad=RUS,PRK%27)%20OR%201%3D1--");
    assert_eq!(inj.status, 400);
    let q = get(port, "/api/actors?q=%27%20OR%201%3D1--").json();
    assert!(q["actors"].as_array().unwrap().is_empty(), "{q}");
    let since_inj = get(port, "/api/events?since=2024%27%20OR%20%271%27%3D%271");
    assert_eq!(since_inj.status, 400);

    // Path traversal: ids are hex, anything else is a 400 or no route; no file is read.
    for target in [
        "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/documents/../../etc/passwd",
        "/api/events/..%2F..%2Fdyad.db",
        "/assets/..%2F..%2FCargo.toml",
        "/assets/../../../etc/passwd",
        "/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ] {
        let r = get(port, target);
        assert!(matches!(r.status, 400 | 404), "{target}: {} {}", r.status, r.text());
        assert!(!r.text().contains("root:x:0"), "{target} leaked a file");
        assert!(!r.text().contains("[workspace]"), "{target} leaked a file");
    }

    // Writes are refused, on API routes and unknown paths alike.
    for (method, target) in [
        ("POST", "/api/events"),
        ("PUT", "/api/events/abc"),
        ("DELETE", "/api/documents/abcdef"),
        ("PATCH", "/"),
        ("POST", "/nowhere"),
    ] {
        let r = request(port, method, target, Some("{}"));
        assert_eq!(r.status, 405, "{method} {target}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
    }
    // Nothing was written: the database still holds what it held.
    assert_eq!(get(port, "/api/events?limit=1").json()["total"], all["total"]);

    // Pages answer as HTML.
    for page in
        ["/", "/network", "/events", &format!("/documents/{doc_id}"), "/failures", &format!("/events/{id}")]
    {
        let r = get(port, page);
        assert_eq!(r.status, 200, "{page}");
        assert!(r.header("content-type").unwrap().starts_with("text/html"), "{page}");
        assert!(r.text().contains("<main>"), "{page}");
    }
    let r = get(port, "/events?since=garbage");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("since"));
}

#[test]
fn a_remote_address_needs_its_flag() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = dyad().args(["serve", "--addr", "0.0.0.0:0", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--allow-remote") && err.contains("0.0.0.0"), "{err}");
    // With the flag the address passes, and the missing database is what stops it (exit 1).
    let out =
        dyad().args(["serve", "--allow-remote", "--addr", "0.0.0.0:0", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning") && err.contains("no database"), "{err}");
}
