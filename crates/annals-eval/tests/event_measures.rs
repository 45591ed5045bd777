//! Measure scoring agrees with its definition written in Python on top of
//! `shared/eval/score.py`'s own `split_optional`, `align` and `prf` (score.py
//! has no measure command), on perturbed copies of the seed's measure gold.
//! Python 3 and the shared directory are required; their absence fails the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use annals_eval::{
    read_measure_jsonl, score_measures_document, MeasureRecord, MeasureScope, MeasureScore,
};
use serde_json::Value;

fn shared_eval() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
}

/// The measure figures, with score.py's alignment and rounding. Arguments:
/// the shared eval directory, gold, system, and `all` or `except-time`.
const DEFINITION: &str = r#"
import json, sys
sys.path.insert(0, sys.argv[1])
import score
TIME = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
def is_time(m):
    unit = (m.get("unit") or "").strip().lower()
    singular = unit[:-3] + "y" if unit.endswith("ies") else (unit[:-1] if unit.endswith("s") else unit)
    return m.get("unit") is not None and singular in TIME
gold, system = score.load(sys.argv[2]), score.load(sys.argv[3])
if sys.argv[4] == "except-time":
    gold = [dict(g, optional=bool(g.get("optional")) or is_time(g)) for g in gold]
    system = [s for s in system if not is_time(s)]
gold, system = score.split_optional(gold, system)
pairs, _ = score.align(gold, system)
def amount_ok(g, s):
    a, b = g.get("amount"), s.get("amount")
    if a is None or b is None:
        return a is None and b is None
    return abs(b - a) <= 1e-9 * max(1.0, abs(a))
def unit_ok(g, s):
    return (g.get("unit") or "").strip().lower() == (s.get("unit") or "").strip().lower()
strict = sum(1 for g, s in pairs if g["start"] == s["start"] and g["end"] == s["end"])
amount = sum(1 for g, s in pairs if amount_ok(g, s))
unit = sum(1 for g, s in pairs if unit_ok(g, s))
print(json.dumps({
    "strict": score.prf(strict, len(system), len(gold)),
    "relaxed": score.prf(len(pairs), len(system), len(gold)),
    "amount_accuracy_on_matched": round(amount / len(pairs), 4) if pairs else 0.0,
    "unit_accuracy_on_matched": round(unit / len(pairs), 4) if pairs else 0.0,
}))
"#;

fn seed_gold() -> Vec<MeasureRecord> {
    read_measure_jsonl(&shared_eval().join("seed/measures.jsonl"))
        .expect("the seed measure gold reads")
}

fn definition(gold: &Path, system: &Path, scope: MeasureScope) -> Value {
    let score_py = shared_eval().join("score.py");
    assert!(
        score_py.is_file(),
        "the reference scorer {} is missing; these tests build on it",
        score_py.display()
    );
    let scope = match scope {
        MeasureScope::All => "all",
        MeasureScope::ExceptTime => "except-time",
    };
    let output = Command::new("python3")
        .arg("-c")
        .arg(DEFINITION)
        .arg(shared_eval())
        .args([gold, system])
        .arg(scope)
        .output()
        .unwrap_or_else(|error| panic!("cannot run python3 ({error})"));
    assert!(
        output.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the definition prints JSON")
}

fn assert_same_json(case: &str, at: &str, reference: &Value, ours: &Value) {
    match (reference, ours) {
        (Value::Object(a), Value::Object(b)) => {
            let (mut keys_a, mut keys_b): (Vec<_>, Vec<_>) =
                (a.keys().collect(), b.keys().collect());
            keys_a.sort();
            keys_b.sort();
            assert_eq!(keys_a, keys_b, "{case}: keys at {at:?}");
            for (key, value) in a {
                assert_same_json(case, &format!("{at}.{key}"), value, &b[key]);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            assert!((a - b).abs() <= 1e-9, "{case}: {at}: Python {a}, ours {b}");
        }
        _ => panic!("{case}: {at}: Python {reference}, ours {ours}"),
    }
}

/// Checks a case under both scopes; returns our scores (all, except time).
fn check(
    case: &str,
    gold: &[MeasureRecord],
    system: &[MeasureRecord],
) -> (MeasureScore, MeasureScore) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (gold_path, system_path) = (dir.path().join("gold.jsonl"), dir.path().join("sys.jsonl"));
    for (path, records) in [(&gold_path, gold), (&system_path, system)] {
        let lines: Vec<String> = records
            .iter()
            .map(|r| serde_json::to_string(r).expect("a record serialises"))
            .collect();
        std::fs::write(path, lines.join("\n") + "\n").expect("the temp dir is writable");
    }
    let gold = read_measure_jsonl(&gold_path).expect("gold reads");
    let system = read_measure_jsonl(&system_path).expect("system reads");
    let [all, except_time] = [MeasureScope::All, MeasureScope::ExceptTime].map(|scope| {
        let ours = score_measures_document(&gold, &system, scope).score();
        let reference = definition(&gold_path, &system_path, scope);
        let case = format!("{case} ({scope:?})");
        assert_same_json(&case, "", &reference, &ours.to_json(false));
        ours
    });
    (all, except_time)
}

#[test]
fn seed_against_itself_and_nothing() {
    let gold = seed_gold();
    let (all, except_time) = check("identical", &gold, &gold);
    assert_eq!((all.relaxed.f1, all.unit_accuracy_on_matched), (1.0, 1.0));
    assert!(except_time.relaxed.gold < all.relaxed.gold);
    check("empty system", &gold, &[]);
    check("empty gold", &[], &gold);
}

#[test]
fn seed_against_perturbed_copies() {
    let gold = seed_gold();
    let perturbed: Vec<MeasureRecord> = gold
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 7 != 3)
        .map(|(i, g)| {
            let mut s = g.clone();
            match i % 6 {
                0 => s.start += 1,
                1 => s.amount = g.amount.map(|a| a * (1.0 + 1e-12)),
                2 => s.amount = g.amount.map(|a| a + 1.0),
                3 => s.unit = g.unit.as_deref().map(str::to_uppercase),
                4 => s.unit = Some("people".into()),
                _ => s.amount = None,
            }
            if i % 5 == 0 {
                s.end += 3;
            }
            s
        })
        .collect();
    let (all, except_time) = check("perturbed", &gold, &perturbed);
    assert!(all.amount_accuracy_on_matched < 1.0 && all.unit_accuracy_on_matched < 1.0);
    assert!(all.strict.f1 < all.relaxed.f1);
    assert!(except_time.relaxed.sys < all.relaxed.sys);

    // Durations without a unit on the system side: dropped on optional
    // gold when time is left out.
    let unitless: Vec<MeasureRecord> = gold
        .iter()
        .map(|g| MeasureRecord {
            unit: None,
            ..g.clone()
        })
        .collect();
    let (all, except_time) = check("no units", &gold, &unitless);
    assert_eq!(all.unit_accuracy_on_matched, 0.0);
    assert_eq!(except_time.relaxed.sys, except_time.relaxed.gold);

    let mut optional = gold.clone();
    for g in optional.iter_mut().step_by(3) {
        g.optional = true;
    }
    check("optional gold", &optional, &perturbed);
}
