//! Questions about the seed article, answered from a record that holds it:
//! each answer and the sentence it quotes are checked.

use annals_store::{Layers, Store};

fn seed_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("annals.db")).expect("opens");
    let doc = annals_text::seed();
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    let mentions = annals_entities::tag_document(&doc, &sentences, &timexes);
    let events = annals_events::tag_document(&doc, &sentences, &timexes, &mentions);
    let measures = annals_events::measures::tag_measures(&doc, &sentences, &timexes);
    let layers = Layers {
        sentences: &sentences,
        timexes: &timexes,
        mentions: &mentions,
        events: &events,
        measures: &measures,
    };
    store.ingest(&doc, &layers).expect("the seed is written");
    (dir, store)
}

/// (question, one of the right answers, words of the sentence it must quote).
const QUESTIONS: &[(&str, &[&str], &str)] = &[
    (
        "When did Japan and the Soviet Union sign the neutrality pact?",
        &["1941"],
        "signed a neutrality pact",
    ),
    (
        "Who visited Tokyo in 1991?",
        &["Mikhail Gorbachev"],
        "Gorbachev would visit Japan in 1991",
    ),
    (
        "How much was trade worth in 1988?",
        &["nearly US$6 billion"],
        "trade in 1988 was valued",
    ),
    (
        "What happened in 1945?",
        &["8 August 1945"],
        "invasion of Manchuria began on August 8, 1945",
    ),
    (
        "When was the Joint Declaration signed?",
        &["19 October 1956"],
        "signed a Joint Declaration on October 19, 1956",
    ),
    (
        "Who occupied Vladivostok?",
        &["Empire of Japan"],
        "occupied Vladivostok",
    ),
    (
        "When did Moscow annul the neutrality pact?",
        &["April 1945"],
        "Moscow annulled the neutrality pact",
    ),
    (
        "When did the Soviet invasion of Manchuria begin?",
        &["8 August 1945"],
        "began on August 8, 1945",
    ),
    (
        "When was Richard Sorge arrested?",
        &["October 1941"],
        "Sorge was arrested",
    ),
    (
        "When was Richard Sorge hanged?",
        &["November 1944"],
        "hanged in November 1944",
    ),
    (
        "Who visited Tokyo in January 1976?",
        &["Andrei Gromyko"],
        "Gromyko again visited Tokyo",
    ),
    (
        "When did Gromyko visit Tokyo?",
        &["January 1972", "January 1976"],
        "visited Tokyo",
    ),
    (
        "How much were exports to the Soviet Union in 1990?",
        &["US$2.6 billion"],
        "declining to US$2.6 billion in 1990",
    ),
    (
        "How much were imports from the Soviet Union in 1990?",
        &["almost US$3.4 billion"],
        "US$3.4 billion by 1990",
    ),
    (
        "How much trade had been reached by 1979?",
        &["US$4.4 billion"],
        "By 1979 overall trade had reached",
    ),
    (
        "When did Japan withdraw its forces from Sakhalin?",
        &["1925"],
        "withdrew its forces",
    ),
    (
        "Who invaded the Soviet Union in 1941?",
        &["Nazi Germany"],
        "Nazi Germany invaded the Soviet Union",
    ),
    (
        "When did the Battle of Khalkhin Gol take place?",
        &["1939"],
        "Battle of Khalkhin Gol (1939)",
    ),
    ("What happened in 1956?", &["19 October 1956"], "1956"),
    (
        "Who promised Roosevelt that the USSR would enter the war?",
        &["Joseph Stalin"],
        "Stalin promised Roosevelt",
    ),
    (
        "When did the Soviet Union invade Afghanistan?",
        &["1979"],
        "invasion of Afghanistan",
    ),
    (
        "When did Japan recognize the Soviet Union?",
        &["January 1925"],
        "recognized the Soviet Union",
    ),
    (
        "Who annulled the neutrality pact?",
        &["Soviet Union"],
        "Moscow annulled",
    ),
    (
        "When were ratifications exchanged in Tokyo?",
        &["23 May 1928"],
        "Ratifications were exchanged in Tokyo on May 23, 1928",
    ),
    (
        "Who postponed a visit to Japan in 1992?",
        &["Boris Yeltsin"],
        "Yeltsin postponed",
    ),
    (
        "When did the two countries sign a five-year trade agreement?",
        &["January 1966"],
        "five-year trade agreement in January 1966",
    ),
    (
        "Where did the Battle of Lake Khasan take place?",
        &["Primorsky Krai"],
        "happened in Primorye",
    ),
    (
        "Where did Tanaka meet Brezhnev?",
        &["Moscow"],
        "were held in Moscow",
    ),
    (
        "Where did Gorbachev visit in 1991?",
        &["Japan"],
        "Gorbachev would visit Japan in 1991",
    ),
];

#[test]
fn questions_about_the_seed_are_answered_with_the_right_quote() {
    let (_dir, store) = seed_store();
    let mut wrong = Vec::new();
    for (question, answers, quote) in QUESTIONS {
        let got = annals_ask::ask(&store, question).expect("the record answers");
        let text = got.answer.clone().unwrap_or_default();
        let right = answers.iter().any(|a| text.contains(a));
        let quoted = got.evidence.iter().any(|e| e.quote.text.contains(quote));
        if !right || !quoted {
            wrong.push(format!(
                "{question} -> {text:?} {:?}",
                got.evidence.first().map(|e| &e.quote.text)
            ));
        }
        // Every quote is the document's own text at its span.
        for e in &got.evidence {
            let doc = store
                .load(&e.quote.document)
                .expect("reads")
                .expect("is there");
            assert_eq!(
                doc.doc.text.get(e.quote.start..e.quote.end),
                Some(e.quote.text.as_str())
            );
        }
    }
    assert!(QUESTIONS.len() >= 20);
    assert!(
        wrong.is_empty(),
        "{} of {} wrong:\n{}",
        wrong.len(),
        QUESTIONS.len(),
        wrong.join("\n")
    );
}

#[test]
fn no_answer_rather_than_a_guess() {
    let (_dir, store) = seed_store();
    for question in [
        "Who won the 1964 Olympic marathon?",
        "When did Japan land on the Moon?",
        "How much did the Tokyo Olympics cost?",
    ] {
        let got = annals_ask::ask(&store, question).expect("the record answers");
        assert_eq!(got.answer, None, "{question} -> {:?}", got.answer);
        assert!(got.evidence.is_empty());
    }
    // With the closest sentences, when any share a word.
    let got = annals_ask::ask(&store, "Who won the Soviet chess championship?").expect("answers");
    assert_eq!(got.answer, None);
    assert!(!got.closest.is_empty());
}

#[test]
fn dates_are_written_at_their_precision() {
    assert_eq!(
        annals_ask::date_in_words("1941-04-13", None),
        "13 April 1941"
    );
    assert_eq!(annals_ask::date_in_words("1925-01", None), "January 1925");
    assert_eq!(annals_ask::date_in_words("198", None), "the 1980s");
    assert_eq!(
        annals_ask::date_in_words("1918", Some("1922")),
        "1918 to 1922"
    );
}
