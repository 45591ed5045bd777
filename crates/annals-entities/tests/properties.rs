//! Properties of the entity tagger on generated text: it never panics, every
//! mention is a non-empty span of its sentence, on character boundaries,
//! whose `text` is its bytes; mentions come in order without overlapping;
//! ids run `M1..Mn`; amounts of money have no link; only states and their
//! peoples (GPE, NORP) carry ISO and COW codes; and tagging the same
//! document twice gives the same result.
//!
//! The texts mix the gazetteers' names ("Soviet Union", "USSR", "Sino"),
//! dash compounds ("Soviet–Japanese"), possessives ("Japan’s"), titles
//! ("Prime Minister"), amounts ("nearly US$6 billion"), capitalised random
//! words and dates with random characters and multibyte letters.

use annals_core::{Document, EntityLabel, Mention, Sentence};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Names the gazetteers know, names they almost know, and cue words.
const NAMES: &[&str] = &[
    "Japan",
    "Soviet Union",
    "USSR",
    "Moscow",
    "Sino",
    "American",
    "Tokyo",
    "World War II",
    "Treaty of Portsmouth",
    "Russia",
    "Empire of Japan",
    "Soviet",
    "Japanese",
    "Russo",
    "US",
    "CPSU",
    "Communist Party of the Soviet Union",
    "Mikhail Gorbachev",
    "Gorbachev",
    "Tanaka Kakuei",
    "Kuril Islands",
    "Kuril Island",
    "Joint Declaration",
    "Cold War",
    "Battle of",
    "Treaty",
    "War",
    "of",
    "of the",
    "and",
    "the",
    "The",
    "In",
];

/// Titles and offices that open a person's name or an office.
const TITLES: &[&str] = &[
    "Prime Minister ",
    "Minister of War ",
    "Foreign Minister ",
    "General Secretary ",
    "Chairman of the ",
    "President ",
    "Gen. ",
    "Mr. ",
    "Emperor ",
    "Leonid I. ",
];

/// Amounts of money and their parts.
const MONEY: &[&str] = &[
    "nearly US$6 billion",
    "US$4.4 billion",
    "US$",
    "$ 5",
    "$5",
    "3 million yen",
    "40 billion rubles",
    "about 12 dollars",
    "more than 7 pounds",
    "¥200",
    "€3.5 million",
    "£12",
    "million",
    "billion",
    "yen",
    "nearly",
];

/// Dates that move the situation the names are linked in.
const DATES: &[&str] = &[
    "1904–05",
    "in 1941",
    "1945",
    "in late 1991",
    "3 May 1947",
    "October 19, 1956",
    "the 1920s",
    "from 1917 to 1991",
    "today",
    "now",
    "A month later",
];

/// Dashes, apostrophes, punctuation, multibyte letters and white space.
const GLUE: &[&str] = &[
    " ", " ", " ", "  ", ", ", ". ", "; ", ": ", "? ", "–", "—", "-", "'", "’", "'s ", "’s ",
    "s’ ", "\"", "“", "”", "(", ")", "\n", "\n\n", "é", "日本", "Ё", "ß", "\u{a0}", "\u{3000}",
    "\u{200b}",
];

/// Words before a name that make a capital the city or its government.
const BEFORE: &[&str] = &["in ", "of ", "the ", "and ", "visited ", "annulled ", "to "];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(NAMES).prop_map(str::to_string),
        2 => prop::sample::select(TITLES).prop_map(str::to_string),
        2 => prop::sample::select(MONEY).prop_map(str::to_string),
        2 => prop::sample::select(DATES).prop_map(str::to_string),
        6 => prop::sample::select(GLUE).prop_map(str::to_string),
        2 => prop::sample::select(BEFORE).prop_map(str::to_string),
        // Capitalised words no list knows, some of them multibyte.
        2 => "[A-ZÉÖ][a-zé]{0,8}",
        1 => "[A-Z]{2,4}",
        1 => "[0-9]{1,4}(\\.[0-9])?",
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

/// Every invariant of the mentions tagged in a document.
fn check_mentions(
    doc: &Document,
    sentences: &[Sentence],
    mentions: &[Mention],
) -> Result<(), TestCaseError> {
    let text = doc.text.as_str();
    for (n, m) in mentions.iter().enumerate() {
        let span = m.span;
        prop_assert!(
            span.start < span.end,
            "{} has an empty or reversed span {span:?}",
            m.id
        );
        prop_assert!(
            span.end <= text.len(),
            "{} {span:?} ends past the text",
            m.id
        );
        prop_assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{} {span:?} is not on character boundaries",
            m.id
        );
        prop_assert_eq!(
            &m.text,
            &text[span.start..span.end],
            "text is the bytes of {:?}",
            span
        );
        prop_assert!(
            sentences.iter().any(|s| s.span == m.sentence),
            "{} names a sentence {:?} that segment() did not produce",
            m.id,
            m.sentence
        );
        prop_assert!(
            m.sentence.contains(span),
            "{} {span:?} lies outside its sentence {:?}",
            m.id,
            m.sentence
        );
        prop_assert_eq!(&m.id, &format!("M{}", n + 1), "ids run M1..Mn in order");
        prop_assert!(
            m.label != EntityLabel::Money || m.link.is_none(),
            "{} {:?} is MONEY with the link {:?}",
            m.id,
            m.text,
            m.link
        );
        prop_assert!(
            matches!(m.label, EntityLabel::Gpe | EntityLabel::Norp)
                || (m.iso.is_none() && m.cow.is_none()),
            "{} {:?} is {:?} with state codes {:?}/{:?}",
            m.id,
            m.text,
            m.label,
            m.iso,
            m.cow
        );
    }
    for pair in mentions.windows(2) {
        prop_assert!(
            pair[0].span.end <= pair[1].span.start,
            "{} {:?} and {} {:?} are out of order or overlap",
            pair[0].id,
            pair[0].span,
            pair[1].id,
            pair[1].span
        );
    }
    Ok(())
}

/// Reads `text` as plain text and as the seed format, tags its dates and
/// then its names (twice, to check determinism) and checks the mentions.
fn check_text(text: &str) -> Result<(), TestCaseError> {
    for format in [annals_text::Format::Plain, annals_text::Format::Seed] {
        let Ok(doc) = annals_text::read_bytes("p.txt", text.as_bytes(), format) else {
            continue;
        };
        let sentences = annals_text::segment(&doc);
        let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
        let first = annals_entities::tag_document(&doc, &sentences, &timexes);
        check_mentions(&doc, &sentences, &first)?;
        let second = annals_entities::tag_document(&doc, &sentences, &timexes);
        prop_assert_eq!(&first, &second, "tagging is deterministic");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mentions_are_well_formed_spans_of_their_sentences(text in text()) {
        check_text(&text)?;
    }
}

#[test]
fn fixed_tricky_inputs() {
    let inputs: &[&str] = &[
        "Soviet–Japanese",
        "Soviet–Japanese Joint Declaration of 1956. The Joint Declaration held.",
        "Japan’s victory; Moscow's refusal; the Soviets’ reply.",
        "Prime Minister Tanaka Kakuei met Leonid I. Brezhnev.",
        "Minister of War Araki Sadao. Chairman of the Japanese Communist Party.",
        "Trade reached nearly US$6 billion, up from US$4.4 billion and 3 million yen.",
        "US$ US$US$6 $ billion nearly nearly",
        "Sino-American, Sino–Soviet, Russo-Japanese War of 1904–05.",
        "Treaty of Portsmouth of the and of Japan",
        "Ё Japan日本 Мо́сква ＵＳＳＲ 𝔐oscow Ⅻ World War Ⅱ",
        "A. B. C. D.",
        "Mikhail Gorbachev came. Gorbachev left. CPSU.",
        "= Japan–Soviet Union relations =\n\nJapan in 1941 and in late 1991.",
    ];
    for input in inputs {
        if let Err(e) = check_text(input) {
            panic!("{input:?}: {e}");
        }
    }
}
