//! The fuzz targets ([`read_document`], [`tag_time`], [`tag_entities`]) and
//! the invariants they check. The files in `fuzz_targets/` only hand libFuzzer's input to
//! these functions, so `cargo test` can replay a corpus on a stable compiler.
//!
//! Each check panics with a message that names the broken invariant and the
//! offending span, so that a crash found by libFuzzer reads as a bug report.
//! The invariants are the ones `annals-core` promises: every span is a
//! half-open range of byte offsets into the document's text, on character
//! boundaries; readers never copy or normalise the text; sentences, time
//! expressions and entity mentions come in document order and do not overlap.

use annals_core::{Document, EntityLabel, Mention, Sentence, Span, Timex};
use annals_text::{read_bytes, segment, Format};
use annals_time::{tag_document, Cal, SchemeChoice, TagOptions};

/// The `read_document` target: any bytes through every reader and the
/// segmenter. Reading may fail (empty, binary or not UTF-8 input); what is
/// read must be well formed.
pub fn read_document(data: &[u8]) {
    for format in [Format::Seed, Format::Plain, Format::Markdown, Format::Auto] {
        let Ok(doc) = read_bytes("fuzz.txt", data, format) else {
            continue;
        };
        let sentences = segment(&doc);
        check_document(data, &doc, &sentences);
    }
}

/// The `tag_time` target: UTF-8 text read as plain text and as the seed
/// format, tagged with the default options, with TIMEX2 conventions and
/// with a document creation time.
pub fn tag_time(data: &[u8]) {
    if std::str::from_utf8(data).is_err() {
        return;
    }
    let options = [
        TagOptions::default(),
        TagOptions {
            scheme: SchemeChoice::Timex2,
            ..TagOptions::default()
        },
        TagOptions {
            dct: Some(Cal::Day(1998, 2, 14)),
            ..TagOptions::default()
        },
    ];
    for format in [Format::Plain, Format::Seed] {
        let Ok(doc) = read_bytes("fuzz.txt", data, format) else {
            continue;
        };
        let sentences = segment(&doc);
        for option in &options {
            let timexes = tag_document(&doc, &sentences, option);
            check_timexes(&doc, &sentences, &timexes);
        }
    }
}

/// The `tag_entities` target: UTF-8 text read as plain text and as the seed
/// format, segmented, time-tagged with the default options, then tagged for
/// entity mentions twice (the tagger keeps no state between documents, so
/// both runs agree).
pub fn tag_entities(data: &[u8]) {
    if std::str::from_utf8(data).is_err() {
        return;
    }
    for format in [Format::Plain, Format::Seed] {
        let Ok(doc) = read_bytes("fuzz.txt", data, format) else {
            continue;
        };
        let sentences = segment(&doc);
        let timexes = tag_document(&doc, &sentences, &TagOptions::default());
        let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
        check_mentions(&doc, &sentences, &mentions);
        let again = annals_entities::tag_document(&doc, &sentences, &timexes);
        assert!(mentions == again, "tagging the same document twice differs");
    }
}

/// Panics unless `span` is a well-formed span into `text`.
fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end,
        "{what} {span:?} starts after it ends"
    );
    assert!(
        span.end <= text.len(),
        "{what} {span:?} ends past the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} does not fall on character boundaries"
    );
}

/// Panics unless the spans are in order and pairwise disjoint.
fn check_ordered(spans: impl IntoIterator<Item = Span>, what: &str) {
    let mut previous: Option<Span> = None;
    for span in spans {
        if let Some(p) = previous {
            assert!(
                p.end <= span.start,
                "{what}s out of order or overlapping: {p:?} then {span:?}"
            );
        }
        previous = Some(span);
    }
}

/// Checks a document read from `input` and its sentences.
pub fn check_document(input: &[u8], doc: &Document, sentences: &[Sentence]) {
    let text = doc.text.as_str();
    assert_eq!(
        text.as_bytes(),
        input,
        "the document's text is the input, byte for byte"
    );
    if let Some(title) = doc.title {
        check_span(text, title, "title");
    }
    assert!(!doc.sections.is_empty(), "there is always a lead section");
    for (i, section) in doc.sections.iter().enumerate() {
        check_span(text, section.span, "section");
        if let Some(heading) = section.heading {
            check_span(text, heading, "section heading");
        }
        if let Some(parent) = section.parent {
            assert!(parent < i, "section {i} has a later parent {parent}");
        }
    }
    for block in &doc.blocks {
        check_span(text, block.span, "block");
        assert!(!block.span.is_empty(), "empty block {:?}", block.span);
        assert!(
            block.section < doc.sections.len(),
            "block {:?} in a missing section {}",
            block.span,
            block.section
        );
        if let Some(key) = block.key {
            check_span(text, key, "infobox key");
            assert!(
                key.end <= block.span.start,
                "infobox key {key:?} after its value {:?}",
                block.span
            );
        }
    }
    check_ordered(doc.blocks.iter().map(|b| b.span), "block");
    for sentence in sentences {
        let span = sentence.span;
        check_span(text, span, "sentence");
        assert!(!span.is_empty(), "empty sentence {span:?}");
        let block = doc
            .blocks
            .get(sentence.block)
            .unwrap_or_else(|| panic!("sentence {span:?} in a missing block"));
        assert!(
            block.span.contains(span),
            "sentence {span:?} outside its block {:?}",
            block.span
        );
        assert_eq!(
            sentence.section, block.section,
            "sentence {span:?} in another section than its block"
        );
        let words = doc.span_text(span);
        assert_eq!(
            words,
            words.trim(),
            "sentence {span:?} has surrounding white space"
        );
    }
    check_ordered(sentences.iter().map(|s| s.span), "sentence");
}

/// The index `n` of an id `T{n+1}`.
fn id_index(id: &str) -> Option<usize> {
    id.strip_prefix('T')?.parse::<usize>().ok()?.checked_sub(1)
}

/// Checks the time expressions tagged in a document.
pub fn check_timexes(doc: &Document, sentences: &[Sentence], timexes: &[Timex]) {
    let text = doc.text.as_str();
    for (n, t) in timexes.iter().enumerate() {
        check_span(text, t.span, "timex");
        assert!(!t.span.is_empty(), "empty timex {:?}", t.span);
        assert_eq!(
            t.text,
            doc.span_text(t.span),
            "timex text is the bytes of {:?}",
            t.span
        );
        assert!(
            sentences.iter().any(|s| s.span == t.sentence),
            "timex {:?} names a sentence {:?} that segment() did not produce",
            t.span,
            t.sentence
        );
        assert!(
            t.sentence.contains(t.span),
            "timex {:?} outside its sentence {:?}",
            t.span,
            t.sentence
        );
        assert_eq!(t.id, format!("T{}", n + 1), "ids are T1..Tn in order");
        for (what, link) in [("anchor", &t.anchor), ("range_start", &t.range_start)] {
            if let Some(link) = link {
                let target = id_index(link);
                assert!(
                    target.is_some_and(|k| k < n),
                    "{} has {what} {link}, not an earlier timex",
                    t.id
                );
            }
        }
        if let (Some(a), Some(b)) = (&t.earliest, &t.latest) {
            let (Some(da), Some(db)) = (
                annals_time::value::parse_iso_day(a),
                annals_time::value::parse_iso_day(b),
            ) else {
                panic!("{} has an unreadable interval {a}..{b}", t.id);
            };
            assert!(
                da <= db,
                "{} ({:?}) ends before it starts: {a}..{b}",
                t.id,
                t.text
            );
        }
    }
    check_ordered(timexes.iter().map(|t| t.span), "timex");
    check_timeml(text, timexes);
}

/// Checks the entity mentions tagged in a document.
pub fn check_mentions(doc: &Document, sentences: &[Sentence], mentions: &[Mention]) {
    let text = doc.text.as_str();
    for (n, m) in mentions.iter().enumerate() {
        check_span(text, m.span, "mention");
        assert!(!m.span.is_empty(), "empty mention {:?}", m.span);
        assert_eq!(
            m.text,
            doc.span_text(m.span),
            "mention text is the bytes of {:?}",
            m.span
        );
        assert!(
            sentences.iter().any(|s| s.span == m.sentence),
            "mention {:?} names a sentence {:?} that segment() did not produce",
            m.span,
            m.sentence
        );
        assert!(
            m.sentence.contains(m.span),
            "mention {:?} outside its sentence {:?}",
            m.span,
            m.sentence
        );
        assert_eq!(m.id, format!("M{}", n + 1), "ids are M1..Mn in order");
        if m.label == EntityLabel::Money {
            assert!(
                m.link.is_none(),
                "{} ({:?}) is MONEY with a link {:?}",
                m.id,
                m.text,
                m.link
            );
        }
        let state = matches!(m.label, EntityLabel::Gpe | EntityLabel::Norp);
        assert!(
            state || (m.iso.is_none() && m.cow.is_none()),
            "{} ({:?}) is {:?} with state codes {:?}/{:?}",
            m.id,
            m.text,
            m.label,
            m.iso,
            m.cow
        );
    }
    check_ordered(mentions.iter().map(|m| m.span), "mention");
}

/// TimeML output with its tags removed and its entities decoded is the text.
fn check_timeml(text: &str, timexes: &[Timex]) {
    let xml = annals_time::timeml(text, timexes);
    let body = xml
        .split_once("<TEXT>")
        .and_then(|(_, rest)| rest.rsplit_once("</TEXT>"))
        .map(|(body, _)| body)
        .unwrap_or_else(|| panic!("TimeML output without a TEXT element"));
    let mut plain = String::with_capacity(body.len());
    let mut rest = body;
    let mut open = 0usize;
    while let Some(i) = rest.find(['<', '&']) {
        plain.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let close = rest.find('>').expect("a tag in TimeML output ends");
            let tag = &rest[..=close];
            if tag.starts_with("</TIMEX3") {
                assert!(open == 1, "unbalanced </TIMEX3> in TimeML output");
                open -= 1;
            } else {
                assert!(open == 0, "nested <TIMEX3> in TimeML output");
                assert!(tag.starts_with("<TIMEX3 "), "unknown tag {tag}");
                open += 1;
            }
            rest = &rest[close + 1..];
        } else {
            let (decoded, len) = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
            ]
            .iter()
            .find(|(entity, _)| rest.starts_with(entity))
            .map(|(entity, c)| (*c, entity.len()))
            .unwrap_or_else(|| panic!("bare & in TimeML output"));
            plain.push(decoded);
            rest = &rest[len..];
        }
    }
    plain.push_str(rest);
    assert_eq!(open, 0, "unclosed <TIMEX3> in TimeML output");
    assert_eq!(plain, text, "TimeML output without its tags is the text");
}

/// Arbitrary UTF-8 through the whole pipeline to events and measures:
/// every trigger, sentence and quantity span lies on character boundaries
/// inside the text and says what its text field says, every event's
/// Goldstein value is on the scale and its `same_as` points to an earlier
/// first mention, and tagging twice gives the same result.
pub fn tag_events(data: &[u8]) {
    if std::str::from_utf8(data).is_err() {
        return;
    }
    for format in [Format::Plain, Format::Seed] {
        let Ok(doc) = read_bytes("fuzz.txt", data, format) else {
            continue;
        };
        let sentences = segment(&doc);
        let timexes = tag_document(&doc, &sentences, &TagOptions::default());
        let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
        let events = annals_events::tag_document(&doc, &sentences, &timexes, &mentions);
        for (i, e) in events.iter().enumerate() {
            assert_eq!(e.id, format!("E{}", i + 1));
            let trigger = doc.text.get(e.trigger.start..e.trigger.end);
            assert_eq!(trigger, Some(e.trigger.text.as_str()), "{e:?}");
            assert!(e.sentence_start <= e.trigger.start && e.trigger.end <= e.sentence_end);
            assert!(doc.text.get(e.sentence_start..e.sentence_end).is_some());
            assert!((-10.0..=10.0).contains(&e.goldstein), "{e:?}");
            if let Some(root) = &e.same_as {
                let j = events
                    .iter()
                    .position(|x| &x.id == root)
                    .expect("same_as names an event");
                assert!(j < i && events[j].same_as.is_none(), "{e:?}");
            }
        }
        let again = annals_events::tag_document(&doc, &sentences, &timexes, &mentions);
        assert!(events == again, "tagging the same document twice differs");
        let measures = annals_events::measures::tag_measures(&doc, &sentences, &timexes);
        for m in &measures {
            assert_eq!(doc.text.get(m.start..m.end), Some(m.text.as_str()), "{m:?}");
            assert!(m.amount.is_finite(), "{m:?}");
        }
    }
}

/// The Parquet schema of the shard mode's output.
const SHARD_SCHEMA: &str = include_str!("../../crates/annals/data/shard.parquet-schema");

/// The `parquet_rows` target: JSON (one row, or an array of rows) through
/// [`annals_store::export::ParquetRows`] with the shard schema and tiny row
/// groups. No panic; every row the writer takes reads back, in order, with
/// its `id` and `title` when they were strings; a row it refuses is a
/// `Value` error and leaves nothing behind.
pub fn parquet_rows(data: &[u8]) {
    use annals_store::export::{ParquetRows, RowError};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    use serde_json::Value;
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let rows = match value {
        Value::Array(items) => items,
        other => vec![other],
    };
    let mut writer = ParquetRows::new(Vec::new(), SHARD_SCHEMA)
        .expect("the shard schema reads")
        .with_row_group_bytes(200);
    let mut taken = Vec::new();
    for row in &rows {
        match writer.push(row) {
            Ok(()) => taken.push(row),
            Err(RowError::Value { .. }) => {}
            Err(e) => panic!("a row failed other than by not fitting: {e}"),
        }
    }
    assert_eq!(writer.rows(), taken.len());
    let bytes = writer.finish().expect("the file ends");
    let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).expect("reads back");
    let read: Vec<_> = reader
        .get_row_iter(None)
        .expect("rows")
        .map(|r| r.expect("a row"))
        .collect();
    assert_eq!(read.len(), taken.len(), "rows taken and rows read back");
    for (row, back) in taken.iter().zip(&read) {
        for key in ["id", "title"] {
            if let Some(Value::String(want)) = row.get(key) {
                let got = back
                    .get_column_iter()
                    .find(|(name, _)| name.as_str() == key);
                assert!(
                    matches!(got, Some((_, Field::Str(s))) if s == want),
                    "{key}: wrote {want:?}, read {got:?}"
                );
            }
        }
    }
}

/// The `parquet_input` target: any bytes as the Parquet file of `annals tag
/// --input parquet`, read with [`annals_store::export::read_rows`]. Reading
/// fails with an error or yields rows, each a JSON object of the asked
/// columns only; it never panics.
pub fn parquet_input(data: &[u8]) {
    use std::io::{Seek, Write};
    // `read_rows` turns the parquet crate's panics on corrupt files into
    // errors; libFuzzer's hook would abort on them even when caught, so the
    // hook only prints here. A panic `read_rows` lets through still ends
    // the run (libFuzzer catches it at the target's edge).
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let mut file = tempfile::tempfile().expect("a temporary file");
    file.write_all(data).expect("writes");
    file.rewind().expect("rewinds");
    let columns = ["id", "title", "text", "format"];
    let Ok(rows) = annals_store::export::read_rows(file, &columns) else {
        return;
    };
    for row in rows.take(10_000) {
        let Ok(row) = row else {
            break;
        };
        let object = row.as_object().expect("a row is an object");
        assert!(
            object.keys().all(|k| columns.contains(&k.as_str())),
            "{row}"
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Replays the seed corpus and, when present, the corpus libFuzzer grew,
    /// so that `cargo test` here checks every saved input without nightly.
    fn replay(target: &str, run: fn(&[u8])) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut count = 0;
        for dir in ["corpus-seed", "corpus"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
                continue;
            };
            for entry in entries.flatten() {
                let data = std::fs::read(entry.path()).expect("a corpus file is readable");
                run(&data);
                count += 1;
            }
        }
        assert!(count > 0, "no corpus for {target}");
    }

    #[test]
    fn read_document_corpus() {
        replay("read_document", super::read_document);
    }

    #[test]
    fn tag_time_corpus() {
        replay("tag_time", super::tag_time);
    }

    #[test]
    fn tag_entities_corpus() {
        replay("tag_entities", super::tag_entities);
    }

    #[test]
    fn parquet_input_corpus() {
        replay("parquet_input", super::parquet_input);
    }

    #[test]
    fn parquet_rows_corpus() {
        replay("parquet_rows", super::parquet_rows);
    }

    #[test]
    fn tag_events_corpus() {
        replay("tag_events", super::tag_events);
    }
}
