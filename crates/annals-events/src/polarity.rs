//! Negation and hypotheticality, from the cue words of `data/polarity.tsv`
//! around a trigger.

use crate::Error;
use std::collections::HashMap;

/// The polarity cue table, embedded.
pub const POLARITY: &str = include_str!("../data/polarity.tsv");

/// What a cue does, and where it looks (see `data/polarity.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// "not", "never": negated, just before the trigger.
    Negator,
    /// "prevented the conclusion of": negated.
    Prevention,
    /// "was never carried out", after the trigger: negated.
    Unrealized,
    /// "would", "might", earlier in the clause: hypothetical.
    Modal,
    /// "offered to", "planned": hypothetical complement.
    Intention,
    /// "sought to", "tried to": the complement is the event, reported as tried.
    Attempt,
    /// The trigger itself is an offer or proposal: hypothetical.
    Offer,
    /// "if", "unless", "until": hypothetical clause.
    Condition,
    /// "the possibility of", "feared": hypothetical.
    Fear,
}

impl Role {
    fn parse(text: &str) -> Option<Role> {
        Some(match text {
            "negator" => Role::Negator,
            "prevention" => Role::Prevention,
            "unrealized" => Role::Unrealized,
            "modal" => Role::Modal,
            "intention" => Role::Intention,
            "attempt" => Role::Attempt,
            "offer" => Role::Offer,
            "condition" => Role::Condition,
            "fear" => Role::Fear,
            _ => return None,
        })
    }
}

/// One line of the cue table.
#[derive(Debug, Clone)]
pub struct Cue {
    /// The cue's words.
    pub words: Vec<String>,
    /// What it does.
    pub role: Role,
    /// What the example's trigger must come out as.
    pub expect: &'static str,
    /// The example sentence, trigger in brackets.
    pub example: &'static str,
}

/// All cues, by role.
#[derive(Debug, Default)]
pub struct Cues {
    /// Every line, in file order.
    pub all: Vec<Cue>,
    by_role: HashMap<Role, Vec<Vec<String>>>,
}

impl Cues {
    /// Reads the embedded table.
    pub fn load() -> Result<Cues, Error> {
        let mut cues = Cues::default();
        for (i, line) in POLARITY.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| Error::Data {
                file: "polarity.tsv",
                line: i + 1,
                message,
            };
            let f: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            let [cue, role, expect, example] = f.as_slice() else {
                return Err(bad(format!("expected 4 fields, found {}", f.len())));
            };
            let role = Role::parse(role).ok_or_else(|| bad(format!("unknown role {role:?}")))?;
            if !matches!(
                *expect,
                "negated" | "hypothetical" | "negated+hypothetical" | "plain"
            ) {
                return Err(bad(format!("unknown expectation {expect:?}")));
            }
            if !example.contains('[') || !example.contains(']') {
                return Err(bad("the example has no [trigger]".into()));
            }
            let words: Vec<String> = crate::words(cue).into_iter().map(|w| w.2).collect();
            if words.is_empty() {
                return Err(bad("empty cue".into()));
            }
            cues.by_role.entry(role).or_default().push(words.clone());
            cues.all.push(Cue {
                words,
                role,
                expect,
                example,
            });
        }
        Ok(cues)
    }

    /// Whether a word is an intention cue ("sought", "wanted", "hoped").
    pub fn is_intention(&self, word: &str) -> bool {
        self.of(Role::Intention)
            .iter()
            .chain(self.of(Role::Attempt))
            .any(|c| c.len() == 1 && c[0] == word)
    }

    fn of(&self, role: Role) -> &[Vec<String>] {
        self.by_role.get(&role).map_or(&[], Vec::as_slice)
    }
}

/// The polarity of one trigger.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Polarity {
    pub negated: bool,
    pub hypothetical: bool,
    /// The trigger is the content of a condition or a fear: it has no time of
    /// its own.
    pub unanchored: bool,
}

/// Word tokens of a sentence: (start, end, lower-case text).
type Words<'a> = &'a [(usize, usize, String)];

/// Whether `cue` matches the words at index `i` (a negator "n't" matches
/// the end of a word: "didn't").
fn matches_at(ws: Words, i: usize, cue: &[String]) -> bool {
    if cue.len() == 1 && cue[0] == "n't" {
        return ws
            .get(i)
            .is_some_and(|w| w.2.ends_with("n't") || w.2.ends_with("n’t"));
    }
    cue.iter()
        .enumerate()
        .all(|(k, c)| ws.get(i + k).is_some_and(|w| w.2 == *c))
}

/// Index of the first cue of `role` that ends in `from..to` (word indices),
/// with the index where it starts.
fn find(cues: &Cues, role: Role, ws: Words, from: usize, to: usize) -> Option<(usize, usize)> {
    (from..to).find_map(|i| {
        cues.of(role)
            .iter()
            .find(|c| i + c.len() <= to && matches_at(ws, i, c))
            .map(|c| (i, i + c.len()))
    })
}

/// Words that may stand between an intention verb and the noun it governs
/// ("planned an invasion", "considered the immediate occupation").
const DETERMINERS: [&str; 8] = ["a", "an", "the", "its", "their", "his", "her", "another"];

/// Words that end the reach of a modal or an intention: a new clause or a
/// time phrase ("would consider breaking the pact when Germany invaded").
const SCOPE_BREAKS: [&str; 12] = [
    "when", "after", "before", "until", "which", "who", "because", "while", "since", "as", "where",
    "whereas",
];

/// Words that make a modal a past narrative ("would later sign").
const NARRATIVE: [&str; 4] = ["later", "eventually", "soon", "ultimately"];

/// The polarity of the trigger at bytes `start..end` of a sentence whose
/// words are `ws` and whose time expressions start at `dates` (offsets
/// relative to the sentence).
pub(crate) fn polarity(
    cues: &Cues,
    ws: Words,
    start: usize,
    end: usize,
    trigger: &str,
    dates: &[usize],
) -> Polarity {
    let ti = ws.iter().position(|w| w.0 >= start).unwrap_or(ws.len());
    let after = ws.iter().position(|w| w.0 >= end).unwrap_or(ws.len());
    let hard = |w: &str| matches!(w, ";" | ":");
    let soft = |w: &str| matches!(w, ";" | ":" | "," | "(" | ")");
    let clause = (0..ti).rev().find(|&i| hard(&ws[i].2)).map_or(0, |i| i + 1);
    let phrase = (0..ti).rev().find(|&i| soft(&ws[i].2)).map_or(0, |i| i + 1);
    let mut p = Polarity::default();

    // Negation: just before the trigger, or a prevention verb, or "was never
    // carried out" after it.
    if find(
        cues,
        Role::Negator,
        ws,
        ti.saturating_sub(3).max(clause),
        ti,
    )
    .is_some()
        || find(
            cues,
            Role::Prevention,
            ws,
            ti.saturating_sub(5).max(clause),
            ti,
        )
        .is_some()
    {
        p.negated = true;
    }
    if let Some((cue, _)) = find(cues, Role::Unrealized, ws, after, ws.len()) {
        if cue - after <= 12 {
            p.negated = true;
        }
    }

    // Modals in the trigger's phrase, unless negated ("would not attack")
    // or narrative ("would later sign").
    let scope = (phrase..ti)
        .rev()
        .find(|&i| SCOPE_BREAKS.contains(&ws[i].2.as_str()))
        .map_or(phrase, |i| i + 1);
    if let Some((m, e)) = find(cues, Role::Modal, ws, scope, ti) {
        let next = ws.get(e).map(|w| w.2.as_str()).unwrap_or("");
        let negated_modal =
            find(cues, Role::Negator, ws, e, (e + 1).min(ti)).is_some() || next.ends_with("n't");
        if !negated_modal && !NARRATIVE.contains(&next) && m < ti {
            p.hypothetical = true;
        }
    }
    // "offered to [return]", "planned an [invasion]", "considered [breaking]".
    let mut k = ti;
    if k > 0 && ws[k - 1].2 == "to" {
        k -= 1;
    } else {
        while k > phrase && k + 3 > ti && DETERMINERS.contains(&ws[k - 1].2.as_str()) {
            k -= 1;
        }
    }
    if (k.saturating_sub(3)..k).any(|i| {
        cues.of(Role::Intention)
            .iter()
            .any(|c| i + c.len() == k && matches_at(ws, i, c))
    }) {
        p.hypothetical = true;
    }
    // "pledged to support Japan … and waive all claims": a later verb of the
    // same infinitive.
    if !p.hypothetical
        && ti > 0
        && ws[ti - 1].2 == "and"
        && (scope..ti.saturating_sub(1)).any(|i| {
            ws.get(i + 1).is_some_and(|w| w.2 == "to")
                && cues
                    .of(Role::Intention)
                    .iter()
                    .any(|c| c.len() == 1 && c[0] == ws[i].2)
        })
    {
        p.hypothetical = true;
    }
    // The trigger is an offer.
    let lower = trigger.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    if cues
        .of(Role::Offer)
        .iter()
        .any(|c| (c.len() == 1 && (c[0] == lower || c[0] == first)) || c.join(" ") == lower)
    {
        p.hypothetical = true;
    }
    // A condition clause that holds the trigger; "until" before a date is
    // a time, not a condition.
    if let Some((_, e)) = find(cues, Role::Condition, ws, clause, ti) {
        let temporal = ws.get(e).is_some_and(|w| dates.contains(&w.0))
            || ws
                .get(e..(e + 3).min(ti))
                .is_some_and(|next| next.iter().any(|w| dates.contains(&w.0)));
        if !temporal {
            p.hypothetical = true;
            p.unanchored = true;
        }
    }
    // "he feared that Japan would encourage nomads … to rebel": everything
    // in a feared "that" clause.
    let feared_clause = (clause..ti).any(|i| {
        ws.get(i + 1).is_some_and(|w| w.2 == "that")
            && cues
                .of(Role::Fear)
                .iter()
                .any(|c| c.len() == 1 && c[0] == ws[i].2)
    });
    if feared_clause || find(cues, Role::Fear, ws, ti.saturating_sub(5).max(clause), ti).is_some() {
        p.hypothetical = true;
        p.unanchored = true;
    }
    p
}
