//! `annals eval` agrees with the reference scorer on the same output: the
//! seed is tagged with `annals tag`, scored by `shared/eval/score.py`, and
//! every figure must equal what `annals eval --json` reports.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

#[test]
fn eval_agrees_with_score_py_on_the_seed() {
    let shared = shared();
    let seed = std::fs::read_dir(shared.join("seeds"))
        .expect("shared/seeds is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .expect("a seed text");
    let annals = env!("CARGO_BIN_EXE_annals");
    let tagged = Command::new(annals)
        .args(["tag", "--layer", "timex", "--format", "jsonl"])
        .arg(&seed)
        .output()
        .expect("annals tag runs");
    assert!(
        tagged.status.success(),
        "{}",
        String::from_utf8_lossy(&tagged.stderr)
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let system = dir.path().join("system.jsonl");
    std::fs::write(&system, &tagged.stdout).expect("the system file is written");
    let reference = Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg("timex")
        .arg(shared.join("eval/seed/timex.jsonl"))
        .arg(&system)
        .arg("--json")
        .output()
        .expect("python3 runs the reference scorer");
    assert!(
        reference.status.success(),
        "{}",
        String::from_utf8_lossy(&reference.stderr)
    );
    let reference: Value = serde_json::from_slice(&reference.stdout).expect("score.py prints JSON");
    let ours = Command::new(annals)
        .args(["eval", "--corpus", "seed", "--json", "--gold"])
        .arg(shared.join("eval"))
        .output()
        .expect("annals eval runs");
    assert!(
        ours.status.success(),
        "{}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let ours: Value = serde_json::from_slice(&ours.stdout).expect("annals eval prints JSON");
    let ours = &ours["seed"];
    for measure in ["strict", "relaxed", "value", "value_mod", "type"] {
        for field in ["p", "r", "f1", "tp", "sys", "gold"] {
            let (a, b) = (&reference[measure][field], &ours[measure][field]);
            let (a, b) = (a.as_f64().expect("a number"), b.as_f64().expect("a number"));
            assert!(
                (a - b).abs() < 5e-4,
                "{measure}.{field}: score.py {a}, annals eval {b}"
            );
        }
    }
    let (a, b) = (
        reference["value_accuracy_on_matched"]
            .as_f64()
            .expect("a number"),
        ours["value_accuracy_on_matched"]
            .as_f64()
            .expect("a number"),
    );
    assert!(
        (a - b).abs() < 5e-4,
        "value accuracy: score.py {a}, annals eval {b}"
    );
}
