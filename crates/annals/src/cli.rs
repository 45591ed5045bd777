//! Subcommands and their output.

use crate::load;
use annals_core::{Document, Timex, TimexType};
use annals_time::{SchemeChoice, TagOptions};
use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Turns narrative history into data: who did what to whom, when, where and
/// how much, every fact pointing back to the words it came from.
///
/// With no FILE, every command works on the built-in seed article
/// ("Japan–Soviet Union relations", English Wikipedia, CC BY-SA).
#[derive(Parser, Debug)]
#[command(name = "annals", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the annotations of a document.
    Tag(TagArgs),
    /// The timeline: dated events and dated expressions in order of their
    /// intervals, from the record (or from FILE alone: its dated expressions).
    Timeline(TimelineArgs),
    /// Print the entities of a document, grouped by what they link to.
    Entities(EntitiesArgs),
    /// Events with their codes, actors and dates: the record's in time
    /// order, or FILE's in text order.
    Events(EventsArgs),
    /// The cooperation–conflict index of a dyad: Goldstein values of the
    /// real, deduplicated events between two states, per period (over the
    /// record, or over FILE).
    Index(IndexArgs),
    /// What the record knows of an entity: codes, mentions, first and last
    /// dated mention, events, company.
    Entity(crate::query::EntityArgs),
    /// Full-text search over the record's sentences, best first.
    Search(crate::query::SearchArgs),
    /// Answer a question from the record (when, who, where, how much, what
    /// happened), quoting the sentences the answer rests on.
    Ask(crate::query::AskArgs),
    /// Print the explicit quantities of a document as dated series (trade
    /// by year, troops, islands), in time order.
    Measures(MeasuresArgs),
    /// Run the pipeline on documents and write them into the record (an
    /// SQLite file): new texts are added, unchanged ones left as they are,
    /// changed ones replaced.
    Ingest(crate::ingest::IngestArgs),
    /// Write the record out: JSON or NDJSON documents with all their layers,
    /// CSV or Parquet tables, a TimelineJS timeline, TimeML, or W3C Web
    /// Annotations.
    Export(crate::export::ExportArgs),
    /// Score the pipeline against the gold annotations.
    Eval(EvalArgs),
    /// Measure throughput and peak memory of the pipeline, stage by stage.
    Bench(BenchArgs),
    /// Serve the record as a web page (timeline, index, measures, entities,
    /// search, questions, the documents with their annotations) and a JSON
    /// API, on this machine, read-only, until Ctrl-C.
    Serve(crate::serve::ServeArgs),
}

#[derive(clap::Args, Debug)]
struct InputArgs {
    /// The document (seed format, plain text or Markdown); `-` for standard
    /// input; none for the built-in seed.
    file: Option<PathBuf>,
    /// How to read the document.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Document creation time (YYYY, YYYY-MM or YYYY-MM-DD) for deictic
    /// expressions such as "yesterday" or "last week".
    #[arg(long)]
    dct: Option<String>,
    /// Annotation conventions: TimeML TIMEX3 or TIDES TIMEX2.
    #[arg(long, value_enum, default_value_t = SchemeArg::Timex3)]
    scheme: SchemeArg,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub(crate) enum InputFormat {
    Auto,
    Seed,
    Plain,
    Markdown,
}

impl InputFormat {
    /// The reader's name for the format.
    pub(crate) fn format(self) -> annals_text::Format {
        match self {
            InputFormat::Auto => annals_text::Format::Auto,
            InputFormat::Seed => annals_text::Format::Seed,
            InputFormat::Plain => annals_text::Format::Plain,
            InputFormat::Markdown => annals_text::Format::Markdown,
        }
    }
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum SchemeArg {
    Timex3,
    Timex2,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
enum Layer {
    /// Time expressions (TIMEX3).
    Timex,
    /// Entity mentions (OntoNotes labels, Wikipedia links, state codes).
    Entities,
    /// Events (PLOVER, CAMEO, Goldstein, actors, dates).
    Events,
    /// Measures (explicit quantities in base units, with their dates).
    Measures,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
enum TagFormat {
    /// One JSON object per annotation.
    Jsonl,
    /// One JSON object for the document.
    Json,
    /// The text with inline TIMEX3 tags.
    Timeml,
    /// Wikipedia dumps (.xml, .xml.bz2) only: one JSON object per article,
    /// `{id, title, text, timexes, entities, events, measures}`, the spans
    /// pointing into `text` (the plain text read from the wikitext).
    Ndjson,
}

#[derive(clap::Args, Debug)]
struct TagArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Which annotations to print.
    #[arg(long, value_enum, default_value_t = Layer::Timex)]
    layer: Layer,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TagFormat::Jsonl)]
    format: TagFormat,
    /// Wikipedia dumps only: the articles whose title this regular
    /// expression matches.
    #[arg(long)]
    title: Option<String>,
    /// Wikipedia dumps only: at most this many articles.
    #[arg(long)]
    limit: Option<usize>,
    /// Shard mode: read documents from standard input (or FILE), one JSON
    /// object per line (`{id, title, text, format}`) or the rows of a
    /// Parquet file; needs --output.
    #[arg(long = "input", value_enum, requires = "shard_output")]
    shard_input: Option<crate::shard::ShardInput>,
    /// Shard mode: write one annotated object per input record to standard
    /// output, in input order, as JSON lines or as one Parquet file; needs
    /// --input.
    #[arg(long = "output", value_enum, requires = "shard_input")]
    shard_output: Option<crate::shard::ShardOutput>,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
pub(crate) enum TableFormat {
    Table,
    Json,
    /// Comma-separated values (commands that read the record).
    Csv,
}

#[derive(clap::Args, Debug)]
struct EntitiesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
enum SeriesFormat {
    Table,
    Json,
    Csv,
}

#[derive(clap::Args, Debug)]
struct MeasuresArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Only quantities in this unit (e.g. USD, troops, islands).
    #[arg(long)]
    unit: Option<String>,
    /// Include durations (years, months, days), which the time layer also finds.
    #[arg(long)]
    durations: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SeriesFormat::Table)]
    format: SeriesFormat,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
enum PeriodArg {
    Year,
    Decade,
    Section,
}

#[derive(clap::Args, Debug)]
struct IndexArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The record to read when no FILE is given (default: $ANNALS_DB, else
    /// the per-user record).
    #[arg(long, env = "ANNALS_DB")]
    db: Option<PathBuf>,
    /// How to group the events.
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    by: PeriodArg,
    /// The two states: ISO codes joined by '-' (both directions) or '>'
    /// (directed), e.g. JPN-SUN. States are matched by their Correlates of
    /// War number, so JPN covers the Empire of Japan and SUN the Russian
    /// Empire and Russia. Default: the two states the document names most.
    #[arg(long)]
    dyad: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

#[derive(clap::Args, Debug)]
struct EventsArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    record: crate::query::RecordArgs,
    /// Only events of this PLOVER type (e.g. ASSAULT).
    #[arg(long = "type")]
    kind: Option<String>,
    /// Only events with this actor (a Wikipedia title, e.g. "Soviet Union").
    #[arg(long)]
    actor: Option<String>,
    /// Only events between two states: ISO codes joined by '-' (both
    /// directions, e.g. JPN-SUN) or '>' (directed, e.g. SUN>JPN).
    #[arg(long)]
    dyad: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

#[derive(clap::Args, Debug)]
struct TimelineArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    record: crate::query::RecordArgs,
    /// Only events of this PLOVER type (e.g. AGREE); the record's timeline only.
    #[arg(long = "type")]
    kind: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
enum CorpusArg {
    All,
    Seed,
    Wikiwars,
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// The gold directory (`shared/eval`); found beside the project when not given.
    #[arg(long, env = "ANNALS_GOLD")]
    gold: Option<PathBuf>,
    /// Which corpus to score.
    #[arg(long, value_enum, default_value_t = CorpusArg::All)]
    corpus: CorpusArg,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// List the missed and wrongly valued expressions.
    #[arg(long)]
    show_errors: bool,
    /// Score entity linking against the links of a Wikipedia dump's
    /// articles (`.xml` or `.bz2`) instead of the gold corpora.
    #[arg(long, value_name = "DUMP")]
    wikilinks: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct BenchArgs {
    /// The document to measure; none for the built-in seed.
    file: Option<PathBuf>,
    /// How many copies of the document make the large input.
    #[arg(long, default_value_t = 100)]
    repeat: usize,
    /// Timed runs of each measurement (the best is reported).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
    /// Also measure the record: ingest the document copied into
    /// --record-docs documents with one and with two pipeline threads (into
    /// fresh records in the temporary folder), then time the timeline,
    /// entity and search queries on it.
    #[arg(long)]
    record: bool,
    /// Documents in the record of --record.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    record_docs: u32,
    /// Timed runs of each query of --record (p50 and p99 are reported).
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    query_runs: u32,
    /// Measure the Wikipedia readers on this MediaWiki XML export (`.xml` or
    /// `.xml.bz2`) instead of the pipeline on a document: streaming the
    /// dump, wikitext to plain text, and the whole pipeline from wikitext
    /// with one and two threads.
    #[arg(long, value_name = "DUMP", conflicts_with_all = ["file", "record"])]
    wiki: Option<PathBuf>,
    /// With --wiki: one pass of the dump reader and the wikitext reader over
    /// the whole dump, holding one page at a time (for dumps of any size).
    #[arg(long, requires = "wiki")]
    stream_only: bool,
    /// With --wiki: measure wikitext and the pipeline on the first N article
    /// pages only (streaming still reads the whole dump).
    #[arg(long, value_name = "N", requires = "wiki", value_parser = clap::value_parser!(u64).range(1..))]
    wiki_limit: Option<u64>,
    /// With --wiki: write the article pages measured to FILE, one JSON
    /// object `{id, title, text}` per line (for `scripts/bench-wikitext`).
    #[arg(long, value_name = "FILE", requires = "wiki")]
    write_pages: Option<PathBuf>,
}

/// Runs a command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Tag(args) => tag(args),
        Command::Timeline(args) => timeline(args),
        Command::Entities(args) => entities(args),
        Command::Events(args) => events(args),
        Command::Index(args) => index(args),
        Command::Entity(args) => crate::query::entity(args),
        Command::Search(args) => crate::query::search(args),
        Command::Ask(args) => crate::query::ask(args),
        Command::Measures(args) => measures(args),
        Command::Ingest(args) => crate::ingest::run(args),
        Command::Export(args) => crate::export::run(args),
        Command::Eval(args) => eval(args),
        Command::Serve(args) => crate::serve::run(args),
        Command::Bench(BenchArgs {
            wiki: Some(dump),
            runs,
            json,
            stream_only,
            wiki_limit,
            write_pages,
            ..
        }) => crate::bench_wiki::run(&crate::bench_wiki::WikiOptions {
            dump,
            runs,
            json,
            stream_only,
            limit: wiki_limit.map(|n| n as usize),
            write_pages,
        }),
        Command::Bench(args) => crate::bench::run(
            args.file.as_deref(),
            args.repeat,
            args.runs,
            args.json,
            args.record.then_some(crate::bench::RecordOptions {
                docs: args.record_docs as usize,
                query_runs: args.query_runs as usize,
            }),
        ),
    }
}

fn annotate(input: &InputArgs) -> Result<(Document, Vec<annals_core::Sentence>, Vec<Timex>)> {
    let doc = load(input.file.as_deref(), input.input_format.format())?;
    let dct = match &input.dct {
        Some(d) => Some(annals_time::parse_dct(d).context("--dct")?),
        None => doc
            .dct
            .as_deref()
            .and_then(|d| annals_time::parse_dct(d).ok()),
    };
    let scheme = match input.scheme {
        SchemeArg::Timex3 => SchemeChoice::Timex3,
        SchemeArg::Timex2 => SchemeChoice::Timex2,
    };
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &TagOptions { dct, scheme });
    Ok((doc, sentences, timexes))
}

fn tag(args: TagArgs) -> Result<()> {
    if let (Some(input), Some(output)) = (args.shard_input, args.shard_output) {
        let file = args.input.file.as_deref().filter(|f| f.as_os_str() != "-");
        return crate::shard::run(input, output, file);
    }
    let dump = args
        .input
        .file
        .as_deref()
        .filter(|f| crate::dump::is_dump(f));
    match (dump, args.format) {
        (Some(path), TagFormat::Ndjson) => {
            return crate::dump::tag_ndjson(path, args.title.as_deref(), args.limit)
        }
        (Some(path), _) => bail!(
            "{} is a Wikipedia dump: tag it with --format ndjson",
            path.display()
        ),
        (None, TagFormat::Ndjson) => {
            bail!("--format ndjson tags Wikipedia dumps (.xml, .xml.bz2): name one")
        }
        (None, _) if args.title.is_some() || args.limit.is_some() => {
            bail!("--title and --limit select the articles of a Wikipedia dump: name one")
        }
        (None, _) => {}
    }
    let (doc, sentences, timexes) = annotate(&args.input)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mentions = match (args.layer, args.format) {
        (Layer::Entities | Layer::Events, _) | (_, TagFormat::Json) => {
            annals_entities::tag_document(&doc, &sentences, &timexes)
        }
        _ => Vec::new(),
    };
    let events = match (args.layer, args.format) {
        (Layer::Events, _) | (_, TagFormat::Json) => {
            annals_events::tag_document(&doc, &sentences, &timexes, &mentions)
        }
        _ => Vec::new(),
    };
    let measures = match (args.layer, args.format) {
        (Layer::Measures, _) | (_, TagFormat::Json) => {
            annals_events::measures::tag_measures(&doc, &sentences, &timexes)
        }
        _ => Vec::new(),
    };
    match args.format {
        TagFormat::Jsonl if args.layer == Layer::Events => {
            for e in &events {
                serde_json::to_writer(&mut out, e)?;
                out.write_all(b"\n")?;
            }
        }
        TagFormat::Jsonl if args.layer == Layer::Measures => {
            for m in &measures {
                serde_json::to_writer(&mut out, m)?;
                out.write_all(b"\n")?;
            }
        }
        TagFormat::Jsonl if args.layer == Layer::Entities => {
            for m in &mentions {
                serde_json::to_writer(&mut out, m)?;
                out.write_all(b"\n")?;
            }
        }
        TagFormat::Jsonl => {
            for t in &timexes {
                serde_json::to_writer(&mut out, t)?;
                out.write_all(b"\n")?;
            }
        }
        TagFormat::Json => {
            let value = serde_json::json!({
                "document": doc.name,
                "title": doc.title.map(|t| doc.span_text(t)),
                "bytes": doc.text.len(),
                "sections": doc.sections.iter().map(|s| serde_json::json!({
                    "level": s.level,
                    "heading": s.heading.map(|h| doc.span_text(h)),
                    "start": s.span.start,
                    "end": s.span.end,
                })).collect::<Vec<_>>(),
                "sentences": sentences.iter().map(|s| serde_json::json!({"start": s.span.start, "end": s.span.end})).collect::<Vec<_>>(),
                "timexes": timexes,
                "entities": mentions,
                "events": events,
                "measures": measures,
            });
            serde_json::to_writer_pretty(&mut out, &value)?;
            out.write_all(b"\n")?;
        }
        TagFormat::Timeml => out.write_all(annals_time::timeml(&doc.text, &timexes).as_bytes())?,
        TagFormat::Ndjson => bail!("--format ndjson tags Wikipedia dumps only"),
    }
    out.flush()?;
    Ok(())
}

fn entities(args: EntitiesArgs) -> Result<()> {
    let (doc, sentences, timexes) = annotate(&args.input)?;
    if args.format == TableFormat::Csv {
        bail!("entities prints a table or JSON (--format table|json)");
    }
    let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    let groups = annals_entities::group(&mentions);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == TableFormat::Json {
        serde_json::to_writer_pretty(&mut out, &groups)?;
        out.write_all(b"\n")?;
    } else {
        writeln!(
            out,
            "{:>5}  {:<7} {:<5} {:>4}  {:<38} written as",
            "count", "label", "iso", "cow", "link"
        )?;
        for g in &groups {
            let labels: Vec<&str> = g.labels.iter().map(|l| l.as_str()).collect();
            writeln!(
                out,
                "{:>5}  {:<7} {:<5} {:>4}  {:<38} {}",
                g.count,
                labels.join("/"),
                g.iso.as_deref().unwrap_or("-"),
                g.cow.map_or("-".to_string(), |c| c.to_string()),
                clip(g.link.as_deref().unwrap_or("(no article)"), 38),
                clip(&g.forms.join(", "), 60)
            )?;
        }
        writeln!(
            out,
            "{} mentions of {} entities in {}",
            mentions.len(),
            groups.len(),
            doc.name
        )?;
    }
    out.flush()?;
    Ok(())
}

fn events(args: EventsArgs) -> Result<()> {
    let dyad = args
        .dyad
        .as_deref()
        .map(annals_events::index::Dyad::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    if args.input.file.is_none() {
        return crate::query::events(&args.record, args.kind, args.actor, dyad, args.format);
    }
    file_only(args.format, &args.record)?;
    let (doc, sentences, timexes) = annotate(&args.input)?;
    let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    let events: Vec<annals_core::Event> =
        annals_events::tag_document(&doc, &sentences, &timexes, &mentions)
            .into_iter()
            .filter(|e| {
                args.kind
                    .as_deref()
                    .is_none_or(|k| e.kind.eq_ignore_ascii_case(k))
            })
            .filter(|e| dyad.as_ref().is_none_or(|d| in_dyad_any(e, d)))
            .filter(|e| {
                args.actor.as_deref().is_none_or(|a| {
                    e.source
                        .iter()
                        .chain(&e.target)
                        .any(|x| x.eq_ignore_ascii_case(a))
                })
            })
            .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == TableFormat::Json {
        serde_json::to_writer_pretty(&mut out, &events)?;
        out.write_all(b"\n")?;
    } else {
        print_events(&mut out, &events)?;
        writeln!(out, "{} events in {}", events.len(), doc.name)?;
    }
    out.flush()?;
    Ok(())
}

/// The events table, without its closing line.
pub(crate) fn print_events(out: &mut impl Write, events: &[annals_core::Event]) -> Result<()> {
    {
        writeln!(
            out,
            "{:<12} {:<10} {:<5} {:>5}  {:<22} {:<36} {:<28} flags",
            "date", "type", "cameo", "gs", "trigger", "source", "target"
        )?;
        for e in events {
            let date = e.date.as_ref().map_or("-".to_string(), |d| match &d.end {
                Some(end) => format!("{}..{}", d.value, end),
                None => d.value.clone(),
            });
            let mut flags = Vec::new();
            if e.negated {
                flags.push("negated");
            }
            if e.hypothetical {
                flags.push("hypothetical");
            }
            writeln!(
                out,
                "{:<12} {:<10} {:<5} {:>5.1}  {:<22} {:<36} {:<28} {}",
                clip(&date, 12),
                e.kind,
                e.cameo,
                e.goldstein,
                clip(&e.trigger.text, 22),
                clip(&e.source.join(", "), 36),
                clip(&e.target.join(", "), 28),
                flags.join(" ")
            )?;
        }
    }
    Ok(())
}

/// Whether an event lies between a dyad's sides, whatever its flags.
pub(crate) fn in_dyad_any(e: &annals_core::Event, dyad: &annals_events::index::Dyad) -> bool {
    let mut plain = e.clone();
    plain.negated = false;
    plain.hypothetical = false;
    plain.same_as = None;
    !annals_events::index::counted(std::slice::from_ref(&plain), dyad).is_empty()
}

/// Units of time: quantities in them are durations.
const TIME_UNITS: [&str; 9] = [
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "decades",
    "centuries",
];

fn measures(args: MeasuresArgs) -> Result<()> {
    let (doc, sentences, timexes) = annotate(&args.input)?;
    let mut list: Vec<annals_core::Measure> =
        annals_events::measures::tag_measures(&doc, &sentences, &timexes)
            .into_iter()
            .filter(|m| args.durations || !TIME_UNITS.contains(&m.unit.as_str()))
            .filter(|m| {
                args.unit
                    .as_deref()
                    .is_none_or(|u| m.unit.eq_ignore_ascii_case(u))
            })
            .collect();
    // In time order: by the start of each date's interval, undated last.
    list.sort_by_key(|m| {
        let start = m.date.as_ref().and_then(|d| value_start(&d.value));
        (start.is_none(), start, m.start)
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let date_of = |m: &annals_core::Measure| {
        m.date.as_ref().map_or(String::new(), |d| {
            let mut v = d.value.clone();
            if let Some(end) = &d.end {
                v = format!("{v}..{end}");
            }
            if let Some(md) = &d.modifier {
                v = format!("{v} {md}");
            }
            v
        })
    };
    match args.format {
        SeriesFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &list)?;
            out.write_all(b"\n")?;
        }
        SeriesFormat::Csv => {
            writeln!(out, "date,amount,unit,approx,measure,text,start,end")?;
            for m in &list {
                let cells = [
                    date_of(m),
                    format!("{}", m.amount),
                    m.unit.clone(),
                    m.approx.clone().unwrap_or_default(),
                    m.measure.clone(),
                    m.text.clone(),
                    m.start.to_string(),
                    m.end.to_string(),
                ];
                let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
                writeln!(out, "{}", row.join(","))?;
            }
        }
        SeriesFormat::Table => {
            writeln!(
                out,
                "{:<14} {:>16} {:<10} {:<10} {:<32} quote",
                "date", "amount", "unit", "approx", "measure"
            )?;
            for m in &list {
                writeln!(
                    out,
                    "{:<14} {:>16} {:<10} {:<10} {:<32} \"{}\"",
                    clip(&date_of(m), 14),
                    format!("{}", m.amount),
                    clip(&m.unit, 10),
                    m.approx.as_deref().unwrap_or(""),
                    clip(&m.measure, 32),
                    clip(
                        &collapse(doc.text.get(m.sentence_start..m.sentence_end).unwrap_or("")),
                        70
                    )
                )?;
            }
            writeln!(out, "{} measures in {}", list.len(), doc.name)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Where a TIMEX3 value starts, as (year, month): "198" is the 1980s,
/// "19" the 1900s, "1988-05" May 1988.
fn value_start(value: &str) -> Option<(i32, u32)> {
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    let year: i32 = match digits.len() {
        2 => digits.parse::<i32>().ok()? * 100,
        3 => digits.parse::<i32>().ok()? * 10,
        n if n >= 4 => digits[..4].parse().ok()?,
        _ => return None,
    };
    let month = value.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    Some((year, month))
}

/// A CSV cell, quoted when it holds a comma, a quote or a line break.
pub(crate) fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn index(args: IndexArgs) -> Result<()> {
    let given = args
        .dyad
        .as_deref()
        .map(annals_events::index::Dyad::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let by = match args.by {
        PeriodArg::Year => annals_events::index::Period::Year,
        PeriodArg::Decade => annals_events::index::Period::Decade,
        PeriodArg::Section => annals_events::index::Period::Section,
    };
    if args.input.file.is_none() {
        return crate::query::index(args.db, given, by, args.format);
    }
    if args.format == TableFormat::Csv {
        bail!("--format csv reads the record: leave out FILE (`annals ingest` it first)");
    }
    let (doc, sentences, timexes) = annotate(&args.input)?;
    let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    let events = annals_events::tag_document(&doc, &sentences, &timexes, &mentions);
    let dyad = match given {
        Some(dyad) => dyad,
        None => default_dyad(&mentions, &doc.name)?,
    };
    let rows = annals_events::index::index(&doc, &sentences, &events, &dyad, by);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == TableFormat::Json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        out.write_all(b"\n")?;
    } else {
        print_index(&mut out, &rows, &dyad)?;
        let total: usize = rows.iter().map(|r| r.count).sum();
        writeln!(
            out,
            "{total} events in {} periods of {}",
            rows.len(),
            doc.name
        )?;
    }
    out.flush()?;
    Ok(())
}

/// The two states the mentions name most, or an error naming `name`.
pub(crate) fn default_dyad(
    mentions: &[annals_core::Mention],
    name: &str,
) -> Result<annals_events::index::Dyad> {
    annals_events::index::Dyad::main_of(mentions).with_context(|| {
        format!("{name} names fewer than two states; give the dyad with --dyad (e.g. JPN-SUN)")
    })
}

/// The index table, without its closing line.
pub(crate) fn print_index(
    out: &mut impl Write,
    rows: &[annals_events::index::Row],
    dyad: &annals_events::index::Dyad,
) -> Result<()> {
    {
        let arrow = if dyad.directed { ">" } else { "-" };
        writeln!(
            out,
            "cooperation-conflict index {}{arrow}{} (Goldstein, -10 conflict .. +10 cooperation)",
            dyad.a.0, dyad.b.0
        )?;
        writeln!(
            out,
            "{:<44} {:>5} {:>7} {:>6}  bar",
            "period", "n", "sum", "mean"
        )?;
        for row in rows {
            let width = (row.mean.abs() * 2.0).round() as usize;
            let bar = if row.mean < 0.0 {
                "-".repeat(width)
            } else {
                "+".repeat(width)
            };
            writeln!(
                out,
                "{:<44} {:>5} {:>7.1} {:>6.2}  {bar}",
                clip(&row.period, 44),
                row.count,
                row.sum,
                row.mean
            )?;
            for w in &row.top {
                writeln!(
                    out,
                    "    {:>5.1} {:<9} {:<12} \"{}\"",
                    w.goldstein,
                    w.kind,
                    clip(&w.trigger, 12),
                    clip(&collapse(&w.sentence), 90)
                )?;
            }
        }
    }
    Ok(())
}

pub(crate) fn day_bound(text: &str, latest: bool) -> Result<i64> {
    let cal = annals_time::parse_dct(text).with_context(|| format!("{text:?} is not a date"))?;
    let (a, b) = cal.days();
    Ok(if latest { b } else { a })
}

/// Options that only the record's queries take are refused for a FILE.
fn file_only(format: TableFormat, record: &crate::query::RecordArgs) -> Result<()> {
    if format == TableFormat::Csv {
        bail!("--format csv reads the record: leave out FILE (`annals ingest` it first)");
    }
    if record.entity.is_some() || record.limit.is_some() {
        bail!("--entity and --limit read the record: leave out FILE (`annals ingest` it first)");
    }
    Ok(())
}

fn timeline(args: TimelineArgs) -> Result<()> {
    if args.input.file.is_none() {
        return crate::query::timeline(&args.record, args.kind, args.format);
    }
    file_only(args.format, &args.record)?;
    if args.kind.is_some() {
        bail!("--type reads the record: leave out FILE (`annals ingest` it first)");
    }
    let (doc, _, timexes) = annotate(&args.input)?;
    let from = args
        .record
        .from
        .as_deref()
        .map(|f| day_bound(f, false))
        .transpose()?;
    let to = args
        .record
        .to
        .as_deref()
        .map(|t| day_bound(t, true))
        .transpose()?;
    let mut rows: Vec<(i64, i64, &Timex)> = timexes
        .iter()
        .filter(|t| t.kind == TimexType::Date)
        .filter_map(|t| {
            let a = annals_time::value::parse_iso_day(t.earliest.as_deref()?)?;
            let b = t
                .latest
                .as_deref()
                .and_then(annals_time::value::parse_iso_day)
                .unwrap_or(i64::MAX);
            Some((a, b, t))
        })
        .filter(|(a, b, _)| from.is_none_or(|f| *b >= f) && to.is_none_or(|t| *a <= t))
        .collect();
    rows.sort_by_key(|(a, b, t)| (*a, *b, t.span.start));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == TableFormat::Json {
        let items: Vec<_> = rows
            .iter()
            .map(|(_, _, t)| {
                serde_json::json!({
                    "id": t.id, "text": t.text, "value": t.value, "mod": t.modifier.map(|m| m.as_str()),
                    "edtf": t.edtf, "earliest": t.earliest, "latest": t.latest,
                    "start": t.span.start, "end": t.span.end,
                    "sentence": {"start": t.sentence.start, "end": t.sentence.end, "text": doc.span_text(t.sentence)},
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &items)?;
        out.write_all(b"\n")?;
    } else {
        writeln!(
            out,
            "{:<12} {:<24} {:<28} sentence",
            "date", "interval", "expression"
        )?;
        for (_, _, t) in &rows {
            let interval = format!(
                "{}..{}",
                t.earliest.as_deref().unwrap_or(""),
                t.latest.as_deref().unwrap_or("")
            );
            let date = match t.modifier {
                Some(m) => format!(
                    "{} {}",
                    t.edtf.as_deref().unwrap_or(&t.value),
                    m.as_str().to_lowercase()
                ),
                None => t.edtf.clone().unwrap_or_else(|| t.value.clone()),
            };
            writeln!(
                out,
                "{:<12} {:<24} {:<28} {}",
                date,
                interval,
                clip(&t.text, 28),
                excerpt(&doc, t, 40)
            )?;
        }
        writeln!(out, "{} dated expressions in {}", rows.len(), doc.name)?;
    }
    out.flush()?;
    Ok(())
}

/// The timex's sentence with the expression in brackets, cut to `context`
/// characters on each side of it.
fn excerpt(doc: &Document, t: &Timex, context: usize) -> String {
    let part = |a: usize, b: usize| doc.text.get(a..b).unwrap_or("");
    let before = collapse(part(t.sentence.start, t.span.start));
    let after = collapse(part(t.span.end, t.sentence.end));
    let n = before.chars().count();
    let head = if n > context {
        format!("…{}", before.chars().skip(n - context).collect::<String>())
    } else {
        before
    };
    let tail = if after.chars().count() > context {
        format!("{}…", after.chars().take(context).collect::<String>())
    } else {
        after
    };
    format!("{head}[{}]{tail}", collapse(&t.text))
}

/// White space runs become one space; the ends keep one space if they had any.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

pub(crate) fn clip(text: &str, width: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= width {
        flat
    } else {
        let cut: String = flat.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}

/// The gold directory: given, or `shared/eval` beside the working directory
/// or beside the project the binary was built in.
fn gold_dir(given: Option<&Path>) -> Result<PathBuf> {
    if let Some(g) = given {
        if !g.is_dir() {
            bail!("{}: gold directory not found", g.display());
        }
        return Ok(g.to_path_buf());
    }
    let mut candidates = vec![
        PathBuf::from("shared/eval"),
        PathBuf::from("../shared/eval"),
    ];
    if let Ok(exe) = std::env::current_exe() {
        for dir in exe.ancestors().skip(1) {
            candidates.push(dir.join("../shared/eval"));
        }
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval"));
    candidates
        .into_iter()
        .find(|c| c.join("seed/timex.jsonl").is_file())
        .context("no gold directory found: pass --gold DIR (the `eval` folder of shared/)")
}

fn eval(args: EvalArgs) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(dump) = &args.wikilinks {
        use annals_eval::wikilinks;
        let score = wikilinks::evaluate_wikilinks(dump)?;
        if args.json {
            writeln!(out, "{}", serde_json::to_string_pretty(&score.to_json())?)?;
        } else {
            let name = format!("{} (wiki links)", dump.display());
            write!(out, "{}", wikilinks::render_wikilink_table(&name, &score))?;
        }
        if args.show_errors {
            write!(out, "{}", wikilinks::render_wikilink_errors(&score))?;
        }
        return Ok(());
    }
    let dir = gold_dir(args.gold.as_deref())?;
    let mut corpora = Vec::new();
    if matches!(args.corpus, CorpusArg::All | CorpusArg::Seed) {
        corpora.push(annals_eval::GoldCorpus::seed(&dir)?);
    }
    if matches!(args.corpus, CorpusArg::All | CorpusArg::Wikiwars) {
        corpora.push(annals_eval::GoldCorpus::wikiwars(&dir.join("wikiwars"))?);
    }
    let mut json = serde_json::Map::new();
    for corpus in &corpora {
        let score = annals_eval::run::evaluate(corpus)?.score();
        if args.json {
            let mut v = score.to_json(false);
            if let Some(obj) = v.as_object_mut() {
                obj.insert(
                    "type_accuracy_on_matched".into(),
                    score.type_accuracy_on_matched().into(),
                );
            }
            json.insert(corpus.name.clone(), v);
        } else {
            writeln!(
                out,
                "{}",
                annals_eval::render_table(&format!("{} (timex)", corpus.name), &score)
            )?;
        }
        if args.show_errors {
            write!(out, "{}", annals_eval::render_errors(&score))?;
        }
    }
    if matches!(args.corpus, CorpusArg::All | CorpusArg::Seed) {
        let gold = annals_eval::EntityGold::seed(&dir)?;
        let score = annals_eval::run::evaluate_entities(&gold)?.score();
        if args.json {
            json.insert("seed_entities".into(), score.to_json(false));
        } else {
            writeln!(
                out,
                "{}",
                annals_eval::render_entity_table("seed (entities)", &score)
            )?;
        }
        if args.show_errors {
            write!(out, "{}", annals_eval::render_entity_errors(&score))?;
        }
    }
    if matches!(args.corpus, CorpusArg::All | CorpusArg::Seed) {
        let gold = annals_eval::EventGold::seed(&dir)?;
        let score = annals_eval::run::evaluate_events(&gold)?.score();
        if args.json {
            json.insert("seed_events".into(), score.to_json(false));
        } else {
            writeln!(
                out,
                "{}",
                annals_eval::render_event_table("seed (events)", &score)
            )?;
        }
        if args.show_errors {
            write!(out, "{}", annals_eval::render_event_errors(&score))?;
        }
        let war = annals_eval::run::evaluate_war_events(&dir.join("wikiwars"))?.score();
        if args.json {
            json.insert("wikiwars_dev_events".into(), war.to_json(false));
        } else {
            writeln!(
                out,
                "{}",
                annals_eval::render_event_table(
                    "wikiwars-dev (events; eval/wikiwars-events)",
                    &war
                )
            )?;
        }
        if args.show_errors {
            write!(out, "{}", annals_eval::render_event_errors(&war))?;
        }
        let score =
            annals_eval::run::evaluate_measures(&gold, annals_eval::MeasureScope::ExceptTime)?
                .score();
        if args.json {
            json.insert("seed_measures".into(), score.to_json(false));
        } else {
            writeln!(
                out,
                "{}",
                annals_eval::render_measure_table("seed (measures, units other than time)", &score)
            )?;
        }
        if args.show_errors {
            write!(out, "{}", annals_eval::render_measure_errors(&score))?;
        }
    }
    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::Value::Object(json))?
        )?;
    }
    Ok(())
}
