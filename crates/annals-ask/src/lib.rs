//! Questions answered from the record, each answer with the sentences it
//! rests on.
//!
//! The question goes through the same pipeline as the documents: its date
//! expressions become a period, its entity mentions become links, its verb
//! an event type, and the rest of its words become search terms. The
//! record's sentences that hold those terms are read with their events, each
//! event is scored by what it shares with the question, and the best one
//! answers:
//!
//! - *when* — the event's date, at its own precision;
//! - *who* — its actors that the question does not name;
//! - *where* — its location, or for a visit the state or place visited;
//! - *how much / how many* — the measure of the period whose description
//!   shares the question's words;
//! - *what happened* — the events of the period, weightiest first.
//!
//! When nothing scores well enough the answer is "no answer found", with the
//! closest sentences, never a guess.

pub mod record;

use annals_core::calendar::value_days;
use annals_core::Event;
use annals_store::query::{Filter, Quote, StoredEvent};
use annals_store::{Error, Store};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Asks {
    /// A date.
    When,
    /// Actors.
    Who,
    /// A place.
    Where,
    /// A quantity.
    HowMuch,
    /// The events of a period.
    WhatHappened,
}

/// One fact an answer rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The sentence, with its document and byte span.
    pub quote: Quote,
    /// The event, when the fact is an event.
    pub event: Option<Event>,
    /// The date of the fact (TIMEX3 value), when it has one.
    pub date: Option<String>,
}

/// The answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// The question as asked.
    pub question: String,
    /// What it asks for.
    pub asks: Option<Asks>,
    /// The answer, `None` when none was found.
    pub answer: Option<String>,
    /// The facts the answer rests on, the deciding one first.
    pub evidence: Vec<Evidence>,
    /// When no answer was found: the sentences closest to the question.
    pub closest: Vec<Quote>,
}

/// Words that carry no content in a question (`data/stopwords.txt`).
static STOPWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/stopwords.txt")
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
});

/// State titles with their COW numbers.
static STATES: LazyLock<HashMap<&'static str, u16>> = LazyLock::new(|| {
    annals_entities::state_codes()
        .into_iter()
        .filter_map(|(title, (_, cow))| cow.map(|c| (title, c)))
        .collect()
});

/// What the pipeline finds in a question.
#[derive(Debug, Default)]
struct Parsed {
    asks: Option<Asks>,
    /// The period the question names, as day numbers.
    from: Option<i64>,
    to: Option<i64>,
    /// Entity links, with the words that named each.
    entities: Vec<(String, String)>,
    /// Event types of the question's verbs.
    kinds: Vec<String>,
    /// Verb and noun stems that should occur in the answer's sentence.
    terms: Vec<String>,
}

/// A crude stem, enough to compare a question's words with a sentence's:
/// lower case, common endings removed.
fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    for end in [
        "ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s",
    ] {
        if w.len() > end.len() + 3 {
            if let Some(s) = w.strip_suffix(end) {
                return s.to_string();
            }
        }
    }
    w
}

fn parse(question: &str) -> Parsed {
    let lower = question.trim().to_lowercase();
    let asks = if lower.starts_with("when") || lower.starts_with("in what year") {
        Some(Asks::When)
    } else if lower.starts_with("who") {
        Some(Asks::Who)
    } else if lower.starts_with("where") {
        Some(Asks::Where)
    } else if lower.starts_with("how much") || lower.starts_with("how many") {
        Some(Asks::HowMuch)
    } else if lower.starts_with("what happened") || lower.starts_with("what did") {
        Some(Asks::WhatHappened)
    } else {
        None
    };
    let mut parsed = Parsed {
        asks,
        ..Default::default()
    };
    // Dates: the question's period.
    let timexes = annals_time::tag_text(question, &Default::default());
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for t in &timexes {
        let days = |s: &Option<String>| s.as_deref().and_then(annals_core::calendar::parse_iso_day);
        if let (Some(a), Some(b)) = (days(&t.earliest), days(&t.latest)) {
            parsed.from = Some(parsed.from.map_or(a, |f: i64| f.min(a)));
            parsed.to = Some(parsed.to.map_or(b, |x: i64| x.max(b)));
            covered.push((t.span.start, t.span.end));
        }
    }
    // Entities and events: the question read as a one-sentence document.
    if let Ok(doc) =
        annals_text::read_bytes("question", question.as_bytes(), annals_text::Format::Plain)
    {
        let sentences = annals_text::segment(&doc);
        let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
        for m in &mentions {
            covered.push((m.span.start, m.span.end));
            if let Some(link) = &m.link {
                parsed.entities.push((link.clone(), m.text.clone()));
            }
        }
        for e in annals_events::tag_document(&doc, &sentences, &timexes, &mentions) {
            parsed.kinds.push(e.kind.clone());
        }
    }
    // The remaining content words.
    let mut at = 0;
    for word in question.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        let start = question[at..].find(word).map_or(at, |i| at + i);
        at = start + word.len();
        if word.is_empty()
            || covered.iter().any(|&(a, b)| start >= a && start < b)
            || STOPWORDS.contains(word.to_lowercase().as_str())
            || word.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        parsed.terms.push(stem(word));
    }
    parsed
}

/// Whether an event actor is the entity a question names: the same title,
/// the same state (by COW number: Japan and the Empire of Japan), or the
/// state whose capital the question names.
fn same_party(actor: &str, link: &str) -> bool {
    if actor.eq_ignore_ascii_case(link) {
        return true;
    }
    let Some(&cow) = STATES.get(actor) else {
        return false;
    };
    STATES.get(link) == Some(&cow) || annals_entities::capital_of(link).contains(&cow)
}

/// Each form of an irregular verb -> all its forms (`data/irregular.txt`).
static IRREGULAR: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in include_str!("../data/irregular.txt").lines() {
        let forms: Vec<&str> = line
            .split('#')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        for f in &forms {
            map.insert(*f, forms.clone());
        }
    }
    map
});

/// Whether a sentence (lower case) holds a question's word: itself, another
/// form of an irregular verb, or a word of the same family (the same first
/// four letters, both words five letters or longer: "invade", "invasion").
fn holds(sentence: &str, term: &str) -> bool {
    if sentence.contains(term) {
        return true;
    }
    if let Some(forms) = IRREGULAR.get(term) {
        if forms.iter().any(|f| sentence.contains(f)) {
            return true;
        }
    }
    let prefix: String = term.chars().take(4).collect();
    term.chars().count() >= 5
        && sentence
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.chars().count() >= 5 && w.starts_with(&prefix))
}

/// The share of the question's content words that the event's sentence
/// holds (1 when the question has none beyond its names and dates).
fn coverage(parsed: &Parsed, e: &StoredEvent) -> f64 {
    if parsed.terms.is_empty() {
        return 1.0;
    }
    let sentence = e.quote.text.to_lowercase();
    let held = parsed.terms.iter().filter(|t| holds(&sentence, t)).count();
    held as f64 / parsed.terms.len() as f64
}

/// How well an event answers the question.
fn score(parsed: &Parsed, e: &StoredEvent, rank: usize) -> f64 {
    let ev = &e.event;
    let sentence = e.quote.text.to_lowercase();
    let mut s = 1.0 / (1.0 + rank as f64);
    for (link, words) in &parsed.entities {
        if ev
            .source
            .iter()
            .chain(&ev.target)
            .any(|a| same_party(a, link))
        {
            s += 2.0;
        } else if ev.location.as_deref().is_some_and(|l| same_party(l, link))
            || sentence.contains(&words.to_lowercase())
        {
            s += 1.0;
        }
    }
    // The question names the event itself ("the Soviet invasion of Manchuria").
    let trigger_text = ev.trigger.text.to_lowercase();
    if parsed.entities.iter().any(|(link, words)| {
        words.to_lowercase() == trigger_text || link.to_lowercase() == trigger_text
    }) {
        s += 3.0;
    }
    if parsed.kinds.contains(&ev.kind) {
        s += 1.5;
    }
    let trigger: Vec<String> = ev.trigger.text.split_whitespace().map(stem).collect();
    for t in &parsed.terms {
        if trigger.iter().any(|w| w == t) {
            s += 2.0;
        } else if sentence.contains(t.as_str()) {
            s += 1.0;
        }
    }
    if let (Some(from), Some(to)) = (parsed.from, parsed.to) {
        match &e.dated {
            Some(d) if d.last_day >= from && d.first_day <= to => s += 1.0,
            Some(_) => s -= 3.0,
            None => {}
        }
    }
    if ev.negated {
        s -= 3.0;
    }
    if ev.hypothetical {
        s -= 1.0;
    }
    if ev.same_as.is_some() {
        s -= 0.25;
    }
    s
}

/// A date value in words: "13 April 1941", "January 1925", "1941", "the 1980s".
pub fn date_in_words(value: &str, end: Option<&str>) -> String {
    use annals_core::calendar::MONTH_NAMES as MONTHS;
    let one = |v: &str| -> String {
        let digits = v.chars().take_while(char::is_ascii_digit).count();
        let month = v
            .get(5..7)
            .and_then(|m| m.parse::<usize>().ok())
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
        let day = v.get(8..10).and_then(|d| d.parse::<u8>().ok());
        match (digits, month, day) {
            (3, _, _) => format!("the {v}0s"),
            (2, _, _) => format!("the {}00s", v),
            (4, Some(m), Some(d)) => format!("{d} {m} {}", &v[..4]),
            (4, Some(m), None) => format!("{m} {}", &v[..4]),
            _ => v.to_string(),
        }
    };
    match end {
        Some(e) => format!("{} to {}", one(value), one(e)),
        None => one(value),
    }
}

fn evidence(e: &StoredEvent) -> Evidence {
    Evidence {
        quote: e.quote.clone(),
        date: e.event.date.as_ref().map(|d| match &d.end {
            Some(end) => format!("{}/{end}", d.value),
            None => d.value.clone(),
        }),
        event: Some(e.event.clone()),
    }
}

/// Answers a question from the record.
pub fn ask(store: &Store, question: &str) -> Result<Answer, Error> {
    let parsed = parse(question);
    let mut answer = Answer {
        question: question.to_string(),
        asks: parsed.asks,
        answer: None,
        evidence: Vec::new(),
        closest: Vec::new(),
    };
    let period = Filter {
        from: parsed.from,
        to: parsed.to,
        ..Default::default()
    };
    let mut words: Vec<String> = parsed.terms.clone();
    words.extend(parsed.entities.iter().map(|(_, w)| w.clone()));
    let hits = store.search_any(
        &words,
        &Filter {
            limit: Some(60),
            ..Default::default()
        },
    )?;
    answer.closest = hits.iter().take(3).map(|h| h.quote.clone()).collect();
    match parsed.asks {
        Some(Asks::HowMuch) => how_much(store, &parsed, &mut answer)?,
        Some(Asks::WhatHappened) if parsed.terms.is_empty() || parsed.from.is_some() => {
            what_happened(store, &parsed, &period, &mut answer)?
        }
        asks => {
            let mut scored: Vec<(f64, StoredEvent)> = Vec::new();
            for (rank, h) in hits.iter().enumerate() {
                for e in store.sentence_events(&h.quote.document, h.quote.sentence)? {
                    scored.push((score(&parsed, &e, rank), e));
                }
            }
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            let needed = 3.0 + 0.5 * (parsed.entities.len() + parsed.terms.len()).min(4) as f64;
            let fits = |e: &StoredEvent| match asks {
                Some(Asks::When) => e.event.date.is_some(),
                Some(Asks::Who) => e
                    .event
                    .source
                    .iter()
                    .chain(&e.event.target)
                    .any(|a| !parsed.entities.iter().any(|(l, _)| same_party(a, l))),
                Some(Asks::Where) => true,
                _ => true,
            };
            if let Some((s, best)) = scored.iter().find(|(_, e)| fits(e)) {
                if *s >= needed && coverage(&parsed, best) >= 0.5 {
                    answer.answer = answer_of(asks, best, &parsed);
                    if answer.answer.is_some() {
                        answer.evidence.push(evidence(best));
                    }
                }
            }
        }
    }
    if answer.answer.is_some() {
        answer.closest.clear();
    }
    Ok(answer)
}

/// The answer an event gives to a question of a kind.
fn answer_of(asks: Option<Asks>, e: &StoredEvent, parsed: &Parsed) -> Option<String> {
    let ev = &e.event;
    match asks {
        Some(Asks::When) => {
            let d = ev.date.as_ref()?;
            Some(date_in_words(&d.value, d.end.as_deref()))
        }
        Some(Asks::Who) => {
            let named = |a: &String| parsed.entities.iter().any(|(l, _)| same_party(a, l));
            let others: Vec<&String> = ev.source.iter().filter(|a| !named(a)).collect();
            let others = if others.is_empty() {
                ev.target.iter().filter(|a| !named(a)).collect()
            } else {
                others
            };
            (!others.is_empty()).then(|| {
                others
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        }
        Some(Asks::Where) => ev.location.clone().or_else(|| visited(ev)),
        _ => {
            let mut what = format!("{} ({})", ev.trigger.text, ev.kind);
            if let Some(d) = &ev.date {
                what = format!("{what}, {}", date_in_words(&d.value, d.end.as_deref()));
            }
            Some(what)
        }
    }
}

/// Where a visit went: the state or place it was made to ("Gorbachev would
/// visit Japan"), when the event is a visit (CAMEO 042, or announced as one).
fn visited(ev: &annals_core::Event) -> Option<String> {
    let visit = ev.cameo == "042" || ev.trigger.text.to_lowercase().starts_with("visit");
    if !visit {
        return None;
    }
    ev.target
        .iter()
        .find(|t| {
            annals_entities::is_place(t)
                || matches!(
                    annals_entities::title_label(t),
                    Some(annals_core::EntityLabel::Gpe | annals_core::EntityLabel::Loc)
                )
        })
        .cloned()
}

/// "What happened in 1945?": the real events of the period, weightiest first.
fn what_happened(
    store: &Store,
    parsed: &Parsed,
    period: &Filter,
    answer: &mut Answer,
) -> Result<(), Error> {
    if period.from.is_none() {
        return Ok(());
    }
    let mut filter = period.clone();
    filter.entity = parsed.entities.first().map(|(l, _)| l.clone());
    let mut events: Vec<StoredEvent> = store
        .events(&filter)?
        .into_iter()
        .filter(|e| !e.event.negated && !e.event.hypothetical && e.event.same_as.is_none())
        // Only events that fall within the period, not ones that merely overlap it.
        .filter(|e| {
            e.dated
                .as_ref()
                .is_some_and(|d| Some(d.first_day) >= period.from && Some(d.last_day) <= period.to)
        })
        .collect();
    if filter.entity.is_some() {
        if let Some((link, _)) = parsed.entities.first() {
            events.retain(|e| e.event.source.iter().any(|a| same_party(a, link)));
        }
    }
    events.sort_by(|a, b| {
        b.event
            .goldstein
            .abs()
            .total_cmp(&a.event.goldstein.abs())
            .then(
                a.dated
                    .as_ref()
                    .map(|d| d.first_day)
                    .cmp(&b.dated.as_ref().map(|d| d.first_day)),
            )
    });
    events.truncate(5);
    if events.is_empty() {
        return Ok(());
    }
    events.sort_by_key(|e| e.dated.as_ref().map(|d| (d.first_day, d.last_day)));
    let parts: Vec<String> = events
        .iter()
        .map(|e| {
            let date = e
                .event
                .date
                .as_ref()
                .map(|d| date_in_words(&d.value, d.end.as_deref()))
                .unwrap_or_default();
            let who = e.event.source.join(" and ");
            let whom = e.event.target.join(" and ");
            let mut s = format!("{date}: ");
            if !who.is_empty() {
                s.push_str(&who);
                s.push(' ');
            }
            s.push_str(&e.event.trigger.text);
            if !whom.is_empty() {
                s.push(' ');
                s.push_str(&whom);
            }
            s
        })
        .collect();
    answer.answer = Some(parts.join("; "));
    answer.evidence = events.iter().map(evidence).collect();
    Ok(())
}

/// "How much was trade worth in 1988?": the measure dated in the period
/// whose sentence shares most of the question's words.
fn how_much(store: &Store, parsed: &Parsed, answer: &mut Answer) -> Result<(), Error> {
    let mut best: Option<(f64, annals_core::Measure, Quote)> = None;
    for (m, q) in store.measures(None)? {
        let Some(date) = &m.date else { continue };
        let Some((a, b)) = value_days(&date.value) else {
            continue;
        };
        if let (Some(from), Some(to)) = (parsed.from, parsed.to) {
            if b < from || a > to {
                continue;
            }
        }
        let sentence = q.text.to_lowercase();
        let about = m.measure.to_lowercase();
        let mut s = 0.0;
        for t in &parsed.terms {
            if about.contains(t.as_str()) {
                s += 2.0;
            } else if sentence.contains(t.as_str()) {
                s += 1.0;
            }
        }
        for (_, w) in &parsed.entities {
            if sentence.contains(&w.to_lowercase()) {
                s += 0.5;
            }
        }
        // The measure whose own words are nearest the period's date in the
        // sentence wins ties: prefer the one the date belongs to.
        if best.as_ref().is_none_or(|(bs, _, _)| s > *bs) {
            best = Some((s, m, q));
        }
    }
    if let Some((s, m, q)) = best {
        if s >= 1.0 {
            let amount = if m.unit == "USD" && m.amount >= 1e9 {
                format!("US${} billion", m.amount / 1e9)
            } else if m.unit == "USD" && m.amount >= 1e6 {
                format!("US${} million", m.amount / 1e6)
            } else {
                format!("{} {}", m.amount, m.unit)
            };
            answer.answer = Some(match m.approx.as_deref() {
                Some(a) => format!("{a} {amount}"),
                None => amount,
            });
            answer.evidence.push(Evidence {
                quote: q,
                event: None,
                date: m.date.as_ref().map(|d| d.value.clone()),
            });
        }
    }
    Ok(())
}
