//! Raw-text helpers that do not need the NLP layers: word boundaries and words (for dictionary
//! matching). Sentences and quotations come from the NLP stage's text layer only.

/// Letters and digits are inside words; everything else (space, punctuation, hyphen,
/// apostrophe) is a boundary.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Hangul, CJK ideographs and kana: scripts whose words are not delimited by spaces.
pub fn is_unspaced(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// Whether `[start, end)` of `text` begins and ends on word boundaries.
pub fn on_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    // A form that itself starts or ends with punctuation ("U.S.") only needs the word side.
    // Chinese and Japanese are written without spaces and Korean attaches particles to nouns
    // ("최선희는"), so forms in those scripts need no boundary there.
    let left_ok =
        before.is_none_or(|b| !is_word_char(b)) || first.is_some_and(|f| !is_word_char(f) || is_unspaced(f));
    let right_ok =
        after.is_none_or(|a| !is_word_char(a)) || last.is_some_and(|l| !is_word_char(l) || is_unspaced(l));
    left_ok && right_ok
}

/// A word as the capitalised-span finder sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// First of its sentence (after `.`, `!`, `?`, a line break, a colon or an opening quote).
    pub sentence_start: bool,
}

impl Word {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_inner(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’' | '&')
}

/// Split `text` into words: runs of letters and digits, with inner `-`, `.`, `'`, `&`
/// ("Jong-un", "U.S.", "O'Brien", "AT&T"). A trailing possessive `'s` and trailing punctuation
/// are left out, except the final dot of an abbreviation with inner dots ("U.S.").
pub fn words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut boundary = true; // sentence start
    let mut i = 0;
    while i < bytes.len() {
        // ASCII fast path; other characters are decoded.
        let (c, len) = char_at(text, i);
        if !c.is_alphanumeric() {
            if matches!(c, '.' | '!' | '?' | '\n' | ':' | '“' | '"' | ';') {
                boundary = true;
            } else if !c.is_whitespace() && !matches!(c, '(' | '[' | '‘' | '\'' | ')' | ']' | ',' | '’' | '”')
            {
                boundary = false;
            }
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < bytes.len() {
            let (d, dlen) = char_at(text, i);
            if !is_inner(d) {
                break;
            }
            i += dlen;
        }
        let end = i;
        let mut w = &text[start..end];
        if w.ends_with(['\'', '’', '-', '&', 's', '.']) {
            for suffix in ["'s", "’s", "'", "’"] {
                if let Some(s) = w.strip_suffix(suffix) {
                    w = s;
                }
            }
            while let Some(s) = w.strip_suffix(['-', '&', '\'', '’']) {
                w = s;
            }
            if w.ends_with('.') {
                let head = &w[..w.len() - 1];
                // "U.S." and the initial in "Delwyn J. Langejans" keep their dot.
                let initial = head.chars().count() == 1 && head.chars().all(char::is_uppercase);
                if !head.contains('.') && !initial {
                    w = head;
                }
            }
        }
        let trimmed_end = start + w.len();
        out.push(Word { start, end: trimmed_end, sentence_start: boundary });
        boundary = false;
        // The word's own final dot may end a sentence ("Moscow.").
        if trimmed_end < end
            && text[trimmed_end..end].ends_with('.')
            && !w.ends_with('.')
            && !is_title_abbreviation(w)
        {
            boundary = true;
        }
    }
    out
}

/// The character at byte `i` and its length, without decoding ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
        (c, c.len_utf8())
    }
}

/// "Mr." and friends: a dot after them does not end a sentence.
pub fn is_title_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Capt"
            | "Prof"
            | "Rev"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Jr"
            | "Sr"
            | "No"
            | "Mt"
            | "Ft"
            | "vs"
            | "Inc"
            | "Co"
            | "Corp"
            | "Ltd"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_abbreviations_and_drop_possessives() {
        let t = "The U.S. and Kim Il-sung’s visit. Moscow. George F. Hauser";
        let ws: Vec<&str> = words(t).iter().map(|w| w.text(t)).collect();
        assert_eq!(ws, ["The", "U.S.", "and", "Kim", "Il-sung", "visit", "Moscow", "George", "F.", "Hauser"]);
        let starts: Vec<bool> = words(t).iter().map(|w| w.sentence_start).collect();
        assert_eq!(starts, [true, false, false, false, false, false, true, true, false, false]);
    }

    #[test]
    fn boundaries() {
        assert!(on_boundaries("the US said", 4, 6));
        assert!(!on_boundaries("USA", 0, 2));
        assert!(!on_boundaries("thus", 1, 3));
        assert!(on_boundaries("(U.S.)", 1, 5));
    }
}
