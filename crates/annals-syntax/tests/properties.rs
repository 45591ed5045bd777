//! Properties on generated text: tagging, chunking and the clause rules never
//! panic; tokens are in bounds, on character boundaries, in order and
//! without overlap; chunks cover the tokens with their head inside; verb
//! groups point at valid chunks and tokens; the same input gives the same
//! output.

use annals_syntax::{analyse, Analysis, ChunkKind};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "Japan",
    "the",
    "Soviet",
    "Union",
    "signed",
    "was",
    "pressed",
    "by",
    "to",
    "sign",
    "and",
    "which",
    "who",
    ",",
    ".",
    "(",
    ")",
    "-",
    "–",
    "'s",
    "’",
    "n't",
    "not",
    "never",
    "would",
    "forcing",
    "between",
    "of",
    "Treaty",
    "Portsmouth",
    "1905",
    "70,000",
    "U.S.",
    "Gen.",
    "had",
    "been",
    "did",
    "after",
    "that",
    "troops",
    "attack",
    "over",
    "took",
    "in",
    "'",
    "Ōkuma",
    "é",
    "\u{301}",
    "😀",
    ";",
    ":",
    "\"",
    "as",
    "well",
    "because",
    "of",
    "its",
];

fn check(text: &str, start: usize, end: usize, a: &Analysis) {
    let mut prev_end = 0;
    for t in &a.tokens {
        assert!(t.start < t.end && t.end <= text.len());
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        assert!(t.start >= prev_end, "tokens overlap");
        assert!(t.start >= start.min(text.len()));
        prev_end = t.end;
    }
    assert!(prev_end <= end.max(start).min(text.len()) || a.tokens.is_empty());
    let mut next = 0;
    for (i, c) in a.chunks.iter().enumerate() {
        assert!(c.first <= c.last && c.last < a.tokens.len());
        assert!(c.first <= c.head && c.head <= c.last);
        match c.within {
            None => {
                assert_eq!(c.first, next, "top-level chunks cover the tokens in order");
                next = c.last + 1;
            }
            Some(pp) => {
                assert!(pp < i);
                assert_eq!(a.chunks[pp].kind, ChunkKind::Pp);
                assert!(a.chunks[pp].first <= c.first && c.last <= a.chunks[pp].last);
                assert_eq!(c.kind, ChunkKind::Np);
            }
        }
    }
    assert_eq!(next, a.tokens.len());
    for v in &a.verbs {
        assert_eq!(a.chunks[v.vp].kind, ChunkKind::Vp);
        assert!(a.chunks[v.vp].first <= v.verb && v.verb <= a.chunks[v.vp].last);
        for &np in v.subject.iter().chain(&v.object).chain(&v.agent) {
            assert_eq!(a.chunks[np].kind, ChunkKind::Np);
        }
        assert!(v.clause.0 <= v.clause.1 && v.clause.1 < a.tokens.len());
    }
    for i in 0..a.tokens.len() {
        if let Some(n) = a.nominal(i) {
            assert!(n.np < a.chunks.len());
        }
    }
}

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(WORDS).prop_map(str::to_string),
            1 => "\\PC{0,6}",
        ],
        0..40,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_words(text in sentence(), a in 0usize..300, b in 0usize..300) {
        let r = analyse(&text, a, b);
        check(&text, a, b, &r);
        prop_assert_eq!(r, analyse(&text, a, b));
    }

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,80}", a in 0usize..100, b in 0usize..100) {
        let r = analyse(&text, a, b);
        check(&text, a, b, &r);
    }

    #[test]
    fn never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..120)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let r = analyse(&text, 0, text.len());
        check(&text, 0, text.len(), &r);
    }
}

#[test]
fn empty_and_blank() {
    for text in ["", " ", "\n\t", ".", "'", "n't", "'s", "—"] {
        let a = analyse(text, 0, text.len());
        check(text, 0, text.len(), &a);
    }
}

#[test]
fn huge_inputs_stay_linear() {
    // One enormous "sentence" of each kind of repetition the rules walk over.
    let units = [
        "Japan signed the treaty and ",
        "was pressed by Japan to sign, ",
        "forcing ",
        "very ",
        "the big old ",
        ", which ",
        "(",
        "A, B, C and ",
    ];
    for unit in units {
        let text = unit.repeat(20_000);
        let a = analyse(&text, 0, text.len());
        check(&text, 0, text.len(), &a);
    }
    let long_word = "a".repeat(1_000_000);
    let a = analyse(&long_word, 0, long_word.len());
    assert_eq!(a.tokens.len(), 1);
}
