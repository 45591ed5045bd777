//! `annals tag --input ndjson --output ndjson`: documents as JSON lines on
//! standard input, one annotated line per input line on standard output.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The binary that cargo built.
const ANNALS: &str = env!("CARGO_BIN_EXE_annals");

fn shard(input: &str, extra: &[&str]) -> Output {
    shard_to("ndjson", input, extra)
}

fn shard_to(output: &str, input: &str, extra: &[&str]) -> Output {
    shard_to_with(output, "ndjson", input, extra)
}

fn shard_to_with(output: &str, reads: &str, input: &str, extra: &[&str]) -> Output {
    let mut child = Command::new(ANNALS)
        .args(["tag", "--input", reads, "--output", output])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("ANNALS_DB")
        .spawn()
        .expect("annals runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("annals ends");
    feeder
        .join()
        .expect("feeder")
        .expect("annals reads its input");
    out
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    assert!(
        out.status.success(),
        "annals failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// Two plain-text documents as NDJSON lines, with `between` (whole lines)
/// between them.
fn two_documents(between: &str) -> String {
    let one = doc(
        1,
        "One",
        "In 1914 Austria-Hungary declared war on Serbia.",
        "plain",
    );
    let two = doc(
        2,
        "Two",
        "Japan recognized the Soviet Union in 1925.",
        "plain",
    );
    format!("{one}\n{between}{two}\n")
}

fn doc(id: u64, title: &str, text: &str, format: &str) -> String {
    serde_json::json!({"id": id, "title": title, "text": text, "format": format}).to_string()
}

#[test]
fn every_format_in_input_order() {
    let input = [
        doc(
            1,
            "Hastings",
            "The '''Battle''' of [[Hastings]] was fought on {{start date|1066|10|14}}.",
            "wikitext",
        ),
        doc(
            2,
            "Plain",
            "In 1914 Austria-Hungary declared war on Serbia.",
            "plain",
        ),
        doc(
            3,
            "Markdown",
            "# Waterloo\n\nNapoleon was defeated on 18 June 1815.",
            "markdown",
        ),
    ]
    .join("\n");
    let out = lines(&shard(&input, &[]));
    assert_eq!(out.len(), 3);
    for (line, id) in out.iter().zip(1..) {
        assert_eq!(line["id"], id);
        for key in [
            "title", "document", "text", "timexes", "entities", "events", "measures",
        ] {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
        let text = line["text"].as_str().expect("text");
        for t in line["timexes"].as_array().expect("timexes") {
            let (s, e) = (
                t["start"].as_u64().expect("start"),
                t["end"].as_u64().expect("end"),
            );
            assert_eq!(text.get(s as usize..e as usize), t["text"].as_str());
        }
        assert!(
            !line["timexes"].as_array().expect("timexes").is_empty(),
            "{line}"
        );
    }
    assert_eq!(out[0]["title"], "Hastings");
    assert!(out[0]["text"].as_str().is_some_and(|t| !t.contains("[[")));
}

#[test]
fn bad_lines_become_error_lines_and_the_run_goes_on() {
    let input = [
        doc(1, "Good", "In 1914 the war began.", "plain"),
        "{\"id\": 2, \"title\": \"No text\", \"format\": \"plain\"}".to_string(),
        "{\"id\": 3, \"text\": \"x\", \"format\": \"latex\"}".to_string(),
        "{this is not json".to_string(),
        doc(5, "Empty", "   ", "plain"),
        doc(6, "Also good", "On 6 June 1944 the Allies landed.", "plain"),
    ]
    .join("\n")
        + "\n";
    let out = shard(&input, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let out = lines(&out);
    assert_eq!(out.len(), 6);
    assert_eq!(out[0]["id"], 1);
    assert!(out[0].get("error").is_none());
    assert_eq!(out[1]["id"], 2);
    assert_eq!(out[1]["error"], "line 2: no \"text\"");
    assert_eq!(out[2]["id"], 3);
    let unknown = out[2]["error"].as_str().expect("an error");
    assert!(
        unknown.starts_with("line 3: unknown \"format\" \"latex\""),
        "{unknown}"
    );
    assert!(out[3].get("id").is_none());
    let json = out[3]["error"].as_str().expect("an error");
    assert!(json.starts_with("line 4: not a JSON object"), "{json}");
    assert_eq!(out[4]["id"], 5);
    assert!(out[4]["error"]
        .as_str()
        .is_some_and(|e| e.starts_with("line 5: ")));
    assert_eq!(out[5]["id"], 6);
    assert!(out[5].get("error").is_none());
    assert!(stderr.contains("4 line(s)"), "{stderr}");
}

#[test]
fn many_lines_keep_their_order() {
    let input: String = (0..300)
        .map(|i| {
            doc(
                i,
                &format!("Doc {i}"),
                &format!("In {} a treaty was signed.", 1500 + i),
                "plain",
            ) + "\n"
        })
        .collect();
    let out = lines(&shard(&input, &[]));
    assert_eq!(out.len(), 300);
    for (i, line) in out.iter().enumerate() {
        assert_eq!(line["id"], i);
        assert!(line["text"]
            .as_str()
            .is_some_and(|t| t.contains(&format!("{}", 1500 + i))));
    }
}

#[test]
fn names_the_document_by_its_title() {
    let text = "'''Anarchism''' is a [[political philosophy]]. It arose in the 1840s.";
    let out = lines(&shard(&doc(12, "Anarchism", text, "wikitext"), &[]));
    assert_eq!(out[0]["document"], "Anarchism");
    assert!(out[0]["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("Anarchism\n\n")));
}

#[test]
fn flags_are_checked() {
    let out = Command::new(ANNALS)
        .args(["tag", "--input", "ndjson"])
        .stdin(Stdio::null())
        .output()
        .expect("annals runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output"));
    let out = shard("", &["no-such-file.ndjson"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot open no-such-file.ndjson"),
        "{stderr}"
    );
    let out = shard("", &[]);
    assert!(out.status.success() && out.stdout.is_empty());
}

/// A FILE argument is read instead of standard input.
#[test]
fn reads_a_named_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("part-0.ndjson");
    let input = format!(
        "{}\n{}\n",
        doc(
            7,
            "Seven",
            "In 1914 Austria-Hungary declared war on Serbia.",
            "plain"
        ),
        doc(
            8,
            "Eight",
            "Japan recognized the Soviet Union in 1925.",
            "plain"
        )
    );
    std::fs::write(&file, &input).expect("writes");
    let from_file = lines(&shard("", &[file.to_str().expect("a UTF-8 path")]));
    let from_stdin = lines(&shard(&input, &[]));
    assert_eq!(from_file.len(), 2);
    assert_eq!(from_file, from_stdin);
}

/// `--input parquet` reads the rows of a Parquet file (here one that
/// `--output parquet` wrote: its `format` column is absent, so the rows are
/// plain text) and annotates them as the same documents given as NDJSON.
#[test]
fn parquet_input() {
    let input = two_documents("");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let part = dir.path().join("part.parquet");
    if !cfg!(feature = "parquet") {
        std::fs::write(&part, b"PAR1").expect("writes");
        let out = shard_to_with("ndjson", "parquet", "", &[part.to_str().expect("UTF-8")]);
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--features parquet"), "{stderr}");
        return;
    }
    let written = shard_to("parquet", &input, &[]);
    assert!(written.status.success());
    std::fs::write(&part, &written.stdout).expect("writes");
    let direct = lines(&shard(&input, &[]));
    let path = part.to_str().expect("a UTF-8 path");
    let again = lines(&shard_to_with("ndjson", "parquet", "", &[path]));
    assert_eq!(again.len(), 2);
    for (a, d) in again.iter().zip(&direct) {
        // The Parquet file holds ids as text.
        assert_eq!(a["id"], d["id"].to_string(), "{a}");
        assert_eq!(a["text"], d["text"]);
        assert_eq!(a["timexes"], d["timexes"]);
        assert_eq!(a["entities"], d["entities"]);
        assert_eq!(a["events"], d["events"]);
    }
    // From standard input too, and not a Parquet file at all: an error
    // that names the input.
    let piped = Command::new(ANNALS)
        .args(["tag", "--input", "parquet", "--output", "ndjson"])
        .stdin(std::fs::File::open(&part).expect("opens"))
        .output()
        .expect("annals runs");
    assert!(piped.status.success());
    assert_eq!(String::from_utf8_lossy(&piped.stdout).lines().count(), 2);
    let bad = shard_to_with("ndjson", "parquet", "", &[]);
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("standard input: not a Parquet file"),
        "{stderr}"
    );
    // A file whose metadata makes the parquet crate panic (found by the
    // `parquet_input` fuzz target): a clear error naming file and row.
    let corrupt = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus-seed/parquet_input/negative-column-start.parquet");
    let out = Command::new(ANNALS)
        .args(["tag", "--input", "parquet", "--output", "ndjson"])
        .arg(&corrupt)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("annals runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("negative-column-start.parquet: cannot read row 1: cannot read Parquet")
            && stderr.contains("corrupt file"),
        "{stderr}"
    );
}

/// `--output parquet` writes one Parquet file (rows read back in the Spark
/// test and the store's tests) and reports bad lines as it does for NDJSON;
/// a build without the feature says how to get it.
#[test]
fn parquet_output() {
    let input = two_documents("not json\n");
    let out = shard_to("parquet", &input, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if cfg!(feature = "parquet") {
        assert!(out.status.success(), "{stderr}");
        assert!(out.stdout.starts_with(b"PAR1") && out.stdout.ends_with(b"PAR1"));
        assert!(
            stderr.contains("1 line(s) of standard input could not be annotated"),
            "{stderr}"
        );
        // The row of the bad line holds its error, the others their text.
        let find = |needle: &[u8]| out.stdout.windows(needle.len()).any(|w| w == needle);
        assert!(find(b"line 2: not a JSON object"));
        assert!(find(b"Japan recognized the Soviet Union in 1925."));
    } else {
        assert!(!out.status.success());
        assert!(stderr.contains("--features parquet"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}
