//! Parts of speech.

use std::fmt;

/// The form of a verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// The base form: "sign" after "to", a modal or "did".
    Base,
    /// A present tense: "signs", "sign" after a plural subject.
    Present,
    /// A past tense: "signed" in "Japan signed the treaty".
    Past,
    /// A past participle: "signed" after "have" or "be", or in "the treaty signed by Japan".
    PastParticiple,
    /// The -ing form: "signing".
    Gerund,
}

/// A part of speech. Each has a short code used by the data files and
/// [`Pos::code`]: `NOUN PROPN PRON DET ADJ ADV NUM PREP TO CC SUB MD AUX NEG
/// VB VBP VBD VBN VBG POS PUNCT SYM X`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    /// A common noun, singular or plural (`NOUN`).
    Noun,
    /// A proper noun or proper adjective: "Japan", "Soviet" (`PROPN`).
    Proper,
    /// A pronoun: "they", "it", "themselves" (`PRON`).
    Pronoun,
    /// A determiner, quantifier or possessive determiner: "the", "all", "its" (`DET`).
    Det,
    /// An adjective (`ADJ`).
    Adj,
    /// An adverb, or the particle of a phrasal verb ("took over") (`ADV`).
    Adv,
    /// A number, in figures or words (`NUM`).
    Num,
    /// A preposition (`PREP`).
    Prep,
    /// The infinitive marker "to" (`TO`).
    To,
    /// A coordinating conjunction: "and", "or", "but" (`CC`).
    Coord,
    /// A subordinator or relative word: "that", "which", "who", "when", "because",
    /// "although", "as" before a clause (`SUB`).
    Sub,
    /// A modal: "would", "could", "must" (`MD`).
    Modal,
    /// A form of "be", "have" or "do" before another verb (`AUX`).
    Aux,
    /// Negation: "not", "never", "n't" (`NEG`).
    Neg,
    /// A verb in the given form (`VB VBP VBD VBN VBG`).
    Verb(VerbForm),
    /// The possessive ending "'s" or "'" (`POS`).
    Possessive,
    /// Punctuation (`PUNCT`).
    Punct,
    /// A symbol: "$", "%", "+" (`SYM`).
    Symbol,
    /// Anything else (`X`).
    Other,
}

/// Every part of speech, in the order of their bit numbers.
pub(crate) const ALL: [Pos; 23] = [
    Pos::Noun,
    Pos::Proper,
    Pos::Pronoun,
    Pos::Det,
    Pos::Adj,
    Pos::Adv,
    Pos::Num,
    Pos::Prep,
    Pos::To,
    Pos::Coord,
    Pos::Sub,
    Pos::Modal,
    Pos::Aux,
    Pos::Neg,
    Pos::Verb(VerbForm::Base),
    Pos::Verb(VerbForm::Present),
    Pos::Verb(VerbForm::Past),
    Pos::Verb(VerbForm::PastParticiple),
    Pos::Verb(VerbForm::Gerund),
    Pos::Possessive,
    Pos::Punct,
    Pos::Symbol,
    Pos::Other,
];

const CODES: [&str; 23] = [
    "NOUN", "PROPN", "PRON", "DET", "ADJ", "ADV", "NUM", "PREP", "TO", "CC", "SUB", "MD", "AUX",
    "NEG", "VB", "VBP", "VBD", "VBN", "VBG", "POS", "PUNCT", "SYM", "X",
];

impl Pos {
    /// The bit number of the part of speech (its place in [`ALL`]).
    #[inline]
    pub(crate) const fn index(self) -> usize {
        match self {
            Pos::Noun => 0,
            Pos::Proper => 1,
            Pos::Pronoun => 2,
            Pos::Det => 3,
            Pos::Adj => 4,
            Pos::Adv => 5,
            Pos::Num => 6,
            Pos::Prep => 7,
            Pos::To => 8,
            Pos::Coord => 9,
            Pos::Sub => 10,
            Pos::Modal => 11,
            Pos::Aux => 12,
            Pos::Neg => 13,
            Pos::Verb(VerbForm::Base) => 14,
            Pos::Verb(VerbForm::Present) => 15,
            Pos::Verb(VerbForm::Past) => 16,
            Pos::Verb(VerbForm::PastParticiple) => 17,
            Pos::Verb(VerbForm::Gerund) => 18,
            Pos::Possessive => 19,
            Pos::Punct => 20,
            Pos::Symbol => 21,
            Pos::Other => 22,
        }
    }

    /// A one-bit mask of the part of speech.
    #[inline]
    pub(crate) const fn bit(self) -> u32 {
        1 << self.index()
    }

    /// The short code of the part of speech, as the data files write it.
    ///
    /// ```
    /// use annals_syntax::{Pos, VerbForm};
    /// assert_eq!(Pos::Verb(VerbForm::Past).code(), "VBD");
    /// assert_eq!(Pos::Proper.code(), "PROPN");
    /// ```
    pub fn code(self) -> &'static str {
        CODES[self.index()]
    }

    /// The part of speech with the given code.
    ///
    /// ```
    /// use annals_syntax::{Pos, VerbForm};
    /// assert_eq!(Pos::from_code("VBN"), Some(Pos::Verb(VerbForm::PastParticiple)));
    /// assert_eq!(Pos::from_code("nonsense"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Pos> {
        CODES.iter().position(|c| *c == code).map(|i| ALL[i])
    }

    /// Whether this is a verb in any form (not an auxiliary or modal).
    pub fn is_verb(self) -> bool {
        matches!(self, Pos::Verb(_))
    }

    /// Whether the word can head a noun phrase: noun, proper noun, pronoun or number.
    pub fn is_nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Proper | Pos::Pronoun | Pos::Num)
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
