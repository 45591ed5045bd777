//! `annals bench`: throughput of read + segment + time, and peak memory.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Reads, segments and tags one text; returns (sentences, timexes).
fn pipeline(text: &str) -> Result<(usize, usize)> {
    let doc = annals_text::read_bytes("bench", text.as_bytes(), annals_text::Format::Auto)?;
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    Ok((sentences.len(), timexes.len()))
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
    let text = match file {
        None => annals_text::SEED_TEXT.to_string(),
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8", p.display()))?
        }
    };
    let repeat = repeat.max(1);
    let big = vec![text.as_str(); repeat].join("\n\n");
    let (sentences, timexes) = pipeline(&text)?;
    let (big_sentences, _) = pipeline(&big)?;
    let small = best(runs, || pipeline(&text).map(|_| ()))?;
    let large = best(runs, || pipeline(&big).map(|_| ()))?;
    let threads = rayon::current_num_threads();
    let copies = vec![text.as_str(); repeat];
    let parallel = best(runs, || {
        copies.par_iter().try_for_each(|t| pipeline(t).map(|_| ()))
    })?;
    let rows = [
        Row {
            name: "1x, one thread".into(),
            bytes: text.len(),
            sentences,
            time: small,
        },
        Row {
            name: format!("{repeat}x as one document, one thread"),
            bytes: big.len(),
            sentences: big_sentences,
            time: large,
        },
        Row {
            name: format!("{repeat}x as {repeat} documents, {threads} threads"),
            bytes: text.len() * repeat,
            sentences: sentences * repeat,
            time: parallel,
        },
    ];
    let growth = large.as_secs_f64() / small.as_secs_f64();
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
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    println!(
        "read + segment + time on {} bytes ({sentences} sentences, {timexes} timexes)",
        text.len()
    );
    println!(
        "{:<40} {:>10} {:>12} {:>14}",
        "input", "MB/s", "sentences/s", "time"
    );
    for r in &rows {
        println!(
            "{:<40} {:>10.2} {:>12.0} {:>14.3?}",
            r.name,
            r.mb_s(),
            r.sentences_s(),
            r.time
        );
    }
    println!("{repeat}x the input took {growth:.1}x the time");
    if let Some(kib) = peak {
        println!("peak memory (resident): {:.1} MiB", kib as f64 / 1024.0);
    }
    Ok(())
}
