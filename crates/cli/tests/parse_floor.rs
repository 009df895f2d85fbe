//! The parser stays at its bar on the English Web Treebank test set: LAS 85.0 (85.01 when this
//! floor was set), scored by `dyad eval parse` as a user runs it.

use std::process::Command;

#[test]
fn ewt_test_las_stays_at_85() {
    let Some(path) = dyad_core::testdata::shared_path("reference/treebanks/en_ewt/test.conllu.gz") else {
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["eval", "parse", path.to_str().unwrap()])
        .output()
        .expect("run dyad eval parse");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout.lines().last().expect("a JSON summary line");
    let summary: serde_json::Value = serde_json::from_str(line).expect("the last line is JSON");
    let las = summary["las"].as_f64().unwrap_or(0.0);
    assert!(las >= 85.0, "EWT test LAS {las} is below 85.0: {line}");
}
