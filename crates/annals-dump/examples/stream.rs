//! Streams every page of a dump and prints the counts and the throughput:
//! `cargo run --release -p annals-dump --example stream -- DUMP.xml.bz2`.

use annals_dump::{Options, Pages};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        return Err("usage: stream DUMP.xml[.bz2] [RUNS]".into());
    };
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let mut best = f64::INFINITY;
    let (mut pages, mut redirects, mut errors, mut xml, mut compressed, mut text) =
        (0, 0, 0, 0, 0, 0);
    for _ in 0..runs {
        let started = Instant::now();
        let mut reader = Pages::open_with(&path, Options::all())?;
        (pages, redirects, errors, text) = (0, 0, 0, 0);
        for item in reader.by_ref() {
            match item {
                Ok(page) => {
                    pages += 1;
                    redirects += usize::from(page.redirect.is_some());
                    text += page.text.len();
                }
                Err(e) => {
                    errors += 1;
                    eprintln!("{e}");
                }
            }
        }
        best = best.min(started.elapsed().as_secs_f64());
        xml = reader.position();
        compressed = reader.progress().bytes();
        println!("max buffer {} bytes", reader.max_buffer());
    }
    println!(
        "{pages} pages ({redirects} redirects, {errors} errors), {:.1} MB of wikitext; {:.1} MB XML ({:.1} MB read) in {:.3} s: {:.1} MB/s of XML, {:.1} MB/s read",
        text as f64 / 1e6,
        xml as f64 / 1e6,
        compressed as f64 / 1e6,
        best,
        xml as f64 / 1e6 / best,
        compressed as f64 / 1e6 / best
    );
    Ok(())
}
