//! `examples/spark/annals_spark.py` under Apache Spark (`local[2]`): the
//! articles of the Wikipedia dump fragment piped through `annals tag --input
//! ndjson --output ndjson` by Spark give the same lines as one run of the
//! binary on the same input.
//!
//! With the `parquet` feature, the same articles written by Spark tasks as
//! Parquet parts (`--output parquet`) and read back by Spark as one
//! DataFrame equal that run too, row for row and field for field; and
//! Parquet that Spark itself wrote is read by `--input parquet`.
//!
//! PySpark is installed with pip when missing; Java 17 must be on the PATH.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The binary that cargo built.
const ANNALS: &str = env!("CARGO_BIN_EXE_annals");

/// The PySpark release the example is tested with (also in `scripts/test`).
const PYSPARK: &str = "pyspark==3.5.3";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fragment() -> PathBuf {
    root().join(
        "../shared/data/wiki/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2",
    )
}

/// Installs PySpark unless it is there; fails (never skips) when it cannot.
fn ensure_pyspark() {
    let has = |()| {
        Command::new("python3")
            .args(["-c", "import pyspark"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if has(()) {
        return;
    }
    let out = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", PYSPARK])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success() && has(()),
        "the Spark test needs PySpark, and `python3 -m pip install {PYSPARK}` failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Lines of NDJSON sorted by their `id`.
fn by_id(text: &str) -> Vec<serde_json::Value> {
    let mut lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    lines.sort_by_key(|l| l["id"].as_u64().expect("a numeric id"));
    lines
}

/// Runs the example over the fragment's first 20 articles (with `extra`
/// arguments); returns the input lines it wrote and its output.
fn run_example(dir: &Path, extra: &[&str]) -> (PathBuf, PathBuf) {
    ensure_pyspark();
    let java = Command::new("java").arg("-version").output();
    assert!(
        java.is_ok_and(|o| o.status.success()),
        "the Spark test needs Java (17) on the PATH"
    );
    let (pages, tagged) = (dir.join("pages.ndjson"), dir.join("tagged.ndjson"));
    let started = std::time::Instant::now();
    let spark = Command::new("python3")
        .arg(root().join("examples/spark/annals_spark.py"))
        .args(["--annals", ANNALS, "--dump"])
        .arg(fragment())
        .args(["--limit", "20", "--pages"])
        .arg(&pages)
        .arg("--out")
        .arg(&tagged)
        .args(extra)
        .current_dir(dir)
        .output()
        .expect("python3 runs");
    assert!(
        spark.status.success(),
        "annals_spark.py failed: {}",
        String::from_utf8_lossy(&spark.stderr)
    );
    eprintln!("Spark run: {:.1} s", started.elapsed().as_secs_f64());
    (pages, tagged)
}

/// One run of the binary on the same input, sorted by id.
fn single_machine(pages: &Path) -> Vec<serde_json::Value> {
    let input = std::fs::File::open(pages).expect("the script wrote its input");
    let single = Command::new(ANNALS)
        .args(["tag", "--input", "ndjson", "--output", "ndjson"])
        .stdin(input)
        .output()
        .expect("annals runs");
    assert!(
        single.status.success(),
        "{}",
        String::from_utf8_lossy(&single.stderr)
    );
    by_id(&String::from_utf8(single.stdout).expect("UTF-8"))
}

#[test]
fn spark_run_equals_single_machine_run() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (pages, tagged) = run_example(dir.path(), &[]);
    let single = single_machine(&pages);
    let spark = by_id(&std::fs::read_to_string(&tagged).expect("the script wrote its output"));
    assert_eq!(single.len(), 20);
    assert_eq!(spark.len(), single.len());
    for (s, o) in spark.iter().zip(&single) {
        assert!(o.get("error").is_none(), "{o}");
        assert_eq!(s, o, "page {}", o["id"]);
    }
    assert_eq!(single[0]["title"], "Anarchism");
    assert!(single[0]["timexes"]
        .as_array()
        .is_some_and(|t| !t.is_empty()));
}

/// A JSON value with its null object fields left out (Spark's `toJSON`
/// leaves them out; annals writes a mention's missing link as null).
#[cfg(feature = "parquet")]
fn without_nulls(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

#[cfg(feature = "parquet")]
#[test]
fn spark_reads_parquet_parts_equal_to_single_machine_run() {
    use serde_json::{json, Value};
    let dir = tempfile::tempdir().expect("a temporary directory");
    let parts = dir.path().join("parts");
    let parts_arg = parts.to_str().expect("a UTF-8 path");
    let (pages, tagged) = run_example(dir.path(), &["--parquet", parts_arg]);
    let written = std::fs::read_dir(&parts)
        .expect("the parts folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".parquet"))
        })
        .count();
    assert_eq!(written, 4, "one part per partition");
    let single = single_machine(&pages);
    // Spark's rows as JSON: the id is text (the schema's), a source-map run
    // an object; put both back in the NDJSON's shape.
    let text = std::fs::read_to_string(&tagged).expect("the script wrote its output");
    let mut spark: Vec<Value> = text
        .lines()
        .map(|l| {
            let mut row: Value = serde_json::from_str(l).expect("a JSON line");
            let id: u64 = row["id"]
                .as_str()
                .and_then(|id| id.parse().ok())
                .expect("a numeric id as text");
            row["id"] = json!(id);
            if let Some(runs) = row.get_mut("source_map").and_then(Value::as_array_mut) {
                for run in runs {
                    *run = json!([run["text"], run["source"], run["source_len"], run["copied"]]);
                }
            }
            row
        })
        .collect();
    spark.sort_by_key(|l| l["id"].as_u64());
    assert_eq!(spark.len(), 20);
    for (s, o) in spark.iter().zip(&single) {
        assert_eq!(s, &without_nulls(o), "page {}", o["id"]);
    }
    assert!(spark
        .iter()
        .all(|r| r["source_map"].as_array().is_some_and(|m| !m.is_empty())));
}

/// Parquet written by Spark itself (Snappy-compressed, its defaults), with a
/// column annals does not read: `annals tag --input parquet` reads it and
/// annotates the same documents as the NDJSON input does.
#[cfg(feature = "parquet")]
#[test]
fn annals_reads_parquet_that_spark_wrote() {
    ensure_pyspark();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let pages = dir.path().join("pages.ndjson");
    let out = dir.path().join("spark-parquet");
    let program = r#"
import json, os, sys
sys.path.insert(0, os.path.join(sys.argv[1], "examples", "spark"))
import annals_spark
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
lines = annals_spark.write_pages(sys.argv[2], 8, sys.argv[3])
from pyspark.sql import SparkSession
spark = (SparkSession.builder.master("local[2]").appName("annals-parquet-input")
         .config("spark.ui.enabled", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
rows = [json.loads(l) for l in lines]
frame = spark.createDataFrame(
    [(r["id"], "https://en.wikipedia.org/?curid=%d" % r["id"], r["title"], r["text"], r["format"]) for r in rows],
    ["id", "url", "title", "text", "format"])
frame.coalesce(1).write.mode("overwrite").parquet(sys.argv[4])
spark.stop()
"#;
    let written = Command::new("python3")
        .args(["-c", program])
        .arg(root())
        .arg(fragment())
        .arg(&pages)
        .arg(&out)
        .current_dir(dir.path())
        .output()
        .expect("python3 runs");
    assert!(
        written.status.success(),
        "Spark could not write the Parquet input: {}",
        String::from_utf8_lossy(&written.stderr)
    );
    let part = std::fs::read_dir(&out)
        .expect("Spark's output folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "parquet"))
        .expect("a part file");
    assert!(
        part.to_string_lossy().contains("snappy"),
        "Spark compresses with Snappy by default: {}",
        part.display()
    );
    let from_parquet = Command::new(ANNALS)
        .args(["tag", "--input", "parquet", "--output", "ndjson"])
        .arg(&part)
        .output()
        .expect("annals runs");
    assert!(
        from_parquet.status.success(),
        "{}",
        String::from_utf8_lossy(&from_parquet.stderr)
    );
    let from_parquet = by_id(&String::from_utf8(from_parquet.stdout).expect("UTF-8"));
    let single = single_machine(&pages);
    assert_eq!(single.len(), 8);
    assert_eq!(from_parquet, single);
}
