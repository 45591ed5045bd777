//! Byte spans into a document's text.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of UTF-8 byte offsets into a text.
///
/// ```
/// use annals_core::Span;
/// let s = Span::new(4, 9);
/// assert_eq!(s.len(), 5);
/// assert!(s.contains(Span::new(5, 9)));
/// assert_eq!(s.slice("The pact was"), Some("pact "));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Makes a span; `start` must not exceed `end`.
    ///
    /// ```
    /// let s = annals_core::Span::new(2, 3);
    /// assert_eq!((s.start, s.end), (2, 3));
    /// ```
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "a span starts before it ends");
        Span { start, end }
    }

    /// Number of bytes covered.
    ///
    /// ```
    /// assert_eq!(annals_core::Span::new(2, 7).len(), 5);
    /// ```
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    ///
    /// ```
    /// assert!(annals_core::Span::new(3, 3).is_empty());
    /// ```
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies wholly inside this span.
    ///
    /// ```
    /// use annals_core::Span;
    /// assert!(Span::new(0, 10).contains(Span::new(2, 10)));
    /// assert!(!Span::new(0, 10).contains(Span::new(2, 11)));
    /// ```
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    ///
    /// ```
    /// use annals_core::Span;
    /// assert!(Span::new(0, 5).overlaps(Span::new(4, 8)));
    /// assert!(!Span::new(0, 5).overlaps(Span::new(5, 8)));
    /// ```
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or `None` when it is out of bounds or
    /// does not fall on character boundaries.
    ///
    /// ```
    /// use annals_core::Span;
    /// assert_eq!(Span::new(0, 3).slice("Japan–Soviet"), Some("Jap"));
    /// assert_eq!(Span::new(0, 6).slice("Japan–Soviet"), None); // inside the dash
    /// ```
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start..self.end)
    }
}
