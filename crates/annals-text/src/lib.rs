//! Readers and sentence segmentation: the first two stages of `annals`.
//!
//! A reader turns the bytes of a file into a [`Document`]: its text and the
//! blocks (title, headings, infobox lines, paragraphs, list items) and
//! sections found in it, each with its byte span in the *original* file. The
//! segmenter then splits blocks into [`Sentence`]s. Neither stage ever
//! panics on input: bad input is an [`Error`] that names the file and the
//! place.
//!
//! ```
//! use annals_text::{read_bytes, segment, Format};
//! let text = "= Pacts =\n\n== 1941 ==\nJapan signed the pact in April 1941. It held until 1945.\n";
//! let doc = read_bytes("pacts.txt", text.as_bytes(), Format::Seed).unwrap();
//! let sentences = segment(&doc);
//! let texts: Vec<&str> = sentences.iter().map(|s| doc.span_text(s.span)).collect();
//! assert_eq!(texts, ["Pacts", "1941", "Japan signed the pact in April 1941.", "It held until 1945."]);
//! ```

mod error;
mod reader;
mod segment;

pub use annals_core::{Block, BlockKind, Document, Section, Sentence, Span};
pub use error::Error;
pub use reader::{read_bytes, read_path, seed, Format, ReadOptions, SEED_NAME, SEED_TEXT};
pub use segment::segment;
