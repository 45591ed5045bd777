//! The part-of-speech tagger: readings from the word lists, then the
//! context rules of `tagrules.txt`.
//!
//! Each token gets every reading the lists allow, weighted: closed-class
//! readings in the order closed.txt gives them; open-class readings by the
//! SemCor count of their class, a base-form or present-tense verb reading
//! at half the weight of a noun reading and a third-person "-s" verb at a
//! quarter (history is told in the past tense, so such forms are far more
//! often nouns than the counts say). The heaviest reading is the first
//! tag; the rules then change tags where the context says so.

use crate::hash::Map;
use crate::lexicon::{Class, Closed, Entry, Lexicon, LEX, TIME};
use crate::pos::{Pos, VerbForm};
use crate::rules::{self, RULES};
use crate::token::{self, Kind, Raw};
use crate::Token;
use std::borrow::Cow;

/// How a reading's lemma is spelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lemma {
    /// The word itself, in lower case.
    Word,
    /// The first `n` bytes of the lower-case word and then a fixed ending
    /// ("tried" -> "tr" + "y").
    Prefix(u16, &'static str),
    /// A fixed string ("was" -> "be").
    Fixed(&'static str),
}

/// One reading of a token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reading {
    pub pos: Pos,
    pub lemma: Lemma,
    weight: u32,
}

const VB: Pos = Pos::Verb(VerbForm::Base);
const VBP: Pos = Pos::Verb(VerbForm::Present);
const VBD: Pos = Pos::Verb(VerbForm::Past);
const VBN: Pos = Pos::Verb(VerbForm::PastParticiple);
const VBG: Pos = Pos::Verb(VerbForm::Gerund);

/// A sentence being tagged.
pub(crate) struct Sentence {
    raws: Vec<Raw>,
    lower: String,
    lower_at: Vec<(u32, u32)>,
    readings: Vec<Reading>,
    reading_at: Vec<(u32, u32)>,
    chosen: Vec<u32>,
    tags: Vec<Pos>,
    masks: Vec<u32>,
    caps: Vec<bool>,
    /// Scratch: readings of the token being read.
    out: Vec<Reading>,
    /// Scratch: a stem being looked up.
    stem: String,
    /// Scratch of the rules: ambiguous tokens grouped by reading.
    pub(crate) by_tag: Vec<u32>,
    /// Readings of lower-case open-class words met before (in this thread):
    /// word -> range in `memo_readings`. Emptied when it grows past `MEMO_WORDS`.
    memo: Map<Box<str>, (u32, u32)>,
    memo_readings: Vec<Reading>,
}

/// How many distinct words the memo of readings keeps.
const MEMO_WORDS: usize = 50_000;

impl Sentence {
    fn new() -> Sentence {
        Sentence {
            raws: Vec::new(),
            lower: String::new(),
            lower_at: Vec::new(),
            readings: Vec::new(),
            reading_at: Vec::new(),
            chosen: Vec::new(),
            tags: Vec::new(),
            masks: Vec::new(),
            caps: Vec::new(),
            out: Vec::new(),
            stem: String::new(),
            by_tag: Vec::new(),
            memo: Map::default(),
            memo_readings: Vec::new(),
        }
    }

    fn clear(&mut self) {
        self.raws.clear();
        self.lower.clear();
        self.lower_at.clear();
        self.readings.clear();
        self.reading_at.clear();
        self.chosen.clear();
        self.tags.clear();
        self.masks.clear();
        self.caps.clear();
    }

    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.raws.len()
    }

    /// The current tag of token `i`.
    #[inline]
    pub fn tag(&self, i: usize) -> Pos {
        self.tags[i]
    }

    /// Token `i` in lower case.
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        let (s, e) = self.lower_at[i];
        &self.lower[s as usize..e as usize]
    }

    /// The readings' tags of token `i`, as a mask.
    #[inline]
    pub fn mask(&self, i: usize) -> u32 {
        self.masks[i]
    }

    /// Whether token `i` starts with a capital.
    #[inline]
    pub fn capitalised(&self, i: usize) -> bool {
        self.caps[i]
    }

    fn spell(&self, i: usize, lemma: Lemma) -> Cow<'_, str> {
        let lower = self.lower(i);
        match lemma {
            Lemma::Word => Cow::Borrowed(lower),
            Lemma::Fixed(f) => Cow::Borrowed(f),
            Lemma::Prefix(n, add) => {
                let n = (n as usize).min(lower.len());
                let mut s = String::with_capacity(n + add.len());
                s.push_str(lower.get(..n).unwrap_or(lower));
                s.push_str(add);
                Cow::Owned(s)
            }
        }
    }

    /// The lemma of token `i`'s current reading.
    pub fn lemma(&self, i: usize) -> Cow<'_, str> {
        self.spell(i, self.readings[self.chosen[i] as usize].lemma)
    }

    /// Whether the lemma of token `i`'s current reading is `s`.
    pub fn lemma_is(&self, i: usize, s: &str) -> bool {
        let lower = self.lower(i);
        match self.readings[self.chosen[i] as usize].lemma {
            Lemma::Word => rules::eq_short(lower, s),
            Lemma::Fixed(f) => rules::eq_short(f, s),
            Lemma::Prefix(n, add) => {
                let n = n as usize;
                s.len() == n + add.len() && lower.get(..n) == s.get(..n) && s.get(n..) == Some(add)
            }
        }
    }

    /// Whether token `i` is a particle of the verb just before it.
    pub fn is_particle(&self, i: usize) -> bool {
        i > 0 && self.tag(i - 1).is_verb() && LEX.is_particle_of(&self.lemma(i - 1), self.lower(i))
    }

    /// Whether token `i` is a time noun of words.txt.
    pub fn is_time(&self, i: usize) -> bool {
        LEX.flags(&self.lemma(i)) & TIME != 0
    }

    /// Makes `pos` the current reading of token `i` (it must be one).
    pub fn choose(&mut self, i: usize, pos: Pos) {
        let (s, n) = self.reading_at[i];
        if let Some(k) = (s..s + n).find(|&k| self.readings[k as usize].pos == pos) {
            self.chosen[i] = k;
            self.tags[i] = pos;
        }
    }
}

/// Scratch space for building readings.
struct Builder<'a> {
    lex: &'a Lexicon,
    out: Vec<Reading>,
    stem: String,
}

impl Builder<'_> {
    fn push(&mut self, pos: Pos, lemma: Lemma, weight: u32) {
        if let Some(r) = self.out.iter_mut().find(|r| r.pos == pos) {
            if weight > r.weight {
                r.weight = weight;
                r.lemma = lemma;
            }
        } else {
            self.out.push(Reading { pos, lemma, weight });
        }
    }

    /// The entry of `word[..keep] + add`.
    fn stem_entry(&mut self, word: &str, keep: usize, add: &str) -> Option<&Entry> {
        self.stem.clear();
        self.stem.push_str(word.get(..keep)?);
        self.stem.push_str(add);
        self.lex.get(&self.stem)
    }

    fn closed(&mut self, closed: &Closed) {
        let n = closed.len() as u32;
        for (k, &(pos, lemma)) in closed.iter().enumerate() {
            let lemma = lemma.map_or(Lemma::Word, Lemma::Fixed);
            self.push(pos, lemma, 100_000 + (n - k as u32));
        }
    }

    /// Readings of a word of the lexicon used as its own lemma.
    fn lemma_classes(&mut self, entry: &Entry, lemma: Lemma) {
        for &(class, c) in &entry.classes {
            let w = 4 * (c + 1);
            match class {
                Class::N => self.push(Pos::Noun, lemma, w),
                Class::V => {
                    self.push(VB, lemma, 2 * (c + 1));
                    self.push(VBP, lemma, 2 * (c + 1) - 1);
                }
                Class::A => self.push(Pos::Adj, lemma, w),
                Class::R => self.push(Pos::Adv, lemma, w),
                // Proper readings are given by capitalisation, not by the lexicon.
                Class::P => {}
            }
        }
    }

    fn irregular(&mut self, word: &str, entry: &Entry) {
        for &(class, lemma) in &entry.irregular {
            let count = |class| {
                self.lex
                    .get(lemma)
                    .and_then(|e| e.count(class))
                    .unwrap_or(0)
            };
            let lemma_l = Lemma::Fixed(lemma);
            match class {
                Class::V => {
                    let w = 4 * (count(Class::V) + 1);
                    if word.ends_with("ing") {
                        self.push(VBG, lemma_l, w);
                    } else if word.ends_with('s') {
                        self.push(VBP, lemma_l, w / 4);
                    } else {
                        self.push(VBD, lemma_l, w);
                        self.push(VBN, lemma_l, w - 1);
                    }
                }
                Class::N => self.push(Pos::Noun, lemma_l, 4 * (count(Class::N) + 1)),
                Class::A => self.push(Pos::Adj, lemma_l, 4 * (count(Class::A) + 1)),
                Class::R => self.push(Pos::Adv, lemma_l, 4 * (count(Class::R) + 1)),
                Class::P => self.push(Pos::Proper, lemma_l, 4),
            }
        }
    }

    /// Regular inflections: WordNet's detachment rules plus undoubling of a
    /// final consonant ("stopped" -> "stop").
    fn inflections(&mut self, word: &str) {
        const NOUN: &[(&str, &str)] = &[
            ("ies", "y"),
            ("ches", "ch"),
            ("shes", "sh"),
            ("xes", "x"),
            ("zes", "z"),
            ("ses", "s"),
            ("s", ""),
        ];
        const VERB_S: &[(&str, &str)] = &[("ies", "y"), ("es", "e"), ("es", ""), ("s", "")];
        const VERB_ED: &[(&str, &str)] = &[("ied", "y"), ("ed", "e"), ("ed", "")];
        const VERB_ING: &[(&str, &str)] = &[("ing", "e"), ("ing", "")];
        const ADJ: &[(&str, &str)] = &[
            ("iest", "y"),
            ("ier", "y"),
            ("est", "e"),
            ("est", ""),
            ("er", "e"),
            ("er", ""),
        ];
        let len = word.len();
        let ends_ss = word.ends_with("ss") || word.ends_with("us") || word.ends_with("is");
        for &(suf, add) in NOUN {
            if word.ends_with(suf) && len > suf.len() + 1 && !ends_ss {
                let keep = len - suf.len();
                if let Some(c) = self
                    .stem_entry(word, keep, add)
                    .and_then(|e| e.count(Class::N))
                {
                    self.push(Pos::Noun, Lemma::Prefix(keep as u16, add), 4 * (c + 1));
                }
            }
        }
        let verb = |b: &mut Self, sufs: &[(&str, &'static str)], pos: &[(Pos, u32)]| {
            for &(suf, add) in sufs {
                if !word.ends_with(suf) || len < suf.len() + 2 {
                    continue;
                }
                let keep = len - suf.len();
                let mut found = b
                    .stem_entry(word, keep, add)
                    .and_then(|e| e.count(Class::V));
                let mut keep_l = keep;
                if found.is_none() && add.is_empty() {
                    // Undouble a final consonant: "stopped", "planning".
                    let bytes = word.as_bytes();
                    if keep >= 3
                        && bytes[keep - 1] == bytes[keep - 2]
                        && !b"aeiouls".contains(&bytes[keep - 1])
                    {
                        found = b
                            .stem_entry(word, keep - 1, "")
                            .and_then(|e| e.count(Class::V));
                        keep_l = keep - 1;
                    }
                }
                if let Some(c) = found {
                    for &(p, num) in pos {
                        b.push(p, Lemma::Prefix(keep_l as u16, add), num * (c + 1) / 4);
                    }
                    return;
                }
            }
        };
        if !ends_ss {
            verb(self, VERB_S, &[(VBP, 4)]);
        }
        verb(self, VERB_ED, &[(VBD, 16), (VBN, 15)]);
        verb(self, VERB_ING, &[(VBG, 16)]);
        for &(suf, add) in ADJ {
            if word.ends_with(suf) && len > suf.len() + 2 {
                let keep = len - suf.len();
                if let Some(c) = self
                    .stem_entry(word, keep, add)
                    .and_then(|e| e.count(Class::A))
                {
                    self.push(Pos::Adj, Lemma::Prefix(keep as u16, add), 4 * (c + 1));
                    break;
                }
            }
        }
    }

    /// Readings of a lower-case word from the lexicon (none if unknown).
    fn known(&mut self, word: &str) {
        if let Some(entry) = self.lex.get(word) {
            self.lemma_classes(entry, Lemma::Word);
            self.irregular(word, entry);
        }
        if word.is_ascii() && word.len() > 3 {
            self.inflections(word);
        }
        // An -ing verb form can always be a noun ("the fighting").
        if self.out.iter().any(|r| r.pos == VBG) {
            self.push(Pos::Noun, Lemma::Word, 1);
        }
    }

    /// Guesses for a word the lexicon does not know, from its ending.
    fn guess(&mut self, word: &str) {
        let len = word.len();
        let ends = |s: &str| word.ends_with(s) && len > s.len() + 2;
        if ends("ing") {
            let keep = (len - 3) as u16;
            self.push(VBG, Lemma::Prefix(keep, ""), 8);
            self.push(Pos::Noun, Lemma::Word, 4);
        } else if ends("ed") {
            let keep = (len - 2) as u16;
            let (keep, add) = if word.ends_with("ied") {
                (keep - 1, "y")
            } else {
                (keep, "")
            };
            self.push(VBD, Lemma::Prefix(keep, add), 8);
            self.push(VBN, Lemma::Prefix(keep, add), 7);
            self.push(Pos::Adj, Lemma::Word, 4);
        } else if ends("ly") {
            self.push(Pos::Adv, Lemma::Word, 8);
        } else if [
            "ous", "ful", "ive", "ic", "ical", "able", "ible", "less", "ish", "ese", "ian", "ist",
        ]
        .iter()
        .any(|s| ends(s))
            || (ends("al") && !ends("ial"))
        {
            self.push(Pos::Adj, Lemma::Word, 8);
            self.push(Pos::Noun, Lemma::Word, 4);
        } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
            let (keep, add) = if ends("ies") {
                (len - 3, "y")
            } else if ["ches", "shes", "xes", "zes", "sses"]
                .iter()
                .any(|s| ends(s))
            {
                (len - 2, "")
            } else {
                (len - 1, "")
            };
            self.push(Pos::Noun, Lemma::Prefix(keep as u16, add), 8);
        } else {
            self.push(Pos::Noun, Lemma::Word, 8);
        }
    }

    /// Readings of a hyphenated word the lexicon does not know, from its last part.
    fn compound(&mut self, word: &str) -> bool {
        let Some(cut) = word.rfind(['-', '–', '‐', '‑']) else {
            return false;
        };
        let dash_len = word[cut..].chars().next().map_or(1, char::len_utf8);
        let head_start = cut + dash_len;
        let head = &word[head_start..];
        if head.is_empty() {
            return false;
        }
        let mut inner = Builder {
            lex: self.lex,
            out: Vec::new(),
            stem: String::new(),
        };
        inner.known(head);
        if inner.out.is_empty() {
            inner.guess(head);
        }
        let shift = |l: Lemma| match l {
            Lemma::Word => Lemma::Word,
            Lemma::Prefix(n, add) => Lemma::Prefix(n + head_start as u16, add),
            Lemma::Fixed(_) => Lemma::Word,
        };
        for r in inner.out {
            match r.pos {
                // "Soviet-backed", "long-awaited": adjectival participles.
                p if p == VBD || p == VBN => {
                    self.push(Pos::Adj, Lemma::Word, r.weight + 1);
                    self.push(VBN, Lemma::Word, r.weight);
                }
                p if p == VBG => self.push(Pos::Adj, Lemma::Word, r.weight),
                p if p == VB || p == VBP => self.push(Pos::Noun, Lemma::Word, r.weight),
                Pos::Noun => self.push(Pos::Noun, shift(r.lemma), r.weight),
                p => self.push(p, Lemma::Word, r.weight),
            }
        }
        true
    }
}

const TITLE_CLOSED: u32 = Pos::Det.bit()
    | Pos::Prep.bit()
    | Pos::Coord.bit()
    | Pos::Sub.bit()
    | Pos::Pronoun.bit()
    | Pos::To.bit()
    | Pos::Neg.bit()
    | Pos::Adv.bit();

fn is_ordinal(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th")
}

/// Builds the readings of every token.
fn readings(lex: &Lexicon, text: &str, s: &mut Sentence) {
    let mut b = Builder {
        lex,
        out: std::mem::take(&mut s.out),
        stem: std::mem::take(&mut s.stem),
    };
    let first_word = s
        .raws
        .iter()
        .position(|r| matches!(r.kind, Kind::Word | Kind::Number));
    for i in 0..s.raws.len() {
        let raw = s.raws[i];
        let surface = &text[raw.start..raw.end];
        b.out.clear();
        let (ls, le) = s.lower_at[i];
        let word = &s.lower[ls as usize..le as usize];
        match raw.kind {
            Kind::Punct => b.push(Pos::Punct, Lemma::Word, 1),
            Kind::Symbol => b.push(Pos::Symbol, Lemma::Word, 1),
            Kind::Negation => b.push(Pos::Neg, Lemma::Fixed("not"), 1),
            Kind::Possessive => {
                b.push(Pos::Possessive, Lemma::Word, 2);
                if word.len() > 1 {
                    b.push(VBP, Lemma::Fixed("be"), 1);
                }
            }
            Kind::Number => {
                if is_ordinal(word) {
                    b.push(Pos::Adj, Lemma::Word, 1);
                } else {
                    b.push(Pos::Num, Lemma::Word, 1);
                }
            }
            Kind::Word => {
                let cap = s.caps[i];
                let all_caps = cap && {
                    let mut letters = 0;
                    surface.chars().all(|c| {
                        letters += usize::from(c.is_alphabetic());
                        !c.is_lowercase()
                    }) && letters > 1
                };
                let closed = lex.closed(word);
                let named_tail = !cap
                    && surface
                        .rsplit(['-', '–', '‐', '‑'])
                        .next()
                        .is_some_and(|t| {
                            t.len() < surface.len()
                                && t.chars().next().is_some_and(char::is_uppercase)
                        });
                if named_tail {
                    // "mid-September", "anti-Soviet": a name after the dash.
                    b.push(Pos::Proper, Lemma::Word, 8);
                    b.push(Pos::Adj, Lemma::Word, 4);
                } else if !cap {
                    if let Some(e) = closed {
                        b.closed(e);
                    } else if let Some(&(st, n)) = s.memo.get(word) {
                        b.out
                            .extend_from_slice(&s.memo_readings[st as usize..(st + n) as usize]);
                    } else {
                        b.known(word);
                        if b.out.is_empty() && !b.compound(word) {
                            b.guess(word);
                        }
                        b.out.sort_by_key(|r| std::cmp::Reverse(r.weight));
                        if s.memo.len() >= MEMO_WORDS {
                            s.memo.clear();
                            s.memo_readings.clear();
                        }
                        let st = s.memo_readings.len() as u32;
                        s.memo_readings.extend_from_slice(&b.out);
                        s.memo.insert(word.into(), (st, b.out.len() as u32));
                    }
                } else if all_caps {
                    b.push(Pos::Proper, Lemma::Word, 1);
                } else if Some(i) == first_word {
                    if let Some(e) = closed {
                        b.closed(e);
                    } else {
                        b.known(word);
                        let next_cap = s.raws.get(i + 1).is_some_and(|r| {
                            r.kind == Kind::Word
                                && text[r.start..r.end]
                                    .chars()
                                    .next()
                                    .is_some_and(char::is_uppercase)
                        });
                        if b.out.is_empty() || next_cap {
                            b.push(Pos::Proper, Lemma::Word, u32::MAX / 2);
                        } else {
                            let p = lex
                                .get(word)
                                .and_then(|e| e.count(Class::P))
                                .map_or(0, |c| 4 * (c + 1));
                            b.push(Pos::Proper, Lemma::Word, p);
                        }
                    }
                } else if let Some(e) = closed.filter(|e| e[0].0.bit() & TITLE_CLOSED != 0) {
                    b.closed(e);
                } else {
                    b.push(Pos::Proper, Lemma::Word, 1);
                }
            }
        }
        if b.out.is_empty() {
            b.push(Pos::Other, Lemma::Word, 1);
        }
        b.out.sort_by_key(|r| std::cmp::Reverse(r.weight));
        let start = s.readings.len() as u32;
        s.reading_at.push((start, b.out.len() as u32));
        s.chosen.push(start);
        s.tags.push(b.out[0].pos);
        s.masks.push(b.out.iter().fold(0, |m, r| m | r.pos.bit()));
        s.readings.extend_from_slice(&b.out);
    }
    s.out = b.out;
    s.stem = b.stem;
}

/// Gives the words of a fixed phrase of closed.txt ("because of") the phrase's reading.
fn phrases(lex: &Lexicon, s: &mut Sentence) {
    let mut i = 0;
    while i < s.len() {
        let mut matched = 0;
        let list = if lex.may_start_phrase(s.lower(i)) {
            lex.phrases.get(s.lower(i))
        } else {
            None
        };
        if let Some(list) = list {
            for p in list {
                if i + p.rest.len() < s.len()
                    && p.rest
                        .iter()
                        .enumerate()
                        .all(|(k, w)| s.lower(i + 1 + k) == *w)
                {
                    matched = p.rest.len() + 1;
                    for k in i..i + matched {
                        let start = s.readings.len() as u32;
                        s.readings.push(Reading {
                            pos: p.pos,
                            lemma: Lemma::Word,
                            weight: 1,
                        });
                        s.reading_at[k] = (start, 1);
                        s.chosen[k] = start;
                        s.tags[k] = p.pos;
                        s.masks[k] = p.pos.bit();
                    }
                    break;
                }
            }
        }
        i += matched.max(1);
    }
}

/// Lower-cases `surface` onto `out`.
fn push_lower(out: &mut String, surface: &str) {
    if surface.is_ascii() {
        for b in surface.bytes() {
            out.push(b.to_ascii_lowercase() as char);
        }
    } else {
        for c in surface.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

thread_local! {
    /// Buffers reused from one sentence to the next.
    static SCRATCH: std::cell::RefCell<Option<Sentence>> = const { std::cell::RefCell::new(None) };
}

/// Tokenises and tags `text[start..end]` into `s`.
fn tag_into(s: &mut Sentence, text: &str, start: usize, end: usize) {
    let lex: &Lexicon = &LEX;
    s.clear();
    token::tokenize(lex, text, start, end, &mut s.raws);
    for r in &s.raws {
        let surface = &text[r.start..r.end];
        let a = s.lower.len() as u32;
        push_lower(&mut s.lower, surface);
        s.lower_at.push((a, s.lower.len() as u32));
        s.caps
            .push(surface.chars().next().is_some_and(char::is_uppercase));
    }
    readings(lex, text, s);
    phrases(lex, s);
    rules::apply(s, &RULES);
}

/// Tokenises and tags `text[start..end]`, returning the tokens.
pub(crate) fn tag(text: &str, start: usize, end: usize) -> Vec<Token> {
    SCRATCH.with(|cell| {
        // A re-entrant call (none today) would find the buffers taken and
        // simply use new ones.
        let mut s = cell.borrow_mut().take().unwrap_or_else(Sentence::new);
        tag_into(&mut s, text, start, end);
        let tokens = tokens(&s);
        *cell.borrow_mut() = Some(s);
        tokens
    })
}

/// Turns a tagged sentence into tokens.
fn tokens(s: &Sentence) -> Vec<Token> {
    (0..s.len())
        .map(|i| Token {
            start: s.raws[i].start,
            end: s.raws[i].end,
            pos: s.tag(i),
            lemma: s.lemma(i).into_owned(),
        })
        .collect()
}
