//! The measures layer: every example of the data files runs; the seed's gold
//! measures come out (span, amount, unit, qualifier, date); sentences of war
//! articles read as expected; no input makes the tagger panic.

use annals_core::Measure;

/// Reads, segments and time-tags a text, then finds its measures.
fn measures(text: &str) -> Vec<Measure> {
    let doc = annals_text::read_bytes("example", text.as_bytes(), annals_text::Format::Plain)
        .expect("example reads");
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    annals_events::measures::tag_measures(&doc, &sentences, &timexes)
}

/// Checks one `key=value; ...` expectation against the measures of `text`,
/// the measure being the `[bracketed]` words.
fn check(example: &str, expected: &str) -> Result<(), String> {
    let (head, rest) = example
        .split_once('[')
        .ok_or_else(|| format!("{example:?}: no [brackets]"))?;
    let (inside, tail) = rest
        .split_once(']')
        .ok_or_else(|| format!("{example:?}: no ]"))?;
    let text = format!("{head}{inside}{tail}");
    let (start, end) = (head.len(), head.len() + inside.len());
    let found = measures(&text);
    if expected == "none" {
        return match found.iter().find(|m| m.start < end && start < m.end) {
            Some(m) => Err(format!(
                "{example:?}: expected no measure, found {:?} {} {}",
                m.text, m.amount, m.unit
            )),
            None => Ok(()),
        };
    }
    let Some(m) = found.iter().find(|m| m.start == start && m.end == end) else {
        let near: Vec<String> = found
            .iter()
            .map(|m| format!("{:?} {} {}", m.text, m.amount, m.unit))
            .collect();
        return Err(format!(
            "{example:?}: no measure [{inside}]; found {}",
            near.join(", ")
        ));
    };
    for pair in expected.split("; ") {
        let ok = if let Some(v) = pair.strip_prefix("amount=") {
            let v: f64 = v.parse().map_err(|_| format!("bad amount {v}"))?;
            (m.amount - v).abs() <= 1e-9 * v.abs().max(1.0)
        } else if let Some(v) = pair.strip_prefix("unit=") {
            m.unit == v
        } else if let Some(v) = pair.strip_prefix("approx=") {
            m.approx.as_deref().unwrap_or("-") == v
        } else if let Some(v) = pair.strip_prefix("measure~") {
            m.measure.to_lowercase().contains(&v.to_lowercase())
        } else if let Some(v) = pair.strip_prefix("date=") {
            let date = m.date.as_ref().map(|d| {
                let mut s = d.value.clone();
                if let Some(e) = &d.end {
                    s = format!("{s}/{e}");
                }
                if let Some(x) = &d.modifier {
                    s = format!("{s} {x}");
                }
                s
            });
            date.as_deref() == Some(v)
        } else {
            return Err(format!("{example:?}: bad expectation {pair}"));
        };
        if !ok {
            return Err(format!(
                "{example:?}: expected {pair}, found {:?} amount {} unit {} approx {:?} measure {:?} date {:?}",
                m.text, m.amount, m.unit, m.approx, m.measure, m.date
            ));
        }
    }
    Ok(())
}

fn run_all(cases: &[(&str, &str)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(example, expected)| check(example, expected).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_data_files_read() {
    annals_events::measures::check_data()
        .expect("units.tsv, numbers.tsv and measure_words.tsv read");
}

#[test]
fn every_data_example_comes_out_as_expected() {
    let examples = annals_events::measures::examples();
    assert!(examples.len() >= 150, "only {} examples", examples.len());
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|e| {
            check(e.text, e.expected)
                .err()
                .map(|err| format!("{}:{}: {err}", e.file, e.line))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}

/// The seed article with the pipeline: every gold measure, by its words.
fn seed() -> Vec<Measure> {
    let doc = annals_text::seed();
    let sentences = annals_text::segment(&doc);
    let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
    annals_events::measures::tag_measures(&doc, &sentences, &timexes)
}

fn date(m: &Measure) -> String {
    let Some(d) = &m.date else {
        return "-".into();
    };
    let mut s = d.value.clone();
    if let Some(e) = &d.end {
        s = format!("{s}/{e}");
    }
    if let Some(x) = &d.modifier {
        s = format!("{s} {x}");
    }
    s
}

/// The seed's gold measures (shared/eval/seed/measures.jsonl): text, amount,
/// unit, qualifier and date, in order. The floor: all of them, and nothing
/// else in units other than time.
#[test]
fn the_seed_gold_measures_come_out() {
    let gold: [(&str, f64, &str, &str, &str); 17] = [
        (
            "70,000 troops",
            70000.0,
            "troops",
            "as many as",
            "1918/1922",
        ),
        ("two years", 2.0, "years", "-", "1941"),
        ("90 days", 90.0, "days", "-", "1945-02"),
        ("A month", 1.0, "months", "-", "1941-10"),
        ("56 islands", 56.0, "islands", "-", "1946"),
        ("five-year", 5.0, "years", "-", "1966-01"),
        ("US$4.4 billion", 4.4e9, "USD", "-", "1979"),
        ("one month", 1.0, "months", "-", "1972-01"),
        ("six-year", 6.0, "years", "-", "1972-01"),
        ("three years", 3.0, "years", "-", "1972/1974"),
        ("two", 2.0, "island areas", "-", "1976-01"),
        ("US$6 billion", 6e9, "USD", "nearly", "1988"),
        ("US$1.9 billion", 1.9e9, "USD", "nearly", "198 START"),
        ("US$1.5 billion", 1.5e9, "USD", "less than", "198 MID"),
        ("US$3.4 billion", 3.4e9, "USD", "almost", "1990"),
        ("US$3.1 billion", 3.1e9, "USD", "over", "1988"),
        ("US$2.6 billion", 2.6e9, "USD", "-", "1990"),
    ];
    let found = seed();
    let got: Vec<(String, f64, String, String, String)> = found
        .iter()
        .map(|m| {
            (
                m.text.clone(),
                m.amount,
                m.unit.clone(),
                m.approx.clone().unwrap_or_else(|| "-".into()),
                date(m),
            )
        })
        .collect();
    let want: Vec<(String, f64, String, String, String)> = gold
        .iter()
        .map(|(t, a, u, q, d)| {
            (
                t.to_string(),
                *a,
                u.to_string(),
                q.to_string(),
                d.to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

/// Trade figures come out as dated series: what is measured says exports,
/// imports or trade.
#[test]
fn seed_trade_figures_form_series() {
    let found = seed();
    let series: Vec<(&str, String, f64)> = found
        .iter()
        .filter(|m| m.unit == "USD")
        .map(|m| (m.measure.as_str(), date(m), m.amount))
        .collect();
    assert_eq!(
        series,
        [
            ("overall trade per year", "1979".to_string(), 4.4e9),
            ("Japan-Soviet trade", "1988".to_string(), 6e9),
            (
                "imports from the Soviet Union",
                "198 START".to_string(),
                1.9e9
            ),
            (
                "imports from the Soviet Union",
                "198 MID".to_string(),
                1.5e9
            ),
            ("imports from the Soviet Union", "1990".to_string(), 3.4e9),
            ("exports to the Soviet Union", "1988".to_string(), 3.1e9),
            ("exports to the Soviet Union", "1990".to_string(), 2.6e9),
        ]
    );
}

/// Sentences of war articles (WikiWars, shared/eval/wikiwars/docs), with
/// one measure each in brackets.
#[test]
fn war_article_sentences() {
    run_all(&[
        // 01_WW2
        (
            "The Soviets launched a massive counter-offensive that started on December 5 along a [1,000 kilometres] (620 mi) front.",
            "amount=1000; unit=km",
        ),
        (
            "The counter-offensive pushed German troops [100]-250 kilometres (62-160 mi) west.",
            "amount=100; unit=km",
        ),
        (
            "The counter-offensive pushed German troops 100-[250 kilometres] (62-160 mi) west.",
            "amount=250; unit=km",
        ),
        (
            "The counter-offensive pushed German troops 100-250 kilometres ([62]-160 mi) west.",
            "none",
        ),
        (
            "Japan imported [80 percent] of its oil from the United States.",
            "amount=80; unit=percent; measure~its oil",
        ),
        ("The United States dropped [two bombs] on Japan.", "amount=2; unit=bombs"),
        ("The war continued for [two months] of fierce fighting.", "amount=2; unit=months"),
        // 02_WW1
        (
            "By the end of the war, about [1.3 million Indian soldiers] had served.",
            "amount=1300000; unit=soldiers; approx=about",
        ),
        (
            "Casualties reached [47,746 killed] and 65,126 wounded during World War I.",
            "amount=47746; unit=killed",
        ),
        (
            "Casualties reached 47,746 killed and [65,126 wounded] during World War I.",
            "amount=65126; unit=wounded",
        ),
        (
            "The Allies captured [eight thousand prisoners] and two hundred guns.",
            "amount=8000; unit=prisoners",
        ),
        ("They launched the [Hundred] Days Offensive in August.", "none"),
        ("The [Seven] Pillars of Wisdom describes the revolt.", "none"),
        (
            "The offensive cost the British [57,470 casualties] on the first day.",
            "amount=57470; unit=casualties",
        ),
        (
            "The Americans landed [four million men] in France.",
            "amount=4000000; unit=men",
        ),
        (
            "The Germans advanced [60 kilometres] (40 miles) in the first days.",
            "amount=60; unit=km",
        ),
        ("The Germans advanced 60 kilometres ([40 miles]) in the first days.", "none"),
        // 03_AmCivWar
        (
            "Lincoln called for [75,000 volunteers] for 90 days to put down the rebellion.",
            "amount=75000; unit=volunteers",
        ),
        (
            "Lincoln called for 75,000 volunteers for [90 days] to put down the rebellion.",
            "amount=90; unit=days",
        ),
        ("The battle of [Seven] Pines was inconclusive.", "none"),
        // 04_AmRevWar
        (
            "Gage sent [700 men] to seize the militia's arms at Concord.",
            "amount=700; unit=men",
        ),
        (
            "About [55,000 American sailors] served aboard the privateers.",
            "amount=55000; unit=sailors; approx=about",
        ),
        ("The war cost Britain [2 million pounds].", "amount=2000000; unit=GBP"),
        // 05_VietnamWar
        (
            "Some [800,000 people] fled north to the South.",
            "amount=800000; unit=people; approx=some",
        ),
        (
            "Aid fell from [$1 billion] a year to $700 million.",
            "amount=1000000000; unit=USD; measure~per year",
        ),
        ("Aid fell from $1 billion [a year] to $700 million.", "none"),
        (
            "The army grew from 850,000 to nearly [a million men].",
            "amount=1000000; unit=men; approx=nearly",
        ),
        (
            "Johnson sent [3,500 United States Marines] to Da Nang.",
            "amount=3500; unit=marines",
        ),
        (
            "Ford asked Congress for [$700 million] in emergency aid.",
            "amount=700000000; unit=USD; measure~emergency aid",
        ),
        (
            "The war left a million and a half dead and [three million wounded].",
            "amount=3000000; unit=wounded",
        ),
        // 06_KoreanWar
        (
            "The North had [274 T-34-85 tanks] in June 1950.",
            "amount=274; unit=tanks",
        ),
        ("The 105 T-34-85 tanks were in the [105th] Armored Brigade.", "none"),
        // 08_FrenchRev
        (
            "The Terror is thought to have taken between [117 000] and 250 000 lives.",
            "amount=117000; unit=lives; approx=between",
        ),
        (
            "The Terror is thought to have taken between 117 000 and [250 000 lives].",
            "amount=250000; unit=lives; approx=between",
        ),
        ("The Council of [Five] Hundred met in the Tuileries.", "none"),
        // 09_GrecoPersian
        ("The Persians besieged the city for [six days].", "amount=6; unit=days"),
        ("Miltiades marched [25 miles] (40 km) to Athens.", "amount=25; unit=mi"),
        ("In [480 BC] Xerxes crossed the Hellespont.", "none"),
        // 10_PunicWars
        ("The Romans built [100 warships] in two months.", "amount=100; unit=warships"),
        ("The Carthaginians held out in a [three-year] siege.", "amount=3; unit=years"),
        // 11_ChineseCivWar
        (
            "The Long March covered [12,500 km] (25,000 Li) in a year.",
            "amount=12500; unit=km",
        ),
        (
            "Some [700,000 Japanese troops] were stationed in China.",
            "amount=700000; unit=troops; approx=some",
        ),
        ("The fall of Jinzhou followed a [6-month] siege.", "amount=6; unit=months"),
        // 12_IranIraq
        (
            "Iraq invaded along a [644 kilometres] front on 22 September 1980.",
            "amount=644; unit=km",
        ),
        (
            "The war cost Iraq [$70 billion] in war damages.",
            "amount=70000000000; unit=USD; measure~war damages",
        ),
        (
            "On 3 July 1988 the cruiser shot down Iran Air Flight 655 with the loss of [290 passengers] and crew.",
            "amount=290; unit=passengers",
        ),
        ("Iran Air Flight [655] was shot down.", "none"),
        // 14_FirstIndochinaWar
        (
            "The Viet Minh attacked a [150-strong] French garrison.",
            "amount=150; unit=troops",
        ),
        ("The French lost [13 artillery pieces].", "amount=13; unit=artillery pieces"),
        // 16_SpanishCivilWar
        ("Some [12,000 Republicans] were housed in camps.", "amount=12000; unit=Republicans; approx=some"),
        ("The first [51 biplanes] arrived in August.", "amount=51; unit=biplanes"),
    ]);
}

/// Years, dates, ordinals, names with numbers and referring numbers are no measures.
#[test]
fn not_measures() {
    run_all(&[
        (
            "Japan joined with the Group of [Seven] industrialized nations.",
            "none",
        ),
        ("Japan and Germany signed the [Tripartite] Pact.", "none"),
        (
            "The troops crossed the [38th] parallel in October 1950.",
            "none",
        ),
        ("In [1945] elections were held in Japan.", "none"),
        ("The treaty was signed on [May 20], 1925.", "none"),
        ("The [Seven Years]' War ended in 1763.", "none"),
        ("The Israelis won the [Six-Day] War.", "none"),
        (
            "Japan sought better relations between [the two countries].",
            "none",
        ),
        (
            "Stalin feared a [two-front] war with Poland and Japan.",
            "none",
        ),
        (
            "Richard Sorge was [one] of the most accomplished spies.",
            "none",
        ),
        ("Several [hundreds] of prisoners escaped.", "none"),
        ("[Thousands] of refugees streamed south.", "none"),
        ("Trade grew in the [1970s] and fell in the 1980s.", "none"),
        ("The B-[29] bombers flew from the Marianas.", "none"),
        (
            "The Security Council adopted Resolution [83] recommending member-states to help.",
            "none",
        ),
        (
            "The cruiser shot down a Boeing [737] unloading passengers.",
            "none",
        ),
        (
            "Washington planned the [1777] campaigns with Gates.",
            "none",
        ),
        ("Korea had a [twenty-two] piece air force.", "none"),
        ("As [one] officer noted, the war was lost.", "none"),
        ("The Italian government called up the '[99] Boys.", "none"),
        (
            "Unit 11B personnel were infantry; [11]B personnel served a year.",
            "none",
        ),
        ("The Allies were only [a few days] from Paris.", "none"),
        (
            "He wrote How Wars Are Won: The [13 Rules] of War from Ancient Greece.",
            "none",
        ),
    ]);
}

/// Random bytes and fragments never make the tagger panic, and every
/// measure's text is the bytes of its span.
#[test]
fn arbitrary_text_never_panics() {
    let pieces = [
        "US$",
        "$",
        "£",
        "4.4",
        " billion",
        "70,000",
        " troops",
        "-",
        "–",
        "five",
        "-year",
        " a",
        " month",
        " later",
        "(",
        ")",
        " 117 000",
        " of the",
        " half",
        " a million",
        " and a half",
        "é",
        "中",
        "\u{a0}",
        ",",
        ".",
        " 1941",
        " the two",
        " from",
        " to",
        " between",
        "%",
        "km",
        " per cent",
        " 1,",
        "000",
        "\n\n",
        " Seven",
        " T-34",
        " 25th",
        " bn",
        "m",
        " ",
        "Rs",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let chars: Vec<char> = "0123456789 ,.-–—$£%'’()aAsS\u{a0}é中ß\n".chars().collect();
    for round in 0..1500 {
        let n = (next() % 40) as usize;
        let mut text = String::new();
        for _ in 0..n {
            if round % 2 == 0 {
                let k = (next() % pieces.len() as u64) as usize;
                text.push_str(pieces[k]);
            } else {
                let k = (next() % chars.len() as u64) as usize;
                text.push(chars[k]);
            }
        }
        if text.trim().is_empty() {
            continue;
        }
        let Ok(doc) = annals_text::read_bytes("x", text.as_bytes(), annals_text::Format::Plain)
        else {
            continue;
        };
        let sentences = annals_text::segment(&doc);
        let timexes = annals_time::tag_document(&doc, &sentences, &Default::default());
        for m in annals_events::measures::tag_measures(&doc, &sentences, &timexes) {
            assert_eq!(
                doc.text.get(m.start..m.end),
                Some(m.text.as_str()),
                "{text:?}"
            );
            assert!(m.amount.is_finite(), "{text:?}");
        }
    }
}
