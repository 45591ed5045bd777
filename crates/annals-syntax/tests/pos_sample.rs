//! Tagging accuracy on the hand-checked samples of data/pos-sample.txt (the
//! sentences the rules were developed with) and data/pos-heldout.txt
//! (sentences checked after the rules were written, never tuned on). The
//! floors only ever rise.

use annals_syntax::tag;

/// Accuracy floor on pos-sample.txt.
const SAMPLE_FLOOR: f64 = 0.98;
/// Accuracy floor on pos-heldout.txt.
const HELDOUT_FLOOR: f64 = 0.96;

/// (correct, total, mistakes) over a sample file.
fn score(file: &str) -> (usize, usize, Vec<String>) {
    let lines: Vec<&str> = file
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(lines.len() % 2, 0, "a sentence line, then a tags line");
    let (mut correct, mut total, mut mistakes) = (0, 0, Vec::new());
    for pair in lines.chunks(2) {
        let text = pair[0];
        let gold: Vec<(&str, &str)> = pair[1]
            .split_whitespace()
            .map(|t| t.rsplit_once('/').expect("TOKEN/TAG"))
            .collect();
        let tokens = tag(text, 0, text.len());
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        let gold_words: Vec<&str> = gold.iter().map(|g| g.0).collect();
        assert_eq!(words, gold_words, "the tokens of {text:?}");
        for (t, (w, g)) in tokens.iter().zip(&gold) {
            total += 1;
            if t.pos.code() == *g {
                correct += 1;
            } else {
                mistakes.push(format!("{w}: {g} tagged {}", t.pos));
            }
        }
    }
    (correct, total, mistakes)
}

fn check(name: &str, file: &str, floor: f64) {
    let (correct, total, mistakes) = score(file);
    let accuracy = correct as f64 / total as f64;
    println!("{name}: {correct}/{total} = {accuracy:.4}");
    for m in &mistakes {
        println!("  {m}");
    }
    assert!(total > 300);
    assert!(
        accuracy >= floor,
        "{name}: accuracy {accuracy:.4} below the floor {floor}:\n  {}",
        mistakes.join("\n  ")
    );
}

#[test]
fn sample_accuracy() {
    check(
        "pos-sample.txt",
        include_str!("../data/pos-sample.txt"),
        SAMPLE_FLOOR,
    );
}

#[test]
fn heldout_accuracy() {
    check(
        "pos-heldout.txt",
        include_str!("../data/pos-heldout.txt"),
        HELDOUT_FLOOR,
    );
}
