//! Sentence-ish boundaries over raw text, aware of quotations: a full stop inside a quotation
//! does not end the sentence unless the quotation closes and a new sentence starts after it
//! (“We are ready,” he said. / “We are ready.” The minister left.). Line breaks always end one.

use crate::marks::Quoted;

/// Abbreviations whose full stop does not end a sentence (lower case, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov", "st", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc",
    "corp", "co", "jr", "sr", "mt", "ft", "approx", "u.s", "u.k", "u.n", "e.g", "i.e",
];

/// Sentence spans `[start, end)` covering the non-blank text, in order.
pub fn split(text: &str, quoted: &[Quoted]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut q = 0usize; // next quotation that may contain the cursor
    let mut i = 0usize;
    let push = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if s + lead < e - trail {
            out.push((s + lead, e - trail));
        }
    };
    while i < text.len() {
        while q < quoted.len() && quoted[q].close_end <= i {
            q += 1;
        }
        // Inside a quotation: jump to its end; it may end the sentence with its closing mark.
        if q < quoted.len() && quoted[q].open <= i && i < quoted[q].close_end {
            let qt = &quoted[q];
            let inner = text[qt.start..qt.end].trim_end();
            // A line break inside an unclosed quotation ends the sentence there.
            if let Some(nl) = text[i..qt.close_end].find('\n') {
                push(&mut out, start, i + nl);
                start = i + nl + 1;
                i = i + nl + 1;
                continue;
            }
            i = qt.close_end;
            if qt.closed && inner.ends_with(['.', '!', '?', '…']) && new_sentence_follows(text, i) {
                push(&mut out, start, i);
                start = i;
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if c == '\n' {
            push(&mut out, start, i);
            start = i + 1;
        } else if matches!(c, '.' | '!' | '?' | '…') && new_sentence_follows(text, i + c.len_utf8()) {
            // The word before the stop, at most a dozen characters back (abbreviations are short).
            let word: String = text[..i]
                .chars()
                .rev()
                .take(12)
                .take_while(|&ch| ch.is_alphanumeric() || ch == '.')
                .collect::<Vec<char>>()
                .into_iter()
                .rev()
                .collect::<String>()
                .to_lowercase();
            let single_initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
            if c != '.' || !(ABBREVIATIONS.contains(&word.as_str()) || single_initial) {
                push(&mut out, start, i + c.len_utf8());
                start = i + c.len_utf8();
            }
        }
        i += c.len_utf8();
    }
    push(&mut out, start, text.len());
    out
}

/// After `at`: optional closing brackets/marks, whitespace, then a capital, digit or an
/// opening mark.
fn new_sentence_follows(text: &str, at: usize) -> bool {
    let rest = text[at..].trim_start_matches([')', ']', '’', '”', '"', '\'']);
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.len() == rest.len() && !rest.starts_with('\n') && !rest.is_empty() {
        return false; // no space after the stop: "U.S.-led", "3.5"
    }
    match trimmed.chars().next() {
        None => true,
        Some(c) => {
            c.is_uppercase() || c.is_numeric() || c == '\n' || matches!(c, '“' | '"' | '‘' | '«' | '「' | '(')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks::pair;

    fn sents(t: &str) -> Vec<&str> {
        split(t, &pair(t)).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn quotes_and_abbreviations_do_not_split() {
        assert_eq!(
            sents("“We will respond,” the minister said. “Later.” Dr. Lee met the U.S. envoy. Done"),
            ["“We will respond,” the minister said.", "“Later.”", "Dr. Lee met the U.S. envoy.", "Done"]
        );
        assert_eq!(sents("He said, “Stop. Now.” and left."), ["He said, “Stop. Now.” and left."]);
    }
}
