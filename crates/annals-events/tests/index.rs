//! The cooperation–conflict index on the seed tells the article's story:
//! computed from the extracted events, not from the headings' words.

mod common;
use common::events_of;

use annals_events::index::{index, Dyad, Period, Row};

fn seed_rows(by: Period) -> Vec<Row> {
    let doc = annals_text::seed();
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &annals_time::TagOptions::default());
    let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    let events = annals_events::tag_document(&doc, &sentences, &timexes, &mentions);
    let dyad = Dyad::parse("JPN-SUN").expect("a valid dyad");
    index(&doc, &sentences, &events, &dyad, by)
}

fn mean(rows: &[Row], heading_start: &str) -> f64 {
    rows.iter()
        .find(|r| r.period.starts_with(heading_start))
        .unwrap_or_else(|| panic!("no index row for the section {heading_start:?}: {rows:#?}"))
        .mean
}

#[test]
fn sections_tell_the_story() {
    let rows = seed_rows(Period::Section);
    let quiet = mean(&rows, "1925–1930");
    let war = mean(&rows, "1930–1945");
    let improving = mean(&rows, "1960s–1975");
    let strains = mean(&rows, "1975–1990");
    assert!(
        quiet > war,
        "1925–1930 ({quiet:.2}) above 1930–1945 ({war:.2})"
    );
    assert!(
        improving > strains,
        "1960s–1975 ({improving:.2}) above 1975–1990 ({strains:.2})"
    );
    // The periods are the sections whose headings give one (not the lead,
    // nor "Economic relations").
    for r in rows.iter().filter(|r| r.period.contains(char::is_numeric)) {
        assert!(
            r.mean >= war,
            "1930–1945 ({war:.2}) is the lowest period, but {:?} has {:.2}",
            r.period,
            r.mean
        );
    }
}

#[test]
fn rows_add_up_and_quote_their_sentences() {
    let doc = annals_text::seed();
    for by in [Period::Year, Period::Decade, Period::Section] {
        for r in seed_rows(by) {
            assert!(r.count > 0);
            assert!((r.mean - r.sum / r.count as f64).abs() < 1e-9);
            assert!(r.top.len() <= 3 && r.top.len() <= r.count);
            for w in &r.top {
                assert_eq!(
                    doc.text.get(w.sentence_start..w.sentence_end),
                    Some(w.sentence.as_str())
                );
                assert!(w.sentence.contains(&w.trigger), "{w:?}");
            }
            for pair in r.top.windows(2) {
                assert!(pair[0].goldstein.abs() >= pair[1].goldstein.abs());
            }
        }
    }
    let years = seed_rows(Period::Year);
    assert!(
        years.windows(2).all(|p| p[0].period < p[1].period),
        "years in order"
    );
}

#[test]
fn events_are_placed_where_the_clause_says() {
    let events = events_of(
        "In 1918 Japan occupied Vladivostok. The corps landed at Wonsan in October 1950.",
    );
    let place = |word: &str| {
        events
            .iter()
            .find(|e| e.trigger.text.starts_with(word))
            .and_then(|e| e.location.clone())
    };
    assert_eq!(place("occupied").as_deref(), Some("Vladivostok"));
    assert_eq!(place("landed").as_deref(), Some("Wonsan"));
    let none = events_of("Japan protested the Soviet claims to the Kuril Islands.");
    assert!(none.iter().all(|e| e.location.is_none()), "{none:?}");
}
