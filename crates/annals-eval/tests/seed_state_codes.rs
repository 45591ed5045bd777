//! Every GPE mention of a state in the seed carries the ISO and COW codes of
//! the state the gold names for its period.

use annals_eval::EntityGold;
use std::collections::HashMap;
use std::path::PathBuf;

#[test]
fn state_mentions_carry_the_codes_of_their_period() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    let gold = EntityGold::seed(&dir).expect("the seed entity gold loads");
    let document =
        annals_text::read_path(&gold.text_path, Default::default()).expect("the seed reads");
    let sentences = annals_text::segment(&document);
    let timexes = annals_time::tag_document(&document, &sentences, &Default::default());
    let mentions = annals_entities::tag_document(&document, &sentences, &timexes);
    let by_span: HashMap<(usize, usize), &annals_core::Mention> = mentions
        .iter()
        .map(|m| ((m.span.start, m.span.end), m))
        .collect();
    let codes = annals_entities::state_codes();
    let mut checked = 0;
    let mut failures = Vec::new();
    for g in &gold.gold {
        let (Some("GPE"), Some(link)) = (g.label.as_deref(), g.link.as_deref()) else {
            continue;
        };
        let Some(&(iso, cow)) = codes.get(link) else {
            continue;
        };
        checked += 1;
        match by_span.get(&(g.start, g.end)) {
            Some(m) if m.iso.as_deref() == iso && m.cow == cow => {}
            Some(m) => failures.push(format!(
                "{:?} at {}: {:?} {:?} {:?}, gold {link} {iso:?} {cow:?}",
                g.text, g.start, m.link, m.iso, m.cow
            )),
            None => failures.push(format!("{:?} at {}: not found", g.text, g.start)),
        }
    }
    assert!(checked > 150, "only {checked} state mentions checked");
    // A state linked for a period carries that period.
    let empire = mentions
        .iter()
        .find(|m| m.link.as_deref() == Some("Empire of Japan"))
        .expect("the Empire of Japan is mentioned");
    // The Empire of Japan ends with the surrender (2 September 1945), as the
    // guidelines count it: "Empire of Japan up to the surrender in 1945".
    assert_eq!(empire.valid_to.as_deref(), Some("1945-09-02"));
    let soviet = mentions
        .iter()
        .find(|m| m.link.as_deref() == Some("Soviet Union"))
        .expect("the Soviet Union is mentioned");
    assert_eq!(
        (soviet.valid_from.as_deref(), soviet.valid_to.as_deref()),
        (Some("1922-12-30"), Some("1991-12-26"))
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} state mentions have other codes than the gold's:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
