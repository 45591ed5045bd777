//! Every export format against the record it came from: the seed and a
//! short document whose characters are not all ASCII (so that byte, code
//! point and UTF-16 offsets differ) go through the real pipeline into a
//! record; each export is read back and compared with what the record and
//! the pipeline hold.

use annals_core::{Document, Event, Measure, Mention, Sentence, Timex};
use annals_store::export::{
    self, timeline_date, ColumnType, DocumentRecord, Export, Table, Value, TABLES,
};
use annals_store::{Layers, Store};
use serde_json::Value as Json;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

/// Not ASCII: accented letters (2 bytes), dashes (3 bytes), a flower (4
/// bytes, two UTF-16 units); XML's and CSV's special characters too.
const NON_ASCII: &str = "Tōkyō and Moscow — the two capitals — signed a trade agreement on 21 January 1925.\n\nIn the 1980s the Soviet Union sent Gromyko to Tōkyō 🌸 again; \"talks\", protocols & <notes> followed in 1991.\n";

/// A document with the layers the pipeline made of it.
struct Piped {
    doc: Document,
    sentences: Vec<Sentence>,
    timexes: Vec<Timex>,
    mentions: Vec<Mention>,
    events: Vec<Event>,
    measures: Vec<Measure>,
}

fn pipeline(doc: Document) -> Piped {
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    let events = annals_events::tag_document(&doc, &sentences, &timexes, &mentions);
    let measures = annals_events::measures::tag_measures(&doc, &sentences, &timexes);
    Piped {
        doc,
        sentences,
        timexes,
        mentions,
        events,
        measures,
    }
}

/// The two documents through the pipeline, once for all tests.
fn corpus() -> &'static [Piped] {
    static CORPUS: OnceLock<Vec<Piped>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let other = annals_text::read_bytes(
            "notes/Tōkyō visit.txt",
            NON_ASCII.as_bytes(),
            annals_text::Format::Plain,
        )
        .expect("the non-ASCII note reads");
        vec![pipeline(annals_text::seed()), pipeline(other)]
    })
}

/// A record holding the corpus.
fn record() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("annals.db")).expect("a new record opens");
    for p in corpus() {
        let layers = Layers {
            sentences: &p.sentences,
            timexes: &p.timexes,
            mentions: &p.mentions,
            events: &p.events,
            measures: &p.measures,
        };
        store
            .ingest(&p.doc, &layers)
            .expect("the document is written");
    }
    (dir, store)
}

fn piped(name: &str) -> &'static Piped {
    corpus()
        .iter()
        .find(|p| p.doc.name == name)
        .expect("the export names a document of the corpus")
}

/// A record read back holds what the pipeline made.
fn assert_as_piped(record: &DocumentRecord) {
    let p = piped(&record.name);
    assert_eq!(record.text, p.doc.text);
    assert_eq!(record.bytes, p.doc.text.len());
    assert_eq!(
        record.title.as_deref(),
        p.doc.title.map(|t| p.doc.span_text(t))
    );
    assert_eq!(record.hash.len(), 64);
    let sections: Vec<_> = p
        .doc
        .sections
        .iter()
        .map(|s| {
            (
                s.level,
                s.heading.map(|h| p.doc.span_text(h).to_string()),
                s.span.start,
                s.span.end,
            )
        })
        .collect();
    let got: Vec<_> = record
        .sections
        .iter()
        .map(|s| (s.level, s.heading.clone(), s.start, s.end))
        .collect();
    assert_eq!(got, sections);
    let sentences: Vec<_> = p
        .sentences
        .iter()
        .map(|s| (s.section, s.span.start, s.span.end))
        .collect();
    let got: Vec<_> = record
        .sentences
        .iter()
        .map(|s| (s.section, s.start, s.end))
        .collect();
    assert_eq!(got, sentences);
    assert_eq!(record.timexes.len(), p.timexes.len());
    for (r, t) in record.timexes.iter().zip(&p.timexes) {
        assert_eq!(
            (&r.id, r.start, r.end, &r.text, r.kind.as_str(), &r.value),
            (
                &t.id,
                t.span.start,
                t.span.end,
                &t.text,
                t.kind.as_str(),
                &t.value
            )
        );
        assert_eq!(r.modifier.as_deref(), t.modifier.map(|m| m.as_str()));
        assert_eq!(
            (&r.edtf, &r.earliest, &r.latest),
            (&t.edtf, &t.earliest, &t.latest)
        );
    }
    assert_eq!(record.mentions.len(), p.mentions.len());
    for (r, m) in record.mentions.iter().zip(&p.mentions) {
        assert_eq!(
            (&r.id, r.start, r.end, &r.text, r.label.as_str()),
            (&m.id, m.span.start, m.span.end, &m.text, m.label.as_str())
        );
        assert_eq!(
            (&r.link, r.metonymy, &r.iso, r.cow),
            (&m.link, m.metonymy, &m.iso, m.cow)
        );
    }
    assert_eq!(record.events, p.events, "{}", record.name);
    assert_eq!(record.measures, p.measures, "{}", record.name);
}

fn records(export: &Export) -> Vec<DocumentRecord> {
    export
        .records()
        .collect::<Result<_, _>>()
        .expect("the record reads")
}

#[test]
fn json_and_ndjson_read_back_as_the_record_holds_it() {
    let (_dir, store) = record();
    let export = Export::new(&store, None).expect("an export of all");
    let held = records(&export);
    assert_eq!(held.len(), 2);
    // Documents in name order.
    assert!(held[0].name < held[1].name);
    for r in &held {
        assert_as_piped(r);
    }
    assert!(held.iter().any(|r| r.text.len() != r.text.chars().count()));
    let note = piped("notes/Tōkyō visit.txt");
    assert!(note.timexes.len() >= 2, "the note has dates");
    assert!(!note.events.is_empty(), "the note has an event");
    assert!(note.mentions.iter().any(|m| m.link.is_some()), "and names");

    let mut json = Vec::new();
    let summary = export
        .json(&mut json, Path::new("out.json"))
        .expect("writes");
    assert_eq!((summary.documents, summary.items), (2, 2));
    let back: Vec<DocumentRecord> = serde_json::from_slice(&json).expect("the JSON reads back");
    assert_eq!(back, held);

    let mut ndjson = Vec::new();
    export
        .ndjson(&mut ndjson, Path::new("out.ndjson"))
        .expect("writes");
    let text = String::from_utf8(ndjson).expect("UTF-8");
    assert!(text.ends_with('\n'));
    let lines: Vec<DocumentRecord> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a document"))
        .collect();
    assert_eq!(lines, held);

    // One document by name.
    let name = "notes/Tōkyō visit.txt";
    let one = Export::new(&store, Some(name)).expect("an export of one");
    let mut ndjson = Vec::new();
    one.ndjson(&mut ndjson, Path::new("out.ndjson"))
        .expect("writes");
    let text = String::from_utf8(ndjson).expect("UTF-8");
    assert_eq!(text.lines().count(), 1);
    let back: DocumentRecord = serde_json::from_str(text.trim_end()).expect("reads");
    assert_eq!(back.name, name);
    assert_as_piped(&back);

    // The same record gives the same bytes.
    let mut again = Vec::new();
    export
        .json(&mut again, Path::new("out.json"))
        .expect("writes");
    assert_eq!(again, json);
}

/// A CSV file parsed by RFC 4180: records of (field, was it quoted).
fn parse_csv(text: &str) -> Vec<Vec<(String, bool)>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut field = String::new();
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            loop {
                match chars.next().expect("a quoted field is closed") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\r' {
                    break;
                }
                assert!(c != '"' && c != '\n', "a bare {c:?} in an unquoted field");
                field.push(c);
                chars.next();
            }
        }
        record.push((field, quoted));
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                records.push(std::mem::take(&mut record));
                if chars.peek().is_none() {
                    return records;
                }
            }
            other => panic!("a field ends with , or CRLF, not {other:?}"),
        }
    }
}

/// A table's CSV read back as typed rows.
fn table_from_csv(table: &Table, text: &str) -> Vec<Vec<Value>> {
    let mut lines = parse_csv(text).into_iter();
    let header: Vec<String> = lines
        .next()
        .expect("a header")
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    let names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
    assert_eq!(header, names);
    lines
        .map(|fields| {
            assert_eq!(
                fields.len(),
                table.columns.len(),
                "{}: a short row",
                table.name
            );
            fields
                .into_iter()
                .zip(&table.columns)
                .map(|((field, quoted), column)| match column.kind {
                    _ if field.is_empty() && !quoted => Value::Null,
                    ColumnType::Integer => Value::Integer(field.parse().expect("an integer")),
                    ColumnType::Real => Value::Real(field.parse().expect("a number")),
                    ColumnType::Text => Value::Text(field),
                })
                .collect()
        })
        .collect()
}

#[test]
fn csv_tables_read_back_as_stored() {
    let (dir, store) = record();
    let export = Export::new(&store, None).expect("an export of all");
    let out = dir.path().join("csv");
    let summary = export.csv(&out).expect("the tables are written");
    assert_eq!(summary.files.len(), TABLES.len());
    let mut rows = 0;
    for name in TABLES {
        let table = export.table(name).expect("the table reads");
        assert_eq!(
            table.rows.len() as i64,
            store.count(name).expect("counts"),
            "{name}: every row"
        );
        let path = out.join(format!("{name}.csv"));
        let text = std::fs::read_to_string(&path).expect("the file reads");
        assert_eq!(table_from_csv(&table, &text), table.rows, "{name}");
        rows += table.rows.len();
        // One table to a stream is the same file.
        let mut one = Vec::new();
        export
            .csv_table(name, &mut one, Path::new("-"))
            .expect("writes");
        assert_eq!(one, text.as_bytes(), "{name}");
    }
    assert_eq!(summary.items, rows);
    // The documents' texts, with their line breaks, quotes and commas, come
    // back whole.
    let documents = export.table("documents").expect("reads");
    let text_column = documents
        .columns
        .iter()
        .position(|c| c.name == "text")
        .expect("documents have a text column");
    let text = Value::Text(NON_ASCII.to_string());
    assert!(documents.rows.iter().any(|r| r[text_column] == text));

    // One document: only its rows.
    let one = Export::new(&store, Some("notes/Tōkyō visit.txt")).expect("one");
    let timexes = one.table("timexes").expect("reads");
    assert_eq!(
        timexes.rows.len(),
        piped("notes/Tōkyō visit.txt").timexes.len()
    );
    assert!(matches!(
        export.table("sentence_search"),
        Err(export::Error::NoTable { .. })
    ));
}

/// Decodes the HTML entities the TimelineJS export writes.
fn unhtml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn timelinejs_has_every_dated_event_at_its_precision() {
    let (_dir, store) = record();
    let export = Export::new(&store, None).expect("an export of all");
    let mut out = Vec::new();
    let summary = export
        .timeline(&mut out, Path::new("timeline.json"))
        .expect("writes");
    let value: Json = serde_json::from_slice(&out).expect("the timeline is JSON");
    let slides = value["events"].as_array().expect("an events array");
    assert_eq!(slides.len(), summary.items);
    assert!(value["title"]["text"]["headline"].is_string());
    let held = records(&export);
    let events: HashMap<String, (&DocumentRecord, &Event)> = export::file_stems(export.names())
        .into_iter()
        .zip(&held)
        .flat_map(|(stem, doc)| {
            doc.events
                .iter()
                .map(move |e| (format!("{stem}-{}", e.id.to_lowercase()), (doc, e)))
        })
        .collect();
    let dated = held
        .iter()
        .flat_map(|d| &d.events)
        .filter(|e| e.date.is_some())
        .count();
    assert_eq!(
        slides.len() + summary.skipped,
        dated,
        "every dated event is shown or counted"
    );
    assert!(slides.len() > 150, "most of the seed's events are dated");
    let mut ids = HashSet::new();
    let mut decade = false;
    for slide in slides {
        let id = slide["unique_id"].as_str().expect("a unique id");
        assert!(ids.insert(id.to_string()), "{id} twice");
        let (doc, event) = events[id];
        let date = event.date.as_ref().expect("only dated events");
        assert_eq!(slide["group"], event.kind.as_str());
        let start = timeline_date(&date.value).expect("a shown date is placeable");
        assert_eq!(
            slide["start_date"],
            serde_json::to_value(&start.start).expect("json")
        );
        let year = slide["start_date"]["year"].as_i64().expect("a year number");
        assert_eq!(year, start.start.year);
        // A year stays a year: no month or day the value does not give.
        if date.value.len() == 4 {
            assert!(slide["start_date"].get("month").is_none(), "{id}");
        }
        if date.value == "198" && date.end.is_none() {
            decade = true;
            assert_eq!(year, 1980);
            assert_eq!(slide["end_date"]["year"], 1989);
            assert!(slide["display_date"]
                .as_str()
                .expect("shown")
                .contains("1980s"));
        }
        let text = slide["text"]["text"].as_str().expect("a text");
        let sentence = &doc.text[event.sentence_start..event.sentence_end];
        assert!(
            unhtml(text).contains(sentence),
            "{id}: the sentence is quoted"
        );
        assert!(slide["text"]["headline"].is_string());
    }
    assert!(decade, "the seed has events of the 1980s");
}

/// An element: name, attributes, text content.
type Element = (String, HashMap<String, String>, String);

/// An XML document parsed strictly enough for the exports: the declaration,
/// one root, tags closed in order, attributes quoted, entities known. Returns
/// the root's text content (tags removed, entities decoded) and each element
/// as (name, attributes, text content).
fn parse_xml(xml: &str) -> (String, Vec<Element>) {
    fn decode(raw: &str) -> String {
        let mut out = String::new();
        let mut rest = raw;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            let end = rest[i..].find(';').expect("an entity ends with ;") + i;
            let name = &rest[i + 1..end];
            out.push(match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code = match name.strip_prefix("#x") {
                        Some(hex) => u32::from_str_radix(hex, 16),
                        None => name.strip_prefix('#').expect("a known entity").parse(),
                    };
                    char::from_u32(code.expect("a number")).expect("a character")
                }
            });
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }
    let mut rest = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .expect("an XML declaration first");
    let mut stack: Vec<Element> = Vec::new();
    let mut elements = Vec::new();
    let mut root_text = None;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        assert!(!text.contains(']') || !text.contains("]]>"));
        if stack.is_empty() {
            assert!(text.trim().is_empty(), "text outside the root: {text:?}");
        } else {
            let decoded = decode(text);
            for open in &mut stack {
                open.2.push_str(&decoded);
            }
        }
        let close = rest[i..].find('>').expect("a tag ends") + i;
        let tag = &rest[i + 1..close];
        assert!(!tag.contains('<'), "< inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            let (open, attributes, content) = stack.pop().expect("a closing tag closes");
            assert_eq!(open, name, "tags close in order");
            if stack.is_empty() {
                assert!(root_text.is_none(), "one root");
                root_text = Some(content.clone());
            }
            elements.push((open, attributes, content));
        } else {
            let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
            let name = &tag[..name_end];
            assert!(
                !name.is_empty() && name.chars().all(char::is_alphanumeric),
                "{tag}"
            );
            assert!(!stack.is_empty() || root_text.is_none(), "one root");
            let mut attributes = HashMap::new();
            let mut attrs = tag[name_end..].trim_start();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").expect("name=\"value\"");
                let key = &attrs[..eq];
                assert!(key.chars().all(|c| c.is_ascii_alphanumeric()), "{key}");
                let value_end = attrs[eq + 2..].find('"').expect("a closing quote") + eq + 2;
                let value = &attrs[eq + 2..value_end];
                assert!(!value.contains('<'));
                assert!(
                    attributes.insert(key.to_string(), decode(value)).is_none(),
                    "an attribute twice"
                );
                attrs = attrs[value_end + 1..].trim_start();
            }
            stack.push((name.to_string(), attributes, String::new()));
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.trim().is_empty(), "text after the root");
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    (root_text.expect("a root"), elements)
}

#[test]
fn xml_parser_rejects_what_is_not_xml() {
    let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    for bad in [
        "<TimeML><TEXT>a</TimeML></TEXT>",
        "<TimeML><TEXT>a &c b</TEXT></TimeML>",
        "<TimeML><TEXT><TIMEX3 tid=\"t1>a</TIMEX3></TEXT></TimeML>",
        "<TimeML><TEXT>a</TEXT>",
        "<TimeML></TimeML><TimeML></TimeML>",
    ] {
        let xml = format!("{decl}{bad}");
        assert!(
            std::panic::catch_unwind(|| parse_xml(&xml)).is_err(),
            "accepted {bad}"
        );
    }
}

/// Checks one document's TimeML against its record.
fn assert_timeml(xml: &str, doc: &DocumentRecord) {
    let (text, elements) = parse_xml(xml);
    assert_eq!(
        text, doc.text,
        "{}: the tags removed give the text",
        doc.name
    );
    let timexes: Vec<_> = elements.iter().filter(|e| e.0 == "TIMEX3").collect();
    assert_eq!(timexes.len(), doc.timexes.len());
    let by_id: HashMap<&str, _> = timexes.iter().map(|e| (e.1["tid"].as_str(), *e)).collect();
    for t in &doc.timexes {
        let (_, attributes, inner) = by_id[t.id.to_lowercase().as_str()];
        assert_eq!(inner, &t.text);
        assert_eq!(attributes["type"], t.kind);
        assert_eq!(attributes["value"], t.value);
        assert_eq!(attributes.get("mod"), t.modifier.as_ref());
    }
}

#[test]
fn timeml_is_well_formed_and_gives_the_text_back() {
    let (dir, store) = record();
    let export = Export::new(&store, None).expect("an export of all");
    let held = records(&export);
    let out = dir.path().join("timeml");
    let summary = export.timeml_files(&out).expect("the files are written");
    assert_eq!(summary.files.len(), 2);
    for (path, doc) in summary.files.iter().zip(&held) {
        assert_eq!(path.extension().and_then(|e| e.to_str()), Some("tml"));
        let xml = std::fs::read_to_string(path).expect("reads");
        assert_timeml(&xml, doc);
    }
    // One document to a stream; several cannot share one.
    let name = "notes/Tōkyō visit.txt";
    let one = Export::new(&store, Some(name)).expect("one");
    let mut xml = Vec::new();
    one.timeml(&mut xml, Path::new("-")).expect("writes");
    let xml = String::from_utf8(xml).expect("UTF-8");
    assert!(xml.contains("&amp; &lt;notes&gt;"));
    assert_timeml(&xml, &records(&one)[0]);
    assert!(matches!(
        export.timeml(&mut Vec::new(), Path::new("-")),
        Err(export::Error::OneDocument { count: 2, .. })
    ));
    // A control character XML cannot carry is an error naming the output,
    // and a carriage return survives.
    let mut doc = records(&one).remove(0);
    doc.text = "A\r\nB in 1925\u{1}".to_string();
    doc.timexes.clear();
    let err = export::timeml(&doc, Path::new("x.tml")).expect_err("U+0001 is refused");
    assert!(err.to_string().contains("x.tml"), "{err}");
    doc.text.pop();
    let xml = export::timeml(&doc, Path::new("x.tml")).expect("writes");
    assert_eq!(parse_xml(&xml).0, doc.text);
}

/// The characters `[start, end)` of a text, counted in code points.
fn code_points(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn web_annotations_select_their_text_in_code_points() {
    let (_dir, store) = record();
    let export = Export::new(&store, None).expect("an export of all");
    let held = records(&export);
    let texts: HashMap<String, &DocumentRecord> = held
        .iter()
        .map(|d| (export::document_iri(&d.name), d))
        .collect();
    let mut out = Vec::new();
    let summary = export
        .web_annotations(&mut out, Path::new("annotations.jsonld"))
        .expect("writes");
    let value: Json = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(value["type"], "AnnotationCollection");
    assert!(value["id"].as_str().is_some_and(|id| id.contains(':')));
    let page = &value["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert!(page["id"].is_string());
    let items = page["items"].as_array().expect("items");
    let expected: usize = held
        .iter()
        .map(|d| d.timexes.len() + d.mentions.len() + d.events.len() + d.measures.len())
        .sum();
    assert_eq!(items.len(), expected);
    assert_eq!(value["total"], expected);
    assert_eq!(summary.items, expected);

    let mut ids = HashSet::new();
    let mut shifted = 0;
    let mut values = HashMap::new();
    for a in items {
        // The model's required fields.
        let id = a["id"].as_str().expect("an id");
        assert!(id.contains(':') && ids.insert(id.to_string()), "{id}");
        assert_eq!(a["type"], "Annotation");
        let body = a["body"].as_array().expect("a body");
        assert!(!body.is_empty());
        for b in body {
            match b["type"].as_str() {
                Some("TextualBody") => assert!(b["value"].is_string()),
                Some("SpecificResource") => assert!(b["source"]
                    .as_str()
                    .is_some_and(|s| s.starts_with("https://en.wikipedia.org/wiki/"))),
                other => panic!("a body of type {other:?}"),
            }
        }
        let target = &a["target"];
        let source = target["source"].as_str().expect("a source");
        let doc = texts[source];
        let selectors = target["selector"].as_array().expect("selectors");
        let position = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .expect("a position");
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .expect("a quote");
        let start = position["start"].as_u64().expect("a start") as usize;
        let end = position["end"].as_u64().expect("an end") as usize;
        let exact = quote["exact"].as_str().expect("exact");
        assert_eq!(code_points(&doc.text, start, end), exact, "{id}");
        if let Some(prefix) = quote["prefix"].as_str() {
            let n = prefix.chars().count();
            assert_eq!(code_points(&doc.text, start - n, start), prefix, "{id}");
        } else {
            assert_eq!(start, 0);
        }
        if let Some(suffix) = quote["suffix"].as_str() {
            let n = suffix.chars().count();
            assert_eq!(code_points(&doc.text, end, end + n), suffix, "{id}");
        }
        if doc.text.char_indices().nth(start).map(|(b, _)| b) != Some(start) {
            shifted += 1;
        }
        let local = id
            .rsplit('/')
            .next()
            .expect("an id ends with the annotation's");
        values.insert((doc.name.clone(), local.to_string()), a.clone());
    }
    assert!(
        shifted > 0,
        "some annotations stand where bytes and code points differ"
    );
    // Bodies carry the record's values, targets its spans.
    for doc in &held {
        for t in &doc.timexes {
            let a = &values[&(doc.name.clone(), t.id.clone())];
            assert!(a["body"]
                .as_array()
                .expect("a body")
                .iter()
                .any(|b| b["purpose"] == "describing" && b["value"] == t.value.as_str()));
            let exact = a["target"]["selector"][1]["exact"].as_str().expect("exact");
            assert_eq!(exact, &doc.text[t.start..t.end]);
        }
        for m in doc.mentions.iter().filter(|m| m.link.is_some()) {
            let a = &values[&(doc.name.clone(), m.id.clone())];
            let link = m.link.as_deref().expect("linked");
            assert!(a["body"]
                .as_array()
                .expect("a body")
                .iter()
                .any(|b| b["source"] == export::wikipedia_url(link).as_str()));
        }
        for e in &doc.events {
            let a = &values[&(doc.name.clone(), e.id.clone())];
            let bodies: Vec<&str> = a["body"]
                .as_array()
                .expect("a body")
                .iter()
                .filter_map(|b| b["value"].as_str())
                .collect();
            assert!(bodies.contains(&format!("PLOVER:{}", e.kind).as_str()));
            assert!(bodies.contains(&format!("CAMEO:{}", e.cameo).as_str()));
            assert!(bodies.contains(&format!("Goldstein:{}", e.goldstein).as_str()));
        }
    }
}

#[test]
fn unknown_names_are_errors_that_name_the_record() {
    let (dir, store) = record();
    let err = Export::new(&store, Some("no such document")).expect_err("refused");
    assert!(err.to_string().contains("annals.db"), "{err}");
    assert!(err.to_string().contains("no such document"), "{err}");
    let export = Export::new(&store, None).expect("an export of all");
    let err = export.table("notes").expect_err("refused");
    assert!(err.to_string().contains("annals.db"), "{err}");
    // A folder that cannot be made is named.
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").expect("writes");
    let err = export.csv(&file.join("csv")).expect_err("not a folder");
    assert!(err.to_string().contains("a-file"), "{err}");
    if !export::PARQUET {
        let err = export
            .parquet(&dir.path().join("pq"))
            .expect_err("no Parquet");
        assert!(matches!(err, export::Error::NoParquet { .. }));
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_tables_read_back_as_stored() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let (dir, store) = record();
    let export = Export::new(&store, None).expect("an export of all");
    let out = dir.path().join("parquet");
    let summary = export.parquet(&out).expect("the tables are written");
    assert_eq!(summary.files.len(), TABLES.len());
    for name in TABLES {
        let table = export.table(name).expect("reads");
        let path = out.join(format!("{name}.parquet"));
        let file = std::fs::File::open(&path).expect("opens");
        let reader = SerializedFileReader::new(file).expect("a Parquet file");
        let rows: Vec<Vec<Value>> = reader
            .get_row_iter(None)
            .expect("rows")
            .map(|row| {
                row.expect("a row")
                    .get_column_iter()
                    .map(|(_, field)| match field {
                        Field::Null => Value::Null,
                        Field::Long(n) => Value::Integer(*n),
                        Field::Double(x) => Value::Real(*x),
                        Field::Str(s) => Value::Text(s.clone()),
                        other => panic!("{name}: an unexpected field {other:?}"),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(rows, table.rows, "{name}");
        let columns: Vec<String> = reader
            .metadata()
            .file_metadata()
            .schema_descr()
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        let names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
        assert_eq!(columns, names, "{name}");
    }
}
