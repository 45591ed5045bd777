//! `annals tag --format ndjson` and `annals ingest` on a Wikipedia dump
//! fragment (`shared/data/wiki`), five articles at a time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary that cargo built.
const ANNALS: &str = env!("CARGO_BIN_EXE_annals");

fn fragment() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/wiki/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2")
}

fn annals(args: &[&str]) -> Output {
    Command::new(ANNALS)
        .args(args)
        .stdin(Stdio::null())
        .env_remove("ANNALS_DB")
        .output()
        .expect("annals runs")
}

fn stdout_of(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "annals failed: {stderr}");
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

#[test]
fn tag_ndjson_prints_one_line_per_article() {
    let dump = fragment();
    let out = annals(&[
        "tag",
        "--format",
        "ndjson",
        dump.to_str().expect("UTF-8 path"),
        "--limit",
        "5",
    ]);
    let text = stdout_of(&out);
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["id"], 12);
    assert_eq!(lines[0]["title"], "Anarchism");
    assert_eq!(lines[0]["document"], "enwiki:Anarchism");
    let mut timexes = 0;
    for line in &lines {
        let body = line["text"].as_str().expect("text");
        assert!(!body.is_empty());
        assert!(
            !body.contains("[["),
            "{}: wikitext left in the text",
            line["title"]
        );
        for layer in ["timexes", "entities"] {
            for a in line[layer].as_array().expect("a list") {
                let (start, end) = (
                    a["start"].as_u64().expect("start") as usize,
                    a["end"].as_u64().expect("end") as usize,
                );
                assert_eq!(body.get(start..end), a["text"].as_str(), "{layer} {a}");
            }
        }
        timexes += line["timexes"].as_array().map_or(0, Vec::len);
        assert!(line["events"].is_array() && line["measures"].is_array());
    }
    assert!(
        timexes > 50,
        "only {timexes} time expressions in five articles"
    );
    // The source map takes each time expression back to its wikitext: one
    // that lies in a copied run is the same bytes there.
    let pages: Vec<annals_dump::Page> = annals_dump::Pages::open_with(
        &dump,
        annals_dump::Options {
            limit: Some(5),
            ..Default::default()
        },
    )
    .expect("the dump opens")
    .map(|p| p.expect("a page"))
    .collect();
    let mut mapped = 0;
    for (line, page) in lines.iter().zip(&pages) {
        let body = line["text"].as_str().expect("text");
        let runs: Vec<(usize, usize, usize, bool)> = line["source_map"]
            .as_array()
            .expect("a source map")
            .iter()
            .map(|r| {
                let n = |i: usize| r[i].as_u64().expect("a number") as usize;
                (n(0), n(1), n(2), r[3].as_bool().expect("copied"))
            })
            .collect();
        assert!(runs
            .windows(2)
            .all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1));
        for t in line["timexes"].as_array().expect("a list") {
            let (start, end) = (
                t["start"].as_u64().expect("start") as usize,
                t["end"].as_u64().expect("end") as usize,
            );
            let i = runs.partition_point(|r| r.0 <= start);
            let Some(&(text_at, source_at, len, copied)) = i.checked_sub(1).map(|i| &runs[i])
            else {
                continue;
            };
            let next = runs.get(i).map_or(body.len(), |r| r.0);
            if copied && end <= next && end - text_at <= len {
                let from = source_at + (start - text_at);
                assert_eq!(
                    page.text.get(from..from + (end - start)),
                    body.get(start..end),
                    "{} {t}",
                    line["title"]
                );
                mapped += 1;
            }
        }
    }
    assert!(mapped > 50, "only {mapped} time expressions mapped back");
}

#[test]
fn tag_ndjson_filters_by_title() {
    let dump = fragment();
    let out = annals(&[
        "tag",
        "--format",
        "ndjson",
        dump.to_str().expect("UTF-8 path"),
        "--title",
        "^Algeria$",
    ]);
    let text = stdout_of(&out);
    let titles: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON");
            v["title"].as_str().expect("title").to_string()
        })
        .collect();
    assert_eq!(titles, ["Algeria"]);
}

#[test]
fn tag_refuses_mismatched_formats() {
    let dump = fragment();
    let out = annals(&["tag", dump.to_str().expect("UTF-8 path")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format ndjson"));
    let out = annals(&["tag", "--format", "ndjson"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("dump"));
}

#[test]
fn ingest_writes_articles_as_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("record.db");
    let dump = fragment();
    let args = [
        "ingest",
        dump.to_str().expect("UTF-8 path"),
        "--limit",
        "5",
        "--db",
        db.to_str().expect("UTF-8 path"),
    ];
    let text = stdout_of(&annals(&args));
    assert!(
        text.starts_with("5 new, 0 unchanged, 0 replaced, 0 failed"),
        "{text}"
    );
    let conn = rusqlite::Connection::open(&db).expect("opens");
    let names: Vec<String> = conn
        .prepare("SELECT name FROM documents ORDER BY id")
        .expect("prepares")
        .query_map([], |r| r.get(0))
        .expect("queries")
        .collect::<Result<_, _>>()
        .expect("reads");
    assert_eq!(names[0], "enwiki:Anarchism");
    assert_eq!(names.len(), 5);
    drop(conn);
    // Again: nothing changes.
    let text = stdout_of(&annals(&args));
    assert!(text.starts_with("0 new, 5 unchanged"), "{text}");
}

#[test]
fn a_truncated_dump_is_reported_and_its_pages_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("record.db");
    let bytes = std::fs::read(fragment()).expect("reads");
    let cut = dir.path().join("cut.xml.bz2");
    // The first 300 kB hold the first articles, then the stream breaks off.
    std::fs::write(&cut, &bytes[..300_000]).expect("writes");
    let out = annals(&[
        "ingest",
        cut.to_str().expect("UTF-8 path"),
        "--db",
        db.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cut.xml.bz2: byte "), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(" new,") && stdout.contains("1 failed"),
        "{stdout}"
    );
    assert!(!stdout.starts_with("0 new"), "{stdout}");
}
