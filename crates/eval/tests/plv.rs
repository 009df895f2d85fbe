//! `dyad eval plv` on the real PLV file: the JSON line is produced and its fractions are
//! fractions. No accuracy floor yet: these figures are the baseline being improved.

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
}
