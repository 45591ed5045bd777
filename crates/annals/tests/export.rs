//! `annals export` end to end: a record made by `annals ingest` in a
//! temporary folder, written out in each format, read back.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn annals(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .env_remove("ANNALS_DB")
        .output()
        .expect("the annals binary runs")
}

/// Runs a command that must succeed; returns its standard output and error.
fn ok(args: &[&str]) -> (String, String) {
    let out = annals(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "annals {args:?} failed: {stderr}");
    (
        String::from_utf8(out.stdout).expect("the output is UTF-8"),
        stderr,
    )
}

#[test]
fn export_writes_what_ingest_stored() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("annals.db");
    let db = db.to_str().expect("a UTF-8 path");
    let note = dir.path().join("note.txt");
    let text = "Tōkyō — and Moscow — signed a trade agreement on 21 January 1925 & more.\n";
    std::fs::write(&note, text).expect("writes");
    let note = note.to_str().expect("a UTF-8 path");
    ok(&["ingest", "--db", db]);
    ok(&["ingest", "--db", db, note]);

    // JSON: both documents with their layers.
    let (json, _) = ok(&["export", "--db", db, "--format", "json"]);
    let docs: Value = serde_json::from_str(&json).expect("JSON");
    let docs = docs.as_array().expect("an array of documents");
    assert_eq!(docs.len(), 2);
    let mine = docs
        .iter()
        .find(|d| d["name"] == note)
        .expect("the note is exported");
    assert_eq!(mine["text"], text);
    let timexes = mine["timexes"].as_array().expect("timexes").len();
    assert!(timexes >= 1);

    // NDJSON of one document; CSV of one table to standard output.
    let (ndjson, _) = ok(&["export", "--db", db, "--format", "ndjson", "--doc", note]);
    assert_eq!(ndjson.lines().count(), 1);
    let (csv, _) = ok(&[
        "export", "--db", db, "--format", "csv", "--table", "timexes", "--doc", note,
    ]);
    assert!(csv.starts_with("doc,tid,start,end,text,type,value,"));
    assert_eq!(
        csv.split("\r\n").filter(|l| !l.is_empty()).count(),
        timexes + 1
    );

    // TimeML of the note: its text, tags aside, with & escaped.
    let (xml, _) = ok(&["export", "--db", db, "--format", "timeml", "--doc", note]);
    assert!(xml.starts_with("<?xml"));
    assert!(xml.contains(
        r#"<TIMEX3 tid="t1" type="DATE" value="1925-01-21">21 January 1925</TIMEX3> &amp; more."#
    ));
    let stripped: String = xml
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(_, rest)| rest))
        .collect::<String>()
        .replace("&amp;", "&");
    assert_eq!(stripped.trim_start(), format!("{text}\n"));

    // Web annotations: positions in code points.
    let (anno, _) = ok(&["export", "--db", db, "--format", "webanno", "--doc", note]);
    let anno: Value = serde_json::from_str(&anno).expect("JSON-LD");
    assert_eq!(anno["@context"], "http://www.w3.org/ns/anno.jsonld");
    let first = &anno["first"]["items"][0]["target"]["selector"][0];
    assert_eq!(first["type"], "TextPositionSelector");
    let date = anno["first"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|a| a["target"]["selector"][1]["exact"] == "21 January 1925")
        .expect("the date is annotated");
    let start = text.find("21 January").expect("in the text");
    assert_eq!(
        date["target"]["selector"][0]["start"],
        text[..start].chars().count()
    );

    // Files and folders.
    let timeline = dir.path().join("timeline.json");
    let (_, stderr) = ok(&[
        "export",
        "--db",
        db,
        "--format",
        "timelinejs",
        "--out",
        timeline.to_str().expect("UTF-8"),
    ]);
    assert!(stderr.contains("timeline.json"), "{stderr}");
    let timeline: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("timeline.json")).expect("reads"))
            .expect("JSON");
    assert!(timeline["events"].as_array().expect("events").len() > 100);
    let tables = dir.path().join("tables");
    ok(&[
        "export",
        "--db",
        db,
        "--format",
        "csv",
        "--out",
        tables.to_str().expect("UTF-8"),
    ]);
    assert!(Path::new(&tables.join("events.csv")).is_file());

    // Mistakes are one line naming what is wrong.
    for (args, says) in [
        (
            vec!["export", "--db", db, "--doc", "nothing.txt"],
            "nothing.txt",
        ),
        (vec!["export", "--db", db, "--format", "csv"], "--out"),
        (
            vec!["export", "--db", db, "--format", "timeml"],
            "one document",
        ),
    ] {
        let out = annals(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
}
