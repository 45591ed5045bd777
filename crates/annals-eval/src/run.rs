//! Running the pipeline over a gold corpus and scoring the result.
//!
//! Each corpus is tagged under the annotation scheme of its gold: the seed
//! under TimeML TIMEX3, WikiWars under TIDES TIMEX2 (its README explains the
//! differences), with the matching value normalisation.

use crate::{
    score_document, score_entities_document, CorpusScore, EntityDocumentScore, EntityGold,
    EntityRecord, Error, GoldCorpus, GoldDoc, TimexRecord, ValueNorm,
};
use annals_core::{Mention, Timex};
use annals_time::{SchemeChoice, TagOptions};

/// The scheme and value normalisation a corpus's gold follows.
///
/// ```
/// use annals_eval::run::conventions;
/// assert_eq!(conventions("wikiwars").1, annals_eval::ValueNorm::Timex2);
/// assert_eq!(conventions("seed").1, annals_eval::ValueNorm::Exact);
/// ```
pub fn conventions(corpus: &str) -> (SchemeChoice, ValueNorm) {
    if corpus.to_ascii_lowercase().contains("wikiwars") {
        (SchemeChoice::Timex2, ValueNorm::Timex2)
    } else {
        (SchemeChoice::Timex3, ValueNorm::Exact)
    }
}

/// A timex as a scoring record of document `doc`.
pub fn record(doc: &str, timex: &Timex) -> TimexRecord {
    TimexRecord {
        doc: Some(doc.to_string()),
        id: Some(timex.id.clone()),
        start: timex.span.start,
        end: timex.span.end,
        text: timex.text.clone(),
        r#type: Some(timex.kind.as_str().to_string()),
        value: Some(timex.value.clone()),
        r#mod: timex.modifier.map(|m| m.as_str().to_string()),
        optional: false,
    }
}

/// Tags one gold document's text.
pub fn tag(doc: &GoldDoc, scheme: SchemeChoice) -> Result<Vec<Timex>, Error> {
    let document = annals_text::read_path(&doc.text_path, Default::default())?;
    let sentences = annals_text::segment(&document);
    let dct = doc.dct.as_deref().map(annals_time::parse_dct).transpose()?;
    let options = TagOptions { dct, scheme };
    Ok(annals_time::tag_document(&document, &sentences, &options))
}

/// Tags every document of a corpus and scores it against its gold.
pub fn evaluate(corpus: &GoldCorpus) -> Result<CorpusScore, Error> {
    let (scheme, norm) = conventions(&corpus.name);
    let mut documents = Vec::with_capacity(corpus.docs.len());
    for doc in &corpus.docs {
        let system: Vec<TimexRecord> = tag(doc, scheme)?
            .iter()
            .map(|t| record(&doc.id, t))
            .collect();
        documents.push(score_document(&doc.gold, &system, norm));
    }
    Ok(CorpusScore::from_documents(documents))
}

/// A mention as a scoring record of document `doc`.
pub fn entity_record(doc: &str, mention: &Mention) -> EntityRecord {
    EntityRecord {
        doc: Some(doc.to_string()),
        id: Some(mention.id.clone()),
        start: mention.span.start,
        end: mention.span.end,
        text: mention.text.clone(),
        label: Some(mention.label.as_str().to_string()),
        link: mention.link.clone(),
        metonymy: mention.metonymy,
        optional: false,
    }
}

/// Runs the pipeline through the entity layer on the seed and scores its
/// mentions against the entity gold.
pub fn evaluate_entities(gold: &EntityGold) -> Result<EntityDocumentScore, Error> {
    let (_, _, _, mentions) = names(&gold.text_path)?;
    let system: Vec<EntityRecord> = mentions
        .iter()
        .map(|m| entity_record(&gold.doc, m))
        .collect();
    Ok(score_entities_document(&gold.gold, &system))
}

/// Runs the pipeline through the event layer on the seed and scores its
/// events against the event gold.
pub fn evaluate_events(gold: &crate::EventGold) -> Result<crate::EventDocumentScore, Error> {
    let (document, sentences, timexes, mentions) = names(&gold.text_path)?;
    let events = annals_events::tag_document(&document, &sentences, &timexes, &mentions);
    let system: Vec<crate::EventRecord> = events
        .iter()
        .filter(|e| gold.scope_end.is_none_or(|end| e.trigger.start < end))
        .map(|e| event_record(&gold.doc, e))
        .collect();
    Ok(crate::score_events_document(&gold.events, &system))
}

/// The project's development event gold for war narratives
/// (`eval/wikiwars-events` in the repository).
pub const WAR_DEV_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../eval/wikiwars-events");

/// Scores the event layer on the war-narrative development set, documents
/// summed.
pub fn evaluate_war_events(
    wikiwars_dir: &std::path::Path,
) -> Result<crate::EventCorpusScore, Error> {
    let golds = crate::EventGold::war_dev_set(WAR_DEV_DIR.as_ref(), wikiwars_dir)?;
    let mut documents = Vec::new();
    for gold in &golds {
        documents.push(evaluate_events(gold)?);
    }
    Ok(crate::EventCorpusScore::from_documents(documents))
}

/// Runs the pipeline through the measure layer on the seed and scores its
/// measures against the measure gold in `scope`.
pub fn evaluate_measures(
    gold: &crate::EventGold,
    scope: crate::MeasureScope,
) -> Result<crate::MeasureDocumentScore, Error> {
    let (document, sentences, timexes, _) = names(&gold.text_path)?;
    let measures = annals_events::measures::tag_measures(&document, &sentences, &timexes);
    let system: Vec<crate::MeasureRecord> = measures
        .iter()
        .map(|m| measure_record(&gold.doc, m))
        .collect();
    Ok(crate::score_measures_document(
        &gold.measures,
        &system,
        scope,
    ))
}

/// A measure as a scoring record of document `doc`.
pub fn measure_record(doc: &str, m: &annals_core::Measure) -> crate::MeasureRecord {
    crate::MeasureRecord {
        doc: Some(doc.to_string()),
        id: Some(m.id.clone()),
        start: m.start,
        end: m.end,
        text: m.text.clone(),
        amount: Some(m.amount),
        unit: Some(m.unit.clone()),
        measure: (!m.measure.is_empty()).then(|| m.measure.clone()),
        date: m.date.as_ref().map(|d| crate::EventDate {
            value: Some(d.value.clone()),
            end: d.end.clone(),
            r#mod: d.modifier.clone(),
        }),
        approx: m.approx.clone(),
        optional: false,
    }
}

/// An event as a scoring record of document `doc`.
pub fn event_record(doc: &str, e: &annals_core::Event) -> crate::EventRecord {
    crate::EventRecord {
        doc: Some(doc.to_string()),
        id: Some(e.id.clone()),
        sentence_start: Some(e.sentence_start),
        sentence_end: Some(e.sentence_end),
        trigger: crate::TriggerSpan {
            start: e.trigger.start,
            end: e.trigger.end,
            text: e.trigger.text.clone(),
        },
        r#type: Some(e.kind.clone()),
        mode: e.mode.clone(),
        cameo: Some(e.cameo.clone()),
        goldstein: Some(e.goldstein),
        source: e.source.clone(),
        target: e.target.clone(),
        date: e.date.as_ref().map(|d| crate::EventDate {
            value: Some(d.value.clone()),
            end: d.end.clone(),
            r#mod: d.modifier.clone(),
        }),
        location: e.location.clone(),
        negated: e.negated,
        hypothetical: e.hypothetical,
        same_as: e.same_as.clone(),
        optional: false,
    }
}

/// A gold text with its sentences, time expressions and names.
type Named = (
    annals_core::Document,
    Vec<annals_core::Sentence>,
    Vec<Timex>,
    Vec<Mention>,
);

/// Reads a gold text and runs time and entities over it (TIMEX3 conventions).
fn names(path: &std::path::Path) -> Result<Named, Error> {
    let document = annals_text::read_path(path, Default::default())?;
    let sentences = annals_text::segment(&document);
    let timexes = annals_time::tag_document(&document, &sentences, &TagOptions::default());
    let mentions = annals_entities::tag_document(&document, &sentences, &timexes);
    Ok((document, sentences, timexes, mentions))
}
