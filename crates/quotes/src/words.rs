//! Words with byte offsets, read from the text itself rather than from `doc.tokens`: the cue
//! rules must work without a token layer (a stage copes with missing layers), and they want
//! words whole where the tokenizer splits them ("don't", "Il-sung’s").

/// A word of the text: letters and digits, with inner hyphens and apostrophes ("Il-sung’s",
/// "don't") and inner dots ("U.S").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'t> {
    /// Byte offset of the first character in the document text.
    pub(crate) start: usize,
    /// Byte offset just past the last character.
    pub(crate) end: usize,
    /// The word as written.
    pub(crate) text: &'t str,
}

impl<'t> Word<'t> {
    pub(crate) fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    pub(crate) fn is(&self, w: &str) -> bool {
        self.text.eq_ignore_ascii_case(w)
    }

    pub(crate) fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// All letters upper case and at least two of them ("JCS", "KCNA").
    pub(crate) fn is_acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && self.text.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    }

    /// The word without a possessive ending ("Choe’s" → "Choe").
    pub(crate) fn stem_possessive(&self) -> &'t str {
        self.text.strip_suffix("’s").or_else(|| self.text.strip_suffix("'s")).unwrap_or(self.text)
    }
}

fn joins(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '‐')
}

/// The words of `text[from..to]`, with offsets into `text`. Linear in the range.
pub(crate) fn words(text: &str, from: usize, to: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let slice = &text[from..to];
    let mut start: Option<usize> = None;
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next_alnum = iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        match start {
            None if c.is_alphanumeric() => start = Some(i),
            Some(_) if c.is_alphanumeric() => {}
            Some(_) if joins(c) && next_alnum => {}
            Some(s) => {
                out.push(Word { start: from + s, end: from + i, text: &slice[s..i] });
                start = None;
            }
            None => {}
        }
    }
    if let Some(s) = start {
        out.push(Word { start: from + s, end: to, text: &slice[s..] });
    }
    out
}

/// Whether `words[i..]` starts with the lower-case `phrase`.
pub(crate) fn starts_with_phrase(words: &[Word], i: usize, phrase: &[String]) -> bool {
    phrase.len() <= words.len().saturating_sub(i)
        && phrase.iter().enumerate().all(|(k, p)| words[i + k].text.eq_ignore_ascii_case(p))
}

/// Abbreviated titles whose full stop is part of a name ("Mr. Jen", "Dr. Petrov").
const TITLE_ABBREVIATIONS: &[&str] =
    &["mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "st", "adm", "capt", "sgt"];

/// Text between two words contains one of `chars` (a comma, a colon, a quote mark…). The
/// stop after an abbreviated title ("Mr. Jen") is not punctuation between them.
pub(crate) fn gap_has(text: &str, a: &Word, b: &Word, chars: &[char]) -> bool {
    if a.end > b.start {
        return false;
    }
    let gap = &text[a.end..b.start];
    if gap.trim() == "." && TITLE_ABBREVIATIONS.iter().any(|t| a.text.eq_ignore_ascii_case(t)) {
        return false;
    }
    gap.contains(chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_keeping_inner_joins() {
        let t = "Kim Il-sung’s visit, the U.S. and “them”";
        let w: Vec<&str> = words(t, 0, t.len()).iter().map(|w| w.text).collect();
        assert_eq!(w, ["Kim", "Il-sung’s", "visit", "the", "U.S", "and", "them"]);
        assert_eq!(words(t, 0, t.len())[1].stem_possessive(), "Il-sung");
    }
}
