//! The examples of every rule (data/rules.txt) and of data/examples.txt are
//! the tagger's spec: each must come out exactly as written.

use annals_time::grammar::{parse_example, Example};
use annals_time::{grammar, tag_document, Scheme, SchemeChoice, TagOptions, EXAMPLES};

/// Runs one example; `Err` says what differs.
fn check(example: &Example, scheme: SchemeChoice) -> Result<(), String> {
    let mut text = String::new();
    let mut extents: Vec<String> = Vec::new();
    let mut open = None;
    for c in example.text.chars() {
        match c {
            '[' => open = Some(text.len()),
            ']' => {
                let start = open.take().ok_or("`]` without `[`")?;
                extents.push(text[start..].to_string());
            }
            _ => text.push(c),
        }
    }
    let doc = annals_text::read_bytes("example", text.as_bytes(), annals_text::Format::Plain)
        .map_err(|e| e.to_string())?;
    let sentences = annals_text::segment(&doc);
    let options = TagOptions {
        scheme,
        ..TagOptions::default()
    };
    let got = tag_document(&doc, &sentences, &options);
    let index = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| got.iter().position(|t| &t.id == id))
            .map(|i| i + 1)
    };
    let rendered: Vec<String> = got
        .iter()
        .map(|t| {
            let mut s = format!("[{}] {} {}", t.text, t.kind.as_str(), t.value);
            if let Some(m) = t.modifier {
                s += &format!(" mod={}", m.as_str());
            }
            if let Some(a) = index(&t.anchor) {
                s += &format!(" anchor={a}");
            }
            if let Some(r) = index(&t.range_start) {
                s += &format!(" range={r}");
            }
            s
        })
        .collect();
    let expected: Vec<String> = extents
        .iter()
        .zip(&example.expected)
        .map(|(e, v)| format!("[{e}] {v}"))
        .collect();
    if rendered == expected {
        Ok(())
    } else {
        Err(format!(
            "{}\n      expected {}\n      got      {}",
            example.text,
            if expected.is_empty() {
                "none".to_string()
            } else {
                expected.join(" ; ")
            },
            if rendered.is_empty() {
                "none".to_string()
            } else {
                rendered.join(" ; ")
            }
        ))
    }
}

#[test]
fn every_rule_example_holds() {
    let mut failures = Vec::new();
    let mut count = 0;
    for rule in &grammar().rules {
        for ex in &rule.examples {
            count += 1;
            let scheme = match rule.scheme {
                Some(Scheme::Timex2) => SchemeChoice::Timex2,
                _ => SchemeChoice::Timex3,
            };
            if let Err(e) = check(ex, scheme) {
                failures.push(format!("rules.txt:{} ({}): {e}", ex.line, rule.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} rule examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_example_in_the_examples_file_holds() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in EXAMPLES.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        let (scheme, line) = match line.strip_prefix("timex2:") {
            Some(rest) => (SchemeChoice::Timex2, rest.trim()),
            None => (SchemeChoice::Timex3, line),
        };
        match parse_example(line, n + 1) {
            Ok(ex) => {
                if let Err(e) = check(&ex, scheme) {
                    failures.push(format!("examples.txt:{}: {e}", n + 1));
                }
            }
            Err(e) => failures.push(format!("examples.txt:{}: {e}", n + 1)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
