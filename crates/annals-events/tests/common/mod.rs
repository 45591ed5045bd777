//! What the event tests share: one text through the whole pipeline.

/// The events of a plain text, through reading, sentences, time, entities
/// and events.
pub fn events_of(text: &str) -> Vec<annals_core::Event> {
    let doc = annals_text::read_bytes("example", text.as_bytes(), annals_text::Format::Plain)
        .expect("example reads");
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    annals_events::tag_document(&doc, &sentences, &timexes, &mentions)
}
