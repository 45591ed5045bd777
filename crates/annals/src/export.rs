//! `annals export`: the record written out in formats other tools read.

use crate::record::open_record;
use annals_store::export::{Export, Summary, TABLES};
use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
enum ExportFormat {
    /// One JSON array: each document with all its layers.
    Json,
    /// One line of JSON per document (the same objects as json).
    Ndjson,
    /// RFC 4180 CSV, every column as stored: one file per table into the
    /// folder --out, or the --table to one stream.
    Csv,
    /// A TimelineJS timeline of the dated events.
    Timelinejs,
    /// TimeML, the text with inline TIMEX3 tags: one document to a stream
    /// or file, or one .tml file per document into the folder --out.
    Timeml,
    /// W3C Web Annotations (JSON-LD): every time expression, name, event
    /// and measure, placed in code points.
    Webanno,
    /// Parquet, one file per table into the folder --out (in builds with
    /// the `parquet` feature: `cargo build --features parquet`).
    Parquet,
}

#[derive(clap::Args, Debug)]
pub(crate) struct ExportArgs {
    /// The output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    format: ExportFormat,
    /// The record to read (default: $ANNALS_DB, else
    /// $XDG_DATA_HOME/annals/annals.db or ~/.local/share/annals/annals.db).
    #[arg(long, env = "ANNALS_DB")]
    db: Option<PathBuf>,
    /// With csv: write this table only, to --out or standard output.
    #[arg(long)]
    table: Option<String>,
    /// Where to write: a file for the one-stream formats (default: standard
    /// output), a folder for csv without --table, parquet, and timeml of
    /// several documents.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Only this document (its name in the record, as `annals ingest`
    /// printed it).
    #[arg(long)]
    doc: Option<String>,
}

pub(crate) fn run(args: ExportArgs) -> Result<()> {
    if args.table.is_some() && args.format != ExportFormat::Csv {
        bail!("--table goes with --format csv");
    }
    let store = open_record(args.db)?;
    let export = Export::new(&store, args.doc.as_deref())?;
    let out = args.out.as_deref();
    let summary = match args.format {
        ExportFormat::Json => stream(out, |w, p| export.json(w, p))?,
        ExportFormat::Ndjson => stream(out, |w, p| export.ndjson(w, p))?,
        ExportFormat::Timelinejs => stream(out, |w, p| export.timeline(w, p))?,
        ExportFormat::Webanno => stream(out, |w, p| export.web_annotations(w, p))?,
        ExportFormat::Csv => match &args.table {
            Some(table) => stream(out, |w, p| export.csv_table(table, w, p))?,
            None => export.csv(folder(out, "csv writes one file per table")?)?,
        },
        ExportFormat::Timeml => match out {
            Some(dir) if dir.is_dir() || export.names().count() > 1 => export.timeml_files(dir)?,
            _ => stream(out, |w, p| export.timeml(w, p))?,
        },
        ExportFormat::Parquet => {
            export.parquet(folder(out, "parquet writes one file per table")?)?
        }
    };
    report(&summary, args.format, out);
    Ok(())
}

/// Writes one stream to a file or to standard output.
fn stream(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write, &Path) -> Result<Summary, annals_store::export::Error>,
) -> Result<Summary> {
    match out {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("{}: cannot create the file", path.display()))?;
            let mut writer = std::io::BufWriter::new(file);
            Ok(write(&mut writer, path)?)
        }
        None => {
            let stdout = std::io::stdout();
            let mut writer = std::io::BufWriter::new(stdout.lock());
            Ok(write(&mut writer, Path::new("standard output"))?)
        }
    }
}

/// The folder a many-file format needs.
fn folder<'p>(out: Option<&'p Path>, why: &str) -> Result<&'p Path> {
    match out {
        Some(dir) => Ok(dir),
        None => bail!(
            "{why}: give a folder with --out DIR{}",
            if why.starts_with("csv") {
                format!(", or one table with --table ({})", TABLES.join(", "))
            } else {
                String::new()
            }
        ),
    }
}

/// One line on standard error: what went where, and what was left out.
fn report(summary: &Summary, format: ExportFormat, out: Option<&Path>) {
    if summary.skipped > 0 {
        eprintln!(
            "annals: {} dated events left out: TimelineJS cannot place their dates",
            summary.skipped
        );
    }
    if let Some(out) = out {
        let what = match format {
            ExportFormat::Csv | ExportFormat::Parquet => "rows",
            ExportFormat::Timelinejs => "events",
            ExportFormat::Webanno => "annotations",
            _ => "documents",
        };
        let files = match summary.files.len() {
            0 => String::new(),
            n => format!(" in {n} files"),
        };
        let of = match what {
            "documents" => String::new(),
            _ => format!(" of {} documents", summary.documents),
        };
        eprintln!(
            "annals: wrote {} {what}{of}{files} to {}",
            summary.items,
            out.display()
        );
    }
}
