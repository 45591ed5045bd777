//! Plain data types shared by every stage of the `annals` pipeline.
//!
//! Every stage is a function from plain data to plain data: the reader turns
//! bytes into a [`Document`], the segmenter adds [`Sentence`]s, the time
//! tagger adds [`Timex`]es. Nothing here knows how those values are made; it
//! only fixes their shape, so that stages agree without reaching into each
//! other.
//!
//! The one rule every type follows: a [`Span`] is a half-open range of UTF-8
//! **byte** offsets into the document's text, and for the seed's plain-text
//! format that text is the original file, byte for byte. Gold offsets and
//! system offsets are therefore the same numbers.
//!
//! ```
//! use annals_core::Span;
//! let text = "Signed in January 1925.";
//! let span = Span::new(10, 22);
//! assert_eq!(span.slice(text), Some("January 1925"));
//! ```

pub mod calendar;
mod document;
mod event;
mod measure;
mod mention;
mod span;
mod timex;

pub use document::{Block, BlockKind, Document, Section, Sentence};
pub use event::{Event, EventDate, Trigger};
pub use measure::Measure;
pub use mention::{EntityLabel, Mention};
pub use span::Span;
pub use timex::{Timex, TimexMod, TimexType};
