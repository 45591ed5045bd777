//! The seed's event and measure gold loads with its document, its spans name
//! its text, and its `same_as` links point back to earlier events.

use std::path::{Path, PathBuf};

use annals_eval::{
    render_event_table, render_measure_table, score_events_document, score_measures_document,
    EventGold, MeasureScope,
};

fn shared_eval() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
}

fn span(text: &[u8], start: usize, end: usize) -> String {
    String::from_utf8_lossy(text.get(start..end).unwrap_or_default()).into_owned()
}

#[test]
fn seed_event_gold_spans_are_its_text() {
    let seed = EventGold::seed(&shared_eval()).expect("the seed event gold loads");
    let text = std::fs::read(&seed.text_path).expect("the seed text reads");
    assert!(seed.events.len() > 200, "{} events", seed.events.len());
    assert!(seed.measures.len() > 10, "{} measures", seed.measures.len());
    for (index, event) in seed.events.iter().enumerate() {
        assert_eq!(event.doc.as_deref(), Some(seed.doc.as_str()));
        let trigger = &event.trigger;
        assert_eq!(
            span(&text, trigger.start, trigger.end),
            trigger.text,
            "{:?}",
            event.id
        );
        let (start, end) = (event.sentence_start, event.sentence_end);
        assert!(
            start <= Some(trigger.start) && Some(trigger.end) <= end,
            "{:?}: trigger outside its sentence",
            event.id
        );
        if let Some(antecedent) = &event.same_as {
            let earlier = seed.events[..index]
                .iter()
                .find(|e| e.id.as_ref() == Some(antecedent));
            assert!(
                earlier.is_some_and(|e| e.same_as.is_none()),
                "{:?}: same_as {antecedent} is not an earlier root mention",
                event.id
            );
        }
    }
    for measure in &seed.measures {
        assert_eq!(measure.doc.as_deref(), Some(seed.doc.as_str()));
        assert_eq!(
            span(&text, measure.start, measure.end),
            measure.text,
            "{:?}",
            measure.id
        );
        assert!(measure.amount.is_some() && measure.unit.is_some());
    }
    assert!(seed.measures.iter().any(|m| m.is_time()));
    assert!(seed.measures.iter().any(|m| !m.is_time()));
}

#[test]
fn seed_gold_scores_perfectly_against_itself() {
    let seed = EventGold::seed(&shared_eval()).expect("the seed event gold loads");
    let events = score_events_document(&seed.events, &seed.events).score();
    assert_eq!(events.typed_with_actors.f1, 1.0);
    assert_eq!(events.same_as_accuracy_on_matched, 1.0);
    assert!(
        render_event_table("seed events", &events).contains("same_as  accuracy on matched 1.0000")
    );
    for scope in [MeasureScope::All, MeasureScope::ExceptTime] {
        let measures = score_measures_document(&seed.measures, &seed.measures, scope).score();
        assert_eq!(measures.strict.f1, 1.0, "{scope:?}");
        assert_eq!(measures.amount_accuracy_on_matched, 1.0, "{scope:?}");
        assert!(render_measure_table("seed measures", &measures).contains("unit accuracy"));
    }
    let except_time =
        score_measures_document(&seed.measures, &seed.measures, MeasureScope::ExceptTime).score();
    let durations = seed.measures.iter().filter(|m| m.is_time()).count();
    assert_eq!(except_time.relaxed.gold, seed.measures.len() - durations);
}
