//! The examples of data/examples.txt are the entity layer's spec.

fn check(line: &str) -> Result<(), String> {
    let (body, expected) = line
        .rsplit_once("=>")
        .ok_or("an example is `TEXT => EXPECTED`")?;
    let expected: Vec<&str> = match expected.trim() {
        "none" => Vec::new(),
        e => e.split(" ; ").map(str::trim).collect(),
    };
    let mut text = String::new();
    let mut extents = Vec::new();
    let mut open = None;
    for c in body.trim().chars() {
        match c {
            '[' => open = Some(text.len()),
            ']' => {
                let start = open.take().ok_or("`]` without `[`")?;
                extents.push(text[start..].to_string());
            }
            _ => text.push(c),
        }
    }
    if extents.len() != expected.len() {
        return Err(format!(
            "{} brackets but {} expectations",
            extents.len(),
            expected.len()
        ));
    }
    let doc = annals_text::read_bytes("example", text.as_bytes(), annals_text::Format::Plain)
        .map_err(|e| e.to_string())?;
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    let got: Vec<String> = annals_entities::tag_document(&doc, &sentences, &timexes)
        .iter()
        .map(|m| {
            format!(
                "[{}] {} {}{}",
                m.text,
                m.label.as_str(),
                m.link.as_deref().unwrap_or("-"),
                if m.metonymy { " metonymy" } else { "" }
            )
        })
        .collect();
    let want: Vec<String> = extents
        .iter()
        .zip(&expected)
        .map(|(x, e)| format!("[{x}] {e}"))
        .collect();
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "\n      expected {}\n      got      {}",
            want.join(" ; "),
            got.join(" ; ")
        ))
    }
}

#[test]
fn every_entity_example_holds() {
    let examples = include_str!("../data/examples.txt");
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in examples.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        if let Err(e) = check(line) {
            failures.push(format!("examples.txt:{}: {line}{e}", n + 1));
        }
    }
    assert!(count >= 15, "only {count} examples");
    assert!(
        failures.is_empty(),
        "{} of {count} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_data_files_read() {
    annals_entities::check_data().expect("every gazetteer and cue line reads");
}
