//! Time expressions in narrative text: TIMEX3 values, EDTF and sortable
//! intervals, resolved against the narrative's own reference time.
//!
//! The tagger works in three steps:
//! 1. each sentence is split into [`token`]s and every rule of
//!    `data/rules.txt` is matched over their classes (lexicon classes from
//!    `data/lexicon.txt`, shapes such as `YEAR` or `DECADE`, and literal
//!    words); the longest matches that do not overlap are kept;
//! 2. each match is read into a raw expression (a date that may lack its
//!    year, a duration, an offset such as "a month later", …);
//! 3. one pass over the document in order resolves what is relative from the
//!    narrative's reference time — the latest date with a year before it —
//!    or, for deictic words ("yesterday", "last week"), from the document
//!    creation time, links written ranges, and numbers the results `T1`, `T2`, ….
//!
//! ```
//! use annals_time::{tag_document, TagOptions};
//! let doc = annals_text::read_bytes("d.txt",
//!     "In February 1945 the Allies met. In May the pact ended.".as_bytes(),
//!     annals_text::Format::Plain).unwrap();
//! let sentences = annals_text::segment(&doc);
//! let timexes = tag_document(&doc, &sentences, &TagOptions::default());
//! let values: Vec<&str> = timexes.iter().map(|t| t.value.as_str()).collect();
//! assert_eq!(values, ["1945-02", "1945-05"]);
//! assert_eq!(timexes[1].anchor.as_deref(), Some("T1"));
//! assert_eq!(timexes[1].edtf.as_deref(), Some("1945-05"));
//! ```

pub mod grammar;
mod produce;
mod render;
mod resolve;
pub mod token;
pub mod value;

use annals_core::{Document, Sentence, Timex};
use std::sync::LazyLock;

pub use grammar::{Example, Grammar, Scheme};
pub use render::timeml;
pub use value::Cal;

/// Errors in the grammar's data files (found by the tests, never at run time
/// in a released build).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A data file line that cannot be read.
    #[error("{file}:{line}: {message}")]
    Grammar {
        /// The data file.
        file: &'static str,
        /// The line (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A document creation time that is not a date.
    #[error("document creation time {0:?} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
    Dct(String),
}

/// The lexicon: words, their classes and values.
pub const LEXICON: &str = include_str!("../data/lexicon.txt");
/// The rules: patterns and what they make, with examples.
pub const RULES: &str = include_str!("../data/rules.txt");
/// Examples beyond the rules' own: phrases and the values they must get.
pub const EXAMPLES: &str = include_str!("../data/examples.txt");

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| match Grammar::parse(LEXICON, RULES) {
    Ok(g) => g,
    Err(e) => panic!("the embedded time grammar is valid (the test suite checks it): {e}"),
});

/// The embedded grammar, parsed on first use.
pub fn grammar() -> &'static Grammar {
    &GRAMMAR
}

/// How to tag.
#[derive(Debug, Clone, Default)]
pub struct TagOptions {
    /// The document creation time, for deictic expressions ("yesterday").
    pub dct: Option<Cal>,
    /// The annotation conventions to follow.
    pub scheme: SchemeChoice,
}

/// Which annotation conventions to follow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SchemeChoice {
    /// TimeML TIMEX3 (TempEval-3), the default.
    #[default]
    Timex3,
    /// TIDES TIMEX2, as in WikiWars: also tags "former" and resolves
    /// event-anchored offsets ("two days after the battle") to dates.
    Timex2,
}

impl SchemeChoice {
    fn scheme(self) -> Scheme {
        match self {
            SchemeChoice::Timex3 => Scheme::Timex3,
            SchemeChoice::Timex2 => Scheme::Timex2,
        }
    }
}

/// Parses a document creation time: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`
/// (a time part after `T` is ignored).
///
/// ```
/// use annals_time::{parse_dct, Cal};
/// assert_eq!(parse_dct("2009-12-19T17:00:00").unwrap(), Cal::Day(2009, 12, 19));
/// assert!(parse_dct("yesterday").is_err());
/// ```
pub fn parse_dct(text: &str) -> Result<Cal, Error> {
    let bad = || Error::Dct(text.to_string());
    let date = text.split('T').next().unwrap_or("");
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str| s.parse::<i32>().map_err(|_| bad());
    let cal = match parts.as_slice() {
        [y] if y.len() == 4 => Cal::Year(num(y)?),
        [y, m] if y.len() == 4 => Cal::Month(num(y)?, num(m)? as u8),
        [y, m, d] if y.len() == 4 => Cal::Day(num(y)?, num(m)? as u8, num(d)? as u8),
        _ => return Err(bad()),
    };
    let ok = match cal {
        Cal::Month(_, m) => (1..=12).contains(&m),
        Cal::Day(y, m, d) => (1..=12).contains(&m) && d >= 1 && d <= value::days_in_month(y, m),
        _ => true,
    };
    if ok {
        Ok(cal)
    } else {
        Err(bad())
    }
}

/// Tags every sentence of a document and resolves the results in document order.
pub fn tag_document(doc: &Document, sentences: &[Sentence], options: &TagOptions) -> Vec<Timex> {
    let grammar = grammar();
    let mut raws = Vec::new();
    for sentence in sentences {
        let text = doc.span_text(sentence.span);
        resolve::find_in_sentence(grammar, text, sentence, options.scheme.scheme(), &mut raws);
    }
    resolve::resolve(doc, raws, options)
}

/// Tags one piece of text as a single sentence (for examples and quick use).
///
/// ```
/// let t = annals_time::tag_text("Ratifications were exchanged on February 26, 1925.", &Default::default());
/// assert_eq!(t[0].value, "1925-02-26");
/// ```
pub fn tag_text(text: &str, options: &TagOptions) -> Vec<Timex> {
    let doc = Document {
        name: "text".into(),
        text: text.to_string(),
        title: None,
        sections: vec![annals_core::Section {
            level: 1,
            heading: None,
            parent: None,
            span: annals_core::Span::new(0, text.len()),
        }],
        blocks: vec![annals_core::Block {
            kind: annals_core::BlockKind::Paragraph,
            span: annals_core::Span::new(0, text.len()),
            section: 0,
            key: None,
        }],
        dct: None,
    };
    let sentence = Sentence {
        span: annals_core::Span::new(0, text.len()),
        block: 0,
        section: 0,
    };
    tag_document(&doc, &[sentence], options)
}
