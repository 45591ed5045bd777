//! The commands that read the record: `timeline`, `events` and `index` over
//! every stored document, `entity` and `search`.

use crate::cli::{
    clip, collapse, csv_cell, day_bound, in_dyad_any, print_events, print_index, TableFormat,
};
use crate::record::open_record;
use annals_store::query::{Filter, Quote, StoredEvent, TimelineItem};
use annals_store::Store;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::PathBuf;

/// Where to look and what to keep: the options every record query shares.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct RecordArgs {
    /// The record to read (default: $ANNALS_DB, else
    /// $XDG_DATA_HOME/annals/annals.db or ~/.local/share/annals/annals.db;
    /// a new record starts with the built-in seed).
    #[arg(long, env = "ANNALS_DB")]
    pub(crate) db: Option<PathBuf>,
    /// Only dates that may fall on or after this day (YYYY[-MM[-DD]]).
    #[arg(long)]
    pub(crate) from: Option<String>,
    /// Only dates that may fall on or before this day (YYYY[-MM[-DD]]).
    #[arg(long)]
    pub(crate) to: Option<String>,
    /// Only what concerns this entity (any name for it: "USSR", "Soviet Union").
    #[arg(long)]
    pub(crate) entity: Option<String>,
    /// At most this many rows.
    #[arg(long)]
    pub(crate) limit: Option<usize>,
}

impl RecordArgs {
    /// Opens the record and turns the options into a filter (the entity
    /// resolved to its link).
    pub(crate) fn open(&self) -> Result<(Store, Filter)> {
        let from = self
            .from
            .as_deref()
            .map(|f| day_bound(f, false))
            .transpose()?;
        let to = self.to.as_deref().map(|t| day_bound(t, true)).transpose()?;
        let store = open_record(self.db.clone())?;
        let entity = match &self.entity {
            Some(name) => Some(resolve(&store, name)?),
            None => None,
        };
        let filter = Filter {
            from,
            to,
            entity,
            kind: None,
            document: None,
            limit: self.limit,
        };
        Ok((store, filter))
    }
}

/// The link a name stands for in the record: a link, a form the text uses,
/// or what the entity layer links the name to.
pub(crate) fn resolve(store: &Store, name: &str) -> Result<String> {
    match annals_ask::record::resolve(store, name)? {
        Some(link) => Ok(link),
        None => bail!("the record names no entity {name:?}"),
    }
}

/// The sentence with `[` `]` around a span of it, cut to `context`
/// characters on each side.
pub(crate) fn marked(quote: &Quote, start: usize, end: usize, context: usize) -> String {
    let rel = |at: usize| at.saturating_sub(quote.start).min(quote.text.len());
    let part = |a: usize, b: usize| quote.text.get(a..b).unwrap_or("");
    let (a, b) = (rel(start), rel(end));
    let before = collapse(part(0, a));
    let after = collapse(part(b, quote.text.len()));
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
    format!("{head}[{}]{tail}", collapse(part(a, b)))
}

fn csv_row(out: &mut impl Write, cells: &[String]) -> Result<()> {
    let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    writeln!(out, "{}", row.join(","))?;
    Ok(())
}

/// `annals timeline` over the record.
pub(crate) fn timeline(args: &RecordArgs, kind: Option<String>, format: TableFormat) -> Result<()> {
    let (store, mut filter) = args.open()?;
    filter.kind = kind;
    let items = store.timeline(&filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &items)?;
            out.write_all(b"\n")?;
        }
        TableFormat::Csv => {
            csv_row(
                &mut out,
                &[
                    "kind",
                    "value",
                    "end",
                    "mod",
                    "precision",
                    "earliest",
                    "latest",
                    "words",
                    "type",
                    "cameo",
                    "goldstein",
                    "source",
                    "target",
                    "document",
                    "sentence",
                    "start",
                    "end_byte",
                    "quote",
                ]
                .map(String::from),
            )?;
            for i in &items {
                let e = i.event.as_ref();
                csv_row(
                    &mut out,
                    &[
                        format!("{:?}", i.kind).to_lowercase(),
                        i.date.value.clone(),
                        i.date.end.clone().unwrap_or_default(),
                        i.date.modifier.clone().unwrap_or_default(),
                        i.date.precision.to_string(),
                        i.date.earliest.clone(),
                        i.date.latest.clone(),
                        i.text.clone(),
                        e.map(|e| e.kind.clone()).unwrap_or_default(),
                        e.map(|e| e.cameo.clone()).unwrap_or_default(),
                        e.map(|e| e.goldstein.to_string()).unwrap_or_default(),
                        e.map(|e| e.source.join("; ")).unwrap_or_default(),
                        e.map(|e| e.target.join("; ")).unwrap_or_default(),
                        i.quote.document.clone(),
                        i.quote.sentence.to_string(),
                        i.start.to_string(),
                        i.end.to_string(),
                        i.quote.text.clone(),
                    ],
                )?;
            }
        }
        TableFormat::Table => {
            writeln!(
                out,
                "{:<14} {:<8} {:<23} {:<10} {:<18} sentence",
                "date", "as", "interval", "type", "words"
            )?;
            for i in &items {
                write_item(&mut out, i)?;
            }
            let events = items.iter().filter(|i| i.event.is_some()).count();
            writeln!(
                out,
                "{} dated events and {} dated expressions from the record",
                events,
                items.len() - events
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn write_item(out: &mut impl Write, i: &TimelineItem) -> Result<()> {
    let mut date = i.date.value.clone();
    if let Some(end) = &i.date.end {
        date = format!("{date}..{end}");
    }
    if let Some(m) = &i.date.modifier {
        date = format!("{date} {}", m.to_lowercase());
    }
    let kind = i.event.as_ref().map_or("date", |e| e.kind.as_str());
    writeln!(
        out,
        "{:<14} {:<8} {:<23} {:<10} {:<18} {}",
        clip(&date, 14),
        i.date.precision,
        format!("{}..{}", i.date.earliest, i.date.latest),
        kind,
        clip(&i.text, 18),
        marked(&i.quote, i.start, i.end, 40)
    )?;
    Ok(())
}

/// `annals events` over the record.
pub(crate) fn events(
    args: &RecordArgs,
    kind: Option<String>,
    actor: Option<String>,
    dyad: Option<annals_events::index::Dyad>,
    format: TableFormat,
) -> Result<()> {
    let (store, mut filter) = args.open()?;
    filter.kind = kind;
    if let Some(actor) = actor {
        filter.entity = Some(resolve(&store, &actor)?);
    }
    // The dyad is a filter on codes, applied in memory: with one, the
    // limit applies to what it keeps.
    let limit = if dyad.is_some() {
        filter.limit.take()
    } else {
        None
    };
    let mut list: Vec<StoredEvent> = store
        .events(&filter)?
        .into_iter()
        .filter(|e| dyad.as_ref().is_none_or(|d| in_dyad_any(&e.event, d)))
        .collect();
    if let Some(n) = limit {
        list.truncate(n);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &list)?;
            out.write_all(b"\n")?;
        }
        TableFormat::Csv => {
            csv_row(
                &mut out,
                &[
                    "document",
                    "id",
                    "date",
                    "date_end",
                    "date_mod",
                    "type",
                    "mode",
                    "cameo",
                    "goldstein",
                    "trigger",
                    "source",
                    "target",
                    "location",
                    "negated",
                    "hypothetical",
                    "same_as",
                    "trigger_start",
                    "trigger_end",
                    "quote",
                ]
                .map(String::from),
            )?;
            for s in &list {
                let e = &s.event;
                let date = e.date.as_ref();
                csv_row(
                    &mut out,
                    &[
                        s.quote.document.clone(),
                        e.id.clone(),
                        date.map(|d| d.value.clone()).unwrap_or_default(),
                        date.and_then(|d| d.end.clone()).unwrap_or_default(),
                        date.and_then(|d| d.modifier.clone()).unwrap_or_default(),
                        e.kind.clone(),
                        e.mode.clone().unwrap_or_default(),
                        e.cameo.clone(),
                        e.goldstein.to_string(),
                        e.trigger.text.clone(),
                        e.source.join("; "),
                        e.target.join("; "),
                        e.location.clone().unwrap_or_default(),
                        e.negated.to_string(),
                        e.hypothetical.to_string(),
                        e.same_as.clone().unwrap_or_default(),
                        e.trigger.start.to_string(),
                        e.trigger.end.to_string(),
                        s.quote.text.clone(),
                    ],
                )?;
            }
        }
        TableFormat::Table => {
            let plain: Vec<annals_core::Event> = list.iter().map(|s| s.event.clone()).collect();
            print_events(&mut out, &plain)?;
            let documents: std::collections::BTreeSet<&str> =
                list.iter().map(|s| s.quote.document.as_str()).collect();
            writeln!(
                out,
                "{} events from {} document(s) of the record",
                list.len(),
                documents.len()
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `annals index` over the record: each document's index, periods of the
/// same name added up (sections are named with their document's title when
/// the record holds several documents).
pub(crate) fn index(
    db: Option<PathBuf>,
    given: Option<annals_events::index::Dyad>,
    by: annals_events::index::Period,
    format: TableFormat,
) -> Result<()> {
    let store = open_record(db)?;
    let Some(whole) = annals_ask::record::index(&store, given, by)? else {
        bail!("the record names fewer than two states; give the dyad with --dyad (e.g. JPN-SUN)");
    };
    let (dyad, rows, documents) = (whole.dyad, whole.rows, whole.documents);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            out.write_all(b"\n")?;
        }
        TableFormat::Csv => {
            csv_row(
                &mut out,
                &["period", "count", "sum", "mean", "hypothetical"].map(String::from),
            )?;
            for r in &rows {
                csv_row(
                    &mut out,
                    &[
                        r.period.clone(),
                        r.count.to_string(),
                        r.sum.to_string(),
                        r.mean.to_string(),
                        r.hypothetical.to_string(),
                    ],
                )?;
            }
        }
        TableFormat::Table => {
            print_index(&mut out, &rows, &dyad)?;
            let total: usize = rows.iter().map(|r| r.count).sum();
            writeln!(
                out,
                "{total} events in {} periods of {documents} document(s) of the record",
                rows.len()
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `annals entity NAME`.
#[derive(clap::Args, Debug)]
pub(crate) struct EntityArgs {
    /// The entity: its Wikipedia title or any name the texts use for it.
    name: String,
    /// The record to read (default: $ANNALS_DB, else the per-user record).
    #[arg(long, env = "ANNALS_DB")]
    db: Option<PathBuf>,
    /// How many of its events to list.
    #[arg(long, default_value_t = 20)]
    events: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

/// `annals entity NAME`.
pub(crate) fn entity(args: EntityArgs) -> Result<()> {
    let store = open_record(args.db)?;
    let link = resolve(&store, &args.name)?;
    let Some(info) = store.entity(&link, args.events)? else {
        bail!("the record names no entity {:?}", args.name);
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &info)?;
            out.write_all(b"\n")?;
        }
        TableFormat::Csv => bail!("entity prints a table or JSON (--format table|json)"),
        TableFormat::Table => {
            writeln!(out, "{} ({})", info.link, info.label)?;
            writeln!(
                out,
                "  https://en.wikipedia.org/wiki/{}",
                info.link.replace(' ', "_")
            )?;
            if info.iso.is_some() || info.cow.is_some() {
                writeln!(
                    out,
                    "  ISO {}  COW {}",
                    info.iso.as_deref().unwrap_or("-"),
                    info.cow.map_or("-".into(), |c| c.to_string())
                )?;
            }
            writeln!(
                out,
                "  {} mentions in {} document(s); source of {} events, target of {}",
                info.mentions, info.documents, info.as_source, info.as_target
            )?;
            let forms: Vec<String> = info
                .forms
                .iter()
                .map(|(f, n)| format!("{f} ({n})"))
                .collect();
            writeln!(out, "  written as: {}", clip(&forms.join(", "), 100))?;
            for (which, dated) in [("first", &info.first), ("last", &info.last)] {
                if let Some((d, q)) = dated {
                    writeln!(
                        out,
                        "  {which} dated mention: {} \"{}\"",
                        d.value,
                        clip(&collapse(&q.text), 90)
                    )?;
                }
            }
            let company: Vec<String> = info
                .cooccurring
                .iter()
                .map(|(l, n)| format!("{l} ({n})"))
                .collect();
            writeln!(out, "  named with: {}", clip(&company.join(", "), 100))?;
            writeln!(out, "  events:")?;
            for e in &info.events {
                let date = e
                    .dated
                    .as_ref()
                    .map_or("-".to_string(), |d| d.value.clone());
                writeln!(
                    out,
                    "    {:<11} {:<10} {:>5.1}  {}",
                    clip(&date, 11),
                    e.event.kind,
                    e.event.goldstein,
                    marked(&e.quote, e.event.trigger.start, e.event.trigger.end, 40)
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// `annals search QUERY`.
#[derive(clap::Args, Debug)]
pub(crate) struct SearchArgs {
    /// The words to find (all of them, stemmed: "signing" finds "signed").
    query: String,
    #[command(flatten)]
    record: RecordArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

/// `annals search QUERY`.
pub(crate) fn search(mut args: SearchArgs) -> Result<()> {
    if args.record.limit.is_none() {
        args.record.limit = Some(20);
    }
    let (store, filter) = args.record.open()?;
    if annals_store::query::match_query(&args.query).is_none() {
        bail!("nothing to search for in {:?}", args.query);
    }
    let hits = store.search(&args.query, &filter)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &hits)?;
            out.write_all(b"\n")?;
        }
        TableFormat::Csv => {
            csv_row(
                &mut out,
                &[
                    "rank", "document", "sentence", "start", "end", "snippet", "quote",
                ]
                .map(String::from),
            )?;
            for h in &hits {
                csv_row(
                    &mut out,
                    &[
                        format!("{:.3}", h.rank),
                        h.quote.document.clone(),
                        h.quote.sentence.to_string(),
                        h.quote.start.to_string(),
                        h.quote.end.to_string(),
                        h.snippet.clone(),
                        h.quote.text.clone(),
                    ],
                )?;
            }
        }
        TableFormat::Table => {
            for h in &hits {
                writeln!(
                    out,
                    "{:>7.2}  {} #{}  {}",
                    h.rank,
                    clip(&h.quote.document, 30),
                    h.quote.sentence,
                    collapse(&h.snippet)
                )?;
            }
            writeln!(out, "{} sentences match {:?}", hits.len(), args.query)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `annals ask "QUESTION"`.
#[derive(clap::Args, Debug)]
pub(crate) struct AskArgs {
    /// The question: when, who, where, how much / how many, what happened.
    question: String,
    /// The record to read (default: $ANNALS_DB, else the per-user record).
    #[arg(long, env = "ANNALS_DB")]
    db: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

/// `annals ask "QUESTION"`.
pub(crate) fn ask(args: AskArgs) -> Result<()> {
    let store = open_record(args.db)?;
    let answer = annals_ask::ask(&store, &args.question)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &answer)?;
            out.write_all(b"\n")?;
        }
        TableFormat::Csv => bail!("ask prints text or JSON (--format table|json)"),
        TableFormat::Table => match &answer.answer {
            Some(a) => {
                writeln!(out, "{a}")?;
                for e in &answer.evidence {
                    let q = &e.quote;
                    let quote = match &e.event {
                        Some(ev) => marked(q, ev.trigger.start, ev.trigger.end, 200),
                        None => collapse(&q.text),
                    };
                    writeln!(
                        out,
                        "  \"{}\"\n    ({}, sentence {}, bytes {}..{})",
                        quote.trim(),
                        q.document,
                        q.sentence,
                        q.start,
                        q.end
                    )?;
                }
            }
            None => {
                writeln!(out, "no answer found; the closest sentences:")?;
                for q in &answer.closest {
                    writeln!(
                        out,
                        "  \"{}\"\n    ({}, sentence {}, bytes {}..{})",
                        collapse(&q.text).trim(),
                        q.document,
                        q.sentence,
                        q.start,
                        q.end
                    )?;
                }
            }
        },
    }
    out.flush()?;
    Ok(())
}
