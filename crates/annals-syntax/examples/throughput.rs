//! Measures tagging, chunking and clause analysis speed on a text file
//! (default: the seed article) repeated, sentence by sentence:
//! `cargo run --release -p annals-syntax --example throughput -- [FILE] [TIMES]`.
//! Sentences are split at ". " and line ends (a rough split, enough for timing).

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .cloned()
        .unwrap_or_else(|| "/work/shared/seeds/000_403419338229a73f.txt".into());
    let times: usize = args.get(1).and_then(|t| t.parse().ok()).unwrap_or(40);
    let Ok(one) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let text = one.repeat(times);
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(['.', '\n']) {
        spans.push((start, i + 1));
        start = i + 1;
    }
    spans.push((start, text.len()));
    // Warm up (loads the lexicon).
    let _ = annals_syntax::analyse("Japan signed.", 0, 13);
    // The first pass of the full analysis meets every word for the first
    // time (the tagger's memo of readings is cold); then the best of five
    // passes of each (the machine may be busy).
    let t = Instant::now();
    let mut verbs = 0;
    for &(s, e) in &spans {
        verbs += annals_syntax::analyse(&text, s, e).verbs.len();
    }
    let cold_secs = t.elapsed().as_secs_f64();
    let (mut tag_secs, mut all_secs) = (f64::MAX, f64::MAX);
    let mut tokens = 0;
    for _ in 0..5 {
        let t = Instant::now();
        tokens = 0;
        for &(s, e) in &spans {
            tokens += annals_syntax::tag(&text, s, e).len();
        }
        tag_secs = tag_secs.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for &(s, e) in &spans {
            std::hint::black_box(annals_syntax::analyse(&text, s, e));
        }
        all_secs = all_secs.min(t.elapsed().as_secs_f64());
    }
    let mb = text.len() as f64 / 1e6;
    println!(
        "{:.1} MB, {} sentences, {tokens} tokens, {verbs} verb groups\n\
         tag+chunk+clauses, first pass: {:.1} MB/s\n\
         tag: {:.1} MB/s\ntag+chunk+clauses: {:.1} MB/s",
        mb,
        spans.len(),
        mb / cold_secs,
        mb / tag_secs,
        mb / all_secs
    );
}
