//! Running the pipeline over a gold corpus and scoring the result.
//!
//! Each corpus is tagged under the annotation scheme of its gold: the seed
//! under TimeML TIMEX3, WikiWars under TIDES TIMEX2 (its README explains the
//! differences), with the matching value normalisation.

use crate::{score_document, CorpusScore, Error, GoldCorpus, GoldDoc, TimexRecord, ValueNorm};
use annals_core::Timex;
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
