//! Events in narrative text: triggers coded with PLOVER, CAMEO and Goldstein,
//! with their actors, dates and polarity.
//!
//! Each sentence is searched for the trigger words and phrases of
//! `data/triggers.tsv` (one automaton, word boundaries) and for the named
//! events the entity layer found ("Battle of Lake Khasan"). A trigger takes
//! its PLOVER type and mode and its CAMEO code from the lexicon and the
//! Goldstein value of that code from `data/cameo.tsv`. Its date is the time
//! expression of its sentence nearest to it, else the narrative's latest
//! date; its polarity comes from the words before it in its clause
//! ("did not", "never", "would", "offered to", an "if" clause).
//!
//! Actors are still found by position in the clause (the nearest names
//! before and after the trigger, passives and coordination handled); a
//! parser-based actor finder is the next step.

mod lexicon;
pub mod measures;

use aho_corasick::{AhoCorasick, MatchKind};
use annals_core::{
    Document, EntityLabel, Event, EventDate, Mention, Sentence, Timex, TimexType, Trigger,
};
use lexicon::Lexicon;
use std::sync::LazyLock;

pub use lexicon::{Code, Entry};

/// Errors in the data files (found by the tests).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A data file line that cannot be read.
    #[error("{file}:{line}: {message}")]
    Data {
        /// The data file.
        file: &'static str,
        /// The line (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

struct Model {
    lexicon: Lexicon,
    automaton: AhoCorasick,
    forms: Vec<String>,
}

fn build() -> Result<Model, Error> {
    let lexicon = Lexicon::load()?;
    let mut forms: Vec<String> = lexicon.forms.keys().cloned().collect();
    forms.sort();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&forms)
        .map_err(|e| Error::Data {
            file: "triggers.tsv",
            line: 0,
            message: e.to_string(),
        })?;
    Ok(Model {
        lexicon,
        automaton,
        forms,
    })
}

static MODEL: LazyLock<Model> = LazyLock::new(|| match build() {
    Ok(m) => m,
    Err(e) => panic!("the embedded event lexicon is valid (the test suite checks it): {e}"),
});

/// Checks that the data files read; the tests call it.
pub fn check_data() -> Result<(), Error> {
    build().map(|_| ())
}

/// The lexicon's entries, for the tests of their examples.
pub fn entries() -> Vec<(&'static str, &'static Entry)> {
    let mut out: Vec<(&'static str, &'static Entry)> = MODEL
        .lexicon
        .forms
        .iter()
        .map(|(form, entry)| (form.as_str(), entry))
        .collect();
    out.sort_by_key(|(form, _)| *form);
    out
}

/// The Goldstein value of a CAMEO code.
///
/// ```
/// # if annals_events::check_data().is_err() { return; }
/// assert_eq!(annals_events::goldstein("057"), 8.0);
/// ```
pub fn goldstein(code: &str) -> f64 {
    MODEL.lexicon.goldstein(code)
}

/// Words that make the next trigger negated when they come just before it.
const NEGATORS: [&str; 7] = ["not", "never", "n't", "no", "neither", "nor", "without"];
/// Words that make the next trigger hypothetical when they come just before it.
const MODALS: [&str; 7] = ["would", "might", "could", "may", "will", "should", "shall"];
/// Verbs whose "to"-complement is not reported as carried out.
const INTENTIONS: [&str; 22] = [
    "offer",
    "offered",
    "offers",
    "propose",
    "proposed",
    "proposes",
    "plan",
    "planned",
    "plans",
    "promise",
    "promised",
    "pledge",
    "pledged",
    "threaten",
    "threatened",
    "intend",
    "intended",
    "want",
    "wanted",
    "sought",
    "hoped",
    "prepared",
];
/// Conjunctions that open a condition.
const CONDITIONS: [&str; 3] = ["if", "unless", "until"];
/// Words that make a named event a time frame ("during World War II").
const FRAMES: [&str; 9] = [
    "during",
    "after",
    "before",
    "since",
    "until",
    "following",
    "throughout",
    "of",
    "end",
];

/// The words of a text with their byte offsets (ASCII-lower-cased copies).
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, text[s..i].to_ascii_lowercase()));
                start = None;
            }
            _ => {}
        }
        if matches!(c, ';' | ':' | ',' | '(' | ')') {
            out.push((i, i + c.len_utf8(), c.to_string()));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), text[s..].to_ascii_lowercase()));
    }
    out
}

/// An event found in a sentence, before ids and coreference.
struct Found {
    start: usize,
    end: usize,
    plover: &'static str,
    mode: Option<&'static str>,
    cameo: &'static str,
    passive: bool,
}

/// Finds, codes and dates every event of a document.
pub fn tag_document(
    doc: &Document,
    sentences: &[Sentence],
    timexes: &[Timex],
    mentions: &[Mention],
) -> Vec<Event> {
    let model = &*MODEL;
    let mut out: Vec<Event> = Vec::new();
    let mut narrative: Option<&Timex> = None;
    let mut t = 0;
    let mut m = 0;
    for s in sentences {
        let text = doc.span_text(s.span);
        let lower = text.to_ascii_lowercase();
        let ws = words(text);
        // The sentence's timexes and names.
        let mut dates: Vec<&Timex> = Vec::new();
        while t < timexes.len() && timexes[t].span.start < s.span.end {
            if timexes[t].span.start >= s.span.start
                && timexes[t].kind == TimexType::Date
                && timexes[t].earliest.is_some()
            {
                dates.push(&timexes[t]);
            }
            t += 1;
        }
        let mut names: Vec<&Mention> = Vec::new();
        while m < mentions.len() && mentions[m].span.start < s.span.end {
            if mentions[m].span.start >= s.span.start {
                names.push(&mentions[m]);
            }
            m += 1;
        }
        let mut found: Vec<Found> = Vec::new();
        for hit in model.automaton.find_iter(&lower) {
            let (a, b) = (hit.start(), hit.end());
            let bounded = lower[..a]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
                && lower[b..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            let inside_name = names
                .iter()
                .any(|n| n.span.start < s.span.start + b && s.span.start + a < n.span.end);
            if !bounded || inside_name {
                continue;
            }
            let Some(entry) = model
                .lexicon
                .forms
                .get(&model.forms[hit.pattern().as_usize()])
            else {
                continue;
            };
            let before: Vec<&str> = ws
                .iter()
                .filter(|w| w.1 <= a)
                .map(|w| w.2.as_str())
                .collect();
            let passive = entry.pos != "noun"
                && before
                    .last()
                    .is_some_and(|w| matches!(*w, "was" | "were" | "been" | "being" | "be"));
            found.push(Found {
                start: a,
                end: b,
                plover: entry.plover,
                mode: entry.mode,
                cameo: entry.cameo,
                passive,
            });
        }
        for n in names.iter().filter(|n| n.label == EntityLabel::Event) {
            let (a, b) = (n.span.start - s.span.start, n.span.end - s.span.start);
            let before = ws.iter().rev().find(|w| w.1 <= a).map(|w| w.2.as_str());
            if before.is_some_and(|w| FRAMES.contains(&w)) {
                continue;
            }
            let name = n.text.as_str();
            let (plover, cameo) = if [
                "War",
                "Battle",
                "Battles",
                "Siege",
                "Offensive",
                "Operation",
                "Invasion",
                "Incident",
                "Raid",
                "Intervention",
                "intervention",
                "war",
            ]
            .iter()
            .any(|h| name.split([' ', '-', '–']).any(|w| w == *h))
            {
                ("ASSAULT", "190")
            } else if ["Conference", "Summit", "Congress", "Talks"]
                .iter()
                .any(|h| name.contains(h))
            {
                ("CONSULT", "040")
            } else {
                continue;
            };
            found.push(Found {
                start: a,
                end: b,
                plover,
                mode: None,
                cameo,
                passive: false,
            });
        }
        found.sort_by_key(|f| f.start);
        found.dedup_by(|x, y| x.start < y.end && y.start < x.end);
        for f in found {
            let event = code(model, s, text, &ws, &f, &dates, narrative, &names);
            out.push(event);
        }
        // The narrative's latest date with a year, for the next sentences.
        if let Some(last) = dates.iter().rev().find(|d| d.value.len() >= 4) {
            narrative = Some(last);
        }
    }
    for (i, e) in out.iter_mut().enumerate() {
        e.id = format!("E{}", i + 1);
    }
    link_repeats(&mut out);
    out
}

#[allow(clippy::too_many_arguments)]
fn code(
    model: &Model,
    s: &Sentence,
    text: &str,
    ws: &[(usize, usize, String)],
    f: &Found,
    dates: &[&Timex],
    narrative: Option<&Timex>,
    names: &[&Mention],
) -> Event {
    // The clause: the words since the last ";" or ":" before the trigger.
    let clause_start = ws
        .iter()
        .rev()
        .find(|w| w.1 <= f.start && matches!(w.2.as_str(), ";" | ":"))
        .map_or(0, |w| w.1);
    let before: Vec<&str> = ws
        .iter()
        .filter(|w| w.0 >= clause_start && w.1 <= f.start)
        .map(|w| w.2.as_str())
        .collect();
    let near = |n: usize| before.iter().rev().take(n).copied().collect::<Vec<&str>>();
    let negated = near(3)
        .iter()
        .any(|w| NEGATORS.contains(w) || w.ends_with("n't"))
        || near(4)
            .iter()
            .any(|w| matches!(*w, "prevented" | "prevent" | "prevents" | "eluded"));
    let mut hypothetical = near(3).iter().any(|w| MODALS.contains(w));
    if let [.., verb, to] = before.as_slice() {
        if *to == "to" && INTENTIONS.contains(verb) {
            hypothetical = true;
        }
    }
    if before.iter().any(|w| CONDITIONS.contains(w)) {
        hypothetical = true;
    }
    let date = date_of(f, s, dates, narrative);
    let (source, target) = actors(f, s, ws, names);
    Event {
        id: String::new(),
        sentence_start: s.span.start,
        sentence_end: s.span.end,
        trigger: Trigger {
            start: s.span.start + f.start,
            end: s.span.start + f.end,
            text: text[f.start..f.end].to_string(),
        },
        kind: f.plover.to_string(),
        mode: f.mode.map(str::to_string),
        cameo: f.cameo.to_string(),
        goldstein: model.lexicon.goldstein(f.cameo),
        source,
        target,
        date,
        location: None,
        negated,
        hypothetical,
        same_as: None,
    }
}

/// The date of an event: the sentence's date nearest to the trigger (with
/// the end of a written range), else the narrative's latest date.
fn date_of(
    f: &Found,
    s: &Sentence,
    dates: &[&Timex],
    narrative: Option<&Timex>,
) -> Option<EventDate> {
    let at = s.span.start + f.start;
    let nearest = dates
        .iter()
        .filter(|d| d.range_start.is_none())
        .min_by_key(|d| d.span.start.abs_diff(at))
        .copied()
        .or(narrative)?;
    let end = dates
        .iter()
        .find(|d| d.range_start.as_deref() == Some(nearest.id.as_str()))
        .map(|d| d.value.clone());
    Some(EventDate {
        value: nearest.value.clone(),
        end,
        modifier: nearest.modifier.map(|m| m.as_str().to_string()),
    })
}

fn is_actor(m: &Mention) -> bool {
    matches!(
        m.label,
        EntityLabel::Gpe | EntityLabel::Norp | EntityLabel::Person | EntityLabel::Org
    ) && m.link.is_some()
}

/// Actors by position in the clause: the nearest names before and after the
/// trigger; "by" after a passive trigger names the doer; "X and Y" before a
/// trigger are joint doers.
fn actors(
    f: &Found,
    s: &Sentence,
    ws: &[(usize, usize, String)],
    names: &[&Mention],
) -> (Vec<String>, Vec<String>) {
    let at = s.span.start + f.start;
    let end = s.span.start + f.end;
    let boundary = |a: usize, b: usize| {
        ws.iter().any(|w| {
            w.0 + s.span.start >= a && w.1 + s.span.start <= b && matches!(w.2.as_str(), ";" | ":")
        })
    };
    let actors: Vec<&&Mention> = names.iter().filter(|m| is_actor(m)).collect();
    let before: Vec<&&&Mention> = actors
        .iter()
        .filter(|m| m.span.end <= at && !boundary(m.span.end, at))
        .collect();
    let after: Vec<&&&Mention> = actors
        .iter()
        .filter(|m| m.span.start >= end && !boundary(end, m.span.start))
        .collect();
    let link = |m: &Mention| m.link.clone().unwrap_or_default();
    let mut subject: Vec<String> = Vec::new();
    if let Some(last) = before.last() {
        subject.push(link(last));
        // "Japan and the Soviet Union signed": coordinated doers.
        if before.len() >= 2 {
            let prev = before[before.len() - 2];
            let gap = &ws
                .iter()
                .filter(|w| {
                    w.0 + s.span.start >= prev.span.end && w.1 + s.span.start <= last.span.start
                })
                .map(|w| w.2.as_str())
                .collect::<Vec<_>>();
            if matches!(gap.as_slice(), ["and"] | ["and", "the"]) {
                subject.insert(0, link(prev));
            }
        }
    }
    let object: Vec<String> = after.first().map(|m| vec![link(m)]).unwrap_or_default();
    let (mut source, mut target) = if f.passive {
        // "Japan was pressed by the United States".
        let by = ws
            .iter()
            .find(|w| w.0 + s.span.start >= end && w.2 == "by")
            .map(|w| w.1 + s.span.start);
        let agent: Vec<String> = by
            .and_then(|b| after.iter().find(|m| m.span.start >= b))
            .map(|m| vec![link(m)])
            .unwrap_or_default();
        (agent, subject)
    } else {
        (subject, object)
    };
    source.dedup();
    target.retain(|t| !source.contains(t));
    target.dedup();
    (source, target)
}

/// Later mentions of the same event (same code, actors and date) point to the first.
fn link_repeats(events: &mut [Event]) {
    for i in 0..events.len() {
        if events[i].source.is_empty() {
            continue;
        }
        let root = events[..i].iter().find(|e| {
            e.same_as.is_none()
                && e.cameo == events[i].cameo
                && e.source == events[i].source
                && e.target == events[i].target
                && e.date == events[i].date
        });
        if let Some(root) = root {
            events[i].same_as = Some(root.id.clone());
        }
    }
}
