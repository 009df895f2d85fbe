//! `dyad eval news` with the compiled-in annotations on the BBC articles: the JSON line is
//! produced and its rates are rates. No accuracy floor yet: these figures are the baseline
//! being improved.

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
    let findings = summary["findings_per_article"].as_object().expect("findings by category");
    assert!(
        !findings.is_empty() && findings.values().all(|v| v.as_f64().is_some_and(|x| x >= 0.0)),
        "{line}"
    );
}
