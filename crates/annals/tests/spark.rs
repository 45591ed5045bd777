//! `examples/spark/annals_spark.py` under Apache Spark (`local[2]`): the
//! articles of the Wikipedia dump fragment piped through `annals tag --input
//! ndjson --output ndjson` by Spark give the same lines as one run of the
//! binary on the same input.
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

#[test]
fn spark_run_equals_single_machine_run() {
    ensure_pyspark();
    let java = Command::new("java").arg("-version").output();
    assert!(
        java.is_ok_and(|o| o.status.success()),
        "the Spark test needs Java (17) on the PATH"
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (pages, tagged) = (
        dir.path().join("pages.ndjson"),
        dir.path().join("tagged.ndjson"),
    );
    let started = std::time::Instant::now();
    let spark = Command::new("python3")
        .arg(root().join("examples/spark/annals_spark.py"))
        .args(["--annals", ANNALS, "--dump"])
        .arg(fragment())
        .args(["--limit", "20", "--pages"])
        .arg(&pages)
        .arg("--out")
        .arg(&tagged)
        .current_dir(dir.path())
        .output()
        .expect("python3 runs");
    assert!(
        spark.status.success(),
        "annals_spark.py failed: {}",
        String::from_utf8_lossy(&spark.stderr)
    );
    eprintln!("Spark run: {:.1} s", started.elapsed().as_secs_f64());

    let input = std::fs::File::open(&pages).expect("the script wrote its input");
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
    let single = by_id(&String::from_utf8(single.stdout).expect("UTF-8"));
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
