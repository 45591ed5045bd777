//! Properties of the time tagger on generated text: it never panics, every
//! time expression is a well-formed span of its sentence whose `text` is its
//! bytes, expressions come in order without overlapping, ids run `T1..Tn`,
//! anchors and range starts point to earlier expressions, intervals do not
//! end before they start, TimeML output holds exactly the text, and tagging
//! the same document twice gives the same result.
//!
//! The texts mix date-like fragments ("January 23, 1928", "1904–05", "the
//! mid-1960s", "'45", "BC", "A month later") with random characters,
//! multibyte letters, Unicode white space and the markup of the readers.

use annals_core::{Document, Sentence, Span, Timex};
use annals_time::{tag_document, tag_text, Cal, SchemeChoice, TagOptions};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Time expressions, their parts, and words that are almost time expressions.
const DATES: &[&str] = &[
    "January 23, 1928",
    "23 January 1928",
    "Jan. 23",
    "1904–05",
    "1904-5",
    "1918–21",
    "1941",
    "1945",
    "999",
    "12",
    "0",
    "70,000",
    "the mid-1960s",
    "mid-",
    "mid-1978",
    "the 1920s",
    "1850s",
    "'45",
    "’45",
    "the '20s",
    "44 BC",
    "49 BC",
    "BC",
    "AD 9",
    "the third century BC",
    "the late nineteenth century",
    "the 20th century",
    "19th",
    "A month later",
    "two days after the battle",
    "three years earlier",
    "ten years ago",
    "the next day",
    "the following year",
    "that year",
    "the same month",
    "yesterday",
    "last week",
    "today",
    "now",
    "former",
    "from July 1 to November 18, 1916",
    "November 28 – December 1, 1943",
    "between 1939 and 1945",
    "from 1918 until 1922",
    "in the spring of 1945",
    "summer",
    "May",
    "may",
    "March",
    "Monday",
    "10:30 am",
    "the morning",
    "around 1963",
    "c. 1900",
    "early 1970s",
    "no later than 1991",
    "more than two years",
    "for 90 days",
    "annually",
    "the first half of 1942",
    "the Thirty Years' War",
    "pp. 1941",
    "US$ 1200",
    "1500 men",
];

/// Punctuation, dashes, multibyte letters and white space.
const GLUE: &[&str] = &[
    " ", " ", " ", "  ", ", ", ". ", "; ", ": ", "? ", "! ", "…", "–", "—", "-", "/", "'", "’",
    "\"", "“", "”", "(", ")", "[", "]", "–é日", "é", "日本", "\t", "\r", "\u{a0}", "\u{85}",
    "\u{2028}", "\u{3000}", "\u{200b}", "in ", "In ", "on ", "On ", "of ", "the ", "The ",
    "until ", "by ", "since ", "after ", "before ", "and ", "to ",
];

/// Line starts of the readers' formats.
const MARKUP: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\n= Japan–Soviet relations =\n",
    "\n== 1941 ==\n",
    "\n=== Aftermath (1945–1956) ===\n",
    "\n# Title\n",
    "\n## 1920s\n",
    "\n- ",
    "\n* ",
    "\n1. ",
    "\nInfobox\n- Date: 19 October 1956\n",
    "\n```\n",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::sample::select(DATES).prop_map(str::to_string),
        4 => prop::sample::select(GLUE).prop_map(str::to_string),
        2 => prop::sample::select(MARKUP).prop_map(str::to_string),
        2 => "[A-Za-z]{1,9}",
        1 => "[0-9]{1,5}",
        // Any character but NUL, which the readers reject as binary.
        1 => any::<char>().prop_map(|c| if c == '\0' { ' ' } else { c }.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 1..40).prop_map(|parts| parts.concat())
}

/// 256 cases, or `PROPTEST_CASES` for a longer hunt.
fn config() -> Config {
    let default = Config::default();
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            256
        },
        // Failures are kept as named regression tests below, not in files
        // beside this one.
        failure_persistence: None,
        ..default
    }
}

/// The option sets every text is tagged with.
fn option_sets() -> [TagOptions; 3] {
    [
        TagOptions::default(),
        TagOptions {
            scheme: SchemeChoice::Timex2,
            ..TagOptions::default()
        },
        TagOptions {
            dct: Some(Cal::Day(1998, 2, 14)),
            ..TagOptions::default()
        },
    ]
}

fn id_index(id: &str) -> Option<usize> {
    id.strip_prefix('T')?.parse::<usize>().ok()?.checked_sub(1)
}

/// Every invariant of the timexes tagged in a document.
fn check_timexes(
    doc: &Document,
    sentences: &[Sentence],
    timexes: &[Timex],
) -> Result<(), TestCaseError> {
    let text = doc.text.as_str();
    for (n, t) in timexes.iter().enumerate() {
        let span = t.span;
        prop_assert!(
            span.start < span.end,
            "{} has an empty or reversed span {span:?}",
            t.id
        );
        prop_assert!(
            span.end <= text.len(),
            "{} {span:?} ends past the text",
            t.id
        );
        prop_assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{} {span:?} is not on character boundaries",
            t.id
        );
        prop_assert_eq!(
            &t.text,
            &text[span.start..span.end],
            "text is the bytes of {:?}",
            span
        );
        prop_assert!(
            sentences.iter().any(|s| s.span == t.sentence),
            "{} names a sentence {:?} that segment() did not produce",
            t.id,
            t.sentence
        );
        prop_assert!(
            t.sentence.contains(span),
            "{} {span:?} lies outside its sentence {:?}",
            t.id,
            t.sentence
        );
        prop_assert_eq!(&t.id, &format!("T{}", n + 1), "ids run T1..Tn in order");
        for (what, link) in [("anchor", &t.anchor), ("range_start", &t.range_start)] {
            if let Some(link) = link {
                prop_assert!(
                    id_index(link).is_some_and(|k| k < n),
                    "{} has {} {}, not an earlier timex",
                    t.id,
                    what,
                    link
                );
            }
        }
        if let (Some(a), Some(b)) = (&t.earliest, &t.latest) {
            let first = annals_time::value::parse_iso_day(a);
            let last = annals_time::value::parse_iso_day(b);
            prop_assert!(
                first.is_some() && last.is_some() && first <= last,
                "{} {:?} has the interval {}..{}",
                t.id,
                t.text,
                a,
                b
            );
        }
    }
    for pair in timexes.windows(2) {
        prop_assert!(
            pair[0].span.end <= pair[1].span.start,
            "{} {:?} and {} {:?} are out of order or overlap",
            pair[0].id,
            pair[0].span,
            pair[1].id,
            pair[1].span
        );
    }
    check_timeml(text, timexes)
}

/// The TimeML output without its tags, entities decoded, is the text; tags
/// balance and do not nest.
fn check_timeml(text: &str, timexes: &[Timex]) -> Result<(), TestCaseError> {
    let xml = annals_time::timeml(text, timexes);
    let body = xml
        .split_once("<TEXT>")
        .and_then(|(_, rest)| rest.rsplit_once("</TEXT>"))
        .map(|(body, _)| body);
    prop_assert!(body.is_some(), "no TEXT element in {xml}");
    let mut rest = body.unwrap_or_default();
    let mut plain = String::new();
    let mut open = false;
    let mut tags = 0;
    while let Some(i) = rest.find(['<', '&']) {
        plain.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let close = rest.find('>');
            prop_assert!(close.is_some(), "unterminated tag");
            let close = close.unwrap_or_default();
            let tag = &rest[..=close];
            if tag == "</TIMEX3>" {
                prop_assert!(open, "</TIMEX3> without <TIMEX3>");
                open = false;
            } else {
                prop_assert!(tag.starts_with("<TIMEX3 tid=\""), "unexpected tag {tag}");
                prop_assert!(!open, "nested TIMEX3");
                open = true;
                tags += 1;
            }
            rest = &rest[close + 1..];
        } else {
            let entity = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
            ]
            .into_iter()
            .find(|(name, _)| rest.starts_with(name));
            prop_assert!(entity.is_some(), "bare & in TimeML output");
            let (name, c) = entity.unwrap_or(("&", '&'));
            plain.push(c);
            rest = &rest[name.len()..];
        }
    }
    plain.push_str(rest);
    prop_assert!(!open, "unclosed TIMEX3");
    prop_assert_eq!(tags, timexes.len(), "one TIMEX3 element per timex");
    prop_assert_eq!(plain.as_str(), text, "TimeML without tags is the text");
    Ok(())
}

/// Reads `text` as plain text and as the seed format, tags it with every
/// option set (twice, to check determinism) and checks the results.
fn check_text(text: &str) -> Result<(), TestCaseError> {
    for format in [annals_text::Format::Plain, annals_text::Format::Seed] {
        let Ok(doc) = annals_text::read_bytes("p.txt", text.as_bytes(), format) else {
            prop_assert!(text
                .trim_matches(|c: char| c.is_ascii_whitespace())
                .is_empty());
            continue;
        };
        let sentences = annals_text::segment(&doc);
        for options in option_sets() {
            let first = tag_document(&doc, &sentences, &options);
            check_timexes(&doc, &sentences, &first)?;
            let second = tag_document(&doc, &sentences, &options);
            prop_assert_eq!(&first, &second, "tagging is deterministic");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn timexes_are_well_formed_spans_of_their_sentences(text in text()) {
        check_text(&text)?;
    }

    #[test]
    fn one_sentence_tagging_is_well_formed(text in text()) {
        for options in option_sets() {
            let timexes = tag_text(&text, &options);
            let doc = Document {
                name: "text".into(),
                text: text.clone(),
                title: None,
                sections: Vec::new(),
                blocks: Vec::new(),
                dct: None,
            };
            let whole = Sentence { span: Span::new(0, text.len()), block: 0, section: 0 };
            check_timexes(&doc, &[whole], &timexes)?;
            prop_assert_eq!(timexes, tag_text(&text, &options), "tagging is deterministic");
        }
    }
}

#[test]
fn fixed_tricky_inputs() {
    let inputs: &[&str] = &[
        "mid-",
        "mid-–",
        "'45–'46",
        "1904–05–06",
        "BC BC 44 BC",
        "A month later A month later",
        "from – to 1916",
        "November 28 – December 1",
        "–é日 1941–é日",
        "\u{85}1941\u{85}",
        "In 1941. A month later, in '45, the mid-1960s BC.",
        "= 1941 =\n\n== 1942 ==\n- 1943\nInfobox\n- Date: 1944\n",
    ];
    for input in inputs {
        if let Err(e) = check_text(input) {
            panic!("{input:?}: {e}");
        }
    }
}

/// Found by the `tag_time` fuzz target: a century ordinal too large for the
/// `i32` arithmetic of `Cal::days` (`value.rs`) overflows, a panic in debug
/// builds and a wrapped, wrong interval in release builds.
#[test]
fn huge_century_ordinals_do_not_overflow() {
    for input in [
        "the 2147483600th century",
        "the 21474837th century BC",
        "the 99999999999999999999th century",
    ] {
        if let Err(e) = check_text(input) {
            panic!("{input:?}: {e}");
        }
    }
}
