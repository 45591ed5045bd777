//! Every gazetteer line has the fields FORMAT.md gives, and its codes and
//! dates are well formed; every file names its sources.

use annals_entities::gazetteer::{columns, day, FILES};

fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

#[test]
fn every_file_says_where_its_facts_come_from() {
    for (file, text) in FILES {
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            header.to_lowercase().contains("source"),
            "{file}: the first comment block names no source"
        );
        assert!(data_lines(text).count() > 0, "{file}: no data lines");
    }
}

#[test]
fn every_line_has_its_fields() {
    let mut errors = Vec::new();
    for (file, text) in FILES {
        for (line, fields) in data_lines(text) {
            if fields.len() != columns(file) {
                errors.push(format!(
                    "{file}:{line}: {} fields, expected {}",
                    fields.len(),
                    columns(file)
                ));
            } else if fields[0].is_empty() || fields[0] == "-" {
                errors.push(format!("{file}:{line}: no title"));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn state_codes_and_periods_are_well_formed() {
    let (_, text) = FILES[0];
    let mut errors = Vec::new();
    for (line, f) in data_lines(text) {
        if f.len() != 9 {
            continue;
        }
        let iso_ok =
            f[1] == "-" || (f[1].len() == 3 && f[1].chars().all(|c| c.is_ascii_uppercase()));
        let cow_ok = f[2] == "-" || f[2].parse::<u16>().is_ok_and(|c| c < 1000);
        let from = day(f[3], false);
        let to = day(f[4], true);
        if !iso_ok {
            errors.push(format!("states.tsv:{line}: ISO code {:?}", f[1]));
        }
        if !cow_ok {
            errors.push(format!("states.tsv:{line}: COW code {:?}", f[2]));
        }
        match (from, to) {
            (Some(a), Some(b)) if a <= b => {}
            _ => errors.push(format!("states.tsv:{line}: period {:?}..{:?}", f[3], f[4])),
        }
        if !matches!(f[8], "yes" | "no") {
            errors.push(format!(
                "states.tsv:{line}: default is {:?}, not yes or no",
                f[8]
            ));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn places_are_gpe_or_loc() {
    let (_, text) = FILES[1];
    let bad: Vec<usize> = data_lines(text)
        .filter(|(_, f)| f.len() == 4 && !matches!(f[1], "GPE" | "LOC"))
        .map(|(l, _)| l)
        .collect();
    assert!(
        bad.is_empty(),
        "places.tsv lines with another label: {bad:?}"
    );
}
