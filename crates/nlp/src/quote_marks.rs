//! Pairing quote marks into quoted stretches ([`QuoteMarks`]), one paragraph at a time, in one
//! linear pass.
//!
//! Double marks (“ ” " « » „ 「 」 『 』) pair at the top level; single marks (‘ ’ ') pair at the
//! top level only, so a ‘red line’ inside a double quotation is part of its content. An
//! apostrophe (’ followed by a letter: "Il-sung’s") never closes a single quotation. A quotation
//! still open at the end of a paragraph stops there; if the next paragraph opens with a mark
//! of the same family it continues the quotation (the convention for multi-paragraph quotes),
//! otherwise it is unbalanced and never swallows the rest of the document.

use dyad_core::{QuoteMarks, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

fn double_opener(c: char) -> bool {
    matches!(c, '“' | '«' | '„' | '「' | '『')
}

fn double_closer(c: char) -> bool {
    matches!(c, '”' | '»' | '」' | '』' | '"')
}

/// Whether a mark at this position looks like an opening one: at the start of text or after
/// a space or opening punctuation, and followed by something that is not a space.
fn opens_here(prev: Option<char>, next: Option<char>) -> bool {
    let before_ok = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '/'));
    before_ok && next.is_some_and(|n| !n.is_whitespace())
}

/// Pairs the marks of consecutive paragraphs, carrying an unclosed quotation from one
/// paragraph to the next.
#[derive(Debug, Clone, Default)]
pub struct Pairer {
    /// A quotation left open at the last paragraph's end: its family and its index in the
    /// output, in case the next paragraph continues it.
    pending: Option<(Family, usize)>,
}

impl Pairer {
    /// Pair the marks of one paragraph `text[span]` (in text order after the previous one),
    /// appending the quoted stretches to `out`.
    pub fn paragraph(&mut self, text: &str, span: Span, out: &mut Vec<QuoteMarks>) {
        let (start, end) = (span.start as usize, span.end as usize);
        let Some(para) = text.get(start..end) else { return };
        // The open quotation: (family, offset of its mark, byte length of its mark, continues).
        let mut open: Option<(Family, usize, usize, Option<u32>)> = None;
        let pending = self.pending.take();
        let mut at_start = true;
        let mut prev: Option<char> = None;
        let mut chars = para.char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            let i = start + k;
            let next = chars.peek().map(|&(_, n)| n);
            if at_start && !c.is_whitespace() {
                at_start = false;
                let continues = pending.filter(|&(family, _)| {
                    (family == Family::Double && (double_opener(c) || c == '"'))
                        || (family == Family::Single && matches!(c, '‘' | '\''))
                });
                if let Some((family, prev_index)) = continues {
                    open = Some((family, i, c.len_utf8(), Some(prev_index as u32)));
                    prev = Some(c);
                    continue;
                }
            }
            match open {
                Some((Family::Double, o, len, cont)) if double_closer(c) => {
                    out.push(closed(o, len, i, c.len_utf8(), false, cont));
                    open = None;
                }
                Some((Family::Single, o, len, cont))
                    if matches!(c, '’' | '\'') && !next.is_some_and(char::is_alphanumeric) =>
                {
                    out.push(closed(o, len, i, c.len_utf8(), true, cont));
                    open = None;
                }
                Some((Family::Single, o, len, cont)) if double_opener(c) => {
                    // A double mark inside single marks: the single mark was an apostrophe-like
                    // stray; the double quotation takes over.
                    out.push(unclosed(o, len, i, Family::Single, cont));
                    open = Some((Family::Double, i, c.len_utf8(), None));
                }
                Some(_) => {}
                None => {
                    if double_opener(c) || (matches!(c, '"' | '”') && opens_here(prev, next)) {
                        open = Some((Family::Double, i, c.len_utf8(), None));
                    } else if (c == '‘' || c == '\'') && opens_here(prev, next) {
                        open = Some((Family::Single, i, c.len_utf8(), None));
                    }
                }
            }
            prev = Some(c);
        }
        // Paragraph end: close what is open, remember it for a continuation.
        if let Some((family, o, len, cont)) = open {
            out.push(unclosed(o, len, end, family, cont));
            self.pending = Some((family, out.len() - 1));
        }
    }
}

/// Pair the quote marks of `text` over its `paragraphs` (in text order).
pub fn pair(text: &str, paragraphs: &[Span]) -> Vec<QuoteMarks> {
    let mut out = Vec::new();
    let mut pairer = Pairer::default();
    for &p in paragraphs {
        pairer.paragraph(text, p, &mut out);
    }
    out
}

fn closed(
    open: usize,
    len: usize,
    close: usize,
    close_len: usize,
    single: bool,
    cont: Option<u32>,
) -> QuoteMarks {
    QuoteMarks {
        outer: Span::new(open, close + close_len),
        content: Span::new(open + len, close),
        closed: true,
        single,
        continues: cont,
    }
}

fn unclosed(open: usize, len: usize, end: usize, family: Family, continues: Option<u32>) -> QuoteMarks {
    QuoteMarks {
        outer: Span::new(open, end),
        content: Span::new(open + len, end),
        closed: false,
        single: family == Family::Single,
        continues,
    }
}

#[cfg(test)]
mod tests {
    use crate::segment::segment;

    fn marks(t: &str) -> Vec<dyad_core::QuoteMarks> {
        segment(t, &[]).quote_marks
    }

    fn contents(t: &str) -> Vec<&str> {
        marks(t).iter().map(|q| &t[q.content.range()]).collect()
    }

    #[test]
    fn pairs_curly_straight_and_guillemets() {
        assert_eq!(contents("He said, “We are ready.” Then \"no\"."), ["We are ready.", "no"]);
        assert_eq!(contents("Il a dit «non» et 「はい」"), ["non", "はい"]);
    }

    #[test]
    fn inner_single_quotes_and_apostrophes_stay_inside() {
        let t = "“They called it a ‘red line’ and Kim Il-sung’s heirs agree.”";
        assert_eq!(contents(t), ["They called it a ‘red line’ and Kim Il-sung’s heirs agree."]);
        assert_eq!(contents("the country’s ‘nuclear alliance’ grew"), ["nuclear alliance"]);
    }

    #[test]
    fn unbalanced_mark_stops_at_paragraph_end() {
        let t = "He said “this never closes.\n\nThe next paragraph is narrative.";
        let q = marks(t);
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(&t[q[0].content.range()], "this never closes.");
    }

    #[test]
    fn multi_paragraph_quote_continues() {
        let t = "He said: “Our ties grew.\n\n“We will expand them.”";
        let q = marks(t);
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].continues, Some(0));
        assert_eq!(&t[q[1].content.range()], "We will expand them.");
    }

    #[test]
    fn only_marks_is_linear_and_safe() {
        let t = "“”\"'‘’«»".repeat(20_000);
        let q = marks(&t);
        assert!(q.len() <= t.chars().count());
    }
}
