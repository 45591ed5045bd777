//! `annals ingest`: the pipeline over many documents, into the record.

use crate::cli::InputFormat;
use crate::load;
use crate::record::{annotate_all, default_db, Annotated};
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub(crate) struct IngestArgs {
    /// Files or folders (read for .txt and .md files); `-` reads standard
    /// input; none ingests the built-in seed.
    paths: Vec<PathBuf>,
    /// The record to write (default: $ANNALS_DB, else
    /// $XDG_DATA_HOME/annals/annals.db or ~/.local/share/annals/annals.db).
    #[arg(long, env = "ANNALS_DB")]
    db: Option<PathBuf>,
    /// How to read the documents.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
}

/// The files a path names: itself, or the .txt and .md files below a
/// folder, in name order.
fn files_of(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("cannot list {}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            if entry.is_dir() {
                files_of(&entry, out)?;
            } else if entry.extension().is_some_and(|x| x == "txt" || x == "md") {
                out.push(entry);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

pub(crate) fn run(args: IngestArgs) -> Result<()> {
    use rayon::prelude::*;
    let db = match args.db {
        Some(db) => db,
        None => default_db()?,
    };
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut store = annals_store::Store::open(&db)?;
    let format = args.input_format.format();
    let mut files: Vec<Option<PathBuf>> = Vec::new();
    if args.paths.is_empty() {
        files.push(None);
    }
    for path in &args.paths {
        if path.as_os_str() == "-" {
            files.push(Some(path.clone()));
            continue;
        }
        let mut found = Vec::new();
        files_of(path, &mut found)?;
        files.extend(found.into_iter().map(Some));
    }
    let started = std::time::Instant::now();
    // The pipeline runs in parallel; the record is written one document at
    // a time, each in its own transaction.
    let done: Vec<(String, Result<Annotated>)> = files
        .into_par_iter()
        .map(|file| {
            let name = file.as_ref().map_or_else(
                || "the built-in seed".to_string(),
                |p| p.display().to_string(),
            );
            (name, load(file.as_deref(), format).map(annotate_all))
        })
        .collect();
    let (mut new, mut same, mut replaced, mut failed, mut bytes) = (0, 0, 0, 0, 0usize);
    let stderr = std::io::stderr();
    for (name, result) in done {
        let annotated = match result {
            Ok(a) => a,
            Err(e) => {
                failed += 1;
                writeln!(stderr.lock(), "annals: {name}: {e:#}")?;
                continue;
            }
        };
        let layers = annals_store::Layers {
            sentences: &annotated.sentences,
            timexes: &annotated.timexes,
            mentions: &annotated.mentions,
            events: &annotated.events,
            measures: &annotated.measures,
        };
        bytes += annotated.doc.text.len();
        match store.ingest(&annotated.doc, &layers)? {
            annals_store::Outcome::New => new += 1,
            annals_store::Outcome::Unchanged => same += 1,
            annals_store::Outcome::Replaced => replaced += 1,
        }
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-9);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{new} new, {same} unchanged, {replaced} replaced, {failed} failed ({:.2} MB in {seconds:.2} s) into {}",
        bytes as f64 / 1e6,
        db.display()
    )?;
    let mut counts = Vec::new();
    for table in [
        "documents",
        "sentences",
        "timexes",
        "mentions",
        "events",
        "measures",
    ] {
        counts.push(format!("{} {table}", store.count(table)?));
    }
    writeln!(out, "the record holds {}", counts.join(", "))?;
    if failed > 0 {
        bail!("{failed} document(s) could not be read; the others are in the record");
    }
    Ok(())
}
