//! Pairing quote marks into quoted stretches, in one linear pass.
//!
//! Double marks (“ ” " « » „ 「 」 『 』) pair at the top level; single marks (‘ ’ ') pair at the
//! top level only, so a ‘red line’ inside a double quotation is part of its content. An
//! apostrophe (’ followed by a letter: "Il-sung’s") never closes a single quotation. A quotation
//! still open at the end of a paragraph stops there; if the next paragraph opens with a mark
//! of the same family it continues the quotation (the convention for multi-paragraph quotes),
//! otherwise it is unbalanced and never swallows the rest of the document.

/// One quoted stretch between marks (or up to its paragraph's end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Content without the marks: `[open + mark, close)`.
    pub start: usize,
    pub end: usize,
    /// End of the closing mark, or `end` when the quotation was not closed.
    pub close_end: usize,
    pub closed: bool,
    /// Single marks (‘…’), which are scare quotes or inner quotes more often than speech.
    pub single: bool,
    /// Index of the quoted stretch this one continues (multi-paragraph quotation).
    pub continues: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
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

/// Pair the quote marks of `text`.
pub fn pair(text: &str) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    // The open quotation: (family, offset of its mark, byte length of its mark, continues).
    let mut open: Option<(Family, usize, usize, Option<usize>)> = None;
    // A quotation left open at a paragraph end, waiting to see if the next paragraph continues it.
    let mut pending: Option<(Family, usize)> = None;
    let mut at_paragraph_start = true;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c == '\n' && next == Some('\n') {
            // Paragraph end: close what is open, remember it for a continuation.
            if let Some((family, o, len, cont)) = open.take() {
                out.push(unclosed(o, len, i, family, cont));
                pending = Some((family, out.len() - 1));
            }
            at_paragraph_start = true;
            prev = Some(c);
            continue;
        }
        if at_paragraph_start && !c.is_whitespace() {
            at_paragraph_start = false;
            let continues = pending.take().filter(|&(family, _)| {
                (family == Family::Double && (double_opener(c) || c == '"'))
                    || (family == Family::Single && matches!(c, '‘' | '\''))
            });
            if let Some((family, prev_index)) = continues {
                open = Some((family, i, c.len_utf8(), Some(prev_index)));
                prev = Some(c);
                continue;
            }
        }
        match open {
            Some((Family::Double, o, len, cont)) if double_closer(c) => {
                out.push(Quoted {
                    open: o,
                    start: o + len,
                    end: i,
                    close_end: i + c.len_utf8(),
                    closed: true,
                    single: false,
                    continues: cont,
                });
                open = None;
            }
            Some((Family::Single, o, len, cont))
                if matches!(c, '’' | '\'') && !next.is_some_and(char::is_alphanumeric) =>
            {
                out.push(Quoted {
                    open: o,
                    start: o + len,
                    end: i,
                    close_end: i + c.len_utf8(),
                    closed: true,
                    single: true,
                    continues: cont,
                });
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
    if let Some((family, o, len, cont)) = open {
        out.push(unclosed(o, len, text.len(), family, cont));
    }
    out
}

fn unclosed(open: usize, len: usize, end: usize, family: Family, continues: Option<usize>) -> Quoted {
    Quoted {
        open,
        start: open + len,
        end,
        close_end: end,
        closed: false,
        single: family == Family::Single,
        continues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(t: &str) -> Vec<&str> {
        pair(t).iter().map(|q| &t[q.start..q.end]).collect()
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
        let q = pair(t);
        assert_eq!(q.len(), 1);
        assert!(!q[0].closed);
        assert_eq!(&t[q[0].start..q[0].end], "this never closes.");
    }

    #[test]
    fn multi_paragraph_quote_continues() {
        let t = "He said: “Our ties grew.\n\n“We will expand them.”";
        let q = pair(t);
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].continues, Some(0));
        assert_eq!(&t[q[1].start..q[1].end], "We will expand them.");
    }

    #[test]
    fn only_marks_is_linear_and_safe() {
        let t = "“”\"'‘’«»".repeat(20_000);
        let q = pair(&t);
        assert!(q.len() <= t.chars().count());
    }
}
