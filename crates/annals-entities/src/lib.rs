//! Entity mentions: names found, labelled (OntoNotes), linked to English
//! Wikipedia titles, and for states given ISO and COW codes by period.
//!
//! Three steps:
//! 1. [`find`]: in each sentence, the gazetteers' names (`data/*.tsv`, one
//!    automaton over all of them, longest match, word boundaries) and the
//!    capitalised sequences no list knows, labelled by their cue words
//!    (`data/cues.tsv`: "Treaty of …" is a LAW, "… War" an EVENT, a title
//!    before a name makes a PERSON); amounts of money.
//! 2. The *situation date* of each sentence, from the time layer: the dates
//!    written in it, or else the narrative's latest date before it. Headings,
//!    the title and sentences whose dates span periods are generic.
//! 3. Linking: a state's name takes the title of the state that existed at
//!    the situation date (Empire of Japan before 3 May 1947, Japan after; the
//!    modern country when generic), with its ISO 3166 and COW codes; a
//!    capital that acts ("Moscow annulled the pact") stands for its state
//!    (`metonymy`); a short form takes the title of the full name met earlier
//!    ("Gorbachev" after "Mikhail Gorbachev").
//!
//! ```
//! let doc = annals_text::read_bytes("d.txt", "In 1941 Japan and the Soviet Union signed a pact.".as_bytes(),
//!     annals_text::Format::Plain).unwrap();
//! let sentences = annals_text::segment(&doc);
//! let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
//! let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
//! let links: Vec<_> = mentions.iter().map(|m| m.link.as_deref().unwrap_or("-")).collect();
//! assert_eq!(links, ["Empire of Japan", "Soviet Union"]);
//! assert_eq!(mentions[1].iso.as_deref(), Some("SUN"));
//! ```

mod cues;
mod find;
pub mod gazetteer;

use aho_corasick::{AhoCorasick, MatchKind};
use annals_core::{BlockKind, Document, EntityLabel, Mention, Sentence, Span, Timex, TimexType};
use cues::Cues;
use find::{Finder, Found};
use gazetteer::{Gazetteer, Referent};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Errors in the data files (found by the tests, never at run time in a
/// released build).
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
    gazetteer: Gazetteer,
    cues: Cues,
    automaton: AhoCorasick,
    patterns: Vec<&'static str>,
}

fn build() -> Result<Model, Error> {
    let gazetteer = Gazetteer::load()?;
    let cues = Cues::load()?;
    let mut patterns: Vec<&'static str> = gazetteer
        .names
        .keys()
        .map(|k| &*Box::leak(k.clone().into_boxed_str()))
        .collect();
    patterns.sort_unstable();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .map_err(|e| Error::Data {
            file: "gazetteers",
            line: 0,
            message: e.to_string(),
        })?;
    Ok(Model {
        gazetteer,
        cues,
        automaton,
        patterns,
    })
}

static MODEL: LazyLock<Model> = LazyLock::new(|| match build() {
    Ok(m) => m,
    Err(e) => panic!("the embedded gazetteers are valid (the test suite checks them): {e}"),
});

/// Checks that every data file reads; the tests call it.
pub fn check_data() -> Result<(), Error> {
    build().map(|_| ())
}

/// The situation a name is mentioned in: dated (an interval of day
/// numbers), the present, or generic (spanning periods, or undated).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Situation {
    Dated(i64, i64),
    Present,
    Generic,
}

fn interval(t: &Timex) -> Option<(i64, i64)> {
    if t.kind != TimexType::Date {
        return None;
    }
    let a = annals_core::calendar::parse_iso_day(t.earliest.as_deref()?)?;
    let b = t
        .latest
        .as_deref()
        .and_then(annals_core::calendar::parse_iso_day)
        .unwrap_or(a);
    Some((a, b))
}

/// The dates of one sentence and what holds where it has none.
#[derive(Debug, Clone)]
struct SentenceDates {
    /// (byte where the date is written, interval).
    dates: Vec<(usize, (i64, i64))>,
    /// The situation of a name with no date of its own sentence to go by.
    fallback: Situation,
}

impl SentenceDates {
    /// The situation of a name at byte `at`. A name before all of two or
    /// more dates ("Relations between X and Y from 1917 to 1991") spans
    /// them all; otherwise the first date written after it in the sentence
    /// ("Japan's victory … in the Russo-Japanese War of 1904–05") or, when
    /// none follows, the nearest before it.
    fn at(&self, at: usize) -> Situation {
        if self.dates.is_empty() {
            return self.fallback;
        }
        if self.dates.len() >= 2 && self.dates.iter().all(|(p, _)| *p > at) {
            let a = self.dates.iter().map(|(_, d)| d.0).min().unwrap_or(0);
            let b = self.dates.iter().map(|(_, d)| d.1).max().unwrap_or(0);
            return Situation::Dated(a, b);
        }
        let after = self
            .dates
            .iter()
            .filter(|(p, _)| *p > at)
            .min_by_key(|(p, _)| *p);
        let before = self
            .dates
            .iter()
            .filter(|(p, _)| *p <= at)
            .max_by_key(|(p, _)| *p);
        match after.or(before) {
            Some(&(_, (a, b))) => Situation::Dated(a, b),
            None => self.fallback,
        }
    }
}

/// The dates of every sentence, in order. Headings, the title, infobox
/// lines and "See also" items are generic.
fn sentence_dates(doc: &Document, sentences: &[Sentence], timexes: &[Timex]) -> Vec<SentenceDates> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut t = 0;
    let mut narrative: Option<(i64, i64)> = None;
    let see_also = |s: &Sentence| {
        doc.sections[s.section]
            .heading
            .is_some_and(|h| doc.span_text(h).eq_ignore_ascii_case("See also"))
    };
    for s in sentences {
        let kind = doc.blocks.get(s.block).map(|b| b.kind);
        let mut dates = Vec::new();
        let mut present = false;
        let before = narrative;
        while t < timexes.len() && timexes[t].span.start < s.span.end {
            let x = &timexes[t];
            if x.span.start >= s.span.start {
                present |= x.value == "PRESENT_REF";
                if let Some((a, b)) = interval(x) {
                    dates.push((x.span.start, (a, b)));
                    // Short spans only: "the 1970s" moves the narrative less than "1972".
                    if b - a < 3 * 366 {
                        narrative = Some((a, b));
                    }
                }
            }
            t += 1;
        }
        let generic = matches!(
            kind,
            Some(BlockKind::Title | BlockKind::Heading | BlockKind::InfoboxEntry)
        ) || see_also(s);
        let fallback = if present {
            Situation::Present
        } else {
            // A sentence without a date of its own continues from where the
            // narrative's last date ended: after "in late 1991 … the Soviet
            // Union was dissolved", "Moscow" is Russia's government.
            before.map_or(Situation::Generic, |(_, b)| Situation::Dated(b, b))
        };
        out.push(if generic {
            SentenceDates {
                dates: Vec::new(),
                fallback: Situation::Generic,
            }
        } else {
            SentenceDates { dates, fallback }
        });
    }
    out
}

/// The state period a name takes in a situation.
fn choose(g: &Gazetteer, periods: &[usize], situation: Situation) -> Option<usize> {
    let default = periods
        .iter()
        .copied()
        .find(|&p| g.states[p].default)
        .or(periods.first().copied());
    match situation {
        Situation::Generic => default,
        // The present: the state that exists today.
        Situation::Present => periods
            .iter()
            .copied()
            .find(|&p| g.states[p].to == i64::MAX)
            .or(default),
        Situation::Dated(a, b) => {
            let within: Vec<usize> = periods
                .iter()
                .copied()
                .filter(|&p| g.states[p].from <= a && b <= g.states[p].to)
                .collect();
            match within.as_slice() {
                [one] => Some(*one),
                // Several periods contain the situation: the narrower one.
                [_, ..] => within
                    .iter()
                    .copied()
                    .min_by_key(|&p| g.states[p].to.saturating_sub(g.states[p].from)),
                // It spans periods: the one covering most of it ("from the
                // 1920s until the late 1940s" is the Empire of Japan's time),
                // the generic title when none covers more than half.
                [] => {
                    let span = (b - a + 1).max(1);
                    let cover =
                        |p: usize| (g.states[p].to.min(b) - g.states[p].from.max(a) + 1).max(0);
                    periods
                        .iter()
                        .copied()
                        .filter(|&p| cover(p) * 2 > span)
                        .max_by_key(|&p| cover(p))
                        .or(default)
                }
            }
        }
    }
}

/// Words before a capital that make it the literal place, not its government.
const LITERAL_BEFORE: [&str; 18] = [
    "in", "at", "to", "from", "near", "into", "visited", "visit", "visiting", "via", "toward",
    "towards", "reached", "outside", "around", "of", "capital", "city",
];

/// Finds, labels and links every name of a document.
pub fn tag_document(doc: &Document, sentences: &[Sentence], timexes: &[Timex]) -> Vec<Mention> {
    tag_document_with_links(doc, sentences, timexes, &[])
}

/// [`tag_document`] with gold links: `(start, end, target)` byte spans of
/// the document whose Wikipedia title is known (the `[[…]]` links of a page
/// read from wikitext). Everything else stays the same, except:
///
/// - a mention found at exactly a gold span takes the gold target as its
///   link (the target normalised by [`canonical_title`]); when the target is
///   a state's title it gets that state period's ISO and COW codes and
///   dates, otherwise it loses them (and its metonymy, which only a state
///   reading has); the short forms met later take the gold link too;
/// - a gold span that no found name overlaps, written with a capital and
///   whose target the gazetteers know ([`title_label`]), becomes a mention
///   with the gazetteer's label.
///
/// Amounts of money keep having no link.
///
/// ```
/// let text = "In 1941 Moscow signed a pact with Tokyo.";
/// let doc = annals_text::read_bytes("d.txt", text.as_bytes(), annals_text::Format::Plain).unwrap();
/// let sentences = annals_text::segment(&doc);
/// let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
/// let moscow = text.find("Moscow").unwrap();
/// let tokyo = text.find("Tokyo").unwrap();
/// let gold = [(moscow, moscow + 6, "USSR"), (tokyo, tokyo + 5, "Tokyo")];
/// let mentions = annals_entities::tag_document_with_links(&doc, &sentences, &timexes, &gold);
/// let links: Vec<_> = mentions.iter().map(|m| m.link.as_deref().unwrap_or("-")).collect();
/// assert_eq!(links, ["Soviet Union", "Tokyo"]);
/// assert_eq!(mentions[0].iso.as_deref(), Some("SUN"));
/// assert!(mentions[0].metonymy);
/// assert!(!mentions[1].metonymy && mentions[1].cow.is_none());
/// ```
pub fn tag_document_with_links(
    doc: &Document,
    sentences: &[Sentence],
    timexes: &[Timex],
    gold: &[(usize, usize, &str)],
) -> Vec<Mention> {
    let model = &*MODEL;
    let mut gold: Vec<(usize, usize, &str)> = gold
        .iter()
        .copied()
        .filter(|&(s, e, t)| s < e && !t.is_empty())
        .collect();
    gold.sort_by_key(|&(s, e, _)| (s, e));
    let exact: HashMap<(usize, usize), &str> = gold.iter().map(|&(s, e, t)| ((s, e), t)).collect();
    let finder = Finder {
        gazetteer: &model.gazetteer,
        automaton: &model.automaton,
        patterns: &model.patterns,
        cues: &model.cues,
    };
    let situations = sentence_dates(doc, sentences, timexes);
    let mut out: Vec<Mention> = Vec::new();
    let mut memory = Memory::default();
    for (s, situation) in sentences.iter().zip(situations) {
        let text = doc.span_text(s.span);
        let mut found = finder.find(text, s.span.start);
        found.extend(unfound_gold(doc, &gold, s.span, &found));
        found.sort_by_key(|f| (f.span.start, f.span.end));
        for f in found {
            let name = doc.span_text(f.span).to_string();
            let at = situation.at(f.span.start);
            let target = exact.get(&(f.span.start, f.span.end)).copied();
            if let Some(m) = link(&model.gazetteer, f, &name, at, s.span, &mut memory, target) {
                out.push(m);
            }
        }
    }
    for (i, m) in out.iter_mut().enumerate() {
        m.id = format!("M{}", i + 1);
    }
    out
}

/// The gold spans inside a sentence that no found name overlaps, written
/// with a capital, whose target the gazetteers know: names to add, labelled
/// as the gazetteer labels the target.
fn unfound_gold(
    doc: &Document,
    gold: &[(usize, usize, &str)],
    sentence: Span,
    found: &[Found],
) -> Vec<Found> {
    let first = gold.partition_point(|g| g.0 < sentence.start);
    gold[first..]
        .iter()
        .take_while(|g| g.0 < sentence.end)
        .filter(|&&(_, e, _)| e <= sentence.end)
        .filter(|&&(s, e, _)| !found.iter().any(|f| f.span.start < e && s < f.span.end))
        .filter(|&&(s, e, _)| {
            doc.text
                .get(s..e)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_uppercase)
        })
        .filter_map(|&(s, e, t)| {
            let label = title_label(canonical_title(t).unwrap_or(t))?;
            Some(Found {
                span: Span::new(s, e),
                label,
                reading: None,
                before: String::new(),
                possessive: false,
                closes: false,
                guessed: false,
            })
        })
        .collect()
}

/// What the document has named so far.
#[derive(Default)]
struct Memory {
    /// A name's first label.
    labels: HashMap<String, EntityLabel>,
    /// Every word-final part of a name of two or more words ("Gorbachev",
    /// "Joint Declaration"), with the latest such name's label and link.
    suffixes: HashMap<String, (EntityLabel, Option<String>)>,
    /// The initials of such names ("CPSU").
    initials: HashMap<String, (EntityLabel, Option<String>)>,
}

impl Memory {
    /// The link of the full name a short form stands for: "Gorbachev" after
    /// "Mikhail Gorbachev", "Joint Declaration" after "Soviet–Japanese Joint
    /// Declaration", "CPSU" after "Communist Party of the Soviet Union".
    fn full_form(&self, name: &str, label: EntityLabel) -> Option<(EntityLabel, Option<String>)> {
        if let Some((l, link)) = self.suffixes.get(name) {
            // One word shortens only a person's name ("Gorbachev"); a lone
            // head noun ("Army", "Council", "War") is no name of its own.
            let single = !name.contains(' ');
            let fits = if single {
                *l == EntityLabel::Person
            } else {
                *l == label || label == EntityLabel::Person
            };
            if fits {
                return Some((*l, link.clone()));
            }
        }
        let acronym = name.len() >= 2 && name.chars().all(|c| c.is_ascii_uppercase());
        acronym.then(|| self.initials.get(name).cloned()).flatten()
    }

    fn remember(&mut self, name: &str, label: EntityLabel, link: &Option<String>) {
        self.labels.entry(name.to_string()).or_insert(label);
        if !name.contains(' ') || label == EntityLabel::Money {
            return;
        }
        for (i, c) in name.char_indices() {
            if matches!(c, ' ' | '-' | '–') {
                let suffix = &name[i + c.len_utf8()..];
                if !suffix.is_empty() {
                    self.suffixes
                        .insert(suffix.to_string(), (label, link.clone()));
                }
            }
        }
        let initials: String = name
            .split([' ', '-', '–'])
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect();
        if initials.chars().count() >= 2 {
            self.initials.insert(initials, (label, link.clone()));
        }
    }
}

/// A listed title for a name no list has as written: the plural ("Kuril
/// Island"), or a person's name in the other order ("Tanaka Kakuei").
fn known_variant(g: &Gazetteer, name: &str, label: EntityLabel) -> Option<String> {
    let title_of = |n: &str| {
        g.names
            .get(n)?
            .iter()
            .find_map(|r| match (&r.referent, r.label == label) {
                (Referent::Title(t), true) => Some((*t).to_string()),
                _ => None,
            })
    };
    let words: Vec<&str> = name.split(' ').collect();
    match (label, words.as_slice()) {
        (EntityLabel::Person, [a, b]) => title_of(&format!("{b} {a}")),
        _ => title_of(&format!("{name}s")),
    }
}

fn link(
    g: &Gazetteer,
    f: Found,
    name: &str,
    situation: Situation,
    sentence: Span,
    memory: &mut Memory,
    gold: Option<&str>,
) -> Option<Mention> {
    let mut label = f.label;
    let mut link: Option<String> = None;
    let mut metonymy = false;
    let mut state: Option<usize> = None;
    match f.reading.as_ref().map(|r| &r.referent) {
        Some(Referent::State(periods)) => state = choose(g, periods, situation),
        Some(Referent::Capital { city, states }) => {
            // "visited Tokyo" is the city; "Moscow annulled", "Moscow's
            // refusal" the government. A capital that closes its phrase
            // ("the capital is Luanda.", "Tokyo, Seoul and Shanghai", a
            // table cell) does no act: the city.
            let literal = LITERAL_BEFORE.contains(&f.before.as_str()) || f.closes;
            if literal && !f.possessive {
                link = Some((*city).to_string());
            } else {
                state = choose(g, states, situation);
                metonymy = state.is_some();
                if state.is_none() {
                    link = Some((*city).to_string());
                }
            }
        }
        Some(Referent::Title(t)) => link = Some((*t).to_string()),
        None => {}
    }
    if let Some(p) = state {
        link = Some(g.states[p].title.to_string());
    }
    if f.guessed && f.reading.is_none() {
        // A name no list knows: the short form of a name met earlier, the
        // same string's first label, or the name itself as the best guess
        // of its title. A lone unknown word that shortens nothing is dropped.
        let single = !name.contains(' ');
        match memory.full_form(name, label) {
            Some((l, full)) => {
                label = l;
                link = full;
            }
            None if single && label == EntityLabel::Person && gold.is_none() => return None,
            None => {
                if let Some(&l) = memory.labels.get(name) {
                    label = l;
                }
                link = Some(known_variant(g, name, label).unwrap_or_else(|| name.to_string()));
            }
        }
    }
    if let Some(target) = gold.filter(|_| label != EntityLabel::Money) {
        // The page's own link is the answer: its state period, if a state.
        let title = canonical_title(target).unwrap_or(target);
        let periods: Vec<usize> = (0..g.states.len())
            .filter(|&p| g.states[p].title == title)
            .collect();
        state = choose(g, &periods, situation);
        metonymy &= state.is_some();
        link = Some(title.to_string());
    }
    if label == EntityLabel::Money {
        link = None;
    }
    memory.remember(name, label, &link);
    let period = state.map(|p| &g.states[p]);
    Some(Mention {
        id: String::new(),
        span: f.span,
        text: name.to_string(),
        label,
        link,
        metonymy,
        iso: period.and_then(|p| p.iso).map(str::to_string),
        cow: period.and_then(|p| p.cow),
        valid_from: period.and_then(|p| iso_day(p.from)),
        valid_to: period.and_then(|p| iso_day(p.to)),
        sentence,
    })
}

/// The mentions of one entity (one link; unlinked names by their text).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EntityGroup {
    /// The Wikipedia title, or `None` for names without an article.
    pub link: Option<String>,
    /// Labels the mentions carry.
    pub labels: Vec<EntityLabel>,
    /// How many mentions.
    pub count: usize,
    /// The ways it is written, most frequent first.
    pub forms: Vec<String>,
    /// ISO code of a state.
    pub iso: Option<String>,
    /// COW code of a state.
    pub cow: Option<u16>,
    /// The first mention's id.
    pub first: String,
}

/// Groups mentions by what they link to, most mentioned first.
///
/// ```
/// use annals_core::{EntityLabel, Mention, Span};
/// let m = |text: &str, link: &str| Mention {
///     id: "M1".into(), span: Span::new(0, 1), text: text.into(), label: EntityLabel::Gpe,
///     link: Some(link.into()), metonymy: false, iso: None, cow: None, valid_from: None, valid_to: None, sentence: Span::new(0, 1),
/// };
/// let groups = annals_entities::group(&[m("USSR", "Soviet Union"), m("Soviet Union", "Soviet Union"), m("Japan", "Japan")]);
/// assert_eq!(groups[0].count, 2);
/// assert_eq!(groups[0].forms, ["Soviet Union", "USSR"]);
/// ```
pub fn group(mentions: &[Mention]) -> Vec<EntityGroup> {
    let mut groups: Vec<EntityGroup> = Vec::new();
    let mut index: HashMap<(Option<String>, String), usize> = HashMap::new();
    let mut forms: Vec<HashMap<String, usize>> = Vec::new();
    for m in mentions {
        let key = match &m.link {
            Some(l) => (Some(l.clone()), String::new()),
            None => (None, m.text.clone()),
        };
        let i = *index.entry(key).or_insert_with(|| {
            groups.push(EntityGroup {
                link: m.link.clone(),
                labels: Vec::new(),
                count: 0,
                forms: Vec::new(),
                iso: m.iso.clone(),
                cow: m.cow,
                first: m.id.clone(),
            });
            forms.push(HashMap::new());
            groups.len() - 1
        });
        let g = &mut groups[i];
        g.count += 1;
        if !g.labels.contains(&m.label) {
            g.labels.push(m.label);
        }
        *forms[i].entry(m.text.clone()).or_insert(0) += 1;
    }
    for (g, f) in groups.iter_mut().zip(forms) {
        let mut f: Vec<(String, usize)> = f.into_iter().collect();
        f.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        g.forms = f.into_iter().map(|(s, _)| s).collect();
        g.labels.sort();
    }
    groups.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.first.len().cmp(&b.first.len()))
            .then(a.first.cmp(&b.first))
    });
    groups
}

/// A day number as an ISO day; `None` for an open end.
fn iso_day(day: i64) -> Option<String> {
    if day == i64::MIN || day == i64::MAX {
        return None;
    }
    let (y, m, d) = annals_core::calendar::from_day_number(day);
    Some(if y < 0 {
        format!("-{:04}-{m:02}-{d:02}", -y)
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    })
}

/// The COW numbers of the states a capital city stands for ("Tokyo" for
/// Japan), by the city's title; empty for any other place.
///
/// ```
/// assert!(annals_entities::capital_of("Tokyo").contains(&740));
/// assert!(annals_entities::capital_of("Vladivostok").is_empty());
/// ```
pub fn capital_of(city_title: &str) -> Vec<u16> {
    CAPITALS.get(city_title).cloned().unwrap_or_default()
}

/// City title -> the COW numbers of the states it is a capital of, built
/// once from the gazetteer.
static CAPITALS: LazyLock<HashMap<&'static str, Vec<u16>>> = LazyLock::new(|| {
    let g = &MODEL.gazetteer;
    let mut out: HashMap<&'static str, Vec<u16>> = HashMap::new();
    for reading in g.names.values().flatten() {
        if let Referent::Capital { city, states } = &reading.referent {
            let cows = out.entry(*city).or_default();
            cows.extend(
                states
                    .iter()
                    .filter_map(|&i| g.states.get(i).and_then(|p| p.cow)),
            );
        }
    }
    for cows in out.values_mut() {
        cows.sort_unstable();
        cows.dedup();
    }
    out
});

/// The title of the state with COW number `cow` over the days `from..=to`
/// (day numbers of `annals_core::calendar`): the period that holds them, or
/// covers most of them ("Empire of Japan" in 1930, "Japan" in 1960).
///
/// ```
/// use annals_core::calendar::day_number;
/// let day = |y| day_number(y, 6, 1);
/// assert_eq!(annals_entities::state_title(740, day(1930), day(1930)), Some("Empire of Japan"));
/// assert_eq!(annals_entities::state_title(740, day(1960), day(1960)), Some("Japan"));
/// assert_eq!(annals_entities::state_title(365, day(1970), day(1970)), Some("Soviet Union"));
/// ```
pub fn state_title(cow: u16, from: i64, to: i64) -> Option<&'static str> {
    let g = &MODEL.gazetteer;
    let periods: Vec<usize> = (0..g.states.len())
        .filter(|&i| g.states[i].cow == Some(cow))
        .collect();
    choose(g, &periods, Situation::Dated(from, to)).map(|i| g.states[i].title)
}

/// Whether a title is a place that is not a state (a city, a region, a
/// continent): a name that locates, rather than acts.
///
/// ```
/// assert!(annals_entities::is_place("Siberia") && annals_entities::is_place("Vladivostok"));
/// assert!(!annals_entities::is_place("Soviet Union") && !annals_entities::is_place("Bolsheviks"));
/// ```
pub fn is_place(title: &str) -> bool {
    MODEL.gazetteer.names.get(title).is_some_and(|readings| {
        readings.iter().any(|r| {
            matches!(r.label, EntityLabel::Gpe | EntityLabel::Loc)
                && matches!(r.referent, Referent::Title(t) if t == title)
        })
    })
}

/// The COW numbers of the states whose names or adjectives make up words of
/// a text, in order ("Soviet invasion of Manchuria" gives the Soviet Union,
/// "Russo-Japanese War" Russia and Japan).
///
/// ```
/// assert_eq!(annals_entities::states_named_in("Russo-Japanese War"), vec![365, 740]);
/// assert!(annals_entities::states_named_in("Battle of Lake Khasan").is_empty());
/// ```
pub fn states_named_in(text: &str) -> Vec<u16> {
    let g = &MODEL.gazetteer;
    let mut out: Vec<u16> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let Some(readings) = g.names.get(word) else {
            continue;
        };
        let cow = readings.iter().find_map(|r| match &r.referent {
            Referent::State(periods) => periods.iter().find_map(|&i| g.states.get(i)?.cow),
            _ => None,
        });
        if let Some(cow) = cow.filter(|c| !out.contains(c)) {
            out.push(cow);
        }
    }
    out
}

/// The kind and dates of a named event, by its title.
///
/// ```
/// let war = annals_entities::named_event("Russo-Japanese War").unwrap();
/// assert_eq!(war.kind, "war");
/// assert_eq!(war.from.map(annals_core::calendar::from_day_number).map(|d| d.0), Some(1904));
/// assert!(annals_entities::named_event("Japan").is_none());
/// ```
pub fn named_event(title: &str) -> Option<gazetteer::NamedEvent> {
    MODEL.gazetteer.events.get(title).copied()
}

/// The ISO and COW codes of every state title in the gazetteer.
///
/// ```
/// let codes = annals_entities::state_codes();
/// assert_eq!(codes["Soviet Union"], (Some("SUN"), Some(365)));
/// ```
pub fn state_codes() -> HashMap<&'static str, (Option<&'static str>, Option<u16>)> {
    MODEL
        .gazetteer
        .states
        .iter()
        .map(|s| (s.title, (s.iso, s.cow)))
        .collect()
}

/// Every title the gazetteers know, with its label: the states' titles
/// (GPE), then each title of the other files under its file's label (the
/// first file that lists a title wins).
static TITLES: LazyLock<HashMap<&'static str, EntityLabel>> = LazyLock::new(|| {
    let g = &MODEL.gazetteer;
    let mut out: HashMap<&'static str, EntityLabel> = HashMap::new();
    for p in &g.states {
        out.entry(p.title).or_insert(EntityLabel::Gpe);
    }
    for (file, text) in gazetteer::FILES {
        if file == "states.tsv" {
            continue;
        }
        for (_, fields) in gazetteer::rows(file, text).flatten() {
            let Some(&title) = fields.first() else {
                continue;
            };
            let label = g.names.get(title).and_then(|readings| {
                readings.iter().find_map(|r| match r.referent {
                    Referent::Title(t) if t == title => Some(r.label),
                    Referent::Capital { city, .. } if city == title => Some(EntityLabel::Gpe),
                    _ => None,
                })
            });
            if let Some(label) = label {
                out.entry(title).or_insert(label);
            }
        }
    }
    out
});

/// The label of a Wikipedia title the gazetteers know (a state, place,
/// person, event, organisation, group or law), `None` for any other title.
///
/// ```
/// use annals_core::EntityLabel;
/// assert_eq!(annals_entities::title_label("Soviet Union"), Some(EntityLabel::Gpe));
/// assert_eq!(annals_entities::title_label("Vladivostok"), Some(EntityLabel::Gpe));
/// assert_eq!(annals_entities::title_label("Russo-Japanese War"), Some(EntityLabel::Event));
/// assert_eq!(annals_entities::title_label("Philosophy"), None);
/// ```
pub fn title_label(title: &str) -> Option<EntityLabel> {
    TITLES.get(title).copied()
}

/// The title a name stands for when the gazetteers know it as a name of
/// exactly one title and not as a title of its own ("USSR" is the Soviet
/// Union); the title itself for a known title; `None` otherwise (unknown,
/// or a name of several titles or state periods, such as "Japan" or
/// "Russia", which is a title and stays one). Adjectives and demonyms are no
/// such names.
///
/// ```
/// assert_eq!(annals_entities::canonical_title("USSR"), Some("Soviet Union"));
/// assert_eq!(annals_entities::canonical_title("Soviet Union"), Some("Soviet Union"));
/// assert_eq!(annals_entities::canonical_title("Philosophy"), None);
/// ```
pub fn canonical_title(name: &str) -> Option<&'static str> {
    if let Some((&title, _)) = TITLES.get_key_value(name) {
        return Some(title);
    }
    let g = &MODEL.gazetteer;
    let mut titles: Vec<&'static str> = Vec::new();
    for r in g
        .names
        .get(name)?
        .iter()
        .filter(|r| r.label != EntityLabel::Norp)
    {
        match &r.referent {
            Referent::State(periods) => titles.extend(periods.iter().map(|&p| g.states[p].title)),
            Referent::Capital { city, .. } => titles.push(city),
            Referent::Title(t) => titles.push(t),
        }
    }
    titles.sort_unstable();
    titles.dedup();
    match titles.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}
