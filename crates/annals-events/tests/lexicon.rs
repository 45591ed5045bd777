//! Every trigger line's example runs: the bracketed words are found as an
//! event of the line's PLOVER type and CAMEO code; every CAMEO code has a
//! Goldstein value on the scale.

mod common;
use common::events_of;

use std::collections::BTreeSet;

#[test]
fn the_data_files_read() {
    annals_events::check_data().expect("cameo.tsv and triggers.tsv read");
}

#[test]
fn every_trigger_example_finds_its_event() {
    let mut failures = Vec::new();
    let mut seen = BTreeSet::new();
    for (form, entry) in annals_events::entries() {
        if !seen.insert(entry.example) {
            continue;
        }
        let Some((head, rest)) = entry.example.split_once('[') else {
            failures.push(format!(
                "{form}: example without [brackets]: {}",
                entry.example
            ));
            continue;
        };
        let Some((trigger, tail)) = rest.split_once(']') else {
            failures.push(format!("{form}: example without ]: {}", entry.example));
            continue;
        };
        let events = events_of(&format!("{head}{trigger}{tail}"));
        let start = head.len();
        let hit = events
            .iter()
            .find(|e| e.trigger.start <= start && start < e.trigger.end.max(e.trigger.start + 1));
        match hit {
            Some(e) if e.kind == entry.plover && e.cameo == entry.cameo => {}
            Some(e) => failures.push(format!(
                "{:?}: found {} {} for [{trigger}], expected {} {}",
                entry.example, e.kind, e.cameo, entry.plover, entry.cameo
            )),
            None => failures.push(format!("{:?}: no event at [{trigger}]", entry.example)),
        }
    }
    assert!(seen.len() >= 100, "only {} examples", seen.len());
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        seen.len(),
        failures.join("\n")
    );
}

#[test]
fn not_event_phrases_hide_their_trigger_words() {
    let examples = annals_events::not_event_examples();
    assert!(examples.len() >= 10);
    let mut failures = Vec::new();
    for example in examples {
        let (head, rest) = example.split_once('[').expect("checked on load");
        let (phrase, tail) = rest.split_once(']').expect("checked on load");
        let events = events_of(&format!("{head}{phrase}{tail}"));
        let (a, b) = (head.len(), head.len() + phrase.len());
        if let Some(e) = events
            .iter()
            .find(|e| e.trigger.start < b && a < e.trigger.end)
        {
            failures.push(format!(
                "{example:?}: found {} at {:?}",
                e.kind, e.trigger.text
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
