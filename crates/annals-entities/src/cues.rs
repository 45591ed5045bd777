//! Cue words (`data/cues.tsv`): heads, leads, titles, joiners, stop words,
//! and the words of amounts of money.

use crate::Error;
use annals_core::EntityLabel;
use std::collections::{HashMap, HashSet};

/// The cue words by role.
#[derive(Debug, Default)]
pub struct Cues {
    /// Last word of a name -> label.
    pub heads: HashMap<&'static str, EntityLabel>,
    /// First word of a name -> label.
    pub leads: HashMap<&'static str, EntityLabel>,
    /// Titles and offices before a person's name.
    pub titles: HashSet<&'static str>,
    /// Offices after a title's "of" ("Minister of War").
    pub offices: HashSet<&'static str>,
    /// Lower-case words that may join a name's words.
    pub inner: HashSet<&'static str>,
    /// Capitalised words that never start a name.
    pub stops: HashSet<&'static str>,
    /// Approximators before money ("nearly", "more than").
    pub approx: Vec<&'static str>,
    /// Currency signs and words.
    pub currencies: Vec<&'static str>,
    /// Scale words ("million").
    pub scales: HashSet<&'static str>,
}

/// The cue file, embedded.
pub const CUES: &str = include_str!("../data/cues.tsv");

impl Cues {
    /// Reads the cue file.
    pub fn load() -> Result<Cues, Error> {
        let mut c = Cues::default();
        for (i, line) in CUES.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&'static str> = line.split('\t').collect();
            let bad = |message: String| Error::Data {
                file: "cues.tsv",
                line: i + 1,
                message,
            };
            let [word, role, label] = f.as_slice() else {
                return Err(bad(format!(
                    "expected 3 tab-separated fields, found {}",
                    f.len()
                )));
            };
            let label_of =
                || EntityLabel::parse(label).ok_or_else(|| bad(format!("unknown label {label:?}")));
            match *role {
                "head" => {
                    c.heads.insert(word, label_of()?);
                }
                "lead" => {
                    c.leads.insert(word, label_of()?);
                }
                "title" => {
                    c.titles.insert(word);
                }
                "office" => {
                    c.offices.insert(word);
                }
                "inner" => {
                    c.inner.insert(word);
                }
                "stop" => {
                    c.stops.insert(word);
                }
                "approx" => c.approx.push(word),
                "currency" => c.currencies.push(word),
                "scale" => {
                    c.scales.insert(word);
                }
                other => return Err(bad(format!("unknown role {other:?}"))),
            }
        }
        Ok(c)
    }
}
