//! Shard mode: `annals tag --input ndjson|parquet --output ndjson|parquet
//! [FILE]`, the pipeline as a filter from standard input (or FILE) to
//! standard output, one record per document, so that a cluster (Apache
//! Spark's `RDD.pipe`, Hadoop streaming, GNU parallel) can run it on each
//! part of a large corpus.
//!
//! NDJSON input is one `{"id", "title", "text", "format"}` object a line,
//! where `format` is `wikitext`, `plain`, `markdown` or `seed`. Parquet
//! input (a build with the `parquet` feature) is a file with the columns
//! `id`, `text` and optionally `title` and `format` (plain text when absent;
//! other columns, such as a URL, are not read), Snappy- or LZ4-compressed
//! or not: the layout of Wikipedia's text as Spark, pyarrow or the Hugging
//! Face datasets write it. Standard input is kept in a temporary file first,
//! since Parquet is read from its end.
//!
//! Each output record is the object `annals tag --format ndjson DUMP` prints
//! for a page (see [`crate::dump::page_json`]), or `{"id", "error"}` for a
//! record that could not be read; a bad record never stops the run. Records
//! are taken in chunks (memory stays bounded), each chunk is annotated in
//! parallel, and the output keeps the input's order. `--output parquet`
//! writes the same objects as the rows of one Snappy-compressed Parquet
//! file, nested as `data/shard.parquet-schema` declares, in row groups of
//! bounded size: a part file for engines that read Parquet (Spark, DuckDB,
//! pandas).

use crate::dump::{annotate_guarded, page_json};
use crate::record::Linked;
use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;
use serde_json::Value;
use std::io::{BufRead, Write};

/// What `--input` reads.
#[derive(Copy, Clone, Debug, clap::ValueEnum, PartialEq)]
pub(crate) enum ShardInput {
    /// One JSON object per line: `{id, title, text, format}` (format:
    /// wikitext, plain, markdown or seed).
    Ndjson,
    /// A Parquet file with the columns `id` (string or integer), `text`,
    /// and optionally `title` and `format` (plain text when absent); other
    /// columns are not read. Needs a build with the `parquet` feature.
    Parquet,
}

/// What `--output` writes.
#[derive(Copy, Clone, Debug, clap::ValueEnum, PartialEq)]
pub(crate) enum ShardOutput {
    /// One JSON object per input line on standard output: `{id, title,
    /// document, text, timexes, entities, events, measures}`, or `{id,
    /// error}`.
    Ndjson,
    /// One Parquet file on standard output, a row per input line with the
    /// same fields, nested (`data/shard.parquet-schema`); needs a build with
    /// the `parquet` feature.
    Parquet,
}

/// The Parquet schema of the shard output.
#[cfg(feature = "parquet")]
pub(crate) const PARQUET_SCHEMA: &str = include_str!("../data/shard.parquet-schema");

/// The longest input line taken, in bytes: a page's wikitext may be
/// [`annals_wiki::MAX_PAGE_BYTES`], and JSON escaping can lengthen it.
const MAX_LINE_BYTES: usize = 2 * annals_wiki::MAX_PAGE_BYTES;

/// One input record: a line of NDJSON (its bytes, or why it was not
/// taken), or a row of a Parquet file (its columns as a JSON object).
pub(crate) enum Record {
    Line(Result<Vec<u8>>),
    Row(Value),
}

/// The records of the input with their numbers (1-based); an `Err` is a
/// failure of the input itself, which stops the run.
pub(crate) type Records<'a> = Box<dyn Iterator<Item = Result<(usize, Record)>> + 'a>;

/// `annals tag --input ndjson|parquet --output ndjson|parquet [FILE]`:
/// standard input (or FILE) to standard output. Bad records become `{id,
/// error}` rows and are counted on standard error; the exit status is an
/// error only when input or output fails.
pub(crate) fn run(
    input: ShardInput,
    output: ShardOutput,
    file: Option<&std::path::Path>,
) -> Result<()> {
    use std::io::IsTerminal;
    let chunk = 8 * rayon::current_num_threads();
    let name = file.map_or_else(|| "standard input".to_string(), |f| f.display().to_string());
    if output == ShardOutput::Parquet && std::io::stdout().is_terminal() {
        bail!("--output parquet writes a binary file: redirect standard output (> part.parquet)");
    }
    let stdin = std::io::stdin();
    let records: Records<'_> = match (input, file) {
        (ShardInput::Ndjson, None) => ndjson_records(stdin.lock(), name.clone()),
        (ShardInput::Ndjson, Some(path)) => {
            let opened =
                std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
            ndjson_records(std::io::BufReader::new(opened), name.clone())
        }
        (ShardInput::Parquet, None) => {
            if stdin.is_terminal() {
                bail!("--input parquet reads a Parquet file: name it, or redirect standard input (< part.parquet)");
            }
            // Parquet is read from its end: keep standard input in an
            // unnamed temporary file first.
            let mut spool = tempfile::tempfile().context("cannot make a temporary file")?;
            std::io::copy(&mut stdin.lock(), &mut spool).context("cannot read standard input")?;
            parquet_records(spool, name.clone())?
        }
        (ShardInput::Parquet, Some(path)) => {
            let opened =
                std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
            parquet_records(opened, name.clone())?
        }
    };
    let failed = match output {
        ShardOutput::Ndjson => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let failed = filter(records, chunk, &mut |_, value, ok| {
                write_line(&mut out, &value)?;
                Ok(ok)
            })?;
            out.flush().context("cannot write standard output")?;
            failed
        }
        ShardOutput::Parquet => parquet(records, std::io::stdout(), chunk)?.1,
    };
    if failed > 0 {
        let what = if input == ShardInput::Ndjson {
            "line(s)"
        } else {
            "row(s)"
        };
        eprintln!("annals: {failed} {what} of {name} could not be annotated; their output rows hold the error");
    }
    Ok(())
}

/// The non-blank lines of NDJSON input (`name` for its errors).
pub(crate) fn ndjson_records<'a>(mut input: impl BufRead + 'a, name: String) -> Records<'a> {
    let mut number = 0usize;
    Box::new(std::iter::from_fn(move || loop {
        let line = match next_line(&mut input, MAX_LINE_BYTES) {
            Ok(Some(line)) => line,
            Ok(None) => return None,
            Err(e) => return Some(Err(e.context(format!("cannot read {name}")))),
        };
        number += 1;
        if line
            .as_ref()
            .is_ok_and(|l| l.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        return Some(Ok((number, Record::Line(line))));
    }))
}

/// The columns the shard mode (and ingest) read of a Parquet row.
#[cfg(feature = "parquet")]
pub(crate) const PARQUET_COLUMNS: [&str; 4] = ["id", "title", "text", "format"];

/// The rows of a Parquet file with their numbers (1-based), as the shard
/// mode and ingest read them (`name` for its errors).
#[cfg(feature = "parquet")]
pub(crate) fn parquet_rows(
    file: std::fs::File,
    name: &str,
) -> Result<impl Iterator<Item = (usize, Result<Value>)> + Send> {
    let rows = annals_store::export::read_rows(file, &PARQUET_COLUMNS)
        .with_context(|| format!("{name}: not a Parquet file this build can read"))?;
    Ok(rows
        .enumerate()
        .map(|(i, row)| (i + 1, row.map_err(anyhow::Error::from))))
}

/// Without the `parquet` feature: an error that says how to get it.
#[cfg(not(feature = "parquet"))]
pub(crate) fn parquet_rows(
    _file: std::fs::File,
    _name: &str,
) -> Result<std::iter::Empty<(usize, Result<Value>)>> {
    bail!("this build cannot read Parquet: build annals with `cargo build --release --features parquet`")
}

/// The rows of a Parquet file as records (`name` for its errors).
fn parquet_records(file: std::fs::File, name: String) -> Result<Records<'static>> {
    let rows = parquet_rows(file, &name)?;
    Ok(Box::new(rows.map(move |(number, row)| {
        row.map(|value| (number, Record::Row(value)))
            .with_context(|| format!("{name}: cannot read row {number}"))
    })))
}

fn write_line(out: &mut impl Write, value: &Value) -> Result<()> {
    serde_json::to_writer(&mut *out, value).context("cannot write standard output")?;
    out.write_all(b"\n").context("cannot write standard output")
}

/// Writes the annotated records as one Parquet file to `out`; returns the
/// output and how many records became error rows. A row the schema cannot
/// take (which the tests rule out for what the pipeline makes) becomes an
/// error row too.
#[cfg(feature = "parquet")]
pub(crate) fn parquet<W: Write + Send>(
    records: Records<'_>,
    out: W,
    chunk: usize,
) -> Result<(W, usize)> {
    use annals_store::export::{ParquetRows, RowError};
    let mut rows = ParquetRows::new(std::io::BufWriter::new(out), PARQUET_SCHEMA)?;
    let failed = filter(
        records,
        chunk,
        &mut |number, value, ok| match rows.push(&value) {
            Ok(()) => Ok(ok),
            Err(e @ RowError::Value { .. }) => {
                let mut error = serde_json::Map::new();
                if let Some(id) = value.get("id") {
                    error.insert("id".into(), id.clone());
                }
                let message = format!("record {number}: cannot be written as Parquet: {e}");
                error.insert("error".into(), message.into());
                rows.push(&Value::Object(error))?;
                Ok(false)
            }
            Err(e) => Err(e).context("cannot write standard output"),
        },
    )?;
    let out = rows.finish().context("cannot write standard output")?;
    let out = out
        .into_inner()
        .map_err(|e| e.into_error())
        .context("cannot write standard output")?;
    Ok((out, failed))
}

/// Without the `parquet` feature: an error that says how to get it.
#[cfg(not(feature = "parquet"))]
pub(crate) fn parquet<W: Write + Send>(
    _records: Records<'_>,
    _out: W,
    _chunk: usize,
) -> Result<(W, usize)> {
    bail!("this build cannot write Parquet: build annals with `cargo build --release --features parquet`")
}

/// Takes `records` `chunk` at a time, annotates each chunk in parallel and
/// gives `emit` one annotated object per record (with the record's number
/// and whether it was annotated), in input order. `emit` says whether the
/// row it wrote is a success. Returns how many records became errors.
pub(crate) fn filter(
    mut records: Records<'_>,
    chunk: usize,
    emit: &mut dyn FnMut(usize, Value, bool) -> Result<bool>,
) -> Result<usize> {
    let chunk = chunk.max(1);
    let mut failed = 0usize;
    loop {
        let mut taken: Vec<(usize, Record)> = Vec::with_capacity(chunk);
        for record in records.by_ref().take(chunk) {
            taken.push(record?);
        }
        if taken.is_empty() {
            return Ok(failed);
        }
        let done: Vec<(usize, Value, bool)> = taken
            .into_par_iter()
            .map(|(number, record)| {
                let (value, ok) = annotate_record(number, record);
                (number, value, ok)
            })
            .collect();
        for (number, value, ok) in done {
            failed += usize::from(!emit(number, value, ok)?);
        }
    }
}

/// The next line of `input` without its line end, `None` at the end of
/// input; a line longer than `max` bytes is skipped and becomes an error,
/// so that memory stays bounded.
fn next_line(input: &mut impl BufRead, max: usize) -> Result<Option<Result<Vec<u8>>>> {
    let mut line = Vec::new();
    let limit = max.saturating_add(1) as u64;
    let read = std::io::Read::take(&mut *input, limit)
        .read_until(b'\n', &mut line)
        .context("cannot read standard input")?;
    if read == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        return Ok(Some(Ok(line)));
    }
    if line.len() <= max {
        return Ok(Some(Ok(line)));
    }
    // Too long: skip the rest of the line.
    loop {
        let buf = input.fill_buf().context("cannot read standard input")?;
        if buf.is_empty() {
            break;
        }
        match memchr_newline(buf) {
            Some(i) => {
                input.consume(i + 1);
                break;
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
    Ok(Some(Err(anyhow!("longer than {max} bytes; skipped"))))
}

fn memchr_newline(buf: &[u8]) -> Option<usize> {
    buf.iter().position(|&b| b == b'\n')
}

/// One input record to its output object, and whether it was annotated.
fn annotate_record(number: usize, record: Record) -> (Value, bool) {
    let mut id = None;
    let (what, result) = match record {
        Record::Line(line) => (
            "line",
            line.and_then(|bytes| {
                let value: Value = serde_json::from_slice(&bytes)
                    .map_err(|e| anyhow!("not a JSON object: {e}"))?;
                id = value.get("id").cloned();
                annotate_value(&value, None)
            }),
        ),
        Record::Row(value) => {
            id = value.get("id").cloned().filter(|id| !id.is_null());
            ("row", annotate_value(&value, Some("plain")))
        }
    };
    match result {
        Ok(value) => (value, true),
        Err(e) => {
            let mut error = serde_json::Map::new();
            if let Some(id) = id {
                error.insert("id".into(), id);
            }
            error.insert("error".into(), format!("{what} {number}: {e:#}").into());
            (Value::Object(error), false)
        }
    }
}

/// One input object read into a document, not yet annotated.
pub(crate) struct Read {
    /// The object's `id`, a number or a string.
    pub(crate) id: Value,
    /// Its `title`, empty when it has none.
    pub(crate) title: String,
    /// The document's name: `name` when given, else the title, else the id.
    pub(crate) name: String,
    /// The document, with its wikitext links.
    pub(crate) linked: Linked,
}

/// Reads one input object `{id, title, text, format}` into a document;
/// `default_format` is taken when the object has no `format` (a Parquet row
/// without that column), `name` names the document when given.
pub(crate) fn read_value(
    value: &Value,
    default_format: Option<&str>,
    name: Option<&str>,
) -> Result<Read> {
    let Value::Object(fields) = value else {
        bail!("not a JSON object");
    };
    let id = match fields.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id,
        Some(_) => bail!("\"id\" is neither a number nor a string"),
        None => bail!("no \"id\""),
    };
    let title = match fields.get("title") {
        Some(Value::String(t)) => t.as_str(),
        None | Some(Value::Null) => "",
        Some(_) => bail!("\"title\" is not a string"),
    };
    let Some(text) = fields.get("text") else {
        bail!("no \"text\"");
    };
    let Value::String(text) = text else {
        bail!("\"text\" is not a string");
    };
    let format = match (fields.get("format"), default_format) {
        (Some(Value::String(f)), _) => f.as_str(),
        (None | Some(Value::Null), Some(default)) => default,
        (None, None) => bail!("no \"format\" (wikitext, plain, markdown or seed)"),
        (Some(_), _) => bail!("\"format\" is not a string"),
    };
    let name = match (name, title, id) {
        (Some(name), _, _) => name.to_string(),
        (None, "", Value::String(id)) => id.clone(),
        (None, "", id) => id.to_string(),
        (None, title, _) => title.to_string(),
    };
    // Wikitext keeps its gold links, which the entity layer takes as answers.
    let linked: Linked = match format {
        "wikitext" => {
            let title = Some(title).filter(|t| !t.is_empty());
            annals_wiki::read_wikitext(&name, title, text)
                .map_err(|e| anyhow!("cannot read its wikitext: {e}"))?
                .into()
        }
        "plain" | "markdown" | "seed" => {
            let format = match format {
                "plain" => annals_text::Format::Plain,
                "markdown" => annals_text::Format::Markdown,
                _ => annals_text::Format::Seed,
            };
            annals_text::read_bytes(&name, text.as_bytes(), format)?.into()
        }
        other => bail!("unknown \"format\" {other:?}: expected wikitext, plain, markdown or seed"),
    };
    Ok(Read {
        id: id.clone(),
        title: title.to_string(),
        name,
        linked,
    })
}

/// Annotates one parsed input object (see [`read_value`]).
fn annotate_value(value: &Value, default_format: Option<&str>) -> Result<Value> {
    let mut read = None;
    let annotated = annotate_guarded(|| {
        let Read {
            id,
            title,
            name,
            linked,
        } = read_value(value, default_format, None)?;
        read = Some((id, title, name));
        Ok(linked)
    })?;
    let (id, title, name) = read.ok_or_else(|| anyhow!("the object was not read"))?;
    Ok(page_json(&id, &title, &name, &annotated))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_filter(input: &str, chunk: usize) -> Vec<Value> {
        let mut out = Vec::new();
        let records = ndjson_records(input.as_bytes(), "the test input".into());
        filter(records, chunk, &mut |_, value, ok| {
            write_line(&mut out, &value)?;
            Ok(ok)
        })
        .expect("filter runs");
        String::from_utf8(out)
            .expect("UTF-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect()
    }

    #[test]
    fn keeps_order_across_chunks_and_reports_bad_lines() {
        let mut input = String::new();
        for i in 0..10 {
            let line = serde_json::json!({
                "id": i,
                "title": format!("T{i}"),
                "text": format!("In 19{i:02} the king died."),
                "format": "plain",
            });
            input.push_str(&line.to_string());
            input.push('\n');
        }
        input.push_str("{\"id\": 10, \"text\": 3, \"format\": \"plain\"}\n\nnot json\n");
        let lines = run_filter(&input, 3);
        assert_eq!(lines.len(), 12);
        for (i, line) in lines.iter().take(10).enumerate() {
            assert_eq!(line["id"], i);
            assert!(
                line["timexes"].as_array().is_some_and(|t| !t.is_empty()),
                "{line}"
            );
        }
        assert_eq!(lines[10]["id"], 10);
        assert_eq!(lines[10]["error"], "line 11: \"text\" is not a string");
        assert!(lines[11].get("id").is_none());
        let error = lines[11]["error"].as_str().expect("an error");
        assert!(error.starts_with("line 13: not a JSON object"), "{error}");
    }

    #[test]
    fn too_long_lines_are_skipped() {
        let mut input: &[u8] = b"0123456789abc\nshort\nend";
        let first = next_line(&mut input, 8).expect("reads").expect("a line");
        let error = first.expect_err("too long").to_string();
        assert_eq!(error, "longer than 8 bytes; skipped");
        let second = next_line(&mut input, 8).expect("reads").expect("a line");
        assert_eq!(second.expect("fits"), b"short");
        let third = next_line(&mut input, 8).expect("reads").expect("a line");
        assert_eq!(third.expect("fits"), b"end");
        assert!(next_line(&mut input, 8).expect("reads").is_none());
    }

    #[test]
    fn names_a_document_by_its_id_without_a_title() {
        let lines = run_filter(r#"{"id":"a","text":"Hello.","format":"markdown"}"#, 4);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["id"], "a");
        assert_eq!(lines[0]["document"], "a");
        assert_eq!(lines[0]["title"], "");
    }
}
