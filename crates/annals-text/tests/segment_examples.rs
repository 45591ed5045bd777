//! The examples in data/segment_examples.txt are the segmenter's spec.

use annals_text::{read_bytes, segment, Format};

#[test]
fn every_segmentation_example_holds() {
    let examples = include_str!("../data/segment_examples.txt");
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in examples.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        let expected: Vec<&str> = line.split(" || ").collect();
        let text = expected.join(" ");
        let doc = read_bytes("example", text.as_bytes(), Format::Plain).unwrap();
        let got: Vec<&str> = segment(&doc)
            .iter()
            .map(|s| doc.span_text(s.span))
            .collect();
        if got != expected {
            failures.push(format!(
                "line {}: expected {expected:?}\n          got {got:?}",
                n + 1
            ));
        }
    }
    assert!(count >= 20, "the examples file holds {count} examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
