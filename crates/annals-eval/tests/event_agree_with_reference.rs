//! Event scoring agrees with the reference `shared/eval/score.py` on every figure.
//!
//! Each case writes a gold and a system JSONL file (most of them perturbed
//! copies of the seed's event gold), runs `python3 score.py events GOLD SYS
//! --json -v` and compares its output with `score_events_document`: the five
//! reference figures to 1e-9, the misses and the wrong events line by line.
//! The two figures score.py does not print (`same_as` accuracy on matched
//! pairs, per-type relaxed typed P/R/F1) are checked against their definition
//! written in Python on top of score.py's own `align` and `prf`. Python 3 and
//! the shared directory are required; their absence fails the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use annals_eval::{
    read_event_jsonl, score_events_document, EventCorpusScore, EventDate, EventRecord, EventScore,
    Prf, TriggerSpan,
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

/// `same_as` accuracy and per-type figures, as defined in the crate, computed
/// with score.py's own alignment and rounding.
const EXTRA_FIGURES: &str = r#"
import json, sys
sys.path.insert(0, sys.argv[1])
import score
gold = [g for g in score.load(sys.argv[2]) if not g.get("optional")]
system = score.load(sys.argv[3])
def spans(events):
    return [{"start": e["trigger"]["start"], "end": e["trigger"]["end"], "i": i}
            for i, e in enumerate(events)]
aligned, _ = score.align(spans(gold), spans(system))
pairs = [(g["i"], s["i"]) for g, s in aligned]
partner = dict(pairs)
first = {}
for i, g in enumerate(gold):
    if g.get("id") is not None:
        first.setdefault(g["id"], i)
linked = right = 0
for gi, si in pairs:
    g, s = gold[gi], system[si]
    if not g.get("same_as"):
        continue
    linked += 1
    antecedent = first.get(g["same_as"])
    if antecedent is None or antecedent not in partner:
        continue
    expected = system[partner[antecedent]].get("id")
    if expected and s.get("same_as") == expected:
        right += 1
types = ({g.get("type") for g in gold} | {s.get("type") for s in system}) - {None}
per_type = {}
for t in types:
    tp = sum(1 for gi, si in pairs if gold[gi].get("type") == t and system[si].get("type") == t)
    n_sys = sum(1 for s in system if s.get("type") == t)
    n_gold = sum(1 for g in gold if g.get("type") == t)
    per_type[t] = score.prf(tp, n_sys, n_gold)
print(json.dumps({
    "same_as_accuracy_on_matched": round(right / linked, 4) if linked else 0.0,
    "per_type": per_type,
}))
"#;

fn seed_gold() -> Vec<EventRecord> {
    read_event_jsonl(&shared_eval().join("seed/events.jsonl")).expect("the seed event gold reads")
}

fn write_jsonl(path: &Path, records: &[EventRecord]) {
    let lines: Vec<String> = records
        .iter()
        .map(|r| serde_json::to_string(r).expect("a record serialises"))
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").expect("the temp dir is writable");
}

/// Scores with both scorers and compares everything; returns our score.
fn assert_agrees(case: &str, gold_path: &Path, system_path: &Path) -> EventScore {
    let stdout = python(&[
        score_py().as_os_str(),
        "events".as_ref(),
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
    let gold = read_event_jsonl(gold_path).expect("gold reads");
    let system = read_event_jsonl(system_path).expect("system reads");
    let ours = score_events_document(&gold, &system).score();
    assert_same_json(case, "", &reference, &ours.to_json(false));

    let rest: Vec<&str> = lines.collect();
    let starting = |prefix: &str| -> Vec<&str> {
        rest.iter()
            .copied()
            .filter(|l| l.starts_with(prefix))
            .collect()
    };
    let misses = starting("MISS ");
    assert_eq!(misses.len(), ours.misses.len(), "{case}: number of misses");
    for (line, gold) in misses.iter().zip(&ours.misses) {
        let trigger = format!(
            "\"trigger\": {{\"start\": {}, \"end\": {}",
            gold.trigger.start, gold.trigger.end
        );
        assert!(
            line.contains(&trigger),
            "{case}: miss {line} is not {gold:?}"
        );
    }
    let (wrong_gold, wrong_system) = (starting("WRONG gold "), starting("      sys  "));
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

/// score.py's `-v` summary of an event, cut at 200 characters as it cuts it.
fn summary(event: &EventRecord) -> String {
    let string = |s: &str| serde_json::to_string(s).expect("serialises");
    let list = |items: &[String]| {
        let items: Vec<String> = items.iter().map(|s| string(s)).collect();
        format!("[{}]", items.join(", "))
    };
    let full = format!(
        "{{\"text\": null, \"value\": null, \"mod\": null, \"label\": null, \"link\": null, \"type\": {}, \"source\": {}, \"target\": {}}}",
        event.r#type.as_deref().map_or("null".to_owned(), string),
        list(&event.source),
        list(&event.target)
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
fn check(case: &str, gold: &[EventRecord], system: &[EventRecord]) -> EventScore {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (gold_path, system_path) = (dir.path().join("gold.jsonl"), dir.path().join("sys.jsonl"));
    write_jsonl(&gold_path, gold);
    write_jsonl(&system_path, system);
    assert_agrees(case, &gold_path, &system_path)
}

/// Applies `change` to every `every`-th event (from the first), keeping the rest.
fn changed(
    gold: &[EventRecord],
    every: usize,
    change: impl Fn(usize, &EventRecord) -> EventRecord,
) -> Vec<EventRecord> {
    gold.iter()
        .enumerate()
        .map(|(i, g)| {
            if i % every == 0 {
                change(i / every, g)
            } else {
                g.clone()
            }
        })
        .collect()
}

fn with_trigger(event: &EventRecord, start: usize, end: usize) -> EventRecord {
    EventRecord {
        trigger: TriggerSpan {
            start,
            end,
            text: event.trigger.text.clone(),
        },
        ..event.clone()
    }
}

fn date(value: Option<&str>, end: Option<&str>, modifier: Option<&str>) -> Option<EventDate> {
    Some(EventDate {
        value: value.map(str::to_owned),
        end: end.map(str::to_owned),
        r#mod: modifier.map(str::to_owned),
    })
}

const TYPES: [&str; 6] = ["AGREE", "ASSAULT", "COERCE", "SUPPORT", "REJECT", "CONSULT"];

/// Another type: a different PLOVER type, none, or the same one in lower case.
fn other_type(kind: Option<&str>, choice: usize) -> Option<String> {
    match choice % 4 {
        0 | 1 => TYPES
            .iter()
            .cycle()
            .skip(choice)
            .find(|t| Some(**t) != kind)
            .map(|t| t.to_string()),
        2 => None,
        _ => kind.map(str::to_lowercase),
    }
}

/// Other actors: one dropped, one added, reordered and repeated (the same
/// set), emptied, or a lookalike spelling.
fn other_actors(actors: &[String], choice: usize) -> Vec<String> {
    let mut actors = actors.to_vec();
    match choice % 5 {
        0 => {
            actors.pop();
        }
        1 => actors.push("Empire of Japan".to_owned()),
        2 => {
            actors.reverse();
            actors.extend(actors.clone());
        }
        3 => actors.clear(),
        _ => actors = actors.iter().map(|a| format!("{a} ")).collect(),
    }
    actors
}

/// Another date: none, another value, the same value padded and in lower
/// case, the same value with another end and mod, or no value.
fn other_date(gold: Option<&EventDate>, choice: usize) -> Option<EventDate> {
    let value = gold.and_then(|d| d.value.as_deref()).unwrap_or("1941");
    match choice % 5 {
        0 => None,
        1 => date(Some("1905"), None, None),
        2 => date(Some(&format!(" {} ", value.to_lowercase())), None, None),
        3 => date(Some(value), Some("2000"), Some("MID")),
        _ => date(None, None, Some("AFTER")),
    }
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

/// Perturbs a system copy of the gold: shifted, dropped, retyped, with other
/// actors, dates and flags, `same_as` mostly pointing to the system's own ids,
/// and extra events.
fn perturb(gold: &[EventRecord], random: &mut Random) -> Vec<EventRecord> {
    let system_id = |id: &str| {
        gold.iter()
            .position(|g| g.id.as_deref() == Some(id))
            .map(|i| format!("s{i}"))
    };
    let mut system = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        if random.chance(12) {
            continue;
        }
        let mut s = EventRecord {
            optional: false,
            id: Some(format!("s{i}")),
            same_as: g.same_as.as_deref().and_then(system_id),
            ..g.clone()
        };
        let (start, end) = (s.trigger.start, s.trigger.end);
        if random.chance(20) {
            let start = (start + random.below(4)).min(end.saturating_sub(1));
            s = with_trigger(&s, start, end + random.below(5));
        }
        if random.chance(5) {
            // Moved off its trigger: a miss and a false positive, or a match
            // with a neighbour.
            s = with_trigger(&s, end + 1 + random.below(30), end + 40);
        }
        if random.chance(15) {
            s.r#type = other_type(g.r#type.as_deref(), random.below(100));
        }
        if random.chance(12) {
            s.source = other_actors(&g.source, random.below(100));
        }
        if random.chance(12) {
            s.target = other_actors(&g.target, random.below(100));
        }
        if random.chance(8) {
            std::mem::swap(&mut s.source, &mut s.target);
        }
        if random.chance(15) {
            s.date = other_date(g.date.as_ref(), random.below(100));
        }
        if random.chance(8) {
            s.negated = !s.negated;
        }
        if random.chance(8) {
            s.hypothetical = !s.hypothetical;
        }
        if random.chance(10) {
            s.same_as = match random.below(3) {
                0 => None,
                1 => g.same_as.clone(),
                _ => Some(format!("s{}", random.below(gold.len()))),
            };
        }
        if random.chance(8) {
            // A trigger bridging this event and the next one.
            let next = gold.get(i + 1).map_or(end + 3, |n| n.trigger.start + 1);
            system.push(with_trigger(&s, start + 1, next.max(start + 2)));
        }
        if random.chance(4) {
            system.push(EventRecord {
                id: Some(format!("d{i}")),
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
    assert!(gold.len() > 200, "the seed event gold has {}", gold.len());
    assert!(gold.iter().any(|g| g.negated) && gold.iter().any(|g| g.hypothetical));
    assert!(gold.iter().any(|g| g.date.is_none()) && gold.iter().any(|g| g.same_as.is_some()));
    let score = check("identical", &gold, &gold);
    assert_eq!(score.typed_with_actors.f1, 1.0);
    assert_eq!(score.date_accuracy_on_matched, 1.0);
    assert_eq!(score.polarity_accuracy_on_matched, 1.0);
    assert_eq!(score.same_as_accuracy_on_matched, 1.0);
    assert_eq!(score.per_type["ASSAULT"].f1, 1.0);
    assert!(score.misses.is_empty() && score.wrong.is_empty());
    check("empty system", &gold, &[]);
    check("empty gold", &[], &gold);
    check("both empty", &[], &[]);
}

#[test]
fn seed_against_shifted_and_dropped_triggers() {
    let gold = seed_gold();
    let shifted: Vec<_> = gold
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let (start, end) = (g.trigger.start, g.trigger.end);
            match i % 5 {
                0 => with_trigger(g, start + 1, end),
                1 => with_trigger(g, start, end + 3),
                2 => with_trigger(g, start.saturating_sub(4), end - 1),
                // Touching the gold trigger only: no overlap.
                3 => with_trigger(g, end, end + 5),
                _ => g.clone(),
            }
        })
        .collect();
    let score = check("shifted", &gold, &shifted);
    assert!(score.trigger.r < 1.0 && !score.misses.is_empty());
    let dropped: Vec<_> = gold
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 != 0 && i % 7 != 0)
        .map(|(_, g)| g.clone())
        .collect();
    let score = check("dropped", &gold, &dropped);
    assert!(score.trigger.p == 1.0 && score.trigger.r < 1.0);
    // Every system trigger spans two gold triggers: the bigger overlap wins.
    let bridges: Vec<_> = gold
        .windows(2)
        .map(|pair| with_trigger(&pair[1], pair[0].trigger.end - 1, pair[1].trigger.start + 2))
        .collect();
    check("bridges", &gold, &bridges);
}

#[test]
fn seed_against_changed_types() {
    let gold = seed_gold();
    let retyped = changed(&gold, 3, |n, g| EventRecord {
        r#type: other_type(g.r#type.as_deref(), n),
        ..g.clone()
    });
    let score = check("changed types", &gold, &retyped);
    assert!(score.typed.f1 < score.trigger.f1);
    assert!(score.per_type.values().any(|prf| prf.gold == 0));
    let untyped: Vec<_> = gold
        .iter()
        .map(|g| EventRecord {
            r#type: None,
            ..g.clone()
        })
        .collect();
    let score = check("types removed", &gold, &untyped);
    assert_eq!(score.typed.tp, 0);
    // No type on either side counts as the same type.
    check("no types anywhere", &untyped, &untyped);
}

#[test]
fn seed_against_changed_actors() {
    let gold = seed_gold();
    for every in [2, 3, 4] {
        let sources = changed(&gold, every, |n, g| EventRecord {
            source: other_actors(&g.source, n),
            ..g.clone()
        });
        let score = check(&format!("sources, every {every}"), &gold, &sources);
        assert!(score.typed_with_actors.tp < score.typed.tp);
        let targets = changed(&gold, every, |n, g| EventRecord {
            target: other_actors(&g.target, n + every),
            ..g.clone()
        });
        check(&format!("targets, every {every}"), &gold, &targets);
    }
    let swapped = changed(&gold, 2, |_, g| EventRecord {
        source: g.target.clone(),
        target: g.source.clone(),
        ..g.clone()
    });
    let score = check("sources and targets swapped", &gold, &swapped);
    assert!(!score.wrong.is_empty());
}

#[test]
fn seed_against_changed_dates() {
    let gold = seed_gold();
    for every in [2, 3] {
        let redated = changed(&gold, every, |n, g| EventRecord {
            date: other_date(g.date.as_ref(), n),
            ..g.clone()
        });
        let score = check(&format!("dates, every {every}"), &gold, &redated);
        assert!(score.date_accuracy_on_matched < 1.0);
        assert_eq!(score.typed_with_actors.f1, 1.0);
    }
    let undated: Vec<_> = gold
        .iter()
        .map(|g| EventRecord {
            date: None,
            ..g.clone()
        })
        .collect();
    check("dates removed", &gold, &undated);
    let all_dated: Vec<_> = gold
        .iter()
        .map(|g| EventRecord {
            date: g.date.clone().or(date(Some("1941"), None, None)),
            ..g.clone()
        })
        .collect();
    check("dates added", &gold, &all_dated);
}

#[test]
fn seed_against_changed_flags() {
    let gold = seed_gold();
    let negated = changed(&gold, 4, |_, g| EventRecord {
        negated: !g.negated,
        ..g.clone()
    });
    let score = check("negated flipped", &gold, &negated);
    assert!(score.polarity_accuracy_on_matched < 1.0);
    let hypothetical = changed(&gold, 3, |_, g| EventRecord {
        hypothetical: !g.hypothetical,
        ..g.clone()
    });
    check("hypothetical flipped", &gold, &hypothetical);
    let both = changed(&gold, 2, |_, g| EventRecord {
        negated: !g.negated,
        hypothetical: !g.hypothetical,
        ..g.clone()
    });
    check("both flipped", &gold, &both);
}

#[test]
fn seed_against_changed_same_as() {
    let gold = seed_gold();
    let renamed: Vec<_> = gold
        .iter()
        .map(|g| EventRecord {
            id: g.id.as_deref().map(|id| format!("sys-{id}")),
            same_as: g.same_as.as_deref().map(|id| format!("sys-{id}")),
            ..g.clone()
        })
        .collect();
    let score = check("system ids of its own", &gold, &renamed);
    assert_eq!(score.same_as_accuracy_on_matched, 1.0);
    let gold_ids: Vec<_> = renamed
        .iter()
        .zip(&gold)
        .map(|(s, g)| EventRecord {
            same_as: g.same_as.clone(),
            ..s.clone()
        })
        .collect();
    let score = check("same_as naming gold ids", &gold, &gold_ids);
    assert_eq!(score.same_as_accuracy_on_matched, 0.0);
    let unlinked = changed(&gold, 2, |_, g| EventRecord {
        same_as: None,
        ..g.clone()
    });
    let score = check("same_as dropped", &gold, &unlinked);
    assert!(score.same_as_accuracy_on_matched < 1.0);
    // Antecedents missed: the repeats cannot be linked right.
    let antecedents: Vec<&str> = gold.iter().filter_map(|g| g.same_as.as_deref()).collect();
    let without_antecedents: Vec<_> = gold
        .iter()
        .filter(|g| g.id.as_deref().is_some_and(|id| !antecedents.contains(&id)))
        .cloned()
        .collect();
    let score = check("antecedents dropped", &gold, &without_antecedents);
    assert_eq!(score.same_as_accuracy_on_matched, 0.0);
}

#[test]
fn optional_gold_is_removed_without_touching_the_system() {
    let gold = changed(&seed_gold(), 4, |_, g| EventRecord {
        optional: true,
        ..g.clone()
    });
    let system: Vec<_> = gold
        .iter()
        .map(|g| EventRecord {
            optional: false,
            ..g.clone()
        })
        .collect();
    let score = check("system events on optional gold", &gold, &system);
    // Unlike timexes and entities, the events on optional gold still count.
    assert_eq!(score.trigger.sys, system.len());
    assert!(score.trigger.gold < gold.len() && score.trigger.p < 1.0);
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
fn duplicated_events_break_ties_like_the_reference() {
    let gold = seed_gold();
    let twins: Vec<_> = gold
        .iter()
        .flat_map(|g| {
            let twin = EventRecord {
                r#type: Some("PROTEST".into()),
                source: Vec::new(),
                date: None,
                ..g.clone()
            };
            [twin, g.clone()]
        })
        .collect();
    let score = check("duplicated system", &gold, &twins);
    assert!(score.typed.p <= 0.5);
    check("duplicated gold", &twins, &gold);
}

#[test]
fn corpus_counts_are_sums_of_reference_counts() {
    let gold = seed_gold();
    let half = gold.len() / 2;
    let mut random = Random(0x5851_f42d_4c95_7f2d);
    let mut documents = Vec::new();
    let mut summed = [0usize; 7];
    for part in [&gold[..half], &gold[half..]] {
        let system = perturb(part, &mut random);
        let score = check("half", part, &system);
        let figures = [
            score.trigger.tp,
            score.trigger.sys,
            score.trigger.gold,
            score.typed.tp,
            score.typed_with_actors.tp,
            score.per_type["SUPPORT"].tp,
            score.per_type["SUPPORT"].gold,
        ];
        for (sum, figure) in summed.iter_mut().zip(figures) {
            *sum += figure;
        }
        documents.push(score_events_document(part, &system));
    }
    let corpus = EventCorpusScore::from_documents(documents).score();
    let ours = [
        corpus.trigger.tp,
        corpus.trigger.sys,
        corpus.trigger.gold,
        corpus.typed.tp,
        corpus.typed_with_actors.tp,
        corpus.per_type["SUPPORT"].tp,
        corpus.per_type["SUPPORT"].gold,
    ];
    assert_eq!(
        ours, summed,
        "corpus counts are sums of per-document counts"
    );
    assert_eq!(
        corpus.trigger,
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
        r#"{"id": "E1", "trigger": {"start": 0, "end": 5, "text": "a"}, "type": "AGREE", "source": ["Japan"], "target": [], "date": {"value": "1941"}, "summary": "s"}

{"id": "E2", "trigger": {"start": 10, "end": 15}, "type": null, "source": null, "date": {}, "negated": null, "optional": false}
{"id": "E3", "trigger": {"start": 20, "end": 25}, "type": "ASSAULT", "date": {"end": "1945"}, "hypothetical": true, "optional": null}
{"id": "E4", "trigger": {"start": 30, "end": 35}, "type": "ASSAULT", "date": null, "same_as": "E3", "optional": true}
{"id": "E5", "trigger": {"start": 40, "end": 45}, "type": "ASSAULT", "source": ["A", "B"], "same_as": "E3"}
{"id": "E6", "trigger": {"start": 50, "end": 55}, "type": "", "same_as": ""}
"#,
    )
    .expect("writable");
    std::fs::write(
        &system,
        r#"{"id": "x", "trigger": {"start": 0, "end": 5}, "type": "AGREE", "source": ["Japan", "Japan"], "target": null, "date": {"value": " 1941\n"}, "score": 0.9}
{"trigger": {"start": 12, "end": 13}, "date": null, "negated": false, "source": []}
{"id": "y", "trigger": {"start": 22, "end": 28}, "type": "ASSAULT", "date": {"value": ""}, "hypothetical": true}
{"id": "z", "trigger": {"start": 30, "end": 35}, "type": "ASSAULT"}
{"id": "w", "trigger": {"start": 40, "end": 40}, "type": "ASSAULT", "same_as": "y"}
{"id": "v", "trigger": {"start": 39, "end": 41}, "type": "ASSAULT", "source": ["B", "A"], "same_as": "y"}
{"id": "u", "trigger": {"start": 50, "end": 55}, "type": "", "date": {}}
   
"#,
    )
    .expect("writable");
    let score = assert_agrees("null, missing, empty and unknown fields", &gold, &system);
    assert_eq!(score.trigger.tp, 5);
    assert_eq!(score.same_as_accuracy_on_matched, 1.0);
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
        (2, 3, 13),
        (0, 5, 0),
    ];
    for (tp, n_sys, n_gold) in cases {
        let event = |i: usize| EventRecord {
            trigger: TriggerSpan {
                start: 10 * i,
                end: 10 * i + 4,
                text: String::new(),
            },
            r#type: Some("AGREE".into()),
            ..EventRecord::default()
        };
        let gold: Vec<_> = (0..n_gold).map(event).collect();
        let system: Vec<_> = (0..n_sys)
            .map(|i| event(if i < tp { i } else { 1000 + i }))
            .collect();
        let score = check(&format!("rounding {tp}/{n_sys}/{n_gold}"), &gold, &system);
        let expected = Prf::from_counts(tp, n_sys, n_gold);
        assert_eq!(score.per_type["AGREE"], expected);
        assert_eq!(score.typed_with_actors, expected);
    }
}
