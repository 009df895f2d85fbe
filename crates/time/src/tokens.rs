//! A small tokeniser for time expressions: ASCII words, digit runs and single punctuation marks,
//! with byte offsets into the text and whether whitespace came before each token.
//!
//! Words and numbers are kept apart ("2nd" is `2` + `nd`, "12-year" is `12` `-` `year`) so the
//! grammar can match their parts; `glued` tells it when no space separated two tokens.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// ASCII letters.
    Word,
    /// ASCII digits.
    Num,
    /// Any other single character.
    Punct,
}

/// One token of the time grammar: its byte span and what came before it. Not the nlp stage's
/// token: this one splits words from digits ("2nd" is two) for the grammar's sake.
#[derive(Debug, Clone, Copy)]
pub struct TimeToken {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    /// No whitespace between the previous token and this one.
    pub glued: bool,
    /// A line break lies between the previous token and this one: expressions never cross it.
    pub line_break: bool,
    /// First letter is upper case (words only).
    pub cap: bool,
}

/// The text and its tokens; `lower` is the ASCII-lowercased text (same byte offsets).
pub struct Tokens<'t> {
    pub text: &'t str,
    pub lower: String,
    pub toks: Vec<TimeToken>,
}

impl<'t> Tokens<'t> {
    pub fn new(text: &'t str) -> Tokens<'t> {
        let bytes = text.as_bytes();
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        let mut i = 0;
        let mut glued = true;
        let mut line_break = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_whitespace() {
                glued = false;
                line_break |= b == b'\n';
                i += 1;
                continue;
            }
            let start = i;
            let kind = if b.is_ascii_alphabetic() {
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                TokenKind::Word
            } else if b.is_ascii_digit() {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                TokenKind::Num
            } else if b < 0x80 {
                i += 1;
                TokenKind::Punct
            } else {
                // One non-ASCII character; a no-break space counts as a space.
                let ch = text[i..].chars().next().unwrap_or(' ');
                i += ch.len_utf8();
                if ch.is_whitespace() {
                    glued = false;
                    continue;
                }
                TokenKind::Punct
            };
            toks.push(TimeToken {
                start: start as u32,
                end: i as u32,
                kind,
                glued,
                line_break,
                cap: b.is_ascii_uppercase(),
            });
            glued = true;
            line_break = false;
        }
        Tokens { text, lower: text.to_ascii_lowercase(), toks }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Lowercased text of token `i`, or "" past the end.
    pub fn low(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.start as usize..t.end as usize],
            None => "",
        }
    }

    /// Original text of token `i`, or "" past the end.
    pub fn raw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start as usize..t.end as usize],
            None => "",
        }
    }

    /// What token `i` is made of, or None past the end.
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Num)
    }

    /// Value of a digit token of at most `max_len` digits.
    pub fn num(&self, i: usize, max_len: usize) -> Option<u32> {
        let s = self.low(i);
        if self.is_num(i) && s.len() <= max_len {
            s.parse().ok()
        } else {
            None
        }
    }

    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    /// Token `i` may continue an expression: it exists and no line break comes before it.
    pub fn joins(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.line_break)
    }

    pub fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_numbers_words_and_marks() {
        let t = Tokens::new("On the 2nd, “12-year” 2024.11.02");
        let words: Vec<&str> = (0..t.len()).map(|i| t.raw(i)).collect();
        assert_eq!(
            words,
            ["On", "the", "2", "nd", ",", "“", "12", "-", "year", "”", "2024", ".", "11", ".", "02"]
        );
        assert!(t.glued(3) && !t.glued(1));
    }
}
