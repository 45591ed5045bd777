//! Entity scoring agrees with the reference `shared/eval/score.py` on every figure.
//!
//! Each case writes a gold and a system JSONL file, runs
//! `python3 score.py entities GOLD SYS --json -v` and compares its output with
//! `score_entities_document`: the five reference figures to 1e-9, the misses and
//! the wrong mentions line by line. The two figures score.py does not print
//! (label accuracy on matched pairs, per-label relaxed typed P/R/F1) are checked
//! against their definition written in Python on top of score.py's own
//! `split_optional`, `align` and `prf`. Python 3 and the shared directory are
//! required; their absence fails the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use annals_eval::{
    read_entity_jsonl, score_entities_document, EntityCorpusScore, EntityLabel, EntityRecord,
    EntityScore, Prf,
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

/// Label accuracy and per-label figures, as defined in the crate, computed
/// with score.py's own alignment and rounding.
const EXTRA_FIGURES: &str = r#"
import json, sys
sys.path.insert(0, sys.argv[1])
import score
gold, system = score.split_optional(score.load(sys.argv[2]), score.load(sys.argv[3]))
pairs, _ = score.align(gold, system)
same = sum(1 for g, s in pairs if g.get("label") == s.get("label"))
per_label = {}
for label in ["PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "MONEY"]:
    tp = sum(1 for g, s in pairs if g.get("label") == label and s.get("label") == label)
    n_sys = sum(1 for s in system if s.get("label") == label)
    n_gold = sum(1 for g in gold if g.get("label") == label)
    per_label[label] = score.prf(tp, n_sys, n_gold)
print(json.dumps({
    "label_accuracy_on_matched": round(same / len(pairs), 4) if pairs else 0.0,
    "per_label": per_label,
}))
"#;

fn seed_gold() -> Vec<EntityRecord> {
    read_entity_jsonl(&shared_eval().join("seed/entities.jsonl")).expect("the seed gold reads")
}

fn write_jsonl(path: &Path, records: &[EntityRecord]) {
    let lines: Vec<String> = records
        .iter()
        .map(|r| serde_json::to_string(r).expect("a record serialises"))
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").expect("the temp dir is writable");
}

/// Scores with both scorers and compares everything; returns our score.
fn assert_agrees(case: &str, gold_path: &Path, system_path: &Path) -> EntityScore {
    let stdout = python(&[
        score_py().as_os_str(),
        "entities".as_ref(),
        gold_path.as_os_str(),
        system_path.as_os_str(),
        "--json".as_ref(),
        "-v".as_ref(),
    ]);
    let mut lines = stdout.lines();
    let mut reference: Value =
        serde_json::from_str(lines.next().unwrap_or("")).expect("score.py prints JSON first");
    let extra: Value = serde_json::from_str(&python(&[
        "-c".as_ref(),
        EXTRA_FIGURES.as_ref(),
        shared_eval().as_os_str(),
        gold_path.as_os_str(),
        system_path.as_os_str(),
    ]))
    .expect("the extra figures are JSON");
    if let (Some(reference), Some(extra)) = (reference.as_object_mut(), extra.as_object()) {
        reference.extend(extra.clone());
    }
    let gold = read_entity_jsonl(gold_path).expect("gold reads");
    let system = read_entity_jsonl(system_path).expect("system reads");
    let ours = score_entities_document(&gold, &system).score();
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
    let wrong_gold: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|l| l.starts_with("WRONG gold "))
        .collect();
    let wrong_system: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|l| l.starts_with("      sys  "))
        .collect();
    assert_eq!(wrong_gold.len(), ours.wrong.len(), "{case}: number wrong");
    assert_eq!(wrong_system.len(), ours.wrong.len(), "{case}: number wrong");
    for ((gold_line, system_line), (gold, system)) in
        wrong_gold.iter().zip(&wrong_system).zip(&ours.wrong)
    {
        assert_eq!(
            *gold_line,
            format!("WRONG gold {}", summary(gold)),
            "{case}"
        );
        assert_eq!(
            *system_line,
            format!("      sys  {}", summary(system)),
            "{case}"
        );
    }
    ours
}

/// score.py's `-v` summary of a record, cut at 200 characters as it cuts it.
fn summary(record: &EntityRecord) -> String {
    let json = |value: &Option<String>| serde_json::to_string(value).expect("serialises");
    let full = format!(
        "{{\"text\": {}, \"value\": null, \"mod\": null, \"label\": {}, \"link\": {}, \"type\": null, \"source\": null, \"target\": null}}",
        serde_json::to_string(&record.text).expect("serialises"),
        json(&record.label),
        json(&record.link)
    );
    full.chars().take(200).collect()
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
fn check(case: &str, gold: &[EntityRecord], system: &[EntityRecord]) -> EntityScore {
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

/// Another label: the next of the nine, no label, or one score.py sees as different.
fn other_label(label: Option<&str>, choice: usize) -> Option<String> {
    let index = label.and_then(EntityLabel::parse).map_or(0, |l| l as usize);
    match choice % 5 {
        0 | 1 => Some(
            EntityLabel::ALL[(index + 1 + choice) % 9]
                .as_str()
                .to_owned(),
        ),
        2 => None,
        3 => label.map(str::to_lowercase),
        _ => Some("DATE".to_owned()),
    }
}

/// Another link: none, empty, a different title, or the same one padded.
fn other_link(link: Option<&str>, choice: usize) -> Option<String> {
    match choice % 4 {
        0 => None,
        1 => Some(String::new()),
        2 => Some("Empire of Japan".to_owned()),
        _ => Some(format!("{} ", link.unwrap_or("Japan"))),
    }
}

/// Perturbs a system copy of the gold: shifted, dropped, relabelled,
/// relinked, and extra mentions (some over optional gold).
fn perturb(gold: &[EntityRecord], random: &mut Random) -> Vec<EntityRecord> {
    let mut system = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        if random.chance(15) {
            continue;
        }
        let mut s = EntityRecord {
            optional: false,
            id: None,
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
            s.label = other_label(g.label.as_deref(), random.below(100));
        }
        if random.chance(15) {
            s.link = other_link(g.link.as_deref(), random.below(100));
        }
        if random.chance(5) {
            s.metonymy = !s.metonymy;
        }
        if random.chance(10) {
            // A span bridging this mention and the next one.
            let next = gold.get(i + 1).map_or(s.end + 3, |n| n.start + 1);
            system.push(EntityRecord {
                start: s.start + 1,
                end: next.max(s.start + 2),
                ..s.clone()
            });
        }
        if g.optional && random.chance(50) {
            // Inside an optional mention only: dropped by score.py.
            system.push(EntityRecord {
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
    assert!(gold.len() > 500, "the seed entity gold has {}", gold.len());
    assert!(gold.iter().any(|g| g.optional) && gold.iter().any(|g| g.link.is_none()));
    let score = check("identical", &gold, &gold);
    assert_eq!(score.strict_typed.f1, 1.0);
    assert_eq!(score.link_accuracy_on_matched, 1.0);
    assert_eq!(score.label_accuracy_on_matched, 1.0);
    assert_eq!(score.per_label[&EntityLabel::Gpe].f1, 1.0);
    let required: Vec<_> = gold.iter().filter(|g| !g.optional).cloned().collect();
    check("required only", &gold, &required);
    check("empty system", &gold, &[]);
    check("empty gold", &[], &gold);
    check("both empty", &[], &[]);
}

#[test]
fn seed_against_shifted_and_dropped_copies() {
    let gold = seed_gold();
    let shifted: Vec<_> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| match i % 4 {
            0 => EntityRecord {
                start: g.start + 1,
                ..g.clone()
            },
            1 => EntityRecord {
                end: g.end + 2,
                ..g.clone()
            },
            2 => EntityRecord {
                start: g.start.saturating_sub(3),
                end: g.end - 1,
                ..g.clone()
            },
            _ => g.clone(),
        })
        .collect();
    let score = check("shifted", &gold, &shifted);
    assert!(score.strict_typed.f1 < score.relaxed_typed.f1);
    let dropped: Vec<_> = gold
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 != 0 && i % 7 != 0)
        .map(|(_, g)| g.clone())
        .collect();
    let score = check("dropped", &gold, &dropped);
    assert!(!score.misses.is_empty());
}

#[test]
fn seed_against_changed_labels_and_links() {
    let gold = seed_gold();
    let relabelled: Vec<_> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| EntityRecord {
            label: if i % 3 == 0 {
                other_label(g.label.as_deref(), i / 3)
            } else {
                g.label.clone()
            },
            ..g.clone()
        })
        .collect();
    let score = check("changed labels", &gold, &relabelled);
    assert!(score.label_accuracy_on_matched < 1.0);
    assert_eq!(score.link_accuracy_on_matched, 1.0);
    let relinked: Vec<_> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| EntityRecord {
            link: match i % 5 {
                0 => other_link(g.link.as_deref(), i / 5),
                // A link where the gold has none.
                1 if g.link.is_none() => Some("Japan".to_owned()),
                _ => g.link.clone(),
            },
            ..g.clone()
        })
        .collect();
    let score = check("changed links", &gold, &relinked);
    assert!(score.link_accuracy_on_matched < 1.0);
    assert!(!score.wrong.is_empty());
    let unlinked: Vec<_> = gold
        .iter()
        .map(|g| EntityRecord {
            link: None,
            ..g.clone()
        })
        .collect();
    let score = check("links removed", &gold, &unlinked);
    assert_eq!(score.link, Prf::from_counts(0, 0, score.link.gold));
}

#[test]
fn seed_with_mentions_over_optional_gold() {
    let gold = seed_gold();
    let mut system: Vec<EntityRecord> = gold.iter().filter(|g| !g.optional).cloned().collect();
    for (i, g) in gold.iter().enumerate().filter(|(_, g)| g.optional) {
        let base = EntityRecord {
            optional: false,
            ..g.clone()
        };
        system.push(base.clone());
        system.push(EntityRecord {
            start: g.start + 1,
            end: g.end - 1,
            label: Some("PERSON".into()),
            ..base.clone()
        });
        if let Some(next) = gold.get(i + 1) {
            // Reaches into the next mention: kept if that one is required.
            system.push(EntityRecord {
                start: g.end - 1,
                end: next.start + 1,
                ..base.clone()
            });
        }
        if i > 0 {
            system.push(EntityRecord {
                start: gold[i - 1].end - 1,
                end: g.start + 1,
                ..base
            });
        }
    }
    let score = check("mentions over optional gold", &gold, &system);
    let required = gold.iter().filter(|g| !g.optional).count();
    assert!(score.relaxed_untyped.sys > required);
    assert!(score.relaxed_untyped.sys < system.len());
}

#[test]
fn competing_spans_break_ties_like_the_reference() {
    let gold = seed_gold();
    let mut system = Vec::new();
    for (i, pair) in gold.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let middle = (a.start + a.end) / 2;
        system.push(EntityRecord {
            end: middle,
            ..a.clone()
        });
        system.push(EntityRecord {
            start: middle,
            label: other_label(a.label.as_deref(), i),
            ..a.clone()
        });
        system.push(EntityRecord {
            start: a.end.saturating_sub(2),
            end: b.start + 2,
            ..b.clone()
        });
    }
    check("halves and bridges", &gold, &system);
    // Identical candidates everywhere: order alone decides.
    let twins: Vec<_> = gold
        .iter()
        .flat_map(|g| {
            let twin = EntityRecord {
                label: Some("ORG".into()),
                link: None,
                ..g.clone()
            };
            [twin, g.clone()]
        })
        .collect();
    let score = check("duplicated system", &gold, &twins);
    assert!(score.label_accuracy_on_matched < 0.5);
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
fn corpus_counts_are_sums_of_reference_counts() {
    let gold = seed_gold();
    let half = gold.len() / 2;
    let mut random = Random(0x5851_f42d_4c95_7f2d);
    let mut documents = Vec::new();
    let mut summed = [0usize; 12];
    for (name, part) in [
        ("first half", &gold[..half]),
        ("second half", &gold[half..]),
    ] {
        let system = perturb(part, &mut random);
        let score = check(name, part, &system);
        let figures = [
            score.relaxed_untyped.tp,
            score.relaxed_untyped.sys,
            score.relaxed_untyped.gold,
            score.relaxed_typed.tp,
            score.strict_typed.tp,
            score.link.tp,
            score.link.sys,
            score.link.gold,
            score.per_label[&EntityLabel::Gpe].tp,
            score.per_label[&EntityLabel::Gpe].sys,
            score.per_label[&EntityLabel::Norp].tp,
            score.per_label[&EntityLabel::Norp].gold,
        ];
        for (sum, figure) in summed.iter_mut().zip(figures) {
            *sum += figure;
        }
        documents.push(score_entities_document(part, &system));
    }
    let corpus = EntityCorpusScore::from_documents(documents).score();
    let ours = [
        corpus.relaxed_untyped.tp,
        corpus.relaxed_untyped.sys,
        corpus.relaxed_untyped.gold,
        corpus.relaxed_typed.tp,
        corpus.strict_typed.tp,
        corpus.link.tp,
        corpus.link.sys,
        corpus.link.gold,
        corpus.per_label[&EntityLabel::Gpe].tp,
        corpus.per_label[&EntityLabel::Gpe].sys,
        corpus.per_label[&EntityLabel::Norp].tp,
        corpus.per_label[&EntityLabel::Norp].gold,
    ];
    assert_eq!(
        ours, summed,
        "corpus counts are sums of per-document counts"
    );
    assert_eq!(
        corpus.relaxed_untyped,
        Prf::from_counts(summed[0], summed[1], summed[2])
    );
}

#[test]
fn null_missing_empty_and_unknown_fields() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let gold = dir.path().join("gold.jsonl");
    let system = dir.path().join("sys.jsonl");
    std::fs::write(
        &gold,
        r#"{"id": "M1", "start": 0, "end": 5, "text": "Japan", "label": "GPE", "link": "Japan", "note": "n"}

{"id": "M2", "start": 10, "end": 14, "text": "Reds", "label": null, "link": "", "optional": false}
{"id": "M3", "start": 20, "end": 30, "text": "Ramsay", "label": "PERSON", "link": "Richard Sorge", "optional": true}
{"id": "M4", "start": 40, "end": 46, "text": "Moscow", "label": "GPE", "link": "Soviet Union", "metonymy": true}
{"id": "M5", "start": 50, "end": 55, "text": "Tokyo", "label": "gpe", "link": null, "optional": null}
{"id": "M6", "start": 60, "end": 70, "text": "Manchukuo", "label": "GPE"}
"#,
    )
    .expect("writable");
    std::fs::write(
        &system,
        r#"{"start": 0, "end": 5, "label": "GPE", "link": "Japan", "score": 0.9}
{"start": 10, "end": 14, "text": "Reds", "link": null}
{"start": 22, "end": 25, "label": "PERSON", "link": "Richard Sorge"}
{"start": 28, "end": 42, "label": "GPE", "link": "Soviet Union", "metonymy": null}
{"start": 50, "end": 55, "label": "gpe", "link": ""}
{"start": 60, "end": 60, "label": "GPE"}
   
"#,
    )
    .expect("writable");
    let score = assert_agrees("null, missing, empty and unknown fields", &gold, &system);
    assert_eq!(score.relaxed_untyped.tp, 4);
}

#[test]
fn rounding_edge_cases_through_the_scorer() {
    // (tp, sys, gold) whose ratios are binary ties (1/32) or whose F1 differs
    // when computed from rounded precision and recall; every mention is a
    // linked GPE, so per-label and link figures see the same counts.
    let cases = [
        (1, 32, 32),
        (3, 32, 16),
        (5, 32, 7),
        (1, 1, 7),
        (2, 3, 13),
        (0, 5, 0),
    ];
    for (tp, n_sys, n_gold) in cases {
        let mention = |i: usize| EntityRecord {
            start: 10 * i,
            end: 10 * i + 4,
            label: Some("GPE".into()),
            link: Some("Japan".into()),
            ..EntityRecord::default()
        };
        let gold: Vec<_> = (0..n_gold).map(mention).collect();
        let system: Vec<_> = (0..n_sys)
            .map(|i| mention(if i < tp { i } else { 1000 + i }))
            .collect();
        let score = check(&format!("rounding {tp}/{n_sys}/{n_gold}"), &gold, &system);
        let expected = Prf::from_counts(tp, n_sys, n_gold);
        assert_eq!(score.per_label[&EntityLabel::Gpe], expected);
        assert_eq!(score.link, expected);
    }
}
