//! The cooperation–conflict index: the Goldstein values of the real,
//! deduplicated events between two states, summed and averaged per period
//! (year, decade, or the document's own sections).
//!
//! Which events count:
//! - real ones: negated events are left out; a hypothetical event counts
//!   only when it is a verbal act (an offer, a proposal, a promise, a threat,
//!   a demand: the words were said even if their content never happened), as
//!   the event guidelines advise, and is then flagged;
//! - once: a mention with `same_as` is a repeat of an event already counted;
//! - between the dyad: the sides are Correlates of War state numbers, so the
//!   Empire of Japan and Japan are one side (740), and the Russian Empire,
//!   the Soviet Union and Russia another (365). Undirected, an event counts
//!   when one side acts on the other or both act together; directed (`A>B`),
//!   only when A acts on B.

use annals_core::{Document, Event, Sentence};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How events are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// By the year the event started.
    Year,
    /// By the decade the event started.
    Decade,
    /// By the document's top-level section.
    Section,
}

/// The two sides of a dyad, as COW state numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dyad {
    /// The first side (a state's ISO code as written, and its COW number).
    pub a: (String, u16),
    /// The second side.
    pub b: (String, u16),
    /// Only events from `a` to `b`.
    pub directed: bool,
}

impl Dyad {
    /// The two states the mentions name most (by COW number), each under
    /// the ISO code the mentions use most for it; `None` when they name
    /// fewer than two states.
    ///
    /// ```
    /// let doc = annals_text::read_bytes("n", b"Japan and the Soviet Union met in 1956. Japan left.", annals_text::Format::Plain).unwrap();
    /// let sentences = annals_text::segment(&doc);
    /// let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    /// let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    /// let dyad = annals_events::index::Dyad::main_of(&mentions).unwrap();
    /// assert_eq!((dyad.a.0.as_str(), dyad.b.0.as_str()), ("JPN", "SUN"));
    /// ```
    pub fn main_of(mentions: &[annals_core::Mention]) -> Option<Dyad> {
        let [a, b] = crate::main_parties(mentions)[..] else {
            return None;
        };
        let label = |cow: u16| -> Option<String> {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for m in mentions.iter().filter(|m| m.cow == Some(cow)) {
                if let Some(iso) = m.iso.as_deref() {
                    *counts.entry(iso).or_default() += 1;
                }
            }
            counts
                .into_iter()
                .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(x.0)))
                .map(|(iso, _)| iso.to_string())
        };
        let mut dyad = Dyad::of_cows(a, b);
        if let (Some(la), Some(lb)) = (label(a), label(b)) {
            dyad.a.0 = la;
            dyad.b.0 = lb;
        }
        Some(dyad)
    }

    /// Both directions between two COW states, labelled by an ISO code of
    /// each (the current state's, when several share the number).
    ///
    /// ```
    /// let dyad = annals_events::index::Dyad::of_cows(740, 365);
    /// assert_eq!((dyad.a.0.as_str(), dyad.b.0.as_str()), ("JPN", "RUS"));
    /// ```
    pub fn of_cows(a: u16, b: u16) -> Dyad {
        let label = |cow: u16| -> String {
            let codes = annals_entities::state_codes();
            let mut isos: Vec<&str> = codes
                .values()
                .filter(|(_, c)| *c == Some(cow))
                .filter_map(|(iso, _)| *iso)
                .collect();
            isos.sort_unstable();
            isos.dedup();
            // The code of the state that exists today, if it is one of them.
            let current = codes.iter().find_map(|(title, (iso, c))| {
                (*c == Some(cow)
                    && annals_entities::state_title(cow, i64::MAX / 2, i64::MAX / 2)
                        == Some(*title))
                .then_some(*iso)
                .flatten()
            });
            current
                .or(isos.first().copied())
                .map_or_else(|| cow.to_string(), str::to_string)
        };
        Dyad {
            a: (label(a), a),
            b: (label(b), b),
            directed: false,
        }
    }

    /// Reads `JPN-SUN` (both directions) or `JPN>SUN` (directed) from ISO
    /// alpha-3 codes (current or former) or COW numbers.
    ///
    /// ```
    /// let dyad = annals_events::index::Dyad::parse("JPN-SUN").unwrap();
    /// assert_eq!((dyad.a.1, dyad.b.1, dyad.directed), (740, 365, false));
    /// assert!(annals_events::index::Dyad::parse("JPN>SUN").unwrap().directed);
    /// assert!(annals_events::index::Dyad::parse("XXX-SUN").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Dyad, String> {
        let (a, b, directed) = if let Some((a, b)) = text.split_once('>') {
            (a, b, true)
        } else if let Some((a, b)) = text.split_once('-') {
            (a, b, false)
        } else {
            return Err(format!(
                "dyad {text:?}: expected two state codes joined by '-' (both directions) or '>' (directed), e.g. JPN-SUN"
            ));
        };
        let side = |code: &str| -> Result<(String, u16), String> {
            let code = code.trim();
            if let Ok(n) = code.parse::<u16>() {
                return Ok((code.to_string(), n));
            }
            let upper = code.to_ascii_uppercase();
            annals_entities::state_codes()
                .values()
                .find_map(|(iso, cow)| (iso.is_some_and(|i| i == upper)).then_some(*cow).flatten())
                .map(|cow| (upper.clone(), cow))
                .ok_or_else(|| format!("dyad {text:?}: {code:?} is not a known ISO 3166 alpha-3 code or COW number"))
        };
        Ok(Dyad {
            a: side(a)?,
            b: side(b)?,
            directed,
        })
    }
}

/// One event of a period, as the index shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weighed {
    /// The event's id.
    pub id: String,
    /// Its PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its CAMEO code.
    pub cameo: String,
    /// Its Goldstein value.
    pub goldstein: f64,
    /// Its trigger words.
    pub trigger: String,
    /// Its date (TIMEX3 value, `..end` for intervals).
    pub date: Option<String>,
    /// A hypothetical verbal act.
    pub hypothetical: bool,
    /// The document it comes from (its name).
    pub document: String,
    /// The sentence it comes from.
    pub sentence: String,
    /// The sentence's byte span.
    pub sentence_start: usize,
    /// One past the sentence's last byte.
    pub sentence_end: usize,
}

/// The index of one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The period: a year, a decade (`1970s`), or a section heading.
    pub period: String,
    /// Events counted.
    pub count: usize,
    /// Sum of their Goldstein values.
    pub sum: f64,
    /// Mean Goldstein value.
    pub mean: f64,
    /// Hypothetical verbal acts among them.
    pub hypothetical: usize,
    /// The three events that weigh most (largest absolute value, earliest first on ties).
    pub top: Vec<Weighed>,
}

/// PLOVER types of verbal acts, which count even when hypothetical.
const VERBAL: [&str; 5] = ["AGREE", "CONCEDE", "THREATEN", "REQUEST", "REJECT"];

/// The COW state number of every state title.
fn cow_of() -> &'static HashMap<&'static str, u16> {
    &crate::roles::STATE_COW
}

/// Whether an event lies between the dyad's sides.
fn in_dyad(e: &Event, dyad: &Dyad, cow: &HashMap<&'static str, u16>) -> bool {
    let sides = |names: &[String]| -> Vec<u16> {
        names
            .iter()
            .filter_map(|n| cow.get(n.as_str()).copied())
            .collect()
    };
    let (src, tgt) = (sides(&e.source), sides(&e.target));
    let (a, b) = (dyad.a.1, dyad.b.1);
    let acts_on = |x: u16, y: u16| src.contains(&x) && tgt.contains(&y);
    if dyad.directed {
        return acts_on(a, b);
    }
    let joint = src.contains(&a) && src.contains(&b);
    acts_on(a, b) || acts_on(b, a) || joint
}

/// The events the index counts for a dyad, in document order.
pub fn counted<'a>(events: &'a [Event], dyad: &Dyad) -> Vec<&'a Event> {
    let cow = cow_of();
    events
        .iter()
        .filter(|e| e.same_as.is_none() && !e.negated)
        .filter(|e| !e.hypothetical || VERBAL.contains(&e.kind.as_str()))
        .filter(|e| in_dyad(e, dyad, cow))
        .collect()
}

/// The period key of an event: its start year or decade, or its section.
fn key(e: &Event, by: Period, doc: &Document, sentences: &[Sentence]) -> Option<(String, String)> {
    match by {
        Period::Year | Period::Decade => {
            let value = &e.date.as_ref()?.value;
            let digits: String = value.chars().take_while(|c| c.is_ascii_digit()).collect();
            match (by, digits.len()) {
                (Period::Year, n) if n >= 4 => Some((digits[..4].to_string(), digits[..4].into())),
                (Period::Decade, n) if n >= 3 => {
                    Some((digits[..3].to_string(), format!("{}0s", &digits[..3])))
                }
                _ => None,
            }
        }
        Period::Section => {
            let s = sentences
                .iter()
                .find(|s| s.span.start <= e.sentence_start && e.sentence_start < s.span.end)?;
            // The top-level section (level 2) that holds the sentence.
            let mut i = s.section;
            while let Some(p) = doc.sections.get(i).and_then(|x| x.parent) {
                if doc.sections[i].level <= 2 {
                    break;
                }
                i = p;
            }
            let heading = doc.sections[i].heading.map_or_else(
                || "(lead)".to_string(),
                |h| doc.span_text(h).trim().to_string(),
            );
            Some((format!("{i:06}"), heading))
        }
    }
}

/// The index of a document's events for a dyad, period by period in order
/// (years and decades in time order, sections in document order). Events
/// with no date fall out of the year and decade indexes.
pub fn index(
    doc: &Document,
    sentences: &[Sentence],
    events: &[Event],
    dyad: &Dyad,
    by: Period,
) -> Vec<Row> {
    let mut groups: BTreeMap<String, (String, Vec<&Event>)> = BTreeMap::new();
    for e in counted(events, dyad) {
        if let Some((sort, label)) = key(e, by, doc, sentences) {
            groups
                .entry(sort)
                .or_insert_with(|| (label, Vec::new()))
                .1
                .push(e);
        }
    }
    groups
        .into_values()
        .map(|(period, list)| {
            let sum: f64 = list.iter().map(|e| e.goldstein).sum();
            let mut top: Vec<&Event> = list.clone();
            top.sort_by(|x, y| y.goldstein.abs().total_cmp(&x.goldstein.abs()));
            top.truncate(3);
            Row {
                period,
                count: list.len(),
                sum,
                mean: sum / list.len() as f64,
                hypothetical: list.iter().filter(|e| e.hypothetical).count(),
                top: top
                    .into_iter()
                    .map(|e| Weighed {
                        id: e.id.clone(),
                        kind: e.kind.clone(),
                        cameo: e.cameo.clone(),
                        goldstein: e.goldstein,
                        trigger: e.trigger.text.clone(),
                        date: e.date.as_ref().map(|d| match &d.end {
                            Some(end) => format!("{}..{end}", d.value),
                            None => d.value.clone(),
                        }),
                        hypothetical: e.hypothetical,
                        document: doc.name.clone(),
                        sentence: doc
                            .text
                            .get(e.sentence_start..e.sentence_end)
                            .unwrap_or("")
                            .to_string(),
                        sentence_start: e.sentence_start,
                        sentence_end: e.sentence_end,
                    })
                    .collect(),
            }
        })
        .collect()
}
