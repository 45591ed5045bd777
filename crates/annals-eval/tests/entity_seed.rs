//! The seed's entity gold loads with its document, and its spans name its text.

use std::path::{Path, PathBuf};

use annals_eval::{EntityGold, EntityLabel};

fn shared_eval() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval")
}

#[test]
fn seed_entity_gold_spans_are_its_text() {
    let seed = EntityGold::seed(&shared_eval()).expect("the seed entity gold loads");
    let text = std::fs::read(&seed.text_path).expect("the seed text reads");
    assert!(seed.gold.len() > 500, "{} mentions", seed.gold.len());
    for mention in &seed.gold {
        assert_eq!(mention.doc.as_deref(), Some(seed.doc.as_str()));
        let bytes = text.get(mention.start..mention.end).unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(bytes),
            mention.text,
            "{:?} at {}..{}",
            mention.id,
            mention.start,
            mention.end
        );
        let label = mention.label.as_deref().unwrap_or("");
        assert!(
            EntityLabel::parse(label).is_some(),
            "{:?} has label {label:?}",
            mention.id
        );
    }
    assert_eq!(
        seed.text_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned()),
        Some(seed.doc.clone())
    );
}

#[test]
fn seed_entity_gold_errors_name_the_file() -> Result<(), Box<dyn std::error::Error>> {
    let root = tempfile::tempdir()?;
    let eval = root.path().join("eval");
    std::fs::create_dir_all(eval.join("seed"))?;
    std::fs::create_dir(root.path().join("seeds"))?;
    std::fs::write(root.path().join("seeds").join("000_x.txt"), "Japan")?;
    let missing = EntityGold::seed(&eval).expect_err("no gold").to_string();
    assert!(missing.contains("entities.jsonl"), "{missing}");

    std::fs::write(
        eval.join("seed").join("entities.jsonl"),
        "{\"start\": 0, \"end\": 5, \"label\": \"GPE\", \"link\": null}\n{\"start\": 0}\n",
    )?;
    let message = EntityGold::seed(&eval)
        .expect_err("line 2 has no end")
        .to_string();
    assert!(message.contains("entities.jsonl:2:"), "{message}");

    std::fs::write(
        eval.join("seed").join("entities.jsonl"),
        "{\"start\": 0, \"end\": 5, \"label\": \"GPE\", \"link\": null}\n",
    )?;
    let seed = EntityGold::seed(&eval)?;
    assert_eq!(seed.doc, "000_x");
    assert_eq!(seed.gold[0].doc.as_deref(), Some("000_x"));
    assert_eq!(seed.gold[0].link, None);
    Ok(())
}
