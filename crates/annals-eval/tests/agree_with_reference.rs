//! The scorer agrees with the reference `shared/eval/score.py` on every figure.
//!
//! Each case writes a gold and a system JSONL file, runs
//! `python3 score.py timex GOLD SYS --json -v` and compares its output with
//! `score_document(.., ValueNorm::Exact)`: every figure to 1e-9, the misses and
//! the wrong values line by line. Python 3 and the shared directory are required;
//! their absence fails the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use annals_eval::{
    read_jsonl, score_corpus, score_document, Prf, TimexRecord, TimexScore, ValueNorm,
};
use serde_json::Value;

fn shared_eval() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
}

fn score_py() -> PathBuf {
    let path = shared_eval().join("score.py");
    assert!(
        path.is_file(),
        "the reference scorer {} is missing; these tests compare against it",
        path.display()
    );
    path
}

fn python(args: &[&std::ffi::OsStr]) -> String {
    let output = Command::new("python3")
        .args(args)
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run python3 ({error}); the reference scorer needs it")
        });
    assert!(
        output.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("python prints UTF-8")
}

fn seed_gold() -> Vec<TimexRecord> {
    read_jsonl(&shared_eval().join("seed/timex.jsonl")).expect("the seed gold reads")
}

fn write_jsonl(path: &Path, records: &[TimexRecord]) {
    let lines: Vec<String> = records
        .iter()
        .map(|r| serde_json::to_string(r).expect("a record serialises"))
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").expect("the temp dir is writable");
}

/// Scores with both scorers and compares everything; returns our score.
fn assert_agrees(case: &str, gold_path: &Path, system_path: &Path) -> TimexScore {
    let stdout = python(&[
        score_py().as_os_str(),
        "timex".as_ref(),
        gold_path.as_os_str(),
        system_path.as_os_str(),
        "--json".as_ref(),
        "-v".as_ref(),
    ]);
    let mut lines = stdout.lines();
    let reference: Value =
        serde_json::from_str(lines.next().unwrap_or("")).expect("score.py prints JSON first");
    let gold = read_jsonl(gold_path).expect("gold reads");
    let system = read_jsonl(system_path).expect("system reads");
    let ours = score_document(&gold, &system, ValueNorm::Exact).score();
    assert_same_json(case, "", &reference, &ours.to_json(false));

    let rest: Vec<&str> = lines.collect();
    let misses: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|l| l.starts_with("MISS "))
        .collect();
    assert_eq!(misses.len(), ours.misses.len(), "{case}: number of misses");
    for (line, gold) in misses.iter().zip(&ours.misses) {
        let span = format!("\"start\": {}, \"end\": {}", gold.start, gold.end);
        assert!(line.contains(&span), "{case}: miss {line} is not {gold:?}");
    }
    let wrong: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|l| l.starts_with("WRONG gold "))
        .collect();
    let wrong_system: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|l| l.starts_with("      sys  "))
        .collect();
    assert_eq!(
        wrong.len(),
        ours.wrong.len(),
        "{case}: number of wrong values"
    );
    for ((gold_line, system_line), (gold, system)) in
        wrong.iter().zip(&wrong_system).zip(&ours.wrong)
    {
        assert_starts_with(case, gold_line, &format!("WRONG gold {}", summary(gold)));
        assert_starts_with(
            case,
            system_line,
            &format!("      sys  {}", summary(system)),
        );
    }
    ours
}

/// The start of score.py's `-v` summary of a record.
fn summary(record: &TimexRecord) -> String {
    let json = |value: &Option<String>| serde_json::to_string(value).expect("serialises");
    format!(
        "{{\"text\": {}, \"value\": {}, \"mod\": {}",
        serde_json::to_string(&record.text).expect("serialises"),
        json(&record.value),
        json(&record.r#mod)
    )
}

fn assert_starts_with(case: &str, line: &str, expected: &str) {
    // score.py cuts each JSON summary at 200 characters.
    let cut: String = expected.chars().take(211).collect();
    assert!(
        line.starts_with(&cut),
        "{case}: `{line}` should start with `{cut}`"
    );
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
            assert!(
                (a - b).abs() <= 1e-9,
                "{case}: {at}: score.py {a}, ours {b}"
            );
        }
        _ => panic!("{case}: {at}: score.py {reference}, ours {ours}"),
    }
}

/// Writes a case to a temp dir and checks it.
fn check(case: &str, gold: &[TimexRecord], system: &[TimexRecord]) -> TimexScore {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (gold_path, system_path) = (dir.path().join("gold.jsonl"), dir.path().join("sys.jsonl"));
    write_jsonl(&gold_path, gold);
    write_jsonl(&system_path, system);
    assert_agrees(case, &gold_path, &system_path)
}

/// A small xorshift generator: repeatable cases without a dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Perturbs a system copy of the gold: shifted, dropped, re-valued, extra spans.
fn perturb(gold: &[TimexRecord], random: &mut Random) -> Vec<TimexRecord> {
    let mut system = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        if random.chance(15) {
            continue;
        }
        let mut s = TimexRecord {
            optional: false,
            ..g.clone()
        };
        if random.chance(20) {
            s.start = (s.start + random.below(4)).min(s.end.saturating_sub(1));
        }
        if random.chance(20) {
            s.end += random.below(6);
        }
        if random.chance(10) {
            s.start = s.start.saturating_sub(random.below(8));
        }
        if random.chance(15) {
            s.value = Some(format!("{}-01", s.value.unwrap_or_default()));
        }
        if random.chance(10) {
            s.value = s.value.map(|v| format!(" {} ", v.to_lowercase()));
        }
        if random.chance(5) {
            s.value = None;
        }
        if random.chance(10) {
            s.r#mod = if s.r#mod.is_some() {
                None
            } else {
                Some("APPROX".into())
            };
        }
        if random.chance(10) {
            s.r#type = Some("DURATION".into());
        }
        if random.chance(10) {
            // A span bridging this timex and the next one.
            let next = gold.get(i + 1).map_or(s.end + 3, |n| n.start + 1);
            system.push(TimexRecord {
                start: s.start + 1,
                end: next.max(s.start + 2),
                ..s.clone()
            });
        }
        if g.optional && random.chance(50) {
            // Inside an optional timex only: dropped by score.py.
            system.push(TimexRecord {
                end: g.start + 1,
                ..s.clone()
            });
        }
        system.push(s);
    }
    if random.chance(50) {
        system.reverse();
    }
    system
}

#[test]
fn seed_against_itself() {
    let gold = seed_gold();
    let score = check("identical", &gold, &gold);
    assert_eq!(score.strict.f1, 1.0);
    let required: Vec<_> = gold.iter().filter(|g| !g.optional).cloned().collect();
    check("required only", &gold, &required);
    check("empty system", &gold, &[]);
    check("empty gold", &[], &gold);
    check("both empty", &[], &[]);
}

#[test]
fn seed_against_shifted_dropped_and_changed_copies() {
    let gold = seed_gold();
    let shifted: Vec<_> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| match i % 4 {
            0 => TimexRecord {
                start: g.start + 1,
                ..g.clone()
            },
            1 => TimexRecord {
                end: g.end + 2,
                ..g.clone()
            },
            2 => TimexRecord {
                start: g.start.saturating_sub(3),
                end: g.end - 1,
                ..g.clone()
            },
            _ => g.clone(),
        })
        .collect();
    check("shifted", &gold, &shifted);
    let dropped: Vec<_> = gold
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 != 0 && i % 7 != 0)
        .map(|(_, g)| g.clone())
        .collect();
    check("dropped", &gold, &dropped);
    let changed: Vec<_> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let mut s = g.clone();
            match i % 6 {
                0 => s.value = Some("XXXX".into()),
                1 => {
                    s.value = g
                        .value
                        .as_ref()
                        .map(|v| format!("\t{}  ", v.to_lowercase()))
                }
                2 => s.r#mod = Some("EARLY".into()),
                3 => s.r#type = None,
                4 => s.value = None,
                _ => s.r#mod = None,
            }
            s
        })
        .collect();
    let score = check("changed values", &gold, &changed);
    assert!(!score.wrong.is_empty());
}

#[test]
fn seed_with_spans_over_optional_gold() {
    let gold = seed_gold();
    let mut system: Vec<TimexRecord> = gold.iter().filter(|g| !g.optional).cloned().collect();
    for (i, g) in gold.iter().enumerate().filter(|(_, g)| g.optional) {
        let base = TimexRecord {
            optional: false,
            ..g.clone()
        };
        system.push(base.clone());
        system.push(TimexRecord {
            start: g.start + 1,
            end: g.end - 1,
            ..base.clone()
        });
        if let Some(next) = gold.get(i + 1) {
            // Reaches into the next (required?) timex: kept if that one is required.
            system.push(TimexRecord {
                start: g.end - 1,
                end: next.start + 1,
                ..base.clone()
            });
        }
        if i > 0 {
            system.push(TimexRecord {
                start: gold[i - 1].end - 1,
                end: g.start + 1,
                ..base
            });
        }
    }
    let score = check("spans over optional gold", &gold, &system);
    assert!(score.relaxed.sys > gold.iter().filter(|g| !g.optional).count());
}

#[test]
fn competing_spans_break_ties_like_the_reference() {
    let gold = seed_gold();
    let mut system = Vec::new();
    for pair in gold.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let middle = (a.start + a.end) / 2;
        system.push(TimexRecord {
            end: middle,
            ..a.clone()
        });
        system.push(TimexRecord {
            start: middle,
            ..a.clone()
        });
        system.push(TimexRecord {
            start: a.end.saturating_sub(2),
            end: b.start + 2,
            ..b.clone()
        });
    }
    check("halves and bridges", &gold, &system);
    // Identical candidates everywhere: order alone decides.
    let twins: Vec<_> = gold.iter().flat_map(|g| [g.clone(), g.clone()]).collect();
    check("duplicated system", &gold, &twins);
    check("duplicated gold", &twins, &gold);
}

#[test]
fn random_perturbations_of_seed_gold() {
    let gold = seed_gold();
    for seed in 1..=25 {
        let mut random = Random(0x2545_f491_4f6c_dd1d ^ (seed * 0x9e37_79b9));
        let system = perturb(&gold, &mut random);
        check(&format!("seed perturbation {seed}"), &gold, &system);
    }
}

#[test]
fn null_missing_and_blank_fields() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let gold = dir.path().join("gold.jsonl");
    let system = dir.path().join("sys.jsonl");
    std::fs::write(
        &gold,
        r#"{"id": "T1", "start": 0, "end": 4, "text": "1941", "type": "DATE", "value": "1941", "mod": ""}

{"id": "T2", "start": 10, "end": 14, "text": "then", "value": null, "optional": false}
{"id": "T3", "start": 20, "end": 30, "text": "that year", "type": "DATE", "value": "", "optional": true}
{"id": "T4", "start": 40, "end": 44, "text": "1950", "type": "DATE", "value": "1950"}
"#,
    )
    .expect("writable");
    std::fs::write(
        &system,
        r#"{"start": 0, "end": 4, "type": "DATE", "value": " 1941"}
{"start": 10, "end": 14, "text": "then", "type": null, "value": ""}
{"start": 22, "end": 25, "value": "X"}
{"start": 28, "end": 42, "value": "1950", "mod": null}
{"start": 40, "end": 40, "value": "1950"}
   
"#,
    )
    .expect("writable");
    assert_agrees("null, missing and blank fields", &gold, &system);
}

#[test]
fn rounding_edge_cases_through_the_scorer() {
    // (tp, sys, gold) whose ratios are binary ties (1/32) or whose F1 differs
    // when computed from rounded precision and recall.
    let cases = [
        (1, 32, 32),
        (3, 32, 16),
        (5, 32, 7),
        (1, 1, 7),
        (1, 1, 6),
        (1, 2, 7),
        (1, 2, 12),
        (2, 3, 13),
        (0, 5, 0),
    ];
    for (tp, n_sys, n_gold) in cases {
        let timex = |i: usize, value: &str| TimexRecord {
            start: 10 * i,
            end: 10 * i + 4,
            value: Some(value.into()),
            ..TimexRecord::default()
        };
        let gold: Vec<_> = (0..n_gold).map(|i| timex(i, "G")).collect();
        let system: Vec<_> = (0..n_sys)
            .map(|i| timex(if i < tp { i } else { 1000 + i }, "G"))
            .collect();
        let score = check(&format!("rounding {tp}/{n_sys}/{n_gold}"), &gold, &system);
        assert_eq!(score.relaxed, Prf::from_counts(tp, n_sys, n_gold));
    }
}

#[test]
fn rounding_agrees_with_python_for_small_counts() {
    let script = "for s in range(0, 41):\n for g in range(0, 41):\n  for t in range(0, min(s, g) + 1):\n   p = t / s if s else 0.0\n   r = t / g if g else 0.0\n   f = 2 * p * r / (p + r) if p + r else 0.0\n   print(t, s, g, repr(round(p, 4)), repr(round(r, 4)), repr(round(f, 4)))\n";
    let stdout = python(&["-c".as_ref(), script.as_ref()]);
    let mut checked = 0;
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        let count = |i: usize| fields[i].parse::<usize>().expect("a count");
        let figure = |i: usize| fields[i].parse::<f64>().expect("a figure");
        let prf = Prf::from_counts(count(0), count(1), count(2));
        assert_eq!(
            (prf.p, prf.r, prf.f1),
            (figure(3), figure(4), figure(5)),
            "{line}"
        );
        checked += 1;
    }
    assert!(checked > 10_000, "python printed {checked} lines");
}

fn wikiwars_gold() -> Vec<TimexRecord> {
    read_jsonl(&shared_eval().join("wikiwars/timex.jsonl")).expect("the WikiWars gold reads")
}

#[test]
fn wikiwars_documents_and_their_micro_sum() {
    let gold = wikiwars_gold();
    let mut random = Random(0x5851_f42d_4c95_7f2d);
    let mut documents: Vec<String> = gold.iter().filter_map(|g| g.doc.clone()).collect();
    documents.dedup();
    assert_eq!(documents.len(), 16);
    let mut system_all = Vec::new();
    let mut summed = [0usize; 7];
    for doc in &documents {
        let doc_gold: Vec<_> = gold
            .iter()
            .filter(|g| g.doc.as_ref() == Some(doc))
            .cloned()
            .collect();
        let system = perturb(&doc_gold, &mut random);
        let score = check(doc, &doc_gold, &system);
        let figures = [
            score.relaxed.sys,
            score.relaxed.gold,
            score.relaxed.tp,
            score.strict.tp,
            score.value.tp,
            score.value_mod.tp,
            score.r#type.tp,
        ];
        for (sum, figure) in summed.iter_mut().zip(figures) {
            *sum += figure;
        }
        system_all.extend(system);
    }
    let corpus = score_corpus(&gold, &system_all, ValueNorm::Exact).counts;
    let ours = [
        corpus.n_sys,
        corpus.n_gold,
        corpus.pairs,
        corpus.strict,
        corpus.value,
        corpus.value_mod,
        corpus.r#type,
    ];
    assert_eq!(
        ours, summed,
        "corpus counts are the sums of score.py's per-document counts"
    );
}
