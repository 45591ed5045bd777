//! `annals bench`: throughput of the pipeline stage by stage (read + segment
//! + time, then entities, then events and measures), and peak memory.

use anyhow::Result;
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Which stages a measurement runs.
#[derive(Clone, Copy, PartialEq)]
enum Stages {
    /// Read, segment, time.
    Time,
    /// Read, segment, time, entities.
    Entities,
    /// The whole pipeline: read, segment, time, entities, events, measures.
    Events,
}

/// Runs the stages on one text; returns (sentences, annotations).
fn pipeline(text: &str, stages: Stages) -> Result<(usize, usize)> {
    let doc = annals_text::read_bytes("bench", text.as_bytes(), annals_text::Format::Auto)?;
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    let mut n = timexes.len();
    if stages != Stages::Time {
        let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
        n += mentions.len();
        if stages == Stages::Events {
            n += annals_events::tag_document(&doc, &sentences, &timexes, &mentions).len();
            n += annals_events::measures::tag_measures(&doc, &sentences, &timexes).len();
        }
    }
    Ok((sentences.len(), n))
}

/// The best of `runs` timings of `f`, each repeating `f` until at least
/// 200 ms have passed so that small inputs are timed over many calls.
fn best<F: FnMut() -> Result<()>>(runs: usize, mut f: F) -> Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let mut n = 0u32;
        while n == 0 || start.elapsed() < Duration::from_millis(200) {
            f()?;
            n += 1;
        }
        best = best.min(start.elapsed() / n);
    }
    Ok(best)
}

/// Peak resident memory of this process in KiB (Linux), if known.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

struct Row {
    name: String,
    bytes: usize,
    sentences: usize,
    time: Duration,
}

impl Row {
    fn mb_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.time.as_secs_f64()
    }
    fn sentences_s(&self) -> f64 {
        self.sentences as f64 / self.time.as_secs_f64()
    }
}

/// Runs the benchmark and prints its figures.
pub fn run(file: Option<&Path>, repeat: usize, runs: usize, json: bool) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let text = match file {
        None => annals_text::SEED_TEXT.to_string(),
        Some(p) => annals_text::read_path(p, Default::default())?.text,
    };
    // The large input is built in memory: keep it to a size a machine has.
    let limit = 2usize << 30;
    if text.len().saturating_mul(repeat) > limit {
        anyhow::bail!(
            "{} bytes repeated {repeat} times is more than the {limit}-byte limit of the benchmark; lower --repeat",
            text.len()
        );
    }
    let repeat = repeat.max(1);
    let big = vec![text.as_str(); repeat].join("\n\n");
    let threads = rayon::current_num_threads();
    let copies = vec![text.as_str(); repeat];
    let (sentences, timexes) = pipeline(&text, Stages::Time)?;
    let (big_sentences, _) = pipeline(&big, Stages::Time)?;
    let mut rows = Vec::new();
    let mut growth = 0.0;
    for (stages, label) in [
        (Stages::Time, "read+segment+time"),
        (Stages::Entities, "+entities"),
        (Stages::Events, "+events+measures"),
    ] {
        let small = best(runs, || pipeline(&text, stages).map(|_| ()))?;
        let large = best(runs, || pipeline(&big, stages).map(|_| ()))?;
        let parallel = best(runs, || {
            copies
                .par_iter()
                .try_for_each(|t| pipeline(t, stages).map(|_| ()))
        })?;
        if stages == Stages::Time {
            growth = large.as_secs_f64() / small.as_secs_f64();
        }
        rows.push(Row {
            name: format!("{label}, 1x, one thread"),
            bytes: text.len(),
            sentences,
            time: small,
        });
        rows.push(Row {
            name: format!("{label}, {repeat}x as one document, one thread"),
            bytes: big.len(),
            sentences: big_sentences,
            time: large,
        });
        rows.push(Row {
            name: format!("{label}, {repeat}x as {repeat} documents, {threads} threads"),
            bytes: text.len() * repeat,
            sentences: sentences * repeat,
            time: parallel,
        });
    }
    let peak = peak_kib();
    if json {
        let value = serde_json::json!({
            "input_bytes": text.len(),
            "timexes": timexes,
            "rows": rows.iter().map(|r| serde_json::json!({
                "name": r.name, "bytes": r.bytes, "sentences": r.sentences,
                "seconds": r.time.as_secs_f64(), "mb_per_s": r.mb_s(), "sentences_per_s": r.sentences_s(),
            })).collect::<Vec<_>>(),
            "time_growth_for_input_growth": {"input": repeat, "time": growth},
            "peak_rss_kib": peak,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} bytes, {sentences} sentences, {timexes} timexes",
        text.len()
    )?;
    writeln!(
        out,
        "{:<58} {:>8} {:>12} {:>12}",
        "stages and input", "MB/s", "sentences/s", "time"
    )?;
    for r in &rows {
        writeln!(
            out,
            "{:<58} {:>8.2} {:>12.0} {:>12.3?}",
            r.name,
            r.mb_s(),
            r.sentences_s(),
            r.time
        )?;
    }
    writeln!(
        out,
        "read+segment+time: {repeat}x the input took {growth:.1}x the time"
    )?;
    if let Some(kib) = peak {
        writeln!(
            out,
            "peak memory (resident): {:.1} MiB",
            kib as f64 / 1024.0
        )?;
    }
    Ok(())
}
