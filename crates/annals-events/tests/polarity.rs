//! Every line of `data/polarity.tsv` carries an example sentence; the event
//! layer must give its bracketed trigger the flags the line expects.

mod common;
use common::events_of;

#[test]
fn every_polarity_example_holds() {
    let cues = annals_events::polarity_cues();
    assert!(cues.len() >= 60, "only {} cues", cues.len());
    let mut failures = Vec::new();
    for cue in cues {
        let (head, rest) = cue.example.split_once('[').expect("checked on load");
        let (trigger, tail) = rest.split_once(']').expect("checked on load");
        let text = format!("{head}{trigger}{tail}");
        let events = events_of(&text);
        let at = head.len();
        let Some(e) = events
            .iter()
            .find(|e| e.trigger.start <= at && at < e.trigger.end)
        else {
            failures.push(format!("{:?}: no event at [{trigger}]", cue.example));
            continue;
        };
        let got = match (e.negated, e.hypothetical) {
            (true, true) => "negated+hypothetical",
            (true, false) => "negated",
            (false, true) => "hypothetical",
            (false, false) => "plain",
        };
        if got != cue.expect {
            failures.push(format!(
                "{:?} ({:?}): [{trigger}] is {got}, expected {}",
                cue.example, cue.words, cue.expect
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        cues.len(),
        failures.join("\n")
    );
}

#[test]
fn refusals_are_events_not_negations() {
    let events = events_of("In 1951 the Soviet Union refused to sign the peace treaty.");
    let refusal = events
        .iter()
        .find(|e| e.trigger.text.starts_with("refused"))
        .expect("a refusal");
    assert_eq!(refusal.kind, "REJECT");
    assert!(!refusal.negated && !refusal.hypothetical);
}

#[test]
fn until_a_date_is_a_time_not_a_condition() {
    let events = events_of("The army occupied the city of Chita until October 1920.");
    let occupation = events
        .iter()
        .find(|e| e.trigger.text == "occupied")
        .expect("an occupation");
    assert!(!occupation.hypothetical, "{occupation:?}");
}
