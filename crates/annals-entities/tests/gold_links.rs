//! Gold links as the entity layer's answer (`tag_document_with_links`), and
//! capitals that close their phrase read as cities.

use annals_core::{EntityLabel, Mention};

fn tag(text: &str, gold: &[(usize, usize, &str)]) -> Vec<Mention> {
    let doc = annals_text::read_bytes("d.txt", text.as_bytes(), annals_text::Format::Plain)
        .expect("plain text reads");
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    annals_entities::tag_document_with_links(&doc, &sentences, &timexes, gold)
}

fn span(text: &str, name: &str) -> (usize, usize) {
    let start = text.find(name).expect("the name is in the text");
    (start, start + name.len())
}

#[test]
fn without_gold_links_nothing_changes() {
    let text = "In 1941 Japan and the Soviet Union signed a pact.";
    let doc = annals_text::read_bytes("d.txt", text.as_bytes(), annals_text::Format::Plain)
        .expect("plain text reads");
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    let plain = annals_entities::tag_document(&doc, &sentences, &timexes);
    assert_eq!(tag(text, &[]), plain);
}

#[test]
fn a_gold_link_overrides_and_its_short_forms_follow() {
    let text = "In 1941 Georgia Smith met Stalin. Later Smith left.";
    let (s, e) = span(text, "Georgia Smith");
    let mentions = tag(text, &[(s, e, "Georgia_Smith_(activist)")]);
    let full = mentions
        .iter()
        .find(|m| m.span.start == s)
        .expect("a mention");
    assert_eq!(full.link.as_deref(), Some("Georgia_Smith_(activist)"));
    let short = mentions
        .iter()
        .find(|m| m.text == "Smith")
        .expect("the short form");
    assert_eq!(short.link.as_deref(), Some("Georgia_Smith_(activist)"));
}

#[test]
fn an_unfound_gold_span_with_a_known_target_becomes_a_mention() {
    let text = "The war began when Uncle Joe spoke.";
    let (s, e) = span(text, "Uncle Joe");
    let mentions = tag(text, &[(s, e, "Joseph Stalin")]);
    let m = mentions
        .iter()
        .find(|m| m.span.start == s && m.span.end == e)
        .expect("the gold span is a mention");
    assert_eq!(m.label, EntityLabel::Person);
    assert_eq!(m.link.as_deref(), Some("Joseph Stalin"));
    // A lower-case span or an unknown target adds nothing.
    let (s, e) = span(text, "war");
    assert!(tag(text, &[(s, e, "World War II")])
        .iter()
        .all(|m| m.span.start != s));
}

#[test]
fn a_state_target_brings_its_codes() {
    let text = "In 1960 the Russians launched a rocket.";
    let (s, e) = span(text, "Russians");
    let mentions = tag(text, &[(s, e, "Soviet Union")]);
    let m = mentions
        .iter()
        .find(|m| m.span.start == s)
        .expect("a mention");
    assert_eq!(m.link.as_deref(), Some("Soviet Union"));
    assert_eq!(m.iso.as_deref(), Some("SUN"));
    assert_eq!(m.cow, Some(365));
}

#[test]
fn a_capital_closing_its_phrase_is_the_city() {
    let text = "In 1960 the largest cities were Tokyo, Seoul and Osaka. \
                In 1960 the capital of Japan is Tokyo. In 1960 Moscow protested.";
    let mentions = tag(text, &[]);
    let links: Vec<(&str, &str)> = mentions
        .iter()
        .map(|m| (m.text.as_str(), m.link.as_deref().unwrap_or("-")))
        .collect();
    assert!(links.contains(&("Tokyo", "Tokyo")), "{links:?}");
    assert!(!links.contains(&("Tokyo", "Japan")), "{links:?}");
    assert!(links.contains(&("Moscow", "Soviet Union")), "{links:?}");
}
