//! Tag a text file and print each expression with its value (for looking at behaviour).
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: tagfile FILE [ANCHOR] [narrative]");
    let anchor = args.next().and_then(|a| chrono::NaiveDate::parse_from_str(&a, "%Y-%m-%d").ok());
    let mode = if args.next().as_deref() == Some("narrative") {
        dyad_time::Mode::Narrative
    } else {
        dyad_time::Mode::News
    };
    let text = std::fs::read_to_string(&path).expect("readable file");
    let mut doc = dyad_core::Document::from_normalised(text.clone());
    dyad_nlp::text_layer(&mut doc);
    for t in dyad_time::tag_document(&doc, anchor, mode) {
        println!("{}\t{:?}\t{}\t{:?}", t.span.start, t.span.text(&text), t.value, t.anchor);
    }
}
