//! W3C Web Annotations (<https://www.w3.org/TR/annotation-model/>): each
//! time expression, name, event and measure as an annotation of its
//! document, placed by a `TextPositionSelector` in code points (the record
//! keeps UTF-8 byte offsets) and a `TextQuoteSelector`.

use super::{CharOffsets, DocumentRecord};
use serde_json::{json, Value};

/// Characters of context a `TextQuoteSelector` gives on each side.
const CONTEXT: usize = 32;

/// The IRI of a document of the record: `urn:annals:doc:` and its name,
/// with every byte but ASCII letters, digits and `-._~:` percent-encoded.
///
/// ```
/// use annals_store::export::document_iri;
/// assert_eq!(document_iri("seed:japan-soviet-union-relations"), "urn:annals:doc:seed:japan-soviet-union-relations");
/// assert_eq!(document_iri("notes/Tōkyō 1.txt"), "urn:annals:doc:notes%2FT%C5%8Dky%C5%8D%201.txt");
/// ```
pub fn document_iri(name: &str) -> String {
    format!(
        "urn:annals:doc:{}",
        percent(name, |b| b.is_ascii_alphanumeric() || b"-._~:".contains(&b))
    )
}

/// The English Wikipedia address of an article title.
///
/// ```
/// use annals_store::export::wikipedia_url;
/// assert_eq!(wikipedia_url("Soviet Union"), "https://en.wikipedia.org/wiki/Soviet_Union");
/// assert_eq!(wikipedia_url("Tōkyō"), "https://en.wikipedia.org/wiki/T%C5%8Dky%C5%8D");
/// assert_eq!(wikipedia_url("AT&T"), "https://en.wikipedia.org/wiki/AT%26T");
/// ```
pub fn wikipedia_url(title: &str) -> String {
    format!(
        "https://en.wikipedia.org/wiki/{}",
        percent(&title.replace(' ', "_"), |b| {
            b.is_ascii_alphanumeric() || b"-._~:()!,'*/".contains(&b)
        })
    )
}

fn percent(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A span that does not fall on characters of its text: (document, id,
/// start, end).
pub(super) type BadSpan = (String, String, usize, usize);

/// The collection of every annotation of the documents. `single` names the
/// collection after the one document it covers.
pub(super) fn collection(records: &[DocumentRecord], single: bool) -> Result<Value, BadSpan> {
    let id = match records {
        [one] if single => format!("{}/annotations", document_iri(&one.name)),
        _ => "urn:annals:collection".to_string(),
    };
    let mut items = Vec::new();
    for doc in records {
        annotations(doc, &mut items)?;
    }
    let label = match records {
        [one] if single => format!("annals annotations of {}", one.name),
        _ => format!("annals annotations of {} documents", records.len()),
    };
    Ok(json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": id,
        "type": "AnnotationCollection",
        "label": label,
        "total": items.len(),
        "first": {
            "id": format!("{id}/page/1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }))
}

/// A document's annotations: time expressions, names, events, measures.
fn annotations(doc: &DocumentRecord, out: &mut Vec<Value>) -> Result<(), BadSpan> {
    let iri = document_iri(&doc.name);
    let offsets = CharOffsets::new(&doc.text);
    let target = |id: &str, start: usize, end: usize| {
        target(&iri, &doc.text, &offsets, start, end)
            .ok_or_else(|| (doc.name.clone(), id.to_string(), start, end))
    };
    let annotation = |id: &str, motivation: &str, body: Vec<Value>, target: Value| {
        json!({
            "id": format!("{iri}/annotation/{id}"),
            "type": "Annotation",
            "motivation": motivation,
            "body": body,
            "target": target,
        })
    };
    for t in &doc.timexes {
        let mut body = vec![
            textual("classifying", &t.kind),
            textual("describing", &t.value),
        ];
        if let Some(m) = &t.modifier {
            body.push(textual("tagging", m));
        }
        out.push(annotation(
            &t.id,
            "describing",
            body,
            target(&t.id, t.start, t.end)?,
        ));
    }
    for m in &doc.mentions {
        let mut body = vec![textual("classifying", &m.label)];
        if let Some(link) = &m.link {
            body.push(json!({
                "type": "SpecificResource",
                "purpose": "identifying",
                "source": super::wikipedia_url(link),
            }));
        }
        if let Some(iso) = &m.iso {
            body.push(textual("tagging", &format!("ISO:{iso}")));
        }
        if let Some(cow) = m.cow {
            body.push(textual("tagging", &format!("COW:{cow}")));
        }
        if m.metonymy {
            body.push(textual("tagging", "metonymy"));
        }
        let motivation = if m.link.is_some() {
            "identifying"
        } else {
            "classifying"
        };
        out.push(annotation(
            &m.id,
            motivation,
            body,
            target(&m.id, m.start, m.end)?,
        ));
    }
    for e in &doc.events {
        let mut body = vec![textual("classifying", &format!("PLOVER:{}", e.kind))];
        if let Some(mode) = &e.mode {
            body.push(textual("classifying", &format!("PLOVER-mode:{mode}")));
        }
        body.push(textual("classifying", &format!("CAMEO:{}", e.cameo)));
        body.push(textual("describing", &format!("Goldstein:{}", e.goldstein)));
        if let Some(date) = &e.date {
            let value = match &date.end {
                Some(end) => format!("{}/{end}", date.value),
                None => date.value.clone(),
            };
            body.push(textual("describing", &format!("TIMEX3:{value}")));
        }
        for (flag, word) in [(e.negated, "negated"), (e.hypothetical, "hypothetical")] {
            if flag {
                body.push(textual("tagging", word));
            }
        }
        out.push(annotation(
            &e.id,
            "classifying",
            body,
            target(&e.id, e.trigger.start, e.trigger.end)?,
        ));
    }
    for q in &doc.measures {
        let mut body = vec![textual("describing", &format!("{} {}", q.amount, q.unit))];
        if !q.measure.is_empty() {
            body.push(textual("tagging", &q.measure));
        }
        out.push(annotation(
            &q.id,
            "describing",
            body,
            target(&q.id, q.start, q.end)?,
        ));
    }
    Ok(())
}

fn textual(purpose: &str, value: &str) -> Value {
    json!({"type": "TextualBody", "purpose": purpose, "value": value})
}

/// The target of a span: the document and two selectors of the same text.
fn target(iri: &str, text: &str, offsets: &CharOffsets, start: usize, end: usize) -> Option<Value> {
    let (first, last) = (offsets.of(start)?, offsets.of(end)?);
    let exact = text.get(start..end)?;
    let before = offsets.starts[first.saturating_sub(CONTEXT)];
    let after = offsets.starts[(last + CONTEXT).min(offsets.starts.len() - 1)];
    let mut quote = json!({"type": "TextQuoteSelector", "exact": exact});
    for (key, part) in [
        ("prefix", &text[before..start]),
        ("suffix", &text[end..after]),
    ] {
        if let (false, Some(map)) = (part.is_empty(), quote.as_object_mut()) {
            map.insert(key.into(), part.into());
        }
    }
    Some(json!({
        "source": iri,
        "selector": [
            {"type": "TextPositionSelector", "start": first, "end": last},
            quote,
        ],
    }))
}
