//! `dyad eval plv` on the real PLV file: the JSON line is produced, its fractions are
//! fractions, and they stay at or above the floor reached so far (type right 0.786, fully right
//! 0.622 when the floor was last raised; the bars are 0.60 and 0.45).

#[test]
fn plv_scores_the_real_file() {
    let Some(path) = dyad_core::testdata::shared_path("reference/event-coding/plv/plv_train.csv") else {
        return;
    };
    let report = dyad_eval::plv::run(&dyad_eval::plv::Args { path, verbose: false }).expect("scoring PLV");
    let line = report.summary.to_string();
    println!("{}\n{line}", report.table);
    let summary: serde_json::Value = serde_json::from_str(&line).expect("one JSON line");
    assert_eq!(summary["sentences"], 1050, "{line}");
    for key in ["type_right", "fully_right", "no_event"] {
        let x = summary[key].as_f64().unwrap_or_else(|| panic!("{key} missing: {line}"));
        assert!((0.0..=1.0).contains(&x), "{key} = {x}");
    }
    let rate = |key: &str| summary[key].as_f64().unwrap_or(0.0);
    assert!(rate("type_right") >= 0.776 && rate("fully_right") >= 0.612, "below the floor: {line}");
}
