//! Anchors and ranges on the seed: every anchored or range-ending gold timex
//! that the tagger finds gets the gold value, and its `anchor` and
//! `range_start` name the same expressions as the gold's.

use annals_eval::{run, GoldCorpus};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn gold_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
}

/// Gold lines keep their `anchor` and `range_start`, which the scoring
/// record drops; read them raw.
fn gold_links() -> Vec<Value> {
    let text = std::fs::read_to_string(gold_dir().join("seed/timex.jsonl"))
        .expect("seed gold is readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("gold lines are JSON"))
        .collect()
}

#[test]
fn anchors_and_range_starts_match_the_gold() {
    let corpus = GoldCorpus::seed(&gold_dir()).expect("the seed gold loads");
    let doc = &corpus.docs[0];
    let system = run::tag(doc, annals_time::SchemeChoice::Timex3).expect("the seed is tagged");
    let gold = gold_links();
    let span_of_gold: HashMap<&str, (u64, u64)> = gold
        .iter()
        .map(|g| {
            (
                g["id"].as_str().unwrap(),
                (g["start"].as_u64().unwrap(), g["end"].as_u64().unwrap()),
            )
        })
        .collect();
    let by_span: HashMap<(u64, u64), &annals_core::Timex> = system
        .iter()
        .map(|t| ((t.span.start as u64, t.span.end as u64), t))
        .collect();
    let span_of_system: HashMap<&str, (u64, u64)> = system
        .iter()
        .map(|t| (t.id.as_str(), (t.span.start as u64, t.span.end as u64)))
        .collect();
    let mut checked = 0;
    let mut failures = Vec::new();
    for g in &gold {
        if g.get("optional").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let span = (g["start"].as_u64().unwrap(), g["end"].as_u64().unwrap());
        for key in ["anchor", "range_start"] {
            let Some(target) = g.get(key).and_then(Value::as_str) else {
                continue;
            };
            let Some(t) = by_span.get(&span) else {
                failures.push(format!("{}: {:?} not found", g["id"], g["text"]));
                continue;
            };
            checked += 1;
            if t.value != g["value"].as_str().unwrap() {
                failures.push(format!(
                    "{}: value {} instead of {}",
                    g["id"], t.value, g["value"]
                ));
            }
            let got = match key {
                "anchor" => t.anchor.as_deref(),
                _ => t.range_start.as_deref(),
            };
            let want = span_of_gold.get(target);
            let got_span = got.and_then(|id| span_of_system.get(id));
            if got_span != want {
                failures.push(format!(
                    "{} {key}: points at {got_span:?}, gold at {want:?}",
                    g["id"]
                ));
            }
        }
    }
    assert!(checked >= 28, "only {checked} links were checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
