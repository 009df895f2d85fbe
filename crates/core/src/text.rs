//! Text normalisation: the one transformation applied before any layer exists.
//!
//! [`normalise`] makes the text every span points into: Unicode NFC, HTML character references
//! decoded, whitespace folded (runs of spaces and tabs become one space, a line break stays a
//! line break, two or more become one blank line that separates paragraphs), and control
//! characters other than line breaks removed. Quote marks and dashes are kept exactly as
//! written: quote detection needs to tell “curly” from "straight".

use unicode_normalization::UnicodeNormalization;

/// Normalise raw article text (see the module docs).
pub fn normalise(raw: &str) -> String {
    let decoded = decode_entities(raw);
    let nfc: String = decoded.nfc().collect();
    fold_whitespace(&nfc)
}

/// Fold whitespace: spaces/tabs → one space, one line break kept, 2+ → a blank line; lines
/// trimmed; leading and trailing whitespace removed.
pub(crate) fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut pending_newlines = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue; // CR LF is one line break: the LF counts it.
        }
        if c == '\n' || c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
            pending_newlines += if c == '\u{2029}' { 2 } else { 1 };
            pending_space = false;
        } else if c == '\r' {
            // A lone CR is a line break of old Mac files.
            pending_space = false;
            pending_newlines += 1;
        } else if c.is_whitespace() {
            pending_space = true;
        } else if c.is_control() || c == '\u{feff}' {
            // Control characters and a stray BOM carry no text; they are dropped.
            continue;
        } else {
            if !out.is_empty() {
                if pending_newlines >= 2 {
                    out.push_str("\n\n");
                } else if pending_newlines == 1 {
                    out.push('\n');
                } else if pending_space {
                    out.push(' ');
                }
            }
            pending_space = false;
            pending_newlines = 0;
            out.push(c);
        }
    }
    out
}

/// Decode HTML character references (`&amp;`, `&#8217;`, `&#x201C;`) in plain text. Unknown
/// names and malformed references are left as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // A reference is short; look at most 32 bytes ahead for its ';'.
        let semi = after.char_indices().take(33).find(|&(_, c)| c == ';').map(|(i, _)| i);
        let decoded = semi.and_then(|semi| decode_reference(&after[..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        // NUL and surrogates are not characters; the HTML standard maps them to U+FFFD.
        return Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{fffd}'));
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "times" => '×',
        "divide" => '÷',
        "shy" => '\u{ad}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "thinsp" => '\u{2009}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        _ => return None,
    };
    Some(c)
}

/// The character offset of byte offset `byte` in `text` (for the output contract, which counts
/// Unicode characters). Counts from the start: for many offsets into one text use
/// [`CharIndex`].
#[cfg(test)]
pub(crate) fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Byte to character offsets in one text in time independent of the text's length: the
/// character count at every [`CharIndex::BLOCK`]th byte, and a count within the block.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// Characters before byte `k * BLOCK`.
    before_block: Vec<usize>,
}

impl CharIndex {
    /// Bytes between two checkpoints.
    pub const BLOCK: usize = 1024;

    /// The index of `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut before_block = Vec::with_capacity(text.len() / Self::BLOCK + 1);
        let mut count = 0;
        for block in text.as_bytes().chunks(Self::BLOCK) {
            before_block.push(count);
            count += chars_starting(block);
        }
        CharIndex { before_block }
    }

    /// The character offset of byte offset `byte` in `text` (the text this index was built
    /// from; `byte` on a character boundary, at most its length).
    pub fn char_offset(&self, text: &str, byte: usize) -> usize {
        let block = byte / Self::BLOCK;
        let Some(&before) = self.before_block.get(block) else { return text.chars().count() };
        before + chars_starting(&text.as_bytes()[block * Self::BLOCK..byte])
    }
}

/// How many characters start in `bytes` (bytes that are not UTF-8 continuation bytes).
fn chars_starting(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A stable content hash: the first 16 bytes of SHA-256, as 32 hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_whitespace_and_keeps_paragraphs() {
        assert_eq!(normalise("  a \t b\r\nc\n\n\n d  "), "a b\nc\n\nd");
    }

    #[test]
    fn decodes_entities_and_keeps_quotes() {
        assert_eq!(normalise("Tom &amp; Jerry &#8220;hi&#x201D; &bogus; &"), "Tom & Jerry “hi” &bogus; &");
        assert_eq!(normalise("‘single’ \"double\""), "‘single’ \"double\"");
    }

    #[test]
    fn composes_to_nfc() {
        assert_eq!(normalise("Cafe\u{301}"), "Caf\u{e9}");
    }

    #[test]
    fn drops_control_characters() {
        assert_eq!(normalise("a\u{0}b\u{7}c"), "abc");
    }

    #[test]
    fn char_offsets_count_characters() {
        let t = "Choe’s “x”";
        assert_eq!(char_offset(t, t.find('x').unwrap()), 8);
    }

    #[test]
    fn char_index_agrees_with_counting() {
        let t = "Choe’s “x” — 北朝鮮 said. ".repeat(200);
        let index = CharIndex::new(&t);
        for (byte, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            assert_eq!(index.char_offset(&t, byte), char_offset(&t, byte), "at byte {byte}");
        }
    }
}
