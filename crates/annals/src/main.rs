//! `annals`: the command line. Argument parsing and printing only; every
//! stage lives in a library crate.

mod bench;
mod bench_wiki;
mod cli;
mod dump;
mod export;
mod ingest;
mod query;
mod record;
mod serve;
mod shard;

use anyhow::{Context, Result};
use clap::Parser;

fn main() {
    let args = cli::Cli::parse();
    if let Err(e) = cli::run(args) {
        // A reader that stops early (`annals timeline | head`) is not an error.
        let broken_pipe = e.chain().any(|c| {
            let io = c.downcast_ref::<std::io::Error>().map(std::io::Error::kind);
            let json = c
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind);
            io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
        });
        if broken_pipe {
            return;
        }
        eprintln!("annals: {}", one_line(&e));
        std::process::exit(1);
    }
}

/// The error and its causes on one line.
fn one_line(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

/// Reads a named file, `-` for standard input, or the built-in seed.
pub(crate) fn load(
    path: Option<&std::path::Path>,
    format: annals_text::Format,
) -> Result<annals_core::Document> {
    use std::io::Read;
    match path {
        None => Ok(annals_text::seed()),
        Some(p) if p.as_os_str() == "-" => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            Ok(annals_text::read_bytes("<stdin>", &bytes, format)?)
        }
        Some(p) => Ok(annals_text::read_path(
            p,
            annals_text::ReadOptions {
                format,
                ..Default::default()
            },
        )?),
    }
}
