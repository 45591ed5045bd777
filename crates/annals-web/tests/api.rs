//! The server over real HTTP on a loopback port: every endpoint's shape
//! as API.md gives it, paging, errors as JSON, the guards (headers, limits,
//! methods, paths), the read-only record, and the graceful stop.

mod common;

use common::{raw, seed_record, send, Reply, TestServer};
use hyper::http::{Method, StatusCode};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

/// The record every test reads (made once; the folder lives as long as the
/// test program).
fn record() -> PathBuf {
    static RECORD: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = RECORD.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = seed_record(dir.path());
        (dir, path)
    });
    path.clone()
}

async fn server() -> TestServer {
    TestServer::start(&record()).await
}

/// The keys of a JSON object, sorted.
fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn has_keys(value: &Value, expected: &[&str]) {
    let found = keys(value);
    for k in expected {
        assert!(
            found.iter().any(|f| f == k),
            "no {k:?} in {found:?}: {value}"
        );
    }
}

fn ok_json(reply: &Reply) -> Value {
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(reply.header("content-type"), Some("application/json"));
    reply.json()
}

/// An error answer: its status, JSON body and message.
fn error(reply: &Reply, status: StatusCode) -> String {
    assert_eq!(
        reply.status,
        status,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let body = reply.json();
    assert_eq!(keys(&body), ["error"]);
    assert_eq!(keys(&body["error"]), ["message", "status"]);
    assert_eq!(body["error"]["status"], status.as_u16());
    let message = body["error"]["message"].as_str().expect("a message");
    assert!(!message.is_empty());
    message.to_string()
}

fn security_headers(reply: &Reply) {
    assert_eq!(
        reply.header("content-security-policy"),
        Some(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        )
    );
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(reply.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    assert_eq!(
        reply.header("cross-origin-opener-policy"),
        Some("same-origin")
    );
}

fn quote(q: &Value) {
    assert_eq!(
        keys(q),
        ["document", "end", "sentence", "start", "text", "title"]
    );
    let (start, end) = (q["start"].as_u64(), q["end"].as_u64());
    assert!(start <= end, "{q}");
}

fn dated(d: &Value) {
    assert_eq!(
        keys(d),
        [
            "earliest",
            "end",
            "first_day",
            "last_day",
            "latest",
            "modifier",
            "precision",
            "value"
        ]
    );
    assert!(d["first_day"].as_i64() <= d["last_day"].as_i64());
}

fn event(e: &Value) {
    has_keys(
        e,
        &[
            "id",
            "sentence_start",
            "sentence_end",
            "trigger",
            "type",
            "cameo",
            "goldstein",
            "source",
            "target",
        ],
    );
    // An undated event has no date (core's Event leaves it out).
    assert!(
        e.get("date").is_none_or(|d| d.get("value").is_some()),
        "{e}"
    );
    // The flags are written when they are set.
    for flag in ["negated", "hypothetical"] {
        assert!(e.get(flag).is_none_or(|v| v == true), "{e}");
    }
    assert_eq!(keys(&e["trigger"]), ["end", "start", "text"]);
    assert!(e["source"].is_array() && e["target"].is_array());
}

fn stored_event(e: &Value) {
    event(e);
    has_keys(e, &["dated", "quote"]);
    quote(&e["quote"]);
    if !e["dated"].is_null() {
        dated(&e["dated"]);
    }
}

fn page(body: &Value) -> (Vec<Value>, u64, u64, u64) {
    assert_eq!(keys(body), ["items", "limit", "offset", "total"]);
    (
        body["items"].as_array().expect("items").clone(),
        body["offset"].as_u64().expect("offset"),
        body["limit"].as_u64().expect("limit"),
        body["total"].as_u64().expect("total"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_is_served_from_the_binary() {
    let server = server().await;
    let page = server.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    security_headers(&page);
    let html = String::from_utf8_lossy(&page.body);
    assert!(html.contains("/assets/app.js") && html.contains("/assets/app.css"));
    for (path, kind) in [
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/app.css", "text/css; charset=utf-8"),
        ("/assets/index.html", "text/html; charset=utf-8"),
    ] {
        let asset = server.get(path).await;
        assert_eq!(asset.status, StatusCode::OK, "{path}");
        assert_eq!(asset.header("content-type"), Some(kind), "{path}");
        assert!(!asset.body.is_empty());
        security_headers(&asset);
        // A browser's copy is revalidated by its tag.
        let tag = asset.header("etag").expect("a tag").to_string();
        let again = send(
            server.addr,
            Method::GET,
            path,
            &[("if-none-match", tag.as_str())],
            &[],
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
    }
    error(
        &server.get("/assets/nothing.js").await,
        StatusCode::NOT_FOUND,
    );
    error(&server.get("/index.php").await, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_path_leads_outside_the_embedded_files() {
    let server = server().await;
    for path in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/Cargo.toml",
        "/assets/%2e%2e%2fCargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/..%5c..%5cCargo.toml",
        "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/assets//etc/passwd",
        "/assets/app.js/..",
        "/../Cargo.toml",
        "/api/../assets/app.js",
        "/src/lib.rs",
    ] {
        let reply = server.get(path).await;
        error(&reply, StatusCode::NOT_FOUND);
        security_headers(&reply);
        assert!(!String::from_utf8_lossy(&reply.body).contains("[package]"));
    }
    // Written straight on the socket, as no client would normalise it.
    let port = server.addr.port();
    let answer = raw(
        server.addr,
        format!(
            "GET /assets/../../Cargo.toml HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(!answer.contains("[package]"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timeline_is_paged() {
    let server = server().await;
    let whole = ok_json(&server.get("/api/timeline?limit=1000").await);
    let (all, offset, limit, total) = page(&whole);
    assert_eq!((offset, limit), (0, 1000));
    assert!(total > 100, "{total}");
    assert_eq!(all.len() as u64, total.min(1000));
    for item in &all {
        assert_eq!(
            keys(item),
            ["date", "end", "event", "kind", "quote", "start", "text"]
        );
        dated(&item["date"]);
        quote(&item["quote"]);
        match item["kind"].as_str() {
            Some("event") => event(&item["event"]),
            Some("date") => assert!(item["event"].is_null()),
            other => panic!("kind {other:?}"),
        }
    }
    // The default page, and pages that are slices of the whole.
    let (first, _, limit, t) = page(&ok_json(&server.get("/api/timeline").await));
    assert_eq!((limit, t, first.len()), (100, total, 100));
    assert_eq!(first[..], all[..100]);
    let (middle, offset, limit, t) = page(&ok_json(
        &server.get("/api/timeline?offset=10&limit=7").await,
    ));
    assert_eq!((offset, limit, t), (10, 7, total));
    assert_eq!(middle[..], all[10..17]);
    let last = total - 3;
    let (tail, _, _, _) = page(&ok_json(
        &server
            .get(&format!("/api/timeline?offset={last}&limit=10"))
            .await,
    ));
    assert_eq!(tail.len(), 3);
    let (none, _, _, t) = page(&ok_json(
        &server
            .get(&format!("/api/timeline?offset={}", total + 5))
            .await,
    ));
    assert!(none.is_empty());
    assert_eq!(t, total);
    // The limit is capped.
    let (_, _, limit, _) = page(&ok_json(&server.get("/api/timeline?limit=100000").await));
    assert_eq!(limit, 1000);
    let (empty, _, limit, t) = page(&ok_json(&server.get("/api/timeline?limit=0").await));
    assert_eq!((empty.len(), limit, t), (0, 0, total));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timeline_filters_by_date_entity_and_type() {
    let server = server().await;
    let (items, _, _, total) = page(&ok_json(
        &server
            .get("/api/timeline?from=1945-08&to=1945-08-31&limit=1000")
            .await,
    ));
    assert!(!items.is_empty());
    assert_eq!(items.len() as u64, total);
    for i in &items {
        assert!(i["date"]["latest"].as_str() >= Some("1945-08-01"));
        assert!(i["date"]["earliest"].as_str() <= Some("1945-08-31"));
    }
    // Any name of an entity: "USSR" is the Soviet Union.
    let by_link = ok_json(&server.get("/api/timeline?entity=Soviet%20Union").await);
    let by_alias = ok_json(&server.get("/api/timeline?entity=USSR").await);
    assert_eq!(by_link["total"], by_alias["total"]);
    assert!(by_link["total"].as_u64() > Some(0));
    let (assaults, _, _, _) = page(&ok_json(&server.get("/api/timeline?type=ASSAULT").await));
    assert!(!assaults.is_empty());
    assert!(assaults.iter().all(|i| i["event"]["type"] == "ASSAULT"));
    // Refusals.
    for bad in ["from=19x", "to=1945-13", "from=1945-02-30", "from=45"] {
        let message = error(
            &server.get(&format!("/api/timeline?{bad}")).await,
            StatusCode::BAD_REQUEST,
        );
        assert!(message.contains("YYYY"), "{message}");
    }
    error(
        &server.get("/api/timeline?limit=many").await,
        StatusCode::BAD_REQUEST,
    );
    let message = error(
        &server.get("/api/timeline?entity=Atlantis").await,
        StatusCode::NOT_FOUND,
    );
    assert!(message.contains("Atlantis"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_are_paged_and_filtered() {
    let server = server().await;
    let (all, _, _, total) = page(&ok_json(&server.get("/api/events?limit=1000").await));
    assert!(total > 100);
    assert_eq!(all.len() as u64, total.min(1000));
    for e in &all {
        stored_event(e);
    }
    let (some, _, _, t) = page(&ok_json(&server.get("/api/events?offset=20&limit=5").await));
    assert_eq!(t, total);
    assert_eq!(some[..], all[20..25]);
    // A dyad keeps the events between its sides.
    let (between, _, _, t) = page(&ok_json(
        &server.get("/api/events?dyad=JPN-SUN&limit=1000").await,
    ));
    assert!(!between.is_empty() && t < total);
    assert_eq!(between.len() as u64, t);
    let (directed, _, _, t2) = page(&ok_json(&server.get("/api/events?dyad=JPN%3ESUN").await));
    assert!(t2 <= t && !directed.is_empty());
    let (paged, _, _, _) = page(&ok_json(
        &server
            .get("/api/events?dyad=JPN-SUN&offset=2&limit=3")
            .await,
    ));
    assert_eq!(paged[..], between[2..5]);
    let (dated, _, _, _) = page(&ok_json(&server.get("/api/events?from=1941&to=1941").await));
    assert!(dated
        .iter()
        .all(|e| e["dated"]["earliest"].as_str() <= Some("1941-12-31")));
    error(
        &server.get("/api/events?dyad=XXX-SUN").await,
        StatusCode::BAD_REQUEST,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_index_answers_by_period() {
    let server = server().await;
    let index = ok_json(&server.get("/api/index").await);
    assert_eq!(keys(&index), ["documents", "dyad", "rows"]);
    assert_eq!(keys(&index["dyad"]), ["a", "b", "directed"]);
    assert_eq!(index["documents"], 2);
    let rows = index["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    for r in rows {
        assert_eq!(
            keys(r),
            ["count", "hypothetical", "mean", "period", "sum", "top"]
        );
        for t in r["top"].as_array().expect("top") {
            has_keys(
                t,
                &[
                    "id",
                    "type",
                    "cameo",
                    "goldstein",
                    "trigger",
                    "date",
                    "hypothetical",
                    "sentence",
                    "sentence_start",
                    "sentence_end",
                ],
            );
        }
    }
    let decades = ok_json(&server.get("/api/index?by=decade&dyad=JPN-SUN").await);
    assert!(decades["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .all(|r| r["period"].as_str().is_some_and(|p| p.ends_with('s'))));
    let sections = ok_json(&server.get("/api/index?by=section").await);
    assert!(!sections["rows"].as_array().expect("rows").is_empty());
    error(
        &server.get("/api/index?by=week").await,
        StatusCode::BAD_REQUEST,
    );
    error(
        &server.get("/api/index?dyad=JPN").await,
        StatusCode::BAD_REQUEST,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn measures_come_with_their_sentences() {
    let server = server().await;
    let all = ok_json(&server.get("/api/measures").await);
    assert_eq!(keys(&all), ["items"]);
    let items = all["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for i in items {
        assert_eq!(keys(i), ["measure", "quote"]);
        has_keys(
            &i["measure"],
            &[
                "id",
                "start",
                "end",
                "text",
                "amount",
                "unit",
                "sentence_start",
                "sentence_end",
            ],
        );
        quote(&i["quote"]);
    }
    let usd = ok_json(&server.get("/api/measures?unit=usd").await);
    let usd = usd["items"].as_array().expect("items");
    assert!(!usd.is_empty() && usd.len() < items.len());
    assert!(usd.iter().all(|i| i["measure"]["unit"] == "USD"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entities_are_listed_and_described() {
    let server = server().await;
    let (all, _, _, total) = page(&ok_json(&server.get("/api/entities?limit=1000").await));
    assert!(total > 20);
    for e in &all {
        assert_eq!(
            keys(e),
            ["cow", "documents", "iso", "label", "link", "mentions"]
        );
    }
    assert!(all
        .windows(2)
        .all(|w| w[0]["mentions"].as_i64() >= w[1]["mentions"].as_i64()));
    let (some, _, _, _) = page(&ok_json(
        &server.get("/api/entities?offset=3&limit=4").await,
    ));
    assert_eq!(some[..], all[3..7]);
    let (sov, _, _, t) = page(&ok_json(&server.get("/api/entities?q=sov").await));
    assert!(sov.iter().any(|e| e["link"] == "Soviet Union"));
    assert_eq!(sov.len() as u64, t);
    // An entity's page, by any of its names.
    let info = ok_json(&server.get("/api/entities/USSR?events=5").await);
    assert_eq!(
        keys(&info),
        [
            "as_source",
            "as_target",
            "cooccurring",
            "cow",
            "documents",
            "events",
            "first",
            "forms",
            "iso",
            "label",
            "last",
            "link",
            "mentions"
        ]
    );
    assert_eq!(info["link"], "Soviet Union");
    let events = info["events"].as_array().expect("events");
    assert!(!events.is_empty() && events.len() <= 5);
    events.iter().for_each(stored_event);
    let first = info["first"].as_array().expect("[Dated, Quote]");
    dated(&first[0]);
    quote(&first[1]);
    let by_link = ok_json(&server.get("/api/entities/Soviet%20Union").await);
    assert_eq!(by_link["mentions"], info["mentions"]);
    let message = error(
        &server.get("/api/entities/Atlantis").await,
        StatusCode::NOT_FOUND,
    );
    assert!(message.contains("Atlantis"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_sentences_and_refuses_long_or_empty_queries() {
    let server = server().await;
    let hits = ok_json(&server.get("/api/search?q=neutrality+pact").await);
    assert_eq!(keys(&hits), ["items"]);
    let items = hits["items"].as_array().expect("items");
    assert!(!items.is_empty());
    for h in items {
        assert_eq!(keys(h), ["matches", "quote", "rank", "snippet"]);
        quote(&h["quote"]);
        assert!(!h["matches"].as_array().expect("matches").is_empty());
    }
    let few = ok_json(&server.get("/api/search?q=Japan&limit=3").await);
    assert_eq!(few["items"].as_array().map(Vec::len), Some(3));
    let dated = ok_json(&server.get("/api/search?q=Japan&from=1941&to=1941").await);
    assert!(!dated["items"].as_array().expect("items").is_empty());
    error(&server.get("/api/search").await, StatusCode::BAD_REQUEST);
    error(&server.get("/api/search?q=").await, StatusCode::BAD_REQUEST);
    error(
        &server.get("/api/search?q=%22()").await,
        StatusCode::BAD_REQUEST,
    );
    let long = "a".repeat(501);
    let message = error(
        &server.get(&format!("/api/search?q={long}")).await,
        StatusCode::BAD_REQUEST,
    );
    assert!(message.contains("500"), "{message}");
    error(
        &server.get(&format!("/api/ask?q={long}")).await,
        StatusCode::BAD_REQUEST,
    );
    // 500 characters are taken.
    let fine = "a".repeat(500);
    ok_json(&server.get(&format!("/api/search?q={fine}")).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questions_are_answered_with_their_quotes() {
    let server = server().await;
    let answer = ok_json(
        &server
            .get("/api/ask?q=When%20did%20Japan%20and%20the%20Soviet%20Union%20sign%20the%20neutrality%20pact%3F")
            .await,
    );
    assert_eq!(
        keys(&answer),
        ["answer", "asks", "closest", "evidence", "question"]
    );
    assert_eq!(answer["asks"], "when");
    assert!(answer["answer"]
        .as_str()
        .is_some_and(|a| a.contains("1941")));
    for e in answer["evidence"].as_array().expect("evidence") {
        assert_eq!(keys(e), ["date", "event", "quote"]);
        quote(&e["quote"]);
    }
    let none = ok_json(
        &server
            .get("/api/ask?q=Who%20invented%20the%20telephone%3F")
            .await,
    );
    assert!(none["answer"].is_null());
    error(&server.get("/api/ask").await, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_come_back_whole() {
    let server = server().await;
    let list = ok_json(&server.get("/api/documents").await);
    assert_eq!(keys(&list), ["items"]);
    let docs = list["items"].as_array().expect("items");
    assert_eq!(docs.len(), 2);
    for d in docs {
        assert_eq!(keys(d), ["bytes", "id", "name", "title"]);
        let id = d["id"].as_i64().expect("an id");
        let doc = ok_json(&server.get(&format!("/api/documents/{id}")).await);
        assert_eq!(
            keys(&doc),
            [
                "events",
                "id",
                "measures",
                "mentions",
                "name",
                "sections",
                "sentences",
                "text",
                "timexes",
                "title"
            ]
        );
        assert_eq!(doc["name"], d["name"]);
        let text = doc["text"].as_str().expect("text");
        assert_eq!(text.len() as u64, d["bytes"].as_u64().expect("bytes"));
        for s in doc["sections"].as_array().expect("sections") {
            assert_eq!(keys(s), ["end", "heading", "level", "start"]);
        }
        for s in doc["sentences"].as_array().expect("sentences") {
            assert_eq!(keys(s), ["end", "section", "start"]);
            let (a, b) = (
                s["start"].as_u64().expect("start"),
                s["end"].as_u64().expect("end"),
            );
            assert!(text.get(a as usize..b as usize).is_some());
        }
        for t in doc["timexes"].as_array().expect("timexes") {
            has_keys(t, &["id", "start", "end", "text", "type", "value"]);
            let (a, b) = (
                t["start"].as_u64().expect("start"),
                t["end"].as_u64().expect("end"),
            );
            assert_eq!(text.get(a as usize..b as usize), t["text"].as_str());
        }
        for m in doc["mentions"].as_array().expect("mentions") {
            has_keys(m, &["id", "start", "end", "text", "label", "link"]);
        }
        doc["events"]
            .as_array()
            .expect("events")
            .iter()
            .for_each(event);
        assert!(doc["measures"].is_array());
    }
    let message = error(
        &server.get("/api/documents/999999").await,
        StatusCode::NOT_FOUND,
    );
    assert!(message.contains("999999"));
    error(
        &server.get("/api/documents/seed").await,
        StatusCode::BAD_REQUEST,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_are_downloads() {
    let server = server().await;
    let json = server.get("/api/export?format=json").await;
    assert_eq!(json.status, StatusCode::OK);
    assert_eq!(json.header("content-type"), Some("application/json"));
    assert_eq!(
        json.header("content-disposition"),
        Some("attachment; filename=\"annals.json\"")
    );
    security_headers(&json);
    assert_eq!(json.json().as_array().map(Vec::len), Some(2));
    let plain = server.get("/api/export").await;
    assert_eq!(plain.body, json.body);
    let ndjson = server.get("/api/export?format=ndjson").await;
    assert_eq!(ndjson.status, StatusCode::OK);
    assert_eq!(String::from_utf8_lossy(&ndjson.body).lines().count(), 2);
    let csv = server.get("/api/export?format=csv&table=events").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv
        .header("content-disposition")
        .is_some_and(|d| d.starts_with("attachment")));
    let timeline = server.get("/api/export?format=timelinejs").await;
    assert!(timeline.json()["events"].is_array());
    let anno = server.get("/api/export?format=webanno").await;
    assert_eq!(anno.status, StatusCode::OK);
    assert_eq!(anno.header("content-type"), Some("application/ld+json"));
    let tml = server.get("/api/export?format=timeml&doc=note.txt").await;
    assert_eq!(tml.status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&tml.body).contains("<TIMEX3"));
    // Refusals.
    error(
        &server.get("/api/export?format=csv").await,
        StatusCode::BAD_REQUEST,
    );
    error(
        &server.get("/api/export?format=csv&table=passwords").await,
        StatusCode::BAD_REQUEST,
    );
    error(
        &server.get("/api/export?format=timeml").await,
        StatusCode::BAD_REQUEST,
    );
    error(
        &server.get("/api/export?format=pdf").await,
        StatusCode::BAD_REQUEST,
    );
    error(
        &server.get("/api/export?format=parquet").await,
        StatusCode::BAD_REQUEST,
    );
    error(
        &server.get("/api/export?format=json&doc=nothing").await,
        StatusCode::NOT_FOUND,
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_json_with_their_status_and_the_headers() {
    let server = server().await;
    for path in [
        "/api/nothing",
        "/api",
        "/api/timeline/extra",
        "/api/entities/",
    ] {
        let reply = server.get(path).await;
        error(&reply, StatusCode::NOT_FOUND);
        security_headers(&reply);
    }
    // Only GET (and HEAD).
    for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
        let reply = send(server.addr, method.clone(), "/api/timeline", &[], b"{}").await;
        let message = error(&reply, StatusCode::METHOD_NOT_ALLOWED);
        assert!(message.contains(method.as_str()));
        assert_eq!(reply.header("allow"), Some("GET, HEAD"));
        security_headers(&reply);
    }
    error(
        &send(server.addr, Method::POST, "/", &[], &[]).await,
        StatusCode::METHOD_NOT_ALLOWED,
    );
    let head = send(server.addr, Method::HEAD, "/api/documents", &[], &[]).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    // A GET with a body.
    let reply = send(server.addr, Method::GET, "/api/timeline", &[], b"x=1").await;
    error(&reply, StatusCode::PAYLOAD_TOO_LARGE);
    // A query string past 2 KiB.
    let long = format!("/api/timeline?type={}", "x".repeat(2100));
    let reply = server.get(&long).await;
    error(&reply, StatusCode::URI_TOO_LONG);
    security_headers(&reply);
    // A path parameter that is not UTF-8.
    error(
        &server.get("/api/entities/%FF").await,
        StatusCode::BAD_REQUEST,
    );
    // A page elsewhere that points a name at this machine is not answered.
    let reply = send(
        server.addr,
        Method::GET,
        "/api/documents",
        &[("host", "attacker.example:80")],
        &[],
    )
    .await;
    error(&reply, StatusCode::MISDIRECTED_REQUEST);
    let local = format!("localhost:{}", server.addr.port());
    let reply = send(
        server.addr,
        Method::GET,
        "/api/documents",
        &[("host", local.as_str())],
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    // API answers are not kept by caches.
    assert_eq!(reply.header("cache-control"), Some("no-store"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_past_the_timeout_is_answered_503_and_the_reader_comes_back() {
    let server = TestServer::start_with(&record(), |c| {
        c.readers = 1;
        c.timeout = Duration::from_millis(1);
    })
    .await;
    let reply = server.get("/api/index?by=section").await;
    let message = error(&reply, StatusCode::SERVICE_UNAVAILABLE);
    assert!(message.contains("longer than"), "{message}");
    security_headers(&reply);
    drop(server);
    // The one reader was given back: a server with time to spare answers.
    let server = TestServer::start_with(&record(), |c| c.readers = 1).await;
    for _ in 0..3 {
        ok_json(&server.get("/api/documents").await);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_record_is_only_read() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = seed_record(dir.path());
    let before = std::fs::read(&path).expect("reads the record");
    let server = TestServer::start(&path).await;
    for p in [
        "/",
        "/api/timeline",
        "/api/events?dyad=JPN-SUN",
        "/api/index",
        "/api/measures",
        "/api/entities?q=j",
        "/api/entities/Japan",
        "/api/search?q=pact",
        "/api/ask?q=Who%20visited%20Tokyo%20in%201991%3F",
        "/api/documents",
        "/api/documents/1",
        "/api/export?format=csv&table=documents",
    ] {
        assert_eq!(server.get(p).await.status, StatusCode::OK, "{p}");
    }
    server.stop().await.expect("stops");
    let after = std::fs::read(&path).expect("reads the record");
    assert!(before == after, "the record changed");
    // A file that is not a record is refused at the start.
    let foreign = dir.path().join("other.db");
    annals_store::testing::foreign_database(&foreign).expect("writes");
    let mut config = annals_web::Config::new(foreign);
    config.addr = "127.0.0.1:0".parse().expect("an address");
    let refused = annals_web::Server::bind(config).await.expect_err("refused");
    assert!(refused.to_string().contains("other.db"), "{refused}");
    let mut config = annals_web::Config::new(dir.path().join("missing.db"));
    config.addr = "127.0.0.1:0".parse().expect("an address");
    assert!(annals_web::Server::bind(config).await.is_err());
    assert!(!dir.path().join("missing.db").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_stops_gracefully() {
    let server = server().await;
    let addr = server.addr;
    // A kept-alive connection that has been used, and one that is idle.
    let mut used = common::Connection::open(addr).await.expect("connects");
    let first = used
        .send(Method::GET, "/api/documents", &[], &[])
        .await
        .expect("answers");
    assert_eq!(first.status, StatusCode::OK);
    let _idle = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    let started = std::time::Instant::now();
    server.stop().await.expect("the server stops without error");
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    // Nobody listens any more.
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    assert!(used
        .send(Method::GET, "/api/documents", &[], &[])
        .await
        .is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_follow_the_record_while_an_ingest_writes_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = seed_record(dir.path());
    let server = TestServer::start(&path).await;
    let documents = |body: &Value| body["items"].as_array().map_or(0, Vec::len);
    let first = ok_json(&server.get("/api/documents").await);
    assert_eq!(documents(&first), 2);
    let total = ok_json(&server.get("/api/timeline?limit=1").await)["total"].clone();
    // Asked again, unchanged: the same answer.
    let again = server.get("/api/timeline?limit=1").await;
    assert_eq!(ok_json(&again)["total"], total);
    // An ingest writes the record while the server reads it.
    let mut writer = annals_store::Store::open(&path).expect("opens for writing");
    let note = annals_text::read_bytes(
        "later.txt",
        b"Japan and the Soviet Union restored relations in October 1956.",
        annals_text::Format::Plain,
    )
    .expect("reads");
    common::ingest(&mut writer, note);
    // Every reader sees it, whichever connection answers.
    for _ in 0..8 {
        assert_eq!(documents(&ok_json(&server.get("/api/documents").await)), 3);
        let now = ok_json(&server.get("/api/timeline?limit=1").await)["total"].clone();
        assert!(now.as_u64() > total.as_u64(), "{now} after {total}");
    }
    let found = ok_json(&server.get("/api/search?q=restored").await);
    assert!(found["items"]
        .as_array()
        .expect("items")
        .iter()
        .any(|h| h["quote"]["document"] == "later.txt"));
}
