//! The word lists: the WordNet lexicon (`lexicon.txt`, `irregular.txt`,
//! `phrasal.txt`), the closed classes (`closed.txt`) and the word classes of
//! the clause rules (`words.txt`), read once from the embedded files.

use crate::hash::Map;
use crate::pos::Pos;
use std::fmt;
use std::sync::LazyLock;

/// `data/lexicon.txt`, embedded.
pub const LEXICON: &str = include_str!("../data/lexicon.txt");
/// `data/irregular.txt`, embedded.
pub const IRREGULAR: &str = include_str!("../data/irregular.txt");
/// `data/phrasal.txt`, embedded.
pub const PHRASAL: &str = include_str!("../data/phrasal.txt");
/// `data/closed.txt`, embedded.
pub const CLOSED: &str = include_str!("../data/closed.txt");
/// `data/words.txt`, embedded.
pub const WORDS: &str = include_str!("../data/words.txt");

/// A mistake in one of the data files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The file's name.
    pub file: &'static str,
    /// The line, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DataError {}

/// A WordNet word class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Noun.
    N,
    /// Verb.
    V,
    /// Adjective.
    A,
    /// Adverb.
    R,
    /// A sense only written with a capital.
    P,
}

impl Class {
    fn parse(c: char) -> Option<Class> {
        Some(match c {
            'n' => Class::N,
            'v' => Class::V,
            'a' => Class::A,
            'r' => Class::R,
            'p' => Class::P,
            _ => return None,
        })
    }
}

/// `words.txt` class: a verb whose object controls its infinitive.
pub(crate) const OBJECT_CONTROL: u8 = 1;
/// `words.txt` class: a relative pronoun.
pub(crate) const RELATIVE: u8 = 2;
/// `words.txt` class: a noun naming a time.
pub(crate) const TIME: u8 = 4;
/// `words.txt` class: an abbreviation with its final period.
pub(crate) const ABBR: u8 = 8;
/// `words.txt` class: a quantity word ("most of the forts").
pub(crate) const PARTITIVE: u8 = 16;

/// What the WordNet lists say about one written word (lower case).
#[derive(Debug, Default)]
pub(crate) struct Entry {
    /// WordNet classes of the word as a lemma, with SemCor counts, most used
    /// first; readings used far less than the main one are dropped.
    pub classes: Vec<(Class, u32)>,
    /// Irregular forms: the class and the lemma.
    pub irregular: Vec<(Class, &'static str)>,
}

/// Readings of a closed-class word: the tag and the lemma when it is not the word.
pub(crate) type Closed = Vec<(Pos, Option<&'static str>)>;

impl Entry {
    /// The SemCor count of a class of the word as a lemma, if it has it.
    pub fn count(&self, class: Class) -> Option<u32> {
        self.classes
            .iter()
            .find(|(c, _)| *c == class)
            .map(|&(_, n)| n)
    }
}

/// A fixed phrase of closed.txt ("because of").
#[derive(Debug)]
pub(crate) struct Phrase {
    /// Its words after the first.
    pub rest: Vec<&'static str>,
    /// The reading of each word.
    pub pos: Pos,
}

/// Everything the tagger and the clause rules look words up in. The
/// closed classes and word lists are small maps of their own, so that the
/// most frequent words never touch the large WordNet table.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Lower-case word -> closed.txt readings (they replace all others), usual first.
    pub closed: Map<&'static str, Closed>,
    /// Lower-case word -> index in `entries`.
    index: Map<&'static str, u32>,
    /// WordNet entries.
    entries: Vec<Entry>,
    /// Lower-case word -> words.txt classes (OBJECT_CONTROL, RELATIVE, TIME, ABBR).
    flags: Map<&'static str, u8>,
    /// First bytes of the fixed phrases.
    phrase_starts: [bool; 256],
    /// First word -> phrases starting with it, longest first.
    pub phrases: Map<&'static str, Vec<Phrase>>,
    /// Verb lemma -> its particles.
    pub phrasal: Map<&'static str, Vec<&'static str>>,
}

/// A reading whose SemCor count is below 1/40 of the word's main reading is
/// dropped ("war" as a verb, "people" as a verb), unless the main reading
/// itself is rare (fewer than 3 uses), where the counts say nothing.
const RARE_RATIO: u32 = 40;

fn lines(text: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn error(file: &'static str, line: usize, message: impl Into<String>) -> DataError {
    DataError {
        file,
        line,
        message: message.into(),
    }
}

/// Parses a reading of closed.txt: `TAG` or `TAG:LEMMA`.
fn reading(
    file: &'static str,
    line: usize,
    r: &'static str,
) -> Result<(Pos, Option<&'static str>), DataError> {
    let (tag, lemma) = match r.split_once(':') {
        // "vs." and the possessive "'" contain no colon; a colon inside a
        // reading always separates the lemma.
        Some((t, l)) if !t.is_empty() => (t, Some(l)),
        _ => (r, None),
    };
    let pos = Pos::from_code(tag).ok_or_else(|| error(file, line, format!("unknown tag {tag}")))?;
    Ok((pos, lemma))
}

impl Lexicon {
    /// Reads all the embedded files.
    pub fn parse() -> Result<Lexicon, DataError> {
        let mut lex = Lexicon {
            closed: Map::default(),
            index: Map::default(),
            entries: Vec::new(),
            flags: Map::default(),
            phrase_starts: [false; 256],
            phrases: Map::default(),
            phrasal: Map::default(),
        };
        for (n, line) in lines(LEXICON) {
            let (word, classes) = line
                .split_once('\t')
                .ok_or_else(|| error("lexicon.txt", n, "expected WORD<TAB>CLASSES"))?;
            let mut parsed = Vec::new();
            for c in classes.split(' ') {
                let mut chars = c.chars();
                let class = chars
                    .next()
                    .and_then(Class::parse)
                    .ok_or_else(|| error("lexicon.txt", n, format!("bad class {c}")))?;
                let count: u32 = chars
                    .as_str()
                    .parse()
                    .map_err(|_| error("lexicon.txt", n, format!("bad count in {c}")))?;
                parsed.push((class, count));
            }
            let top = parsed.iter().map(|&(_, c)| c).max().unwrap_or(0);
            if top >= 3 {
                parsed.retain(|&(_, c)| c > 0 && c * RARE_RATIO >= top);
            }
            parsed.sort_by_key(|c| std::cmp::Reverse(c.1));
            lex.entry(word).classes = parsed;
        }
        for (n, line) in lines(IRREGULAR) {
            let f: Vec<&'static str> = line.split('\t').collect();
            let [form, class, lemma] = f[..] else {
                return Err(error(
                    "irregular.txt",
                    n,
                    "expected FORM<TAB>CLASS<TAB>LEMMA",
                ));
            };
            let class = class
                .chars()
                .next()
                .and_then(Class::parse)
                .ok_or_else(|| error("irregular.txt", n, format!("bad class {class}")))?;
            lex.entry(form).irregular.push((class, lemma));
        }
        for (n, line) in lines(PHRASAL) {
            let (verb, particle) = line
                .split_once('\t')
                .ok_or_else(|| error("phrasal.txt", n, "expected VERB<TAB>PARTICLE"))?;
            lex.phrasal.entry(verb).or_default().push(particle);
        }
        for (n, line) in lines(CLOSED) {
            let (words, readings) = line
                .split_once('\t')
                .ok_or_else(|| error("closed.txt", n, "expected WORDS<TAB>READINGS"))?;
            let parsed = readings
                .split(' ')
                .map(|r| reading("closed.txt", n, r))
                .collect::<Result<Vec<_>, _>>()?;
            if words != words.to_lowercase() {
                return Err(error("closed.txt", n, "words are written in lower case"));
            }
            if words.contains(' ') {
                if parsed.len() != 1 {
                    return Err(error("closed.txt", n, "a phrase has one reading"));
                }
                let mut w = words.split(' ');
                let first = w.next().unwrap_or_default();
                if let Some(&b) = first.as_bytes().first() {
                    lex.phrase_starts[b as usize] = true;
                }
                let phrases = lex.phrases.entry(first).or_default();
                phrases.push(Phrase {
                    rest: w.collect(),
                    pos: parsed[0].0,
                });
                phrases.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
            } else {
                if lex.closed.insert(words, parsed).is_some() {
                    return Err(error("closed.txt", n, format!("{words} is listed twice")));
                }
            }
        }
        for (n, line) in lines(WORDS) {
            let (word, class) = line
                .split_once('\t')
                .ok_or_else(|| error("words.txt", n, "expected WORD<TAB>CLASS"))?;
            let flag = match class {
                "OBJECT-CONTROL" => OBJECT_CONTROL,
                "RELATIVE" => RELATIVE,
                "TIME" => TIME,
                "ABBR" => ABBR,
                "PARTITIVE" => PARTITIVE,
                _ => return Err(error("words.txt", n, format!("unknown class {class}"))),
            };
            *lex.flags.entry(word).or_default() |= flag;
        }
        Ok(lex)
    }

    fn entry(&mut self, word: &'static str) -> &mut Entry {
        let next = self.entries.len() as u32;
        let i = *self.index.entry(word).or_insert(next);
        if i == next {
            self.entries.push(Entry::default());
        }
        &mut self.entries[i as usize]
    }

    /// The WordNet entry of a lower-case word.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&Entry> {
        self.index.get(word).map(|&i| &self.entries[i as usize])
    }

    /// The closed-class readings of a lower-case word.
    #[inline]
    pub fn closed(&self, word: &str) -> Option<&Closed> {
        self.closed.get(word)
    }

    /// Whether a fixed phrase may start with the lower-case word.
    #[inline]
    pub fn may_start_phrase(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_some_and(|&b| self.phrase_starts[b as usize])
            && self.phrases.contains_key(word)
    }

    /// The words.txt classes of a lower-case word.
    #[inline]
    pub fn flags(&self, word: &str) -> u8 {
        self.flags.get(word).copied().unwrap_or(0)
    }

    /// Whether `particle` is listed with the verb `lemma` in phrasal.txt.
    pub fn is_particle_of(&self, lemma: &str, particle: &str) -> bool {
        self.phrasal
            .get(lemma)
            .is_some_and(|ps| ps.contains(&particle))
    }
}

/// The lexicon, read on first use.
pub(crate) static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse().expect("the embedded lexicon files parse (tests check them)")
});
