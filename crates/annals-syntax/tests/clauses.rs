//! The examples of data/clauses.txt are the clause rules' spec: every line
//! runs here, and every rule has examples.

use annals_syntax::{analyse, Analysis, ChunkKind, Form, SubjectLink};
use std::collections::BTreeMap;

const CLAUSES: &str = include_str!("../data/clauses.txt");

/// The rules data/clauses.txt must illustrate, with the least number of examples each.
const RULES: &[(&str, usize)] = &[
    ("active", 5),
    ("skip-pp", 4),
    ("apposition", 2),
    ("object-coordination", 3),
    ("subject-coordination", 3),
    ("verb-coordination", 4),
    ("passive", 6),
    ("passive-time", 2),
    ("negation", 3),
    ("modal", 3),
    ("relative", 5),
    ("relative-object", 2),
    ("reduced-relative", 2),
    ("infinitive", 5),
    ("object-control", 4),
    ("passive-control", 2),
    ("participle", 5),
    ("participle-initial", 3),
    ("from-gerund", 2),
    ("gerund-complement", 2),
    ("participle-comma", 2),
    ("between", 3),
    ("partitive", 3),
    ("subordinate", 3),
    ("nominal", 4),
];

/// Splits `a,"b c",d` into its phrases; `-` is none.
fn phrases(value: &str) -> Vec<String> {
    if value == "-" {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in value.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Splits the items of a check on spaces outside quotes.
fn items(spec: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in spec.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ' ' if !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s)
}

fn link_name(l: SubjectLink) -> &'static str {
    match l {
        SubjectLink::None => "none",
        SubjectLink::Local => "local",
        SubjectLink::Coordinated => "coordinated",
        SubjectLink::Relative => "relative",
        SubjectLink::Control => "control",
        SubjectLink::Participle => "participle",
        SubjectLink::Modifier => "modifier",
    }
}

fn form_name(f: Form) -> &'static str {
    match f {
        Form::Finite => "finite",
        Form::Infinitive => "infinitive",
        Form::Gerund => "gerund",
        Form::Participle => "participle",
    }
}

/// Checks one `WORD: ITEMS` against the analysis; returns the mistakes.
fn check(text: &str, a: &Analysis, target: &str, spec: &str) -> Vec<String> {
    let (word, nth) = match target.split_once('#') {
        Some((w, n)) => (w, n.parse::<usize>().unwrap_or(1)),
        None => (target, 1),
    };
    let Some(tok) = a
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| &text[t.start..t.end] == word)
        .map(|(i, _)| i)
        .nth(nth - 1)
    else {
        return vec![format!("no token {target}")];
    };
    let mut errs = Vec::new();
    let mut expect = |what: &str, want: String, got: String| {
        if want != got {
            errs.push(format!("{target} {what}: expected {want}, got {got}"));
        }
    };
    let texts = |chunks: &[usize]| -> String {
        a.phrase_texts(text, chunks)
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let want = |value: &str| -> String {
        phrases(value)
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    if let Some(v) = a.verbs.iter().find(|v| v.verb == tok) {
        for item in items(spec) {
            let (key, value) = item.split_once('=').unwrap_or((&item, ""));
            match key {
                "active" => expect(
                    "voice",
                    "active".into(),
                    if v.passive { "passive" } else { "active" }.into(),
                ),
                "passive" => expect(
                    "voice",
                    "passive".into(),
                    if v.passive { "passive" } else { "active" }.into(),
                ),
                "negated" => expect("negated", "true".into(), v.negated.to_string()),
                "modal" => expect("modal", value.into(), v.modal.clone().unwrap_or("-".into())),
                "lemma" => expect("lemma", value.into(), v.lemma.clone()),
                "particle" => expect(
                    "particle",
                    value.into(),
                    v.particle.clone().unwrap_or("-".into()),
                ),
                "form" => expect("form", value.into(), form_name(v.form).into()),
                "link" => expect("link", value.into(), link_name(v.subject_link).into()),
                "subject" => expect("subject", want(value), texts(&v.subject)),
                "object" => expect("object", want(value), texts(&v.object)),
                "agent" => expect("agent", want(value), texts(&v.agent)),
                "clause" => {
                    let (s, e) = v.clause;
                    expect(
                        "clause",
                        unquote(value).into(),
                        text[a.tokens[s].start..a.tokens[e].end].into(),
                    )
                }
                _ => expect("item", "a known item".into(), item.clone()),
            }
        }
    } else if let Some(pp) = a
        .chunks
        .iter()
        .position(|c| c.kind == ChunkKind::Pp && c.first == tok)
    {
        for item in items(spec) {
            let (key, value) = item.split_once('=').unwrap_or((&item, ""));
            match key {
                "nps" => expect("nps", want(value), texts(&a.pp_nps(pp))),
                _ => expect("item", "a known item".into(), item.clone()),
            }
        }
    } else if let Some(n) = a.nominal(tok) {
        for item in items(spec) {
            let (key, value) = item.split_once('=').unwrap_or((&item, ""));
            match key {
                "possessor" => {
                    let got = n.possessor.map_or("-".to_string(), |(s, e)| {
                        text[a.tokens[s].start..a.tokens[e].end].to_string()
                    });
                    expect("possessor", unquote(value).into(), got)
                }
                "modifiers" => {
                    let got: Vec<&str> = n
                        .modifiers
                        .iter()
                        .map(|&k| &text[a.tokens[k].start..a.tokens[k].end])
                        .collect();
                    let got = if got.is_empty() {
                        "-".to_string()
                    } else {
                        got.join(",")
                    };
                    expect("modifiers", value.into(), got)
                }
                "of" => expect("of", want(value), texts(&n.of)),
                "by" => expect("by", want(value), texts(&n.by)),
                _ => expect("item", "a known item".into(), item.clone()),
            }
        }
    } else {
        errs.push(format!(
            "{target} is neither a verb, a preposition nor a noun"
        ));
    }
    errs
}

#[test]
fn every_example_holds() {
    let mut failures = Vec::new();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    let mut lines = 0;
    for (n, line) in CLAUSES.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.splitn(3, " | ").collect();
        let [rule, text, checks] = parts[..] else {
            failures.push(format!("line {}: expected RULE | SENTENCE | CHECKS", n + 1));
            continue;
        };
        lines += 1;
        *count.entry(rule).or_default() += 1;
        if !RULES.iter().any(|(r, _)| *r == rule) {
            failures.push(format!("line {}: unknown rule {rule}", n + 1));
        }
        let a = analyse(text, 0, text.len());
        for check_spec in checks.split(" ; ") {
            let Some((target, spec)) = check_spec.split_once(": ") else {
                failures.push(format!("line {}: a check is WORD: ITEMS", n + 1));
                continue;
            };
            for e in check(text, &a, target.trim(), spec.trim()) {
                failures.push(format!("line {} ({rule}) {text}\n      {e}", n + 1));
            }
        }
    }
    for (rule, least) in RULES {
        let have = count.get(rule).copied().unwrap_or(0);
        if have < *least {
            failures.push(format!("rule {rule} has {have} examples, wants {least}"));
        }
    }
    assert!(lines >= 80, "only {lines} examples");
    assert!(
        failures.is_empty(),
        "{} of the clause examples fail:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
