//! `dyad eval news` with the compiled-in annotations on the BBC articles: the JSON line is
//! produced, its rates are rates, and they stay at or above the floor reached so far (precision
//! 0.761, recall 0.298 when the floor was last raised, each sentence scored: short of the bars,
//! so the floors only catch a step back).

#[test]
fn news_scores_the_compiled_in_annotations() {
    if dyad_core::testdata::shared_path(dyad_eval::news::BBC).is_none() {
        return;
    }
    let args = dyad_eval::news::Args { annotations: None, verbose: true };
    let report = dyad_eval::news::run(&args).expect("scoring the news annotations");
    let line = report.summary.to_string();
    println!("{}\n{line}", report.table);
    let summary: serde_json::Value = serde_json::from_str(&line).expect("one JSON line");
    for key in ["sentences", "events_gold", "events_system"] {
        assert!(summary[key].as_u64().is_some(), "{key} missing: {line}");
    }
    assert!(summary["sentences"].as_u64() > Some(0), "{line}");
    for key in ["precision", "recall"] {
        // Null only when there is nothing to divide by.
        if let Some(x) = summary[key].as_f64() {
            assert!((0.0..=1.0).contains(&x), "{key} = {x}");
        } else {
            assert!(summary[key].is_null(), "{key}: {line}");
        }
    }
    let rate = |key: &str| summary[key].as_f64().unwrap_or(0.0);
    assert!(rate("precision") >= 0.750 && rate("recall") >= 0.290, "below the floor: {line}");
    // The sport articles of the set have no events; dyad finds none there.
    assert!(summary["findings_per_article"]["sport"].as_f64().unwrap_or(1.0) <= 0.10, "{line}");
    let findings = summary["findings_per_article"].as_object().expect("findings by category");
    assert!(
        !findings.is_empty() && findings.values().all(|v| v.as_f64().is_some_and(|x| x >= 0.0)),
        "{line}"
    );
}
