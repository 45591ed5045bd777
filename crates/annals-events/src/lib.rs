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

mod coref;
mod dates;
pub mod index;
mod lexicon;
pub mod measures;
pub mod polarity;
mod roles;

use aho_corasick::{AhoCorasick, MatchKind};
use annals_core::{
    Document, EntityLabel, Event, EventDate, Mention, Sentence, Timex, TimexType, Trigger,
};
use dates::DateSource;
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
    /// Verbs whose subject receives the act of their object (`receivers.txt`).
    receivers: Vec<&'static str>,
    /// The principal sides of named wars, by the war's title
    /// (`belligerents.tsv`).
    belligerents: std::collections::HashMap<&'static str, Vec<&'static str>>,
    cues: polarity::Cues,
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
    let mut belligerents = std::collections::HashMap::new();
    for row in lexicon::rows("belligerents.tsv", BELLIGERENTS, 3) {
        let (line, f) = row?;
        let parties: Vec<&'static str> = f[1].split('|').map(str::trim).collect();
        if parties.len() < 2 || parties.iter().any(|p| p.is_empty()) {
            return Err(Error::Data {
                file: "belligerents.tsv",
                line,
                message: format!("{}: a war has at least two parties", f[0]),
            });
        }
        if belligerents.insert(f[0], parties).is_some() {
            return Err(Error::Data {
                file: "belligerents.tsv",
                line,
                message: format!("{} is listed twice", f[0]),
            });
        }
    }
    Ok(Model {
        belligerents,
        receivers: include_str!("../data/receivers.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .collect(),
        lexicon,
        cues: polarity::Cues::load()?,
        automaton,
        forms,
    })
}

/// The sides of named wars, embedded.
pub const BELLIGERENTS: &str = include_str!("../data/belligerents.tsv");

/// The principal sides of a named war, by its title (`belligerents.tsv`).
///
/// ```
/// let sides = annals_events::belligerents("Winter War").unwrap_or_default();
/// assert_eq!(sides, ["Soviet Union", "Finland"]);
/// ```
pub fn belligerents(title: &str) -> Option<Vec<&'static str>> {
    MODEL.belligerents.get(title).cloned()
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
        .filter(|(_, entry)| entry.pos != "none")
        .map(|(form, entry)| (form.as_str(), entry))
        .collect();
    out.sort_by_key(|(form, _)| *form);
    out
}

/// The examples of `not_events.tsv`, for their tests.
pub fn not_event_examples() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = MODEL
        .lexicon
        .forms
        .values()
        .filter(|e| e.pos == "none")
        .map(|e| e.example)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The polarity cues, for the tests of their examples.
pub fn polarity_cues() -> &'static [polarity::Cue] {
    &MODEL.cues.all
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
pub(crate) fn words(text: &str) -> Vec<(usize, usize, String)> {
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
    /// `verb`, `noun`, `phrase`, or `name` for a named event.
    pos: &'static str,
    /// The named event's title, for a named event.
    named: Option<String>,
    /// Where its roles are read: its own words, or those of a noun in
    /// apposition that it replaced ("border incident, the Battle of …").
    roles_at: (usize, usize),
    /// The named war a victory or defeat was won in, which dates it.
    setting: Option<String>,
}

/// Words that may stand between a verb and an event noun it governs
/// ("sought Japanese cooperation", "resume talks", "won the Battle of …").
const OBJECT_FILLERS: [&str; 14] = [
    "the", "a", "an", "its", "their", "his", "her", "close", "closer", "new", "further", "more",
    "at", "in",
];

/// The document's two main parties: the COW numbers of the two states its
/// names stand for most often (fewer when it names fewer), most named first.
///
/// ```
/// # if annals_events::check_data().is_err() { return; }
/// let doc = annals_text::seed();
/// let sentences = annals_text::segment(&doc);
/// let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
/// let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
/// let mut main = annals_events::main_parties(&mentions);
/// main.sort();
/// assert_eq!(main, vec![365, 740]);
/// ```
pub fn main_parties(mentions: &[Mention]) -> Vec<u16> {
    let mut counts: std::collections::HashMap<u16, usize> = std::collections::HashMap::new();
    for mention in mentions {
        if let Some(cow) = mention.cow {
            *counts.entry(cow).or_default() += 1;
        }
    }
    let mut ranked: Vec<(u16, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.iter().take(2).map(|r| r.0).collect()
}

/// Finds, codes and dates every event of a document.
pub fn tag_document(
    doc: &Document,
    sentences: &[Sentence],
    timexes: &[Timex],
    mentions: &[Mention],
) -> Vec<Event> {
    let model = &*MODEL;
    let periods = dates::section_periods(doc, timexes);
    let mut out: Vec<Event> = Vec::new();
    let mut keys: Vec<coref::Key> = Vec::new();
    let mut narrative: Option<EventDate> = None;
    // The latest decade the section's text has named ("The 1980s saw …"):
    // the setting of its later paragraphs that name no date of their own.
    let mut era: Option<EventDate> = None;
    let mut anchored = false;
    let mut t = 0;
    let mut m = 0;
    let mut last: Option<&Sentence> = None;
    // The document's two main parties: the states named most often (by COW
    // number), each under the title it last had.
    let main = roles::main_sides(mentions);
    let mut titles: std::collections::HashMap<roles::Side, String> =
        std::collections::HashMap::new();
    let mut previous: Vec<String> = Vec::new();
    let affiliation = roles::affiliations(&doc.text, mentions);
    let named_dates = dates::named_dates(doc, sentences, timexes, mentions);
    // The words of people's names ("Grant" of "Ulysses S. Grant").
    let surnames: std::collections::HashSet<String> = mentions
        .iter()
        .filter(|m| m.label == EntityLabel::Person)
        .flat_map(|m| {
            m.text
                .split_whitespace()
                .chain(m.link.as_deref().unwrap_or("").split_whitespace())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.starts_with(char::is_uppercase) && w.len() > 2)
        .collect();
    for s in sentences {
        let text = doc.span_text(s.span);
        let lower = text.to_ascii_lowercase();
        let ws = words(text);
        if last.is_some_and(|l| l.section != s.section) {
            narrative = None;
            era = None;
        }
        let first_of_block = last.is_none_or(|l| l.block != s.block);
        last = Some(s);
        // A date that was only the point an "after …" phrase counted from
        // sets the next sentence when it goes on with "It …", and gives way
        // to the section's decade after that.
        if anchored {
            let continues = ws
                .iter()
                .find(|w| w.2.chars().all(char::is_alphanumeric))
                .is_some_and(|w| PRONOUNS.contains(&w.2.as_str()));
            if !continues {
                if let Some(e) = &era {
                    narrative = Some(e.clone());
                }
                anchored = false;
            }
        }
        // The sentence's timexes and names.
        let mut dates: Vec<&Timex> = Vec::new();
        let first_timex = t;
        while t < timexes.len() && timexes[t].span.start < s.span.end {
            if timexes[t].span.start >= s.span.start
                && timexes[t].kind == TimexType::Date
                && timexes[t].earliest.is_some()
            {
                dates.push(&timexes[t]);
            }
            t += 1;
        }
        let in_sentence = &timexes[first_timex..t];
        // "one month before Nixon's visit": durations that place a later
        // event from the sentence's date.
        let offsets: Vec<(usize, usize, String)> = in_sentence
            .iter()
            .filter(|x| x.span.start >= s.span.start && x.span.end <= s.span.end)
            .filter(|x| x.kind == TimexType::Duration)
            .map(|x| {
                (
                    x.span.start - s.span.start,
                    x.span.end - s.span.start,
                    x.value.clone(),
                )
            })
            .collect();
        // "the next three years" after a dated event: the years it spans.
        let spans: Vec<(usize, EventDate)> = in_sentence
            .iter()
            .filter(|x| x.span.start >= s.span.start && x.span.end <= s.span.end)
            .filter_map(|x| {
                dates::following_years(x, timexes, narrative.as_ref())
                    .map(|d| (x.span.start - s.span.start, d))
            })
            .collect();
        let mut names: Vec<&Mention> = Vec::new();
        while m < mentions.len() && mentions[m].span.start < s.span.end {
            if mentions[m].span.start >= s.span.start {
                names.push(&mentions[m]);
            }
            m += 1;
        }
        for n in &names {
            if let Some(link) = n.link.as_ref() {
                if let Some(side) = roles::side_of(link) {
                    titles.insert(side, link.clone());
                }
            }
        }
        let parties: Vec<String> = if main.len() == 2 {
            main.iter().filter_map(|c| titles.get(c).cloned()).collect()
        } else {
            Vec::new()
        };
        let syntax = annals_syntax::analyse(&doc.text, s.span.start, s.span.end);
        let mut found = triggers(
            model, s, text, &lower, &ws, &names, &dates, &surnames, &syntax,
        );
        found.extend(named_events(s, text, &ws, &names));
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        found.dedup_by(|x, y| x.start < y.end && y.start < x.end);
        absorb(&mut found, &ws, text);
        let actors = roles::Actors::new(&names, s.span.start, &titles);
        let context = Context {
            s,
            text,
            ws: &ws,
            dates: &dates,
            names: &names,
            section: era
                .clone()
                .or_else(|| periods.get(s.section).cloned().flatten()),
            narrative: narrative.clone(),
            first_of_block,
            parties,
            previous: previous.clone(),
            titles: &titles,
            main: &main,
            affiliation: &affiliation,
            named_dates: &named_dates,
            syntax: &syntax,
            actors: &actors,
            spans: spans.clone(),
            offsets: offsets.clone(),
            heading: doc.blocks.get(s.block).is_some_and(|b| {
                matches!(
                    b.kind,
                    annals_core::BlockKind::Heading | annals_core::BlockKind::Title
                )
            }),
        };
        let mut acted: Vec<String> = Vec::new();
        let first_event = out.len();
        for f in found {
            let (event, source) = code(model, &context, &f);
            let previous: Vec<&str> = ws
                .iter()
                .rev()
                .filter(|w| w.1 <= f.start)
                .take(2)
                .map(|w| w.2.as_str())
                .collect();
            let noun = f.pos == "noun";
            keys.push(coref::Key {
                date: source,
                named: f.named.clone().or(f.setting.clone()),
                definite: noun
                    && previous
                        .iter()
                        .any(|w| matches!(*w, "the" | "its" | "their")),
                demonstrative: noun
                    && previous
                        .iter()
                        .any(|w| matches!(*w, "this" | "that" | "these" | "those")),
                section: s.section,
                sentence: s.span.start,
            });
            if acted.is_empty() {
                acted = event.source.clone();
            }
            out.push(event);
        }
        // "Negotiation of these issues broke down": a verb whose subject is
        // an event of the sentence involves that event's parties.
        roles::inherit_from_subject_events(&syntax, &mut out[first_event..]);
        // The sentence's grammatical subject stands for "it" and "he" in the
        // next one ("Japan was pressed … It responded by …").
        if let Some(subject) = roles::first_subject(&syntax, &actors, s.span.start) {
            acted = subject;
        }
        if acted.is_empty() {
            acted = names
                .iter()
                .find(|n| roles::is_actor(n))
                .and_then(|n| n.link.clone())
                .into_iter()
                .collect();
        }
        if !acted.is_empty() {
            previous = acted;
        }
        // The narrative's latest date with a year, for the next sentences; a
        // paragraph that opens without a date is set in its section's period.
        // Dates that set the narrative: not a treaty's year, nor a date inside
        // a clause about the future ("… that Gorbachev would visit Japan in 1991").
        let setting = |d: &&&Timex| {
            d.value.len() >= 4
                && !dates::names_year(d, &names)
                && !dates::in_future_clause(&ws, d.span.start - s.span.start)
        };
        if let Some(decade) = dates
            .iter()
            .rev()
            .find(|d| d.value.len() == 3 && d.range_start.is_none() && d.modifier.is_none())
        {
            era = Some(dates::of_timex(decade, &dates));
        }
        if let Some((_, period)) = spans.last() {
            narrative = Some(period.clone());
        } else if let Some(last) = dates.iter().rev().find(setting) {
            // The end of a written range dates from its start.
            let start = last
                .range_start
                .as_deref()
                .and_then(|id| dates.iter().find(|d| d.id == id))
                .unwrap_or(last);
            narrative = Some(dates::of_timex(start, &dates));
            anchored = ws
                .iter()
                .rev()
                .filter(|w| w.1 <= start.span.start - s.span.start)
                .take(4)
                .take_while(|w| !matches!(w.2.as_str(), "," | ";" | ":"))
                .any(|w| matches!(w.2.as_str(), "following" | "after" | "since"));
        } else if first_of_block && context.section.is_some() {
            narrative = context.section.clone();
        }
    }
    for (i, e) in out.iter_mut().enumerate() {
        e.id = format!("E{}", i + 1);
    }
    coref::link(&mut out, &keys);
    out
}

/// The lexicon's triggers in a sentence (word-bounded, outside names).
#[allow(clippy::too_many_arguments)]
fn triggers(
    model: &Model,
    s: &Sentence,
    text: &str,
    lower: &str,
    ws: &[(usize, usize, String)],
    names: &[&Mention],
    dates: &[&Timex],
    surnames: &std::collections::HashSet<String>,
    syntax: &annals_syntax::Analysis,
) -> Vec<Found> {
    let mut found = Vec::new();
    for hit in model.automaton.find_iter(lower) {
        let (a, b) = (hit.start(), hit.end());
        let bounded = lower[..a]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            && lower[b..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        // A trigger word inside a name is part of the name; a phrase may hold
        // one ("crossed the 38th parallel").
        let inside_name = names.iter().any(|n| {
            n.span.start <= s.span.start + a && s.span.start + a < n.span.end
                || (n.span.start < s.span.start + b && s.span.start + b <= n.span.end)
        });
        if !bounded || inside_name || modifier_compound(lower, a, b) {
            continue;
        }
        // A capitalised common word inside a sentence is a name ("Grant
        // marched", "Grant's battles"), as is one the document uses as a
        // person's name.
        let original = &text[a..b];
        let capital = original.starts_with(char::is_uppercase);
        let event_word = EVENT_WORDS.contains(&lower[a..b].trim_end_matches('s'))
            || EVENT_WORDS.contains(&&lower[a..b]);
        if capital
            && (a > 0 || surnames.contains(original))
            && !original.contains(' ')
            && !event_word
        {
            continue;
        }
        if generic(ws, lower, a, b) {
            continue;
        }
        // A word of a time expression ("March 1862") is no trigger.
        if dates
            .iter()
            .any(|d| d.span.start < s.span.start + b && s.span.start + a < d.span.end)
        {
            continue;
        }
        let Some(entry) = model
            .lexicon
            .forms
            .get(&model.forms[hit.pattern().as_usize()])
        else {
            continue;
        };
        if entry.pos == "none" || !syntax_allows(syntax, s.span.start + a, s.span.start + b, entry)
        {
            continue;
        }
        if entry.plover == "REJECT"
            && entry.pos == "verb"
            && !refuses_something(syntax, s.span.start + a)
        {
            continue;
        }
        // "sought to induce": the aim is the event, not the seeking.
        let next = ws.iter().find(|w| w.0 >= b).map(|w| w.2.as_str());
        if entry.plover == "REQUEST"
            && entry.pos == "verb"
            && next == Some("to")
            && model.cues.is_intention(&lower[a..b])
        {
            continue;
        }
        let previous = ws.iter().rev().find(|w| w.1 <= a).map(|w| w.2.as_str());
        let passive = entry.pos != "noun"
            && previous.is_some_and(|w| matches!(w, "was" | "were" | "been" | "being" | "be"));
        found.push(Found {
            start: a,
            end: b,
            plover: entry.plover,
            mode: entry.mode,
            cameo: entry.cameo,
            passive,
            pos: entry.pos,
            named: None,
            roles_at: (a, b),
            setting: None,
        });
    }
    found
}

/// Whether the part of speech of a single-word trigger fits its line: a
/// verb read as an adjective ("the restricted list", "advanced technology")
/// names no event, nor does a verb of `verb_only.txt` read as a noun
/// ("Japan-Soviet trade", "supply lines"); and a noun that modifies the
/// head of its noun phrase ("attack bombers", "the invasion force", "war
/// effort") is not the event of its phrase.
fn syntax_allows(syntax: &annals_syntax::Analysis, at: usize, end: usize, entry: &Entry) -> bool {
    use annals_syntax::{ChunkKind, Pos};
    if entry.pos == "phrase" {
        return true;
    }
    let Some(t) = syntax.tokens.iter().position(|t| t.start == at) else {
        return true;
    };
    let pos = syntax.tokens[t].pos;
    let next_is_noun = |i: usize| {
        syntax
            .tokens
            .get(i + 1)
            .is_some_and(|n| matches!(n.pos, Pos::Noun | Pos::Proper))
    };
    if entry.pos == "verb" {
        // "the restricted list": a participle before a noun.
        let next_is_common = syntax
            .tokens
            .get(t + 1)
            .is_some_and(|n| matches!(n.pos, Pos::Noun));
        if pos == Pos::Adj && next_is_common {
            return false;
        }
        // "the signing of the treaty" is still the act.
        let gerund = syntax.tokens[t].lemma.ends_with("ing");
        if matches!(pos, Pos::Noun | Pos::Proper) && entry.verb_only && !gerund {
            return false;
        }
    }
    // The trigger's last word modifying a noun after it, in one noun phrase.
    let Some(last) = syntax.tokens.iter().rposition(|x| x.start < end) else {
        return true;
    };
    if matches!(syntax.tokens[last].pos, Pos::Noun) {
        if let Some(c) = syntax.chunk_of(last) {
            let chunk = &syntax.chunks[c];
            if chunk.kind == ChunkKind::Np
                && last < chunk.head
                && last < chunk.last
                && next_is_noun(last)
            {
                return false;
            }
        }
    }
    true
}

/// Whether a refusal verb refuses something: it has an object, a "to"
/// infinitive, or is passive ("declined to intervene", "rejected the
/// proposal", "was rejected"); "Imports declined during the 1980s" and
/// "declining to US$2.6 billion" are changes of quantity.
fn refuses_something(syntax: &annals_syntax::Analysis, at: usize) -> bool {
    use annals_syntax::Pos;
    let Some(group) = syntax
        .verbs
        .iter()
        .find(|v| syntax.tokens[v.verb].start == at)
    else {
        return true;
    };
    if group.passive || !group.object.is_empty() {
        return true;
    }
    let next = syntax.tokens.get(group.verb + 1);
    let after = syntax.tokens.get(group.verb + 2);
    match next.map(|t| t.pos) {
        Some(Pos::To) => after.is_some_and(|t| matches!(t.pos, Pos::Verb(_))),
        Some(Pos::Prep) => {
            next.is_some_and(|t| t.lemma == "to")
                && after.is_some_and(|t| matches!(t.pos, Pos::Verb(_)))
        }
        Some(Pos::Det | Pos::Noun | Pos::Proper | Pos::Pronoun | Pos::Adj) => true,
        _ => false,
    }
}

/// Words that make an event noun generic: no one event is meant ("every
/// major battle", "fought several battles", "a series of battles").
const QUANTIFIERS: [&str; 14] = [
    "every", "each", "any", "several", "many", "numerous", "various", "some", "few", "series",
    "number", "dozens", "hundreds", "list",
];

/// Words after which "the war" is the time frame of the sentence, not an
/// event it reports ("during the war", "the end of the war").
const WAR_FRAMES: [&str; 15] = [
    "during",
    "throughout",
    "of",
    "in",
    "after",
    "before",
    "since",
    "until",
    "end",
    "early",
    "late",
    "following",
    "ending",
    "ended",
    "ends",
];

/// An event noun that names no one event: a generic plural or singular
/// ("several battles", "every battle", "total war"), or "the war" as the
/// time frame of a war narrative ("during the war", "early in the war").
fn generic(ws: &[(usize, usize, String)], lower: &str, a: usize, b: usize) -> bool {
    let word = &lower[a..b];
    let before: Vec<&str> = ws
        .iter()
        .rev()
        .filter(|w| w.1 <= a)
        .take(3)
        .map(|w| w.2.as_str())
        .collect();
    let quantified = before.iter().take(3).any(|w| QUANTIFIERS.contains(w))
        && !before.iter().take(2).any(|w| matches!(*w, "," | ";"));
    let nouns = matches!(
        word,
        "battle"
            | "battles"
            | "war"
            | "wars"
            | "skirmish"
            | "skirmishes"
            | "engagements"
            | "fight"
            | "fights"
    );
    if nouns && quantified {
        return true;
    }
    if matches!(word, "war" | "wars") {
        if before.first() == Some(&"total") {
            return true;
        }
        if let [the, frame, ..] = before.as_slice() {
            if *the == "the" && WAR_FRAMES.contains(frame) {
                return true;
            }
        }
        // "the war's turning point".
        if lower[b..].starts_with("'s") || lower[b..].starts_with("’s") {
            return true;
        }
        // A bare "war" in a list ("Deteriorating relations and war"), not
        // waged with or against anyone.
        let after = lower[b..].trim_start();
        let bare = before
            .first()
            .is_none_or(|w| matches!(*w, "and" | "or" | ":" | ","));
        let waged = ["with", "against", "between", "on"]
            .iter()
            .any(|p| after.starts_with(&format!("{p} ")));
        if bare && !waged {
            return true;
        }
    }
    false
}

/// A trigger word inside a compound that is not an event: a prefix joined
/// by a hyphen or written solid ("non-aggression pact", "post-war",
/// "antisubmarine warfare"), or a bare noun after "of" ("prisoners of war",
/// "Minister of War", "state of war"; "the period of the Sino-Soviet war"
/// still reports a war).
fn modifier_compound(lower: &str, a: usize, b: usize) -> bool {
    let head = &lower[..a];
    if head.ends_with('-') || head.ends_with("anti") || head.ends_with("non") {
        return true;
    }
    let word = &lower[a..b];
    if !word.contains(' ') && head.trim_end().ends_with(" of") {
        let noun_like = !word.ends_with("ing") && !word.ends_with("ed");
        let after = lower[b..].trim_start();
        let bare = noun_like
            && (after.is_empty()
                || after.starts_with([',', '.', ';', ')', ' '])
                || !after.starts_with(char::is_alphanumeric));
        if bare && matches!(word, "war" | "wars" | "aggression" | "warfare") {
            return true;
        }
    }
    false
}

/// Named wars, battles and conferences the entity layer found, unless used
/// as a time frame ("during World War II") or as a modifier ("World War II
/// reparations", "Cold War-era").
fn named_events(
    s: &Sentence,
    text: &str,
    ws: &[(usize, usize, String)],
    names: &[&Mention],
) -> Vec<Found> {
    let mut found = Vec::new();
    for n in names.iter().filter(|n| n.label == EntityLabel::Event) {
        let (a, b) = (n.span.start - s.span.start, n.span.end - s.span.start);
        // "during World War II" is a time frame; "during the Russian Civil
        // War" still reports the war.
        let before = ws.iter().rev().find(|w| w.1 <= a).map(|w| w.2.as_str());
        if before.is_some_and(|w| FRAMES.contains(&w)) {
            continue;
        }
        // A modifier: the name runs into a hyphen or a lower-case noun.
        let rest = &text[b..];
        let next = ws.iter().find(|w| w.0 >= b).map(|w| w.2.as_str());
        // "Korean War-the Chinese-authorized …": a hyphen used as a dash.
        let dash = rest.starts_with('-')
            && ["-the ", "-a ", "-an ", "- "]
                .iter()
                .any(|d| rest.starts_with(d));
        let modifier = (rest.starts_with('-') && !dash)
            || next.is_some_and(|w| {
                !rest.trim_start().starts_with(['(', ',', ';', ':', '.'])
                    && rest.trim_start().starts_with(|c: char| c.is_lowercase())
                    && !MODIFIER_STOPS.contains(&w)
                    && !w.ends_with("ed")
            });
        if modifier {
            continue;
        }
        let kind = n
            .link
            .as_deref()
            .and_then(annals_entities::named_event)
            .map(|e| e.kind);
        // A name written without a word of action stands for the place
        // ("reinforce the Pusan Perimeter", "Antietam is considered a
        // victory"): the event is named by the words around it.
        let as_event = before.is_some_and(|w| {
            matches!(
                w,
                "after" | "before" | "by" | "on" | "following" | "since" | "until"
            )
        });
        if kind.is_some() && !name_has_event_word(&n.text) && !as_event {
            continue;
        }
        let name = n.text.as_str();
        let (plover, cameo) = match kind {
            Some("war" | "battle" | "siege" | "campaign" | "operation" | "massacre") => {
                ("ASSAULT", "190")
            }
            Some("incident") => ("ASSAULT", "190"),
            Some("intervention") => ("MOBILIZE", "154"),
            Some("conference") => ("CONSULT", "040"),
            Some("uprising" | "revolution") => ("PROTEST", "14"),
            Some(_) => continue,
            None if [
                "War",
                "Battle",
                "Siege",
                "Offensive",
                "Invasion",
                "Incident",
                "war",
            ]
            .iter()
            .any(|h| name.split([' ', '-', '–']).any(|w| w == *h)) =>
            {
                ("ASSAULT", "190")
            }
            None if ["Conference", "Summit", "Congress", "Talks"]
                .iter()
                .any(|h| name.contains(h)) =>
            {
                ("CONSULT", "040")
            }
            None => continue,
        };
        if n.link.as_deref().is_some_and(|l| ERAS.contains(&l)) {
            continue;
        }
        found.push(Found {
            start: a,
            end: b,
            plover,
            mode: None,
            cameo,
            passive: false,
            pos: "name",
            named: n.link.clone(),
            roles_at: (a, b),
            setting: None,
        });
    }
    found
}

/// Words that make a name the name of an event.
const EVENT_WORDS: [&str; 36] = [
    "surrender",
    "surrenders",
    "war",
    "wars",
    "battle",
    "battles",
    "siege",
    "campaign",
    "operation",
    "offensive",
    "invasion",
    "incident",
    "crisis",
    "revolution",
    "uprising",
    "rebellion",
    "revolt",
    "intervention",
    "conference",
    "summit",
    "congress",
    "raid",
    "massacre",
    "landing",
    "landings",
    "blockade",
    "expedition",
    "affair",
    "bombing",
    "attack",
    "occupation",
    "evacuation",
    "conflict",
    "conflicts",
    "clashes",
    "skirmishes",
];

/// Whether a name holds a word of action ("Battle of Khalkhin Gol",
/// "Russo-Japanese War", "Operation Barbarossa").
fn name_has_event_word(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| EVENT_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Named periods that are not events ("the Cold War" is an era, not a war).
const ERAS: [&str; 2] = ["Cold War", "Great Depression"];

/// Lower-case words after a name that do not make it a modifier.
const MODIFIER_STOPS: [&str; 24] = [
    "and", "or", "but", "of", "in", "on", "at", "by", "for", "to", "with", "from", "was", "were",
    "is", "are", "had", "has", "began", "broke", "ended", "which", "that", "as",
];

/// Heads whose complement is the content of a verbal act ("agreed to
/// continue negotiations", "refused to return", "warned Japan against
/// signing"): the act is the event, its content is not reported apart.
const VERBAL_HEADS: [&str; 6] = [
    "AGREE", "REQUEST", "CONCEDE", "REJECT", "THREATEN", "ACCUSE",
];

/// Words of winning and losing: a named war or battle they are set in is
/// the same event ("Japan's victory ... in the Russo-Japanese War").
const OUTCOME_WORDS: [&str; 9] = [
    "victory",
    "victories",
    "defeat",
    "defeated",
    "won",
    "win",
    "lost",
    "triumph",
    "defeats",
];

/// Whether a trigger is a word of winning or losing.
fn is_outcome(words: &str) -> bool {
    let first = words.split_whitespace().next().unwrap_or("").to_lowercase();
    OUTCOME_WORDS.contains(&first.as_str())
}

/// One event named once, by its more action-like word: drops
/// - an event noun governed by a verbal act just before it ("sought
///   Japanese cooperation", "rejected negotiations", "agreed to continue
///   negotiations", "warned Japan against signing"), or by a trigger of its
///   own type ("won the Battle of …");
/// - a named event in brackets or in apposition after a trigger of its
///   type ("invaded the Soviet Union (Operation Barbarossa)", "border
///   incident, the Battle of Lake Khasan" keeps the name);
/// - a named war a victory or defeat of the sentence is set in.
fn absorb(found: &mut Vec<Found>, ws: &[(usize, usize, String)], text: &str) {
    let mut keep = vec![true; found.len()];
    let mut transfer: Vec<(usize, (usize, usize))> = Vec::new();
    let between = |a: usize, b: usize| -> Vec<&str> {
        ws.iter()
            .filter(|w| w.0 >= a && w.1 <= b)
            .map(|w| w.2.as_str())
            .collect()
    };
    for i in 1..found.len() {
        let (head, next) = (&found[i - 1], &found[i]);
        let gap = between(head.end, next.start);
        let verbal = VERBAL_HEADS.contains(&head.plover);
        let same = head.plover == next.plover;
        // A noun phrase governed by the head ("postponed a scheduled visit"
        // reports the visit too).
        if matches!(head.pos, "verb" | "phrase")
            && matches!(next.pos, "noun" | "name")
            && ((verbal && !matches!(head.plover, "REJECT" | "ACCUSE"))
                || (same && (head.plover != "ASSAULT" || is_outcome(&text[head.start..head.end]))))
        {
            let governed = gap.len() <= 3
                && gap.iter().all(|w| {
                    OBJECT_FILLERS.contains(w)
                        || w.ends_with("ese")
                        || w.ends_with("ian")
                        || w.ends_with("ic")
                        || w.ends_with("al")
                });
            if governed {
                keep[i] = false;
                continue;
            }
        }
        // "agreed to continue negotiations", "declined to intervene".
        if verbal
            && head.plover != "REQUEST"
            && matches!(head.pos, "verb" | "phrase")
            && (gap == ["to"] || (gap.len() == 2 && gap[0] == "to"))
        {
            keep[i] = false;
            continue;
        }
        // "warned Japan against signing".
        if verbal && gap.last() == Some(&"against") && gap.len() <= 4 {
            keep[i] = false;
            continue;
        }
        // "(Operation Barbarossa)", ", the Battle of Lake Khasan".
        let raw = &text[head.end..next.start];
        if same && next.pos == "name" && gap.len() <= 8 {
            let bracket = raw.trim_end().ends_with('(');
            let apposition = raw.trim_end().ends_with(", the") || raw.trim_end() == ",";
            if bracket && head.pos != "name" {
                keep[i] = false;
                continue;
            }
            if apposition && head.pos == "noun" {
                keep[i - 1] = false;
                transfer.push((i, (head.start, head.end)));
                continue;
            }
        }
    }
    // A named war a victory or defeat is set in ("in the Russo-Japanese War").
    for i in 0..found.len() {
        if found[i].pos != "name" || found[i].plover != "ASSAULT" {
            continue;
        }
        let before: Vec<&str> = between(0, found[i].start)
            .into_iter()
            .rev()
            .take(2)
            .collect();
        let set_in = matches!(before.as_slice(), ["the", "in" | "at"] | ["in" | "at", ..]);
        let first_word = |f: &Found| {
            text[f.start..f.end]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_lowercase()
        };
        let outcome = found[..i]
            .iter()
            .any(|f| f.plover == "ASSAULT" && OUTCOME_WORDS.contains(&first_word(f).as_str()));
        if set_in && outcome {
            keep[i] = false;
            let name = found[i].named.clone();
            if let Some(head) = found[..i]
                .iter_mut()
                .rev()
                .find(|f| f.plover == "ASSAULT" && OUTCOME_WORDS.contains(&first_word(f).as_str()))
            {
                head.setting = name;
            }
        }
    }
    for (i, at) in transfer {
        found[i].roles_at = at;
    }
    let mut k = keep.iter();
    found.retain(|_| *k.next().unwrap_or(&true));
}

/// What the coder needs to know of a sentence.
struct Context<'a> {
    s: &'a Sentence,
    text: &'a str,
    ws: &'a [(usize, usize, String)],
    dates: &'a [&'a Timex],
    names: &'a [&'a Mention],
    section: Option<EventDate>,
    narrative: Option<EventDate>,
    first_of_block: bool,
    /// The document's two main parties, by their titles at this point.
    parties: Vec<String>,
    /// Their sides (COW numbers).
    main: &'a [roles::Side],
    /// The state each person of the document serves, by COW number.
    affiliation: &'a std::collections::HashMap<String, roles::Side>,
    /// Who acted in the previous sentence (for "It responded …").
    previous: Vec<String>,
    /// The current title of each state named so far, by COW number.
    titles: &'a std::collections::HashMap<roles::Side, String>,
    /// The dates the text gives named events ("the Russian Civil War
    /// (1918–21)"), by title.
    named_dates: &'a std::collections::HashMap<String, EventDate>,
    /// The sentence's tokens, chunks and verb groups.
    syntax: &'a annals_syntax::Analysis,
    /// The sentence's actors.
    actors: &'a roles::Actors,
    /// The sentence is a section heading: its dates are the section's period.
    heading: bool,
    /// Periods the sentence names by a duration after a date ("the next
    /// three years"), with their offsets.
    spans: Vec<(usize, EventDate)>,
    /// Durations of the sentence: (start, end, TIMEX3 value), relative to it.
    offsets: Vec<(usize, usize, String)>,
}

/// PLOVER types of verbal acts: dated when the words were spoken, even when
/// what they promise or ask for is hypothetical.
const VERBAL: [&str; 6] = [
    "AGREE", "CONCEDE", "THREATEN", "REQUEST", "REJECT", "ACCUSE",
];

fn code(model: &Model, c: &Context, f: &Found) -> (Event, DateSource) {
    let (s, ws) = (c.s, c.ws);
    let starts: Vec<usize> = c
        .dates
        .iter()
        .map(|d| d.span.start - s.span.start)
        .collect();
    let p = polarity::polarity(
        &model.cues,
        ws,
        f.start,
        f.end,
        &c.text[f.start..f.end],
        &starts,
    );
    let (negated, hypothetical) = (p.negated, p.hypothetical);
    let (date, source) = if p.unanchored && !VERBAL.contains(&f.plover) {
        // The content of a condition or a fear has no time of its own.
        (None, DateSource::None)
    } else {
        match date_of(f, c) {
            // A heading's dates are its section's period, not the event's.
            (date, DateSource::Own | DateSource::Sentence) if c.heading => {
                (date, DateSource::Section)
            }
            other => other,
        }
    };
    let (source_actors, target) = who(f, c, date.as_ref());
    let event = Event {
        id: String::new(),
        sentence_start: s.span.start,
        sentence_end: s.span.end,
        trigger: Trigger {
            start: s.span.start + f.start,
            end: s.span.start + f.end,
            text: c.text[f.start..f.end].to_string(),
        },
        kind: f.plover.to_string(),
        mode: f.mode.map(str::to_string),
        cameo: f.cameo.to_string(),
        goldstein: model.lexicon.goldstein(f.cameo),
        source: source_actors,
        target,
        date,
        // A verbal act's place would be its topic ("claims to the Northern
        // Territories"), not where it happened.
        location: if VERBAL.contains(&f.plover) {
            None
        } else {
            roles::location(c.ws, c.names, c.s.span.start, f.start, f.end).or_else(|| {
                (matches!(f.pos, "noun" | "name") || read_as_noun(c, f))
                    .then(|| roles::subject_location(c.ws, c.text, c.names, c.s.span.start, f.end))
                    .flatten()
            })
        },
        negated,
        hypothetical,
        same_as: None,
    };
    (event, source)
}

/// Whether a trigger of the verb lexicon is used as a noun here ("the
/// stationing of Soviet forces", "an October 1973 meeting").
fn read_as_noun(c: &Context, f: &Found) -> bool {
    c.syntax
        .tokens
        .iter()
        .find(|t| t.start == c.s.span.start + f.start)
        .is_some_and(|t| t.pos == annals_syntax::Pos::Noun)
}

/// Pronouns that stand for the previous sentence's actor.
const PRONOUNS: [&str; 4] = ["it", "they", "he", "she"];

/// The source and target of an event (see the `roles` module).
fn who(f: &Found, c: &Context, date: Option<&EventDate>) -> (Vec<String>, Vec<String>) {
    let actors: &roles::Actors = c.actors;
    // A named war whose sides are known: its belligerents, all in the source.
    if f.pos == "name" {
        if let Some(sides) = f.named.as_deref().and_then(belligerents) {
            return (sides.into_iter().map(str::to_string).collect(), Vec::new());
        }
    }
    // The two main parties under their titles at the event's date: for a
    // date "after" a period, at the period's end ("after 1945": post-war
    // Japan); "before" one, at its start.
    let days = date.and_then(|d| {
        let (from, to) = annals_core::calendar::value_days(&d.value)?;
        Some(match d.modifier.as_deref() {
            Some("AFTER") => (to, to),
            Some("BEFORE") => (from, from),
            _ => (from, to),
        })
    });
    let parties: Vec<String> = match days {
        Some((from, to)) if c.main.len() == 2 => c
            .main
            .iter()
            .map(|&side| {
                u16::try_from(side)
                    .ok()
                    .and_then(|cow| annals_entities::state_title(cow, from, to))
                    .map(str::to_string)
                    .or_else(|| c.titles.get(&side).cloned())
            })
            .collect::<Option<Vec<String>>>()
            .unwrap_or_else(|| c.parties.clone()),
        _ => c.parties.clone(),
    };
    let side = |name: &str| -> Option<usize> {
        let side = roles::side_of(name).or_else(|| c.affiliation.get(name).copied())?;
        c.main.iter().position(|&m| m == side)
    };
    let mut joint = false;
    // A verb of the lexicon read as a noun ("the stationing of Soviet
    // forces") takes its roles from its noun phrase.
    let read_as_noun = read_as_noun(c, f);
    let (mut source, mut target) = if matches!(f.pos, "noun" | "name") || read_as_noun {
        let (a, b) = f.roles_at;
        let (mut source, mut target, j) = roles::noun_roles(
            c.ws,
            c.text,
            actors,
            a,
            b,
            f.plover == "MOBILIZE",
            matches!(f.plover, "ACCUSE" | "REJECT" | "PROTEST" | "REQUEST"),
        );
        joint = j;
        // "Soviet invasion of Manchuria", "Russo-Japanese War": the states
        // the name itself names.
        if source.is_empty() && target.is_empty() && f.pos == "name" {
            source = annals_entities::states_named_in(&c.text[f.start..f.end])
                .iter()
                .filter_map(|&cow| c.titles.get(&roles::Side::from(cow)).cloned())
                .collect();
            joint = source.len() >= 2;
        }
        // "the stationing of Soviet forces": the forces are the doer.
        if f.plover == "MOBILIZE" && source.is_empty() {
            std::mem::swap(&mut source, &mut target);
        }
        // "Moscow's refusal", "Japan's decision … to participate in sanctions".
        if source.is_empty() {
            source = roles::possessor_before(c.ws, actors, f.start);
            target.retain(|t| !source.contains(t));
        }
        // "The Soviet Union revived another proposal": the doer of the verb
        // (a joint act, such as a normalization, is not one side's).
        // A named war is not done by the clause around it ("Japan sent
        // troops during the Russian Civil War").
        if source.is_empty() && !roles::reciprocal(f.plover, f.cameo) && f.pos != "name" {
            let base = c.s.span.start;
            source =
                roles::governing_subject(c.syntax, actors, base, base + f.start, &MODEL.receivers);
            target.retain(|t| !source.contains(t));
        }
        (source, target)
    } else {
        let base = c.s.span.start;
        let clause = roles::clause_roles(c.syntax, actors, base, base + f.start, base + f.end);
        // The clause analysis decides when it finds the verb; the nearest
        // names are the fallback when it does not.
        let (mut source, target) = match clause {
            Some(roles) => roles,
            None => roles::by_position(c.ws, actors, f.start, f.end, f.passive),
        };
        // "Japan's decision … to hold in abeyance …": with no subject of its
        // own, a verb is done by the possessor before it.
        if source.is_empty() && !f.passive {
            source = roles::possessor_before(c.ws, actors, f.start);
        }
        if source.len() >= 2 {
            joint = true;
        }
        (source, target)
    };
    // "It responded by …": the previous sentence's actor.
    let first = c.ws.iter().find(|w| w.0 < f.start).map(|w| w.2.as_str());
    let pronoun = first.is_some_and(|w| PRONOUNS.contains(&w));
    if pronoun && f.pos != "noun" {
        if f.passive && target.is_empty() {
            // "He was tortured": the previous sentence's subject suffered it.
            target = c.previous.clone();
        } else if !f.passive && source.is_empty() {
            source = c.previous.clone();
        }
    }
    // "Sino-Japanese peace treaty", "between the Soviet Union and Japan":
    // the parties of a signing.
    if (f.cameo == "057" || (roles::reciprocal(f.plover, f.cameo) && f.pos != "verb")) && !joint {
        let both = roles::pair_in(c.ws, c.text, actors, f.start);
        if both.len() >= 2 {
            source = both;
            target.clear();
            joint = true;
        }
    }
    if roles::reciprocal(f.plover, f.cameo) && (joint || !target.is_empty()) && f.cameo == "057" {
        roles::join(&mut source, &mut target);
    }
    // "The two countries signed …", a joint act with no names, or fighting
    // no one is named for: the document's two main parties.
    let fighting = f.plover == "ASSAULT" && matches!(f.pos, "noun" | "name");
    if source.is_empty()
        && target.is_empty()
        && (roles::bilateral(c.ws) || roles::reciprocal(f.plover, f.cameo) || fighting)
        && parties.len() == 2
    {
        source = parties.clone();
        joint = true;
    }
    if joint && roles::reciprocal(f.plover, f.cameo) {
        roles::join(&mut source, &mut target);
    }
    // A passive with no doer named, done to one of the two main parties,
    // was done by the other ("… was transferred to the Soviet Union").
    let words = &c.text[f.start..f.end];
    let passive = f.passive || words.starts_with("was ") || words.starts_with("were ");
    if source.is_empty() && target.len() == 1 && passive && parties.len() == 2 {
        if let Some(i) = side(&target[0]) {
            source.push(parties[1 - i].clone());
        }
    }
    // A one-sided act by one of the document's two main parties (or by one
    // of their people) with no target named is done to the other ("Moscow
    // annulled the pact", "Gromyko offered to return two islands").
    if target.is_empty() && source.len() == 1 && parties.len() == 2 && !joint && f.pos != "name" {
        if let Some(i) = side(&source[0]) {
            target.push(parties[1 - i].clone());
        }
    }
    source.dedup();
    target.retain(|t| !source.contains(t));
    (source, target)
}

/// The date of an event: a named event's own years; else the sentence's
/// date nearest to the trigger (with the end of a written range, and
/// `AFTER`/`BEFORE` from an "after …" phrase); else a named event the
/// sentence uses as its time frame; else the section's period for the first
/// sentence of a paragraph, the narrative's latest date, or the section's
/// period.
fn date_of(f: &Found, c: &Context) -> (Option<EventDate>, DateSource) {
    if let Some(shifted) = dates::offset_from_sentence(c.ws, &c.offsets, c.dates, c.s, f.start) {
        return (Some(shifted), DateSource::Own);
    }
    let clause_of = |at: usize| {
        let (a, b) = (at.min(f.start), at.max(f.start));
        c.ws.iter()
            .filter(|w| w.0 >= a && w.1 <= b && matches!(w.2.as_str(), "," | ";" | ":" | "(" | ")"))
            .count()
    };
    let candidates: Vec<&Timex> = c
        .dates
        .iter()
        .filter(|d| d.range_start.is_none())
        .filter(|d| {
            // A year that names a treaty or a war ("the 1905 Treaty of
            // Portsmouth") dates only the act done to it ("concluded the
            // 1941 pact").
            let at = d.span.start - c.s.span.start;
            let object = at >= f.end
                && c.text[f.end..at]
                    .split_whitespace()
                    .all(|w| matches!(w, "the" | "a" | "an" | "its" | "their" | "his" | "her"));
            !dates::names_year(d, c.names) || object
        })
        .copied()
        .collect();
    let nearest = candidates
        .iter()
        .min_by_key(|d| {
            // Distance in bytes, and a clause boundary costs more than words.
            let at = d.span.start - c.s.span.start;
            at.abs_diff(f.start) + 200 * clause_of(at)
        })
        .copied();
    // A named event's own dates: those the text gives it, else the
    // gazetteer's years, unless a date of its own clause is more precise.
    let named = f
        .named
        .as_deref()
        .or(f.setting.as_deref())
        .and_then(|n| c.named_dates.get(n).cloned().or_else(|| dates::of_named(n)));
    if let Some(own) = named {
        if let Some(d) = nearest.filter(|d| {
            let at = d.span.start - c.s.span.start;
            clause_of(at) == 0 && d.value.len() > own.value.len() && d.value.starts_with(&own.value)
        }) {
            return (Some(dates::of_timex(d, c.dates)), DateSource::Own);
        }
        return (Some(own), DateSource::Own);
    }
    // A period named by "the next three years" when it is nearer than any
    // date of the sentence.
    let distance = |at: usize| at.abs_diff(f.start) + 200 * clause_of(at);
    let nearer_span = c
        .spans
        .iter()
        .min_by_key(|(at, _)| distance(*at))
        .filter(|(at, _)| {
            nearest.is_none_or(|d| distance(*at) < distance(d.span.start - c.s.span.start))
        });
    if let Some((_, period)) = nearer_span {
        return (Some(period.clone()), DateSource::Sentence);
    }
    // A date across a semicolon belongs to another clause: a war that frames
    // the trigger's own clause dates it instead ("from the Russo-Japanese War
    // of 1904–5; and from the Soviet declaration of war on Japan in the last
    // days of World War II").
    let across_semicolon = |d: &Timex| {
        let at = d.span.start - c.s.span.start;
        let (a, b) = (at.min(f.start), at.max(f.start));
        c.ws.iter().any(|w| w.0 >= a && w.1 <= b && w.2 == ";")
    };
    if nearest.is_some_and(across_semicolon) {
        if let Some((at, frame)) = dates::frame_at(c.ws, c.s, c.names, f.start, c.named_dates) {
            if clause_of(at) == 0 {
                return (Some(frame), DateSource::Frame);
            }
        }
    }
    if let Some(d) = nearest {
        let at = d.span.start - c.s.span.start;
        let mut date = dates::of_timex(d, c.dates);
        // "occupying Chita until October 1920": from the narrative's time
        // to that date.
        let until =
            c.ws.iter()
                .rev()
                .find(|w| w.1 <= at)
                .is_some_and(|w| matches!(w.2.as_str(), "until" | "till"));
        if until && date.end.is_none() {
            if let Some(n) = c.narrative.as_ref().filter(|n| n.value < date.value) {
                return (
                    Some(EventDate {
                        value: n.value.clone(),
                        end: Some(date.value.clone()),
                        modifier: None,
                    }),
                    DateSource::Own,
                );
            }
        }
        if date.modifier.is_none() {
            date.modifier = dates::phrase_mod(c.ws, at, f.start).map(str::to_string);
        }
        // "in 1940 and 1941": both years, as an interval.
        if date.end.is_none() {
            if let Some(first) = dates::coordinated_before(c.ws, c.dates, c.s, d) {
                date = EventDate {
                    value: first.value.clone(),
                    end: Some(date.value.clone()),
                    modifier: None,
                };
            }
        }
        let close = clause_of(at) == 0 && at.abs_diff(f.start) <= 60;
        let source = if close {
            DateSource::Own
        } else {
            DateSource::Sentence
        };
        return (Some(date), source);
    }
    // A war that frames the trigger's own clause ("which were seized … at
    // the end of World War II" dates the seizure, not the whole sentence).
    if let Some((at, frame)) = dates::frame_at(c.ws, c.s, c.names, f.start, c.named_dates) {
        if clause_of(at) == 0 {
            return (Some(frame), DateSource::Frame);
        }
    }
    if c.first_of_block && c.section.is_some() {
        return (c.section.clone(), DateSource::Section);
    }
    match (&c.narrative, &c.section) {
        (Some(n), _) => (Some(n.clone()), DateSource::Narrative),
        (None, Some(p)) => (Some(p.clone()), DateSource::Section),
        (None, None) => (None, DateSource::None),
    }
}
