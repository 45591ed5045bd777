//! Where events took place: the place after the trigger ("occupied
//! Vladivostok", "talks in Moscow") and, for an event noun, the place its
//! clause gives it further on ("… was held in Moscow", "… happened in
//! Primorye"); never a place of another clause.

mod common;
use common::events_of;

/// The location of the event whose trigger is `trigger`.
fn location(text: &str, trigger: &str) -> Option<String> {
    let events = events_of(text);
    let e = events
        .iter()
        .find(|e| e.trigger.text == trigger)
        .unwrap_or_else(|| panic!("no event {trigger:?} in {text:?}: {events:?}"));
    e.location.clone()
}

#[test]
fn places_after_the_trigger() {
    assert_eq!(
        location("In 1920 Japan occupied Vladivostok.", "occupied").as_deref(),
        Some("Vladivostok")
    );
    assert_eq!(
        location("The summit took place in Geneva in 1985.", "summit").as_deref(),
        Some("Geneva")
    );
}

#[test]
fn an_event_noun_placed_by_its_clause() {
    let text = "An October 1973 meeting between Prime Minister Tanaka Kakuei and \
                Leonid I. Brezhnev, general secretary of the Communist Party of the \
                Soviet Union, was held in Moscow.";
    assert_eq!(location(text, "meeting").as_deref(), Some("Moscow"));
    let text = "The first border incident, the Battle of Lake Khasan (1938), happened \
                in Primorye, not far from Vladivostok.";
    assert_eq!(
        location(text, "Battle of Lake Khasan").as_deref(),
        Some("Primorsky Krai")
    );
}

#[test]
fn not_a_place_of_another_clause() {
    let text = "The invasion of Poland began in 1939 and the talks were held in Moscow.";
    assert_eq!(location(text, "invasion"), None);
    let text = "The invasion failed; the talks that followed were held in Moscow.";
    assert_eq!(location(text, "invasion"), None);
}
