//! `data/belligerents.tsv`: every war's example finds the war as an event
//! whose source is exactly its parties, every title is one the entity
//! gazetteers know, and the names around a war do not become its parties.

mod common;
use common::events_of;

/// The data lines of the file: (line number, war, parties, example).
fn rows() -> Vec<(usize, &'static str, Vec<&'static str>, &'static str)> {
    annals_events::BELLIGERENTS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "line {}: three fields", i + 1);
            (i + 1, f[0], f[1].split('|').collect(), f[2])
        })
        .collect()
}

#[test]
fn every_title_is_known() {
    for (line, war, parties, _) in rows() {
        let event = annals_entities::named_event(war);
        assert!(
            event.is_some_and(|e| e.kind == "war"),
            "line {line}: {war} is not a war of events.tsv"
        );
        for party in parties {
            assert!(
                annals_entities::title_label(party).is_some(),
                "line {line}: {party} is not a title the gazetteers know"
            );
        }
    }
}

#[test]
fn every_example_gives_the_war_its_parties() {
    let mut failures = Vec::new();
    for (line, war, parties, example) in rows() {
        let (open, close) = (
            example.find('[').expect("an opening bracket"),
            example.find(']').expect("a closing bracket"),
        );
        let text = example.replace(['[', ']'], "");
        let (start, end) = (open, close - 1);
        let events = events_of(&text);
        let found = events
            .iter()
            .find(|e| e.trigger.start < end && start < e.trigger.end);
        let mut want: Vec<&str> = parties.clone();
        want.sort_unstable();
        match found {
            Some(e) => {
                let mut got: Vec<&str> = e.source.iter().map(String::as_str).collect();
                got.sort_unstable();
                if got != want || !e.target.is_empty() || e.kind != "ASSAULT" {
                    failures.push(format!(
                        "line {line} ({war}): {} {:?} -> {:?}, expected ASSAULT {want:?} -> []",
                        e.kind, e.source, e.target
                    ));
                }
            }
            None => failures.push(format!("line {line} ({war}): no event at the brackets")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_war_without_known_sides_is_not_done_by_the_clause_around_it() {
    // Neither Velmora nor the sentence's subject fought the (unknown) war.
    let events = events_of("In 1918 Japan sent troops to Siberia during the Velmoran Civil War.");
    let war = events
        .iter()
        .find(|e| e.trigger.text.contains("Civil War"))
        .expect("the war is an event");
    assert!(!war.source.iter().any(|s| s.contains("Japan")), "{war:?}");
    assert!(!war.target.iter().any(|s| s.contains("Japan")), "{war:?}");
}
