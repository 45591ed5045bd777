//! End-to-end tests of the binary: each command on the built-in seed (or on
//! standard input), its output parsed and checked for shape, order and
//! determinism.

use serde_json::Value;
use std::process::{Command, Output, Stdio};

/// The record the commands of these tests read: the built-in seed,
/// ingested once for the whole test binary.
fn record() -> &'static str {
    static RECORD: std::sync::OnceLock<(tempfile::TempDir, String)> = std::sync::OnceLock::new();
    &RECORD
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let db = dir.path().join("annals.db").display().to_string();
            let out = Command::new(env!("CARGO_BIN_EXE_annals"))
                .args(["ingest", "--db", &db])
                .output()
                .expect("annals ingest runs");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            (dir, db)
        })
        .1
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .env("ANNALS_DB", record())
        // `annals eval` must find the gold data by itself.
        .env_remove("ANNALS_GOLD")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the annals binary that cargo built runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin was piped");
        pipe.write_all(input).expect("annals reads all of stdin");
    }
    child.wait_with_output().expect("annals finishes")
}

/// Runs a command that must succeed and returns its standard output.
fn stdout_of(args: &[&str], stdin: Option<&[u8]>) -> String {
    let output = run(args, stdin);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "annals {args:?} failed with {:?}: {stderr}",
        output.status
    );
    assert!(
        stderr.is_empty(),
        "annals {args:?} wrote to stderr: {stderr}"
    );
    String::from_utf8(output.stdout).expect("annals prints UTF-8")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The day number of an ISO day such as `1941-04-13`.
fn day(text: &str) -> i64 {
    annals_time::value::parse_iso_day(text).unwrap_or_else(|| panic!("not an ISO day: {text}"))
}

fn seed_timexes() -> Vec<Value> {
    stdout_of(&["tag"], None).lines().map(json).collect()
}

#[test]
fn tag_prints_one_timex_per_line_with_its_fields() {
    let timexes = seed_timexes();
    assert!(
        timexes.len() > 50,
        "the seed has well over 50 time expressions, got {}",
        timexes.len()
    );
    let seed = annals_text::SEED_TEXT;
    for (n, t) in timexes.iter().enumerate() {
        for field in ["id", "start", "end", "text", "type", "value", "sentence"] {
            assert!(t.get(field).is_some(), "line {}: no {field:?}: {t}", n + 1);
        }
        assert_eq!(t["id"], format!("T{}", n + 1), "ids in order: {t}");
        let start = t["start"].as_u64().expect("start is a number") as usize;
        let end = t["end"].as_u64().expect("end is a number") as usize;
        assert!(start < end, "{t}");
        assert_eq!(
            seed.get(start..end),
            t["text"].as_str(),
            "text is the seed's bytes {start}..{end}"
        );
        let sentence = &t["sentence"];
        let (s, e) = (
            sentence["start"].as_u64().expect("sentence start") as usize,
            sentence["end"].as_u64().expect("sentence end") as usize,
        );
        assert!(s <= start && end <= e, "timex outside its sentence: {t}");
        let kind = t["type"].as_str().expect("type is a string");
        assert!(
            ["DATE", "TIME", "DURATION", "SET"].contains(&kind),
            "unknown type {kind}"
        );
    }
    // The first expression is the infobox's "1918": a year with its
    // EDTF form and its interval.
    let first = &timexes[0];
    assert_eq!(first["text"], "1918");
    assert_eq!(first["type"], "DATE");
    assert_eq!(first["value"], "1918");
    assert_eq!(first["edtf"], "1918");
    assert_eq!(first["earliest"], "1918-01-01");
    assert_eq!(first["latest"], "1918-12-31");
    let dated = timexes
        .iter()
        .filter(|t| t["type"] == "DATE" && t.get("earliest").is_some())
        .count();
    assert!(dated > 50, "most seed dates have an interval, got {dated}");
}

#[test]
fn output_is_deterministic() {
    for args in [
        &["tag"][..],
        &["tag", "--format", "json"],
        &["tag", "--format", "timeml"],
        &["tag", "--scheme", "timex2"],
        &["timeline"],
        &["timeline", "--format", "json"],
    ] {
        assert_eq!(
            stdout_of(args, None),
            stdout_of(args, None),
            "annals {args:?} printed different output on a second run"
        );
    }
}

/// Checks that every tag is closed in order, and returns the text content
/// with entities decoded and the number of TIMEX3 elements.
fn check_xml(xml: &str) -> (String, usize) {
    let mut stack: Vec<&str> = Vec::new();
    let mut text = String::new();
    let mut timexes = 0;
    let mut rest = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .expect("an XML declaration first");
    while let Some(i) = rest.find(['<', '&']) {
        if stack.contains(&"TEXT") {
            text.push_str(&rest[..i]);
        } else {
            assert!(
                rest[..i].trim().is_empty(),
                "text outside TEXT: {:?}",
                &rest[..i]
            );
        }
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix('&') {
            assert!(stack.contains(&"TEXT"), "an entity outside TEXT");
            let end = after.find(';').expect("an entity ends with ;");
            text.push(match &after[..end] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                other => panic!("unknown entity &{other};"),
            });
            rest = &after[end + 1..];
            continue;
        }
        let close = rest.find('>').expect("a tag ends with >");
        let tag = &rest[1..close];
        assert!(!tag.contains('<'), "< inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop(),
                Some(name),
                "closing tag </{name}> out of place"
            );
        } else {
            let name = tag.split_whitespace().next().expect("a tag has a name");
            assert!(!tag.ends_with('/'), "no empty elements expected: <{tag}>");
            assert_eq!(
                tag.matches('"').count() % 2,
                0,
                "unbalanced quotes in <{tag}>"
            );
            if name == "TimeML" {
                assert!(stack.is_empty(), "TimeML is the root");
            } else {
                assert!(!stack.is_empty(), "<{name}> outside the root");
            }
            if name == "TIMEX3" {
                assert_eq!(stack.last(), Some(&"TEXT"), "TIMEX3 directly in TEXT");
                timexes += 1;
            }
            stack.push(name);
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.trim().is_empty(), "text after the root: {rest:?}");
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    (text, timexes)
}

#[test]
fn timeml_is_well_formed_and_holds_the_text() {
    let xml = stdout_of(&["tag", "--format", "timeml"], None);
    let (text, timexes) = check_xml(&xml);
    assert_eq!(text, annals_text::SEED_TEXT, "TimeML's text is the seed's");
    assert_eq!(timexes, seed_timexes().len(), "one TIMEX3 per timex");
    assert!(xml.contains(r#"<TIMEX3 tid="t1" type="DATE" value="1918">1918</TIMEX3>"#));
}

#[test]
fn xml_checker_rejects_bad_xml() {
    let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    for bad in [
        "<TimeML><TEXT>a</TimeML></TEXT>",
        "<TimeML><TEXT>a & b</TEXT></TimeML>",
        "<TimeML><TEXT><TIMEX3 tid=\"t1>a</TIMEX3></TEXT></TimeML>",
        "<TimeML><TEXT>a</TEXT>",
    ] {
        let xml = format!("{decl}{bad}");
        let caught = std::panic::catch_unwind(|| check_xml(&xml));
        assert!(caught.is_err(), "the checker accepted {bad}");
    }
}

#[test]
fn json_format_is_one_document() {
    let doc = json(&stdout_of(&["tag", "--format", "json"], None));
    assert_eq!(doc["document"], "seed:japan-soviet-union-relations");
    assert_eq!(doc["title"], "Japan–Soviet Union relations");
    assert_eq!(doc["bytes"], annals_text::SEED_TEXT.len());
    let sections = doc["sections"].as_array().expect("sections is an array");
    assert!(sections.len() > 10, "the seed has many sections");
    let sentences = doc["sentences"].as_array().expect("sentences is an array");
    assert!(sentences.len() > 100, "the seed has over 100 sentences");
    let timexes = doc["timexes"].as_array().expect("timexes is an array");
    assert_eq!(timexes, &seed_timexes(), "the same timexes as the JSONL");
}

#[test]
fn dash_reads_standard_input() {
    let text = "In February 1945 the Allies met. In May the pact ended.";
    let out = stdout_of(&["tag", "-"], Some(text.as_bytes()));
    let timexes: Vec<Value> = out.lines().map(json).collect();
    let values: Vec<&str> = timexes
        .iter()
        .map(|t| t["value"].as_str().expect("value is a string"))
        .collect();
    assert_eq!(values, ["1945-02", "1945-05"]);
    assert_eq!(timexes[0]["text"], "February 1945");
    assert_eq!(timexes[0]["start"], 3);
    assert_eq!(timexes[1]["anchor"], "T1");
    // The document's name is `<stdin>` in the JSON output.
    let doc = json(&stdout_of(
        &["tag", "-", "--format", "json"],
        Some(text.as_bytes()),
    ));
    assert_eq!(doc["document"], "<stdin>");
}

#[test]
fn dct_resolves_deictic_expressions() {
    let out = stdout_of(
        &["tag", "-", "--dct", "2009-12-19"],
        Some(b"The treaty was signed yesterday."),
    );
    let t = json(out.lines().next().expect("one timex"));
    assert_eq!(t["text"], "yesterday");
    assert_eq!(t["value"], "2009-12-18");
}

/// The timeline's JSON items as (earliest, latest) day numbers; an open end
/// is `i64::MAX`, as the timeline sorts it.
fn intervals(items: &[Value]) -> Vec<(i64, i64)> {
    items
        .iter()
        .map(|t| {
            let earliest = day(t["date"]["earliest"]
                .as_str()
                .expect("every row has an earliest day"));
            let latest = t["date"]["latest"].as_str().map_or(i64::MAX, day);
            (earliest, latest)
        })
        .collect()
}

#[test]
fn timeline_is_in_date_order() {
    let items = json(&stdout_of(&["timeline", "--format", "json"], None));
    let items = items.as_array().expect("an array of rows");
    assert!(items.len() > 50, "the seed has many dated expressions");
    let spans = intervals(items);
    assert!(
        spans.windows(2).all(|w| w[0] <= w[1]),
        "rows out of date order: {spans:?}"
    );
    // The table lists the same rows in the same order.
    let table = stdout_of(&["timeline"], None);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("date"), "a header first: {}", lines[0]);
    let rows = &lines[1..lines.len() - 1];
    assert_eq!(rows.len(), items.len());
    for (row, item) in rows.iter().zip(items) {
        let interval = format!(
            "{}..{}",
            item["date"]["earliest"].as_str().expect("earliest"),
            item["date"]["latest"].as_str().expect("latest")
        );
        assert!(
            row.contains(&interval),
            "table row {row:?} is not JSON row {item}"
        );
    }
    // Events and the dates written in sentences, each quoting its sentence.
    let events = items.iter().filter(|i| i["kind"] == "event").count();
    assert!(events > 100, "{events} dated events");
    assert!(items.iter().all(|i| i["quote"]["text"].is_string()));
    assert_eq!(
        lines[lines.len() - 1],
        format!(
            "{events} dated events and {} dated expressions from the record",
            items.len() - events
        )
    );
}

#[test]
fn timeline_from_to_filters_by_interval() {
    let all = json(&stdout_of(&["timeline", "--format", "json"], None));
    let all = all.as_array().expect("an array of rows");
    let some = json(&stdout_of(
        &[
            "timeline", "--from", "1940", "--to", "1945", "--format", "json",
        ],
        None,
    ));
    let some = some.as_array().expect("an array of rows");
    assert!(!some.is_empty(), "the seed has dates in 1940–1945");
    assert!(some.len() < all.len(), "the filter drops some rows");
    let (from, to) = (day("1940-01-01"), day("1945-12-31"));
    for (item, (earliest, latest)) in some.iter().zip(intervals(some)) {
        assert!(
            latest >= from && earliest <= to,
            "{item} does not meet 1940–1945"
        );
    }
    // Every row of the full timeline that meets the period is kept.
    let kept = intervals(all)
        .into_iter()
        .filter(|&(a, b)| b >= from && a <= to)
        .count();
    assert_eq!(kept, some.len());
    // The filter is the same on the table.
    let table = stdout_of(&["timeline", "--from", "1940", "--to", "1945"], None);
    assert_eq!(table.lines().count(), some.len() + 2);
}

#[test]
fn eval_json_scores_both_corpora() {
    let scores = json(&stdout_of(&["eval", "--json"], None));
    for corpus in ["seed", "wikiwars"] {
        let score = &scores[corpus];
        assert!(score.is_object(), "no {corpus:?} scores in {scores}");
        for measure in ["strict", "relaxed", "value", "type"] {
            let f1 = score[measure]["f1"]
                .as_f64()
                .unwrap_or_else(|| panic!("{corpus}.{measure}.f1 is not a number: {score}"));
            assert!((0.0..=1.0).contains(&f1), "{corpus}.{measure}.f1 = {f1}");
            assert!(score[measure]["gold"].as_u64().is_some_and(|g| g > 0));
        }
    }
}

#[test]
fn bench_json_has_rows() {
    let report = json(&stdout_of(
        &["bench", "--repeat", "2", "--runs", "1", "--json"],
        None,
    ));
    assert_eq!(report["input_bytes"], annals_text::SEED_TEXT.len());
    let rows = report["rows"].as_array().expect("rows is an array");
    assert_eq!(
        rows.len(),
        9,
        "one, repeated and parallel, for time, entities and events: {report}"
    );
    for row in rows {
        assert!(row["name"].is_string(), "{row}");
        assert!(row["bytes"].as_u64().is_some_and(|b| b > 0), "{row}");
        assert!(row["sentences"].as_u64().is_some_and(|s| s > 0), "{row}");
        assert!(row["seconds"].as_f64().is_some_and(|s| s > 0.0), "{row}");
        assert!(row["mb_per_s"].as_f64().is_some_and(|s| s > 0.0), "{row}");
    }
    assert_eq!(
        rows[1]["sentences"],
        2 * rows[0]["sentences"].as_u64().unwrap_or(0)
    );
}

#[test]
fn bench_record_json_has_ingest_and_query_figures() {
    let report = json(&stdout_of(
        &[
            "bench",
            "--repeat",
            "1",
            "--runs",
            "1",
            "--record",
            "--record-docs",
            "3",
            "--query-runs",
            "3",
            "--json",
        ],
        None,
    ));
    assert_eq!(report["rows"].as_array().map(Vec::len), Some(9), "{report}");
    let record = &report["record"];
    assert_eq!(record["documents"], 3, "{record}");
    let text = record["text_bytes"].as_u64().unwrap_or(0);
    assert!(text > 3 * annals_text::SEED_TEXT.len() as u64, "{record}");
    let ingests = record["ingest"].as_array().expect("ingest is an array");
    let threads: Vec<u64> = ingests
        .iter()
        .filter_map(|r| r["threads"].as_u64())
        .collect();
    assert_eq!(threads, [1, 2], "{record}");
    for row in ingests {
        assert!(row["docs_per_s"].as_f64().is_some_and(|v| v > 0.0), "{row}");
        assert!(row["mb_per_s"].as_f64().is_some_and(|v| v > 0.0), "{row}");
        // The record holds the text, its search index and the annotations.
        assert!(
            row["db_mb_per_text_mb"].as_f64().is_some_and(|v| v > 1.0),
            "{row}"
        );
    }
    let queries = record["queries"].as_array().expect("queries is an array");
    assert_eq!(queries.len(), 5, "{record}");
    for q in queries {
        assert!(q["rows"].as_u64().is_some_and(|n| n > 0), "{q}");
        let (p50, p99) = (q["p50_ms"].as_f64(), q["p99_ms"].as_f64());
        assert!(
            p50.is_some_and(|a| p99.is_some_and(|b| 0.0 < a && a <= b)),
            "{q}"
        );
    }
    let plain = json(&stdout_of(
        &["bench", "--repeat", "1", "--runs", "1", "--json"],
        None,
    ));
    assert!(plain.get("record").is_none(), "--record is opt-in: {plain}");
}

/// A small MediaWiki export: two articles, a redirect and a talk page.
const WIKI_DUMP: &str = r#"<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">
  <siteinfo><dbname>testwiki</dbname></siteinfo>
  <page><title>Hastings</title><ns>0</ns><id>1</id><revision><id>11</id><text xml:space="preserve">The '''Battle''' of [[Hastings]] was fought on {{start date|1066|10|14}}. [[William the Conqueror|William]] won.</text></revision></page>
  <page><title>Old</title><ns>0</ns><id>2</id><redirect title="Hastings" /><revision><id>12</id><text>#REDIRECT [[Hastings]]</text></revision></page>
  <page><title>Talk:Hastings</title><ns>1</ns><id>3</id><revision><id>13</id><text>Talk.</text></revision></page>
  <page><title>Lincoln</title><ns>0</ns><id>4</id><revision><id>14</id><text xml:space="preserve">'''Abraham Lincoln''' was elected in 1860 and died on April 15, 1865.</text></revision></page>
</mediawiki>
"#;

#[test]
fn bench_wiki_json_has_the_readers_figures() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let dump = dir.path().join("test.xml");
    std::fs::write(&dump, WIKI_DUMP).expect("the dump is written");
    let pages = dir.path().join("pages.jsonl");
    let dump_arg = dump.to_string_lossy().to_string();
    let pages_arg = pages.to_string_lossy().to_string();
    let report = json(&stdout_of(
        &[
            "bench",
            "--wiki",
            &dump_arg,
            "--runs",
            "1",
            "--json",
            "--write-pages",
            &pages_arg,
        ],
        None,
    ));
    assert_eq!(report["stream"]["pages"], 4, "{report}");
    assert_eq!(report["stream"]["article_pages"], 2, "{report}");
    assert_eq!(report["pages"], 2, "articles only: {report}");
    for figure in [
        &report["stream"]["xml_mb_per_s"],
        &report["stream"]["pages_per_s"],
        &report["wikitext"]["mb_per_s"],
        &report["wikitext"]["pages_per_s"],
    ] {
        assert!(figure.as_f64().is_some_and(|f| f > 0.0), "{report}");
    }
    let pipeline = report["pipeline"].as_array().expect("pipeline is an array");
    let threads: Vec<u64> = pipeline
        .iter()
        .filter_map(|r| r["threads"].as_u64())
        .collect();
    assert_eq!(threads, [1, 2], "{report}");
    assert!(pipeline
        .iter()
        .all(|r| r["pages_per_s"].as_f64().is_some_and(|f| f > 0.0)));
    let written = std::fs::read_to_string(&pages).expect("the pages were written");
    let lines: Vec<Value> = written.lines().map(json).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["title"], "Hastings");
    let bytes: u64 = lines
        .iter()
        .filter_map(|l| l["text"].as_str())
        .map(|t| t.len() as u64)
        .sum();
    assert_eq!(report["wikitext_bytes"], bytes, "the same bytes: {report}");

    let streamed = json(&stdout_of(
        &["bench", "--wiki", &dump_arg, "--stream-only", "--json"],
        None,
    ));
    assert_eq!(streamed["article_pages"], 2, "{streamed}");
    assert_eq!(streamed["wikitext_bytes"], bytes, "{streamed}");
    assert!(
        streamed["text_bytes"].as_u64().is_some_and(|b| b > 0),
        "{streamed}"
    );
    let table = stdout_of(&["bench", "--wiki", &dump_arg, "--runs", "1"], None);
    assert!(table.contains("(b) wikitext -> plain text"), "{table}");
    let output = run(&["bench", "--stream-only"], None);
    assert!(!output.status.success(), "--stream-only needs --wiki");
}

/// Runs a command whose reader has gone away before it writes: it must stop
/// quietly with success, as `annals timeline | head` expects.
fn quiet_on_closed_stdout(args: &[&str]) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .env("ANNALS_DB", record())
        .env_remove("ANNALS_GOLD")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the annals binary that cargo built runs");
    // Closing the read end at once makes the first write fail with EPIPE:
    // the binary reads and tags the whole seed before it writes anything.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("annals finishes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.is_empty(),
        "annals {args:?} with a closed stdout: {:?}, stderr {stderr:?}",
        output.status
    );
}

#[test]
fn closed_stdout_is_not_an_error() {
    quiet_on_closed_stdout(&["tag", "--format", "timeml"]);
    quiet_on_closed_stdout(&["timeline"]);
}

#[test]
fn closed_stdout_is_not_an_error_for_json_output() {
    quiet_on_closed_stdout(&["tag"]);
    quiet_on_closed_stdout(&["tag", "--format", "json"]);
    quiet_on_closed_stdout(&["timeline", "--format", "json"]);
}

#[test]
fn closed_stdout_is_not_an_error_for_eval_and_bench() {
    quiet_on_closed_stdout(&["eval", "--json"]);
    quiet_on_closed_stdout(&["bench", "--repeat", "1", "--runs", "1", "--json"]);
}

#[test]
fn index_groups_the_dyads_events_by_period() {
    let rows = json(&stdout_of(
        &[
            "index", "--by", "decade", "--dyad", "JPN-SUN", "--format", "json",
        ],
        None,
    ));
    let rows = rows.as_array().expect("an array of periods");
    assert!(rows.len() >= 4, "{rows:?}");
    for row in rows {
        let period = row["period"].as_str().expect("a period");
        assert!(period.ends_with("0s"), "{period}");
        let n = row["count"].as_u64().expect("a count");
        let (sum, mean) = (row["sum"].as_f64().unwrap(), row["mean"].as_f64().unwrap());
        assert!((sum / n as f64 - mean).abs() < 1e-9);
        assert!(!row["top"].as_array().unwrap().is_empty());
    }
    let table = stdout_of(&["index", "--by", "section"], None);
    assert!(table.contains("1930–1945"), "{table}");
    let directed = json(&stdout_of(
        &["index", "--dyad", "SUN>JPN", "--format", "json"],
        None,
    ));
    let total = |v: &Value| -> u64 {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["count"].as_u64().unwrap())
            .sum()
    };
    let both = json(&stdout_of(&["index", "--format", "json"], None));
    assert!(total(&directed) < total(&both));
}

#[test]
fn index_rejects_an_unknown_dyad() {
    let out = run(&["index", "--dyad", "XXX-SUN"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("XXX"), "{err}");
}

#[test]
fn events_filter_by_dyad() {
    let all = json(&stdout_of(&["events", "--format", "json"], None));
    let dyad = json(&stdout_of(
        &["events", "--dyad", "JPN-SUN", "--format", "json"],
        None,
    ));
    let (all, dyad) = (all.as_array().unwrap(), dyad.as_array().unwrap());
    assert!(!dyad.is_empty() && dyad.len() < all.len());
}

#[test]
fn measures_form_a_dated_trade_series() {
    let csv = stdout_of(&["measures", "--unit", "USD", "--format", "csv"], None);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("date,amount,unit,approx,measure,text,start,end")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.len() >= 5, "{csv}");
    let years: Vec<&str> = rows.iter().map(|r| &r[0][..3]).collect();
    assert!(
        years.windows(2).all(|p| p[0] <= p[1]),
        "in time order: {csv}"
    );
    for r in &rows {
        assert_eq!(r[2], "USD");
        assert!(r[1].parse::<f64>().is_ok_and(|a| a >= 1e9), "{r:?}");
        let (start, end): (usize, usize) = (r[6].parse().unwrap(), r[7].parse().unwrap());
        assert_eq!(annals_text::SEED_TEXT.get(start..end), Some(r[5]));
    }
    let all = json(&stdout_of(
        &["measures", "--durations", "--format", "json"],
        None,
    ));
    assert!(all.as_array().unwrap().len() > rows.len());
}

#[test]
fn index_defaults_to_the_documents_two_main_states() {
    let table = stdout_of(&["index", "--by", "decade"], None);
    let first = table.lines().next().unwrap_or("");
    assert!(
        first.contains("SUN-JPN") || first.contains("JPN-SUN"),
        "{first}"
    );
    let war = "The Kingdom of Italy declared war on the Ottoman Empire in 1911. \
               Italian troops occupied Tripoli in October 1911. \
               The Ottoman Empire signed the Treaty of Ouchy with Italy in 1912.";
    let out = stdout_of(&["index", "--by", "year", "-"], Some(war.as_bytes()));
    assert!(out.lines().next().unwrap_or("").contains("ITA"), "{out}");
}

#[test]
fn ingest_writes_the_record_once_and_skips_bad_files() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("record.db");
    let db = db.to_str().expect("a UTF-8 path");
    let first = stdout_of(&["ingest", "--db", db], None);
    assert!(first.starts_with("1 new, 0 unchanged"), "{first}");
    let again = stdout_of(&["ingest", "--db", db], None);
    assert!(again.starts_with("0 new, 1 unchanged"), "{again}");
    // A folder with one good text and one that is not UTF-8.
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("a folder");
    std::fs::write(
        docs.join("a.txt"),
        "In 1941 Japan and the Soviet Union signed a pact.",
    )
    .expect("writes");
    std::fs::write(docs.join("b.txt"), b"caf\xe9 in 1941").expect("writes");
    let out = run(&["ingest", "--db", db, docs.to_str().expect("UTF-8")], None);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.starts_with("1 new, 0 unchanged, 0 replaced, 1 failed"),
        "{stdout}"
    );
    assert!(stdout.contains("2 documents"), "{stdout}");
    assert!(stderr.contains("b.txt"), "{stderr}");
}

#[test]
fn record_events_limit_is_the_head_of_the_whole_list() {
    let all = json(&stdout_of(&["events", "--format", "json"], None));
    let all = all.as_array().expect("an array of events");
    let few = json(&stdout_of(
        &["events", "--limit", "5", "--format", "json"],
        None,
    ));
    let few = few.as_array().expect("an array of events");
    assert_eq!(few.len(), 5);
    assert_eq!(&all[..5], &few[..]);
    let pair = json(&stdout_of(
        &[
            "events", "--dyad", "JPN-SUN", "--limit", "3", "--format", "json",
        ],
        None,
    ));
    assert_eq!(pair.as_array().map(Vec::len), Some(3));
}
