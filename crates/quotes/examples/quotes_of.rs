//! Print the quotations, speakers, statuses and provenance the tagger finds in a text file:
//! `cargo run -p dyad-quotes --example quotes_of -- FILE [COMMENTARY_FROM]`, where the optional
//! second argument is text at which a Commentary section starts.

use dyad_core::{Document, QuoteKind, Section, SectionKind, Span, Stage};
use dyad_quotes::QuoteTagger;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: quotes_of FILE [COMMENTARY_FROM]");
        std::process::exit(2);
    };
    let raw = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("reading {path}: {e}");
            std::process::exit(1);
        }
    };
    let mut doc = Document::new(&raw);
    if let Some(at) = args.get(2).and_then(|m| doc.text.find(m.as_str())) {
        let end = doc.text.len();
        doc.sections = vec![
            Section { kind: SectionKind::Body, span: Span::new(0, at) },
            Section { kind: SectionKind::Commentary, span: Span::new(at, end) },
        ];
    }
    dyad_nlp::text_layer(&mut doc);
    let tagger = QuoteTagger::new();
    for f in tagger.analyse(&doc).findings {
        let kind = if f.quote.kind == QuoteKind::Direct { "D" } else { "I" };
        let sp = f.speaker.map_or("(none)".to_string(), |s| {
            let w = s.written.map_or("-".into(), |w| doc.span_text(w).to_string());
            let n: Vec<String> = s.names.iter().map(|n| n.text.clone()).collect();
            format!("{w} → {} ({:?})", n.join(" + "), s.kind)
        });
        let c = doc.span_text(f.quote.content);
        let c: String = c.chars().take(70).collect();
        println!("{kind} [{sp}] {c}");
    }
    tagger.annotate(&mut doc);
    for a in &doc.attributions {
        if a.status != dyad_core::Status::Reported {
            let t: String = doc.span_text(a.span).chars().take(80).collect();
            println!("  {} {t}", a.status.as_str());
        }
    }
    println!("provenance: {:?}", dyad_quotes::provenance(&doc));
}
