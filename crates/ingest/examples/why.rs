//! Debug aid: print the ancestors of the text node containing NEEDLE with their prune status.
use std::io::Read;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&args[1]).unwrap()).read_to_end(&mut bytes).unwrap();
    let text = dyad_ingest::decode::decode_html(&bytes).text;
    let dom = dyad_ingest::html::parse(&text);
    print!("{}", dyad_ingest::extract::explain(&dom, &args[2]));
}
