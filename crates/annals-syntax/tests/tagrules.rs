//! The data files parse, and every example of data/tagrules.txt holds.

use annals_syntax::tag;

const TAGRULES: &str = include_str!("../data/tagrules.txt");

#[test]
fn data_files_parse() {
    annals_syntax::check_data().unwrap();
}

#[test]
fn every_tag_rule_example_holds() {
    let mut failures = Vec::new();
    let mut rule = "";
    let mut examples = 0;
    for line in TAGRULES.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix("rule ") {
            rule = name;
            continue;
        }
        let Some(example) = line.strip_prefix("example ") else {
            continue;
        };
        examples += 1;
        let (body, want) = example.rsplit_once("=>").unwrap();
        let body = body.trim();
        let open = body.find('[').unwrap();
        let close = body.find(']').unwrap();
        let text = format!(
            "{}{}{}",
            &body[..open],
            &body[open + 1..close],
            &body[close + 1..]
        );
        let (start, end) = (open, close - 1);
        let tokens = tag(&text, 0, text.len());
        let got = tokens
            .iter()
            .find(|t| t.start == start && t.end == end)
            .map_or("no such token".to_string(), |t| t.pos.code().to_string());
        if got != want.trim() {
            let tagged: Vec<String> = tokens
                .iter()
                .map(|t| format!("{}/{}", &text[t.start..t.end], t.pos))
                .collect();
            failures.push(format!(
                "{rule}: {body} => expected {}, got {got}\n      {}",
                want.trim(),
                tagged.join(" ")
            ));
        }
    }
    assert!(examples > 50);
    assert!(
        failures.is_empty(),
        "{} failures:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
