//! Quality floors: the pipeline's scores on the gold corpora may only rise.
//!
//! Each figure here is the score the pipeline reached when the floor was
//! last raised, rounded down; HeidelTime 2.2.1 (narratives) scored, on the
//! same gold with the same measures: seed relaxed F1 0.954, strict F1 0.876,
//! value F1 0.912, value accuracy 0.956, type accuracy 0.993; WikiWars train
//! relaxed F1 0.932, value F1 0.853, value accuracy 0.915.

use annals_eval::{run, GoldCorpus, TimexScore};
use std::path::PathBuf;

fn gold_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    assert!(
        dir.join("seed/timex.jsonl").is_file(),
        "the gold corpora are expected in {} (shared/ beside the repository)",
        dir.display()
    );
    dir
}

fn check(name: &str, score: &TimexScore, floors: &[(&str, f64)]) {
    let mut failures = Vec::new();
    for &(measure, floor) in floors {
        let got = match measure {
            "strict F1" => score.strict.f1,
            "relaxed F1" => score.relaxed.f1,
            "value F1" => score.value.f1,
            "value accuracy" => score.value_accuracy_on_matched,
            "type accuracy" => score.type_accuracy_on_matched(),
            other => panic!("unknown measure {other}"),
        };
        if got < floor {
            failures.push(format!(
                "{name} {measure}: {got:.4} is below its floor {floor:.4}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_scores_stay_at_their_floors() {
    let corpus = GoldCorpus::seed(&gold_dir()).expect("the seed gold loads");
    let score = run::evaluate(&corpus).expect("the seed is tagged").score();
    check(
        "seed",
        &score,
        &[
            ("strict F1", 1.0),
            ("relaxed F1", 1.0),
            ("value F1", 1.0),
            ("value accuracy", 1.0),
            ("type accuracy", 1.0),
        ],
    );
}

#[test]
fn wikiwars_scores_stay_at_their_floors() {
    let corpus =
        GoldCorpus::wikiwars(&gold_dir().join("wikiwars")).expect("the WikiWars gold loads");
    let score = run::evaluate(&corpus).expect("WikiWars is tagged").score();
    check(
        "wikiwars",
        &score,
        &[
            ("strict F1", 0.907),
            ("relaxed F1", 0.961),
            ("value F1", 0.891),
            ("value accuracy", 0.927),
            ("type accuracy", 0.988),
        ],
    );
}
