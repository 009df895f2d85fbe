//! Debugging aid for extraction: which container won, and the ancestors of the text node that
//! contains NEEDLE with their scores, text counts and whether they were pruned.
//!
//! `cargo run --release -p dyad-ingest --example why -- PAGE.html[.gz] NEEDLE`

use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(needle)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: why PAGE.html[.gz] NEEDLE");
        std::process::exit(2);
    };
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| {
        if path.ends_with(".gz") {
            flate2::read::GzDecoder::new(f).read_to_end(&mut bytes)
        } else {
            std::io::BufReader::new(f).read_to_end(&mut bytes)
        }
    });
    if let Err(e) = read {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    let text = dyad_ingest::decode::decode_html(&bytes).text;
    let dom = dyad_ingest::html::parse(&text);
    print!("{}", dyad_ingest::extract::explain(&dom, needle));
}
