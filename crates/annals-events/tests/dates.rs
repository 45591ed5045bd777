//! Dating events across clauses: a date on the far side of a semicolon
//! belongs to its own clause, and a war that frames the trigger's clause
//! dates the trigger instead.

mod common;
use common::events_of;

/// The date value of the event whose trigger is `trigger`.
fn date(text: &str, trigger: &str) -> Option<String> {
    let events = events_of(text);
    let e = events
        .iter()
        .find(|e| e.trigger.text == trigger)
        .unwrap_or_else(|| panic!("no event {trigger:?} in {text:?}: {events:?}"));
    e.date.as_ref().map(|d| d.value.clone())
}

#[test]
fn a_frame_in_the_own_clause_beats_a_date_across_a_semicolon() {
    let text = "The antipathy stemmed from the Russo-Japanese War of 1904–5; and from \
                the Soviet declaration of war on Japan in the last days of World War II.";
    assert_eq!(
        date(text, "declaration of war").as_deref().map(|d| &d[..4]),
        Some("1945")
    );
}

#[test]
fn a_date_of_the_same_clause_still_dates_it() {
    let text = "In 1904 Japan attacked Port Arthur; the war lasted until 1905.";
    assert_eq!(date(text, "attacked").as_deref(), Some("1904"));
}
