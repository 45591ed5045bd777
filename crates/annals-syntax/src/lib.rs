//! Syntax for the event layer: part-of-speech tags, phrase chunks and the
//! verb groups of a sentence with their subject, object and agent.
//!
//! Four steps, each usable alone: [`tag`] tokenises a sentence and tags it
//! (word classes from a WordNet-derived lexicon and hand-written closed
//! classes, then context rules); [`chunk`] groups the tokens into noun, verb,
//! prepositional, adjective and adverb phrases; [`verb_groups`] finds each verb
//! group's voice, negation, modal, subject, object and agent by the clause rules
//! documented on [`VerbGroup`]; [`analyse`] runs all three. [`Analysis::nominal`]
//! reads the possessor, modifiers and "of"/"by" phrases of an event noun.
//!
//! The word lists and rules are data files in `data/` (see `data/FORMAT.md`),
//! embedded and parsed once; every rule's examples run as tests. Offsets are
//! byte offsets into the text passed in, and no input makes a function panic.
//!
//! ```
//! let text = "Japan was pressed by the United States to change its policy.";
//! let a = annals_syntax::analyse(text, 0, text.len());
//! let pressed = a.verb(text, "pressed").unwrap();
//! assert!(pressed.passive);
//! assert_eq!(a.phrase_texts(text, &pressed.subject), ["Japan"]);
//! assert_eq!(a.phrase_texts(text, &pressed.agent), ["the United States"]);
//! let change = a.verb(text, "change").unwrap();
//! assert_eq!(a.phrase_texts(text, &change.subject), ["Japan"]);
//! ```
#![forbid(unsafe_code)]

mod chunk;
mod clause;
mod hash;
mod lexicon;
mod pos;
mod rules;
mod tagger;
mod token;

pub use chunk::{chunk, Chunk, ChunkKind};
pub use clause::{verb_groups, Form, SubjectLink, VerbGroup};
pub use lexicon::DataError;
pub use pos::{Pos, VerbForm};

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// First byte, an offset into the text passed to [`tag`].
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Part of speech.
    pub pos: Pos,
    /// Lower-case base form: "signed" -> "sign", "was" -> "be",
    /// "invasions" -> "invasion", "Japan" -> "japan".
    pub lemma: String,
}

/// Tokenises and tags the sentence `text[start..end]`. Offsets of the tokens
/// are absolute (into `text`). Offsets out of bounds or inside a character
/// are clamped; no input makes it panic.
///
/// ```
/// use annals_syntax::{tag, Pos, VerbForm};
/// let text = "Japan formally recognized the Soviet Union.";
/// let tokens = tag(text, 0, text.len());
/// assert_eq!(tokens[2].pos, Pos::Verb(VerbForm::Past));
/// assert_eq!(tokens[2].lemma, "recognize");
/// ```
pub fn tag(text: &str, start: usize, end: usize) -> Vec<Token> {
    tagger::tag(text, start, end)
}

/// Everything the syntax layer finds in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analysis {
    /// The tokens, tagged.
    pub tokens: Vec<Token>,
    /// The chunks (see [`chunk`]).
    pub chunks: Vec<Chunk>,
    /// The verb groups, in order, with their arguments.
    pub verbs: Vec<VerbGroup>,
}

/// Tags, chunks and finds the verb groups of the sentence `text[start..end]`.
/// Offsets are absolute (into `text`); no input makes it panic.
pub fn analyse(text: &str, start: usize, end: usize) -> Analysis {
    let tokens = tag(text, start, end);
    let chunks = chunk(&tokens);
    let verbs = clause::verb_groups(text, &tokens, &chunks);
    Analysis {
        tokens,
        chunks,
        verbs,
    }
}

impl Analysis {
    /// The bytes a chunk covers: `text[start..end]`.
    pub fn chunk_span(&self, chunk: usize) -> (usize, usize) {
        let c = &self.chunks[chunk];
        (self.tokens[c.first].start, self.tokens[c.last].end)
    }

    /// The text of a chunk (`text` is the text given to [`analyse`]).
    pub fn chunk_text<'t>(&self, text: &'t str, chunk: usize) -> &'t str {
        let (s, e) = self.chunk_span(chunk);
        text.get(s..e).unwrap_or("")
    }

    /// The texts of several chunks.
    pub fn phrase_texts<'t>(&self, text: &'t str, chunks: &[usize]) -> Vec<&'t str> {
        chunks.iter().map(|&c| self.chunk_text(text, c)).collect()
    }

    /// The first verb group whose main verb is written `word`.
    pub fn verb<'a>(&'a self, text: &str, word: &str) -> Option<&'a VerbGroup> {
        self.verbs.iter().find(|v| {
            let t = &self.tokens[v.verb];
            text.get(t.start..t.end) == Some(word)
        })
    }
}

/// What surrounds a noun in its noun phrase: who or what is named before it
/// and the "of" and "by" phrases after it. For event nouns: in "the Soviet
/// invasion of Afghanistan", "Soviet" is a modifier and "Afghanistan" the
/// `of` phrase; in "Gromyko's visit" "Gromyko" is the possessor; in "the
/// invasion of Poland by Germany" "Germany" is the `by` phrase.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Nominal {
    /// The noun phrase chunk the noun is in.
    pub np: usize,
    /// Token range (inclusive) of the possessor before "'s" / "'", if any.
    pub possessor: Option<(usize, usize)>,
    /// Proper nouns and adjectives between the determiner or possessor and the noun.
    pub modifiers: Vec<usize>,
    /// Noun-phrase chunks of the "of" phrase right after the noun phrase.
    pub of: Vec<usize>,
    /// Noun-phrase chunks of a "by" phrase right after the noun phrase (or after its "of" phrase).
    pub by: Vec<usize>,
}

impl Analysis {
    /// The innermost chunk containing a token (a noun phrase rather than its PP).
    pub fn chunk_of(&self, token: usize) -> Option<usize> {
        // Chunks are ordered by their first token, a PP before its noun phrases.
        let idx = self.chunks.partition_point(|c| c.first <= token);
        let last = idx.checked_sub(1)?;
        let c = &self.chunks[last];
        if token <= c.last {
            return Some(last);
        }
        c.within.filter(|&pp| token <= self.chunks[pp].last)
    }

    /// The noun phrases of a prepositional phrase chunk.
    pub fn pp_nps(&self, pp: usize) -> Vec<usize> {
        (pp + 1..self.chunks.len())
            .take_while(|&c| self.chunks[c].within == Some(pp))
            .collect()
    }

    /// The possessor, modifiers and "of"/"by" phrases of the noun at `token`
    /// (`None` if the token is not in a noun phrase).
    ///
    /// ```
    /// let text = "The Soviet invasion of Afghanistan by the Red Army began in 1979.";
    /// let a = annals_syntax::analyse(text, 0, text.len());
    /// let n = a.nominal(2).unwrap();
    /// assert_eq!(n.modifiers, [1]);
    /// assert_eq!(a.phrase_texts(text, &n.of), ["Afghanistan"]);
    /// assert_eq!(a.phrase_texts(text, &n.by), ["the Red Army"]);
    /// ```
    pub fn nominal(&self, token: usize) -> Option<Nominal> {
        let np = self.chunk_of(token)?;
        let c = self.chunks[np];
        if c.kind != ChunkKind::Np {
            return None;
        }
        let poss = (c.first..token)
            .rev()
            .find(|&k| self.tokens[k].pos == Pos::Possessive);
        let possessor = poss.filter(|&p| p > c.first).map(|p| (c.first, p - 1));
        let from = poss.map_or(c.first, |p| p + 1);
        let modifiers = (from..token)
            .filter(|&k| matches!(self.tokens[k].pos, Pos::Proper | Pos::Adj))
            .collect();
        // The chunk after the noun phrase (or after the PP holding it).
        let outer = c.within.unwrap_or(np);
        let mut next = outer + 1;
        while next < self.chunks.len() && self.chunks[next].within.is_some() {
            next += 1;
        }
        let pp_with = |i: usize, prep: &str| {
            self.chunks.get(i).is_some_and(|p| {
                p.kind == ChunkKind::Pp && p.within.is_none() && self.tokens[p.first].lemma == prep
            })
        };
        let mut of = Vec::new();
        let mut by = Vec::new();
        if pp_with(next, "of") {
            of = self.pp_nps(next);
            next += 1 + of.len();
        }
        if pp_with(next, "by") {
            by = self.pp_nps(next);
        }
        Some(Nominal {
            np,
            possessor,
            modifiers,
            of,
            by,
        })
    }
}

/// Parses every embedded data file (lexicons, closed classes, word lists and
/// tag rules) and reports the first mistake. The tagger reads them on first
/// use and would panic on a mistake; the tests call this instead.
pub fn check_data() -> Result<(), DataError> {
    lexicon::Lexicon::parse()?;
    rules::parse(rules::TAGRULES)?;
    Ok(())
}
