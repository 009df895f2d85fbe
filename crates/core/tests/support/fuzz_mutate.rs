// Shared by the proptest fuzz targets of several crates (`include!`d by each, since a test
// helper cannot be a dependency without putting proptest in a library): the mutation of a
// seed corpus. Each includer defines `DEFAULT_CASES` and `PIECES` and imports proptest's prelude.

/// Cases per property and run: a few seconds in CI. `PROPTEST_CASES` runs more.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_CASES)
}

fn config() -> ProptestConfig {
    // No regression files written into the source tree: a failure prints its minimal input.
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

/// One edit of a seed: where (a fraction of its length), what, and with which byte or piece.
type Edit = (u16, u8, u8, usize);

/// A seed of the corpus changed by a few edits: bytes overwritten, pieces that reach corners
/// inserted, the rest cut, a stretch repeated or dropped. Shrinks to the fewest edits.
fn mutated(corpus: &'static [&'static [u8]]) -> impl Strategy<Value = Vec<u8>> {
    (0..corpus.len(), prop::collection::vec((any::<u16>(), 0u8..6, any::<u8>(), 0..PIECES.len()), 0..8))
        .prop_map(move |(k, edits)| apply(corpus[k], &edits))
}

fn apply(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for &(at, op, byte, piece) in edits {
        let at = at as usize * (b.len() + 1) / (u16::MAX as usize + 1);
        let len = 1 + byte as usize % 64;
        match op {
            0 if at < b.len() => b[at] = byte,
            1 => drop(b.splice(at..at, PIECES[piece].iter().copied())),
            2 => b.truncate(at),
            3 if at < b.len() => {
                let copy = b[at..(at + len).min(b.len())].to_vec();
                b.splice(at..at, copy);
            }
            4 if at < b.len() => drop(b.drain(at..(at + len).min(b.len()))),
            _ => b.insert(at, byte),
        }
    }
    b
}
