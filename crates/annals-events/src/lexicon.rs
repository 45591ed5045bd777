//! The lexicon: CAMEO codes with their Goldstein values and PLOVER mapping,
//! and the trigger words and phrases that name events.

use crate::Error;
use std::collections::HashMap;

/// One CAMEO code.
#[derive(Debug, Clone)]
pub struct Code {
    /// Its name in the codebook.
    pub name: &'static str,
    /// Its Goldstein value.
    pub goldstein: f64,
    /// PLOVER type, if PLOVER keeps the code.
    pub plover: Option<&'static str>,
    /// PLOVER mode.
    pub mode: Option<&'static str>,
}

/// What a trigger form names.
#[derive(Debug, Clone)]
pub struct Entry {
    /// verb, noun or phrase; `none` for a phrase of `not_events.tsv`.
    pub pos: &'static str,
    /// The first form of its line (a verb's base form).
    pub base: &'static str,
    /// A verb whose forms, read as nouns, name no event (`verb_only.txt`).
    pub verb_only: bool,
    /// PLOVER type.
    pub plover: &'static str,
    /// PLOVER mode.
    pub mode: Option<&'static str>,
    /// CAMEO code.
    pub cameo: &'static str,
    /// Example sentence with the trigger in brackets.
    pub example: &'static str,
}

/// CAMEO codes and triggers.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Code -> facts.
    pub codes: HashMap<&'static str, Code>,
    /// Lower-case form -> entry.
    pub forms: HashMap<String, Entry>,
}

/// The CAMEO table, embedded.
pub const CAMEO: &str = include_str!("../data/cameo.tsv");
/// The trigger lexicon, embedded.
pub const TRIGGERS: &str = include_str!("../data/triggers.tsv");
/// Phrases that hold a trigger word but name no event, embedded.
pub const NOT_EVENTS: &str = include_str!("../data/not_events.tsv");
/// Verbs whose noun uses name no event, embedded.
pub const VERB_ONLY: &str = include_str!("../data/verb_only.txt");

/// The data lines of a file: (line number, fields), comments and blank
/// lines skipped; every line must have `n` non-empty tab-separated fields
/// (`-` writes an empty value).
pub(crate) fn rows(
    file: &'static str,
    text: &'static str,
    n: usize,
) -> impl Iterator<Item = Result<(usize, Vec<&'static str>), Error>> {
    text.lines().enumerate().filter_map(move |(i, line)| {
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        let fields: Vec<&'static str> = line.split('\t').map(str::trim).collect();
        if fields.len() != n || fields.iter().any(|f| f.is_empty()) {
            return Some(Err(Error::Data {
                file,
                line: i + 1,
                message: format!(
                    "expected {n} non-empty tab-separated fields, found {}",
                    fields.len()
                ),
            }));
        }
        Some(Ok((i + 1, fields)))
    })
}

fn optional(field: &'static str) -> Option<&'static str> {
    (field != "-" && !field.is_empty()).then_some(field)
}

impl Lexicon {
    /// Reads both files.
    pub fn load() -> Result<Lexicon, Error> {
        let mut lexicon = Lexicon::default();
        for row in rows("cameo.tsv", CAMEO, 5) {
            let (line, f) = row?;
            let goldstein: f64 = f[2].parse().map_err(|_| Error::Data {
                file: "cameo.tsv",
                line,
                message: format!("Goldstein value {:?} is not a number", f[2]),
            })?;
            lexicon.codes.insert(
                f[0],
                Code {
                    name: f[1],
                    goldstein,
                    plover: optional(f[3]),
                    mode: optional(f[4]),
                },
            );
        }
        let verb_only: Vec<(usize, &'static str)> = VERB_ONLY
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.split('#').next().unwrap_or("").trim()))
            .filter(|(_, w)| !w.is_empty())
            .collect();
        for row in rows("triggers.tsv", TRIGGERS, 6) {
            let (line, f) = row?;
            let base = f[0].split('|').next().unwrap_or("").trim();
            if !lexicon.codes.contains_key(f[4]) {
                return Err(Error::Data {
                    file: "triggers.tsv",
                    line,
                    message: format!("CAMEO code {:?} is not in cameo.tsv", f[4]),
                });
            }
            for form in f[0].split('|').map(str::trim).filter(|s| !s.is_empty()) {
                lexicon.forms.entry(form.to_lowercase()).or_insert(Entry {
                    pos: f[1],
                    base,
                    verb_only: f[1] == "verb" && verb_only.iter().any(|(_, w)| *w == base),
                    plover: f[2],
                    mode: optional(f[3]),
                    cameo: f[4],
                    example: f[5],
                });
            }
        }
        for row in rows("not_events.tsv", NOT_EVENTS, 2) {
            let (line, f) = row?;
            if !f[1].contains('[') || !f[1].contains(']') {
                return Err(Error::Data {
                    file: "not_events.tsv",
                    line,
                    message: "the example has no [phrase]".into(),
                });
            }
            for form in f[0].split('|').map(str::trim).filter(|s| !s.is_empty()) {
                lexicon.forms.insert(
                    form.to_lowercase(),
                    Entry {
                        pos: "none",
                        base: form,
                        verb_only: false,
                        plover: "-",
                        mode: None,
                        cameo: "-",
                        example: f[1],
                    },
                );
            }
        }
        for (line, word) in verb_only {
            let known = lexicon
                .forms
                .values()
                .any(|e| e.pos == "verb" && e.base == word);
            if !known {
                return Err(Error::Data {
                    file: "verb_only.txt",
                    line,
                    message: format!(
                        "{word:?} is not the first form of a verb line of triggers.tsv"
                    ),
                });
            }
        }
        Ok(lexicon)
    }

    /// The Goldstein value of a code (its root's when the code is unknown).
    pub fn goldstein(&self, code: &str) -> f64 {
        self.codes
            .get(code)
            .or_else(|| code.get(..2).and_then(|root| self.codes.get(root)))
            .map_or(0.0, |c| c.goldstein)
    }
}
