//! Rule-based tokenizer and sentence splitter for news text, with byte offsets.
//!
//! Tokenization follows Universal Dependencies (English) closely enough to be scored against
//! it: punctuation is split off, verbal clitics (`n't`, `'s`, `'re`, …) are separate tokens,
//! while abbreviations (`U.S.`, `Dr.`), initials, decimals, times, URLs, e-mail addresses and
//! hyphenated names (`Hwasongpo-19`, `ROK-US`) stay whole. UD splits most hyphenated words;
//! we keep them whole on purpose, since names and codes matter more to dyad than UD scores.
//!
//! Sentences are found over the tokens of one *block* (a paragraph): the text of one section
//! between blank lines. So a sentence never crosses a blank line or a section boundary. Within
//! a block a sentence ends after terminal punctuation (plus any closing quotes and brackets) or
//! at a line break, unless the next token starts with a lower-case letter or lies inside a
//! closed quotation ("He said, “Stop. Now.” and left." is one sentence; quote marks are paired
//! per block by [`crate::quote_marks`]). Very long sentences are cut into pieces of at most
//! [`MAX_SENTENCE_TOKENS`] so that later stages stay linear.

use crate::quote_marks::Pairer;
use dyad_core::{QuoteMarks, Span};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The longest sentence handed to the tagger and parser; longer runs are cut.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// A token found by the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Where the token is in the text.
    pub span: Span,
    /// Split off the previous token inside one word (`do|n't`, `it|'s`): together they are one
    /// surface token in the CoNLL-U sense.
    pub clitic: bool,
}

/// Tokens, sentences, paragraphs and quote marks of a text.
#[derive(Debug, Clone, Default)]
pub struct Segmentation {
    /// All tokens of the text, in order.
    pub tokens: Vec<Tok>,
    /// `[first, end)` token indices of each sentence, in text order.
    pub sentences: Vec<(usize, usize)>,
    /// The non-blank extent of each block (paragraph), in text order.
    pub paragraphs: Vec<Span>,
    /// Quotation marks paired within paragraphs, in text order.
    pub quote_marks: Vec<QuoteMarks>,
    /// `[first, end)` token indices of each sentence longer than [`MAX_SENTENCE_TOKENS`], which
    /// `sentences` holds cut into pieces, in text order.
    pub cut: Vec<(usize, usize)>,
    /// Carries an unclosed quotation from one paragraph to the next.
    pairer: Pairer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbbrevClass {
    Title,
    Number,
    Other,
}

fn abbreviations() -> &'static HashMap<&'static str, AbbrevClass> {
    static TABLE: OnceLock<HashMap<&'static str, AbbrevClass>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for line in include_str!("../data/abbreviations.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(word), Some(class)) = (parts.next(), parts.next()) else { continue };
            let class = match class {
                "title" => AbbrevClass::Title,
                "number" => AbbrevClass::Number,
                _ => AbbrevClass::Other,
            };
            table.insert(word, class);
        }
        table
    })
}

/// Words that open sentences: after an `other` abbreviation ("Inc.") they mark a boundary.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "In",
    "On",
    "At",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "However",
    "Meanwhile",
    "Also",
    "As",
    "So",
    "What",
    "Why",
    "How",
    "Who",
    "Some",
    "Many",
    "Most",
    "Such",
    "For",
    "Yet",
    "Still",
    "Now",
    "Then",
    "Additionally",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Instead",
    "Today",
    "Yesterday",
    "Earlier",
    "Later",
    "Previously",
    "Separately",
    "Officials",
    "Both",
    "Neither",
    "One",
];

/// Split `text` into tokens and sentences. `regions` are the spans a sentence must not cross
/// (the document's sections); text outside every region is segmented too, as regions of its
/// own, so that every non-space character belongs to a token.
pub fn segment(text: &str, regions: &[Span]) -> Segmentation {
    let mut seg = Segmentation::default();
    let mut at = 0usize;
    let mut sorted: Vec<Span> =
        regions.iter().copied().filter(|r| r.start <= r.end && (r.end as usize) <= text.len()).collect();
    sorted.sort();
    for region in sorted {
        let (start, end) = (region.start as usize, region.end as usize);
        if start < at {
            continue; // overlapping region: already covered
        }
        if start > at {
            segment_region(text, at, start, &mut seg);
        }
        segment_region(text, start, end, &mut seg);
        at = end;
    }
    if at < text.len() {
        segment_region(text, at, text.len(), &mut seg);
    }
    seg
}

/// Segment `text[start..end]`, one block (between blank lines) at a time.
fn segment_region(text: &str, start: usize, end: usize, seg: &mut Segmentation) {
    // Snap to character boundaries: regions come from other stages.
    let start = floor_boundary(text, start);
    let end = floor_boundary(text, end);
    let bytes = text.as_bytes();
    let mut block_start = start;
    let mut i = start;
    while i < end {
        if bytes[i] == b'\n' {
            // A blank line: the newline, optional spaces, another newline.
            let mut j = i + 1;
            while j < end && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < end && bytes[j] == b'\n' {
                segment_block(text, block_start, i, seg);
                block_start = j + 1;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    segment_block(text, block_start, end, seg);
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Tokenize one block, pair its quote marks and split it into sentences.
fn segment_block(text: &str, start: usize, end: usize, seg: &mut Segmentation) {
    if start >= end {
        return;
    }
    let first = seg.tokens.len();
    tokenize_into(text, start, end, &mut seg.tokens);
    if seg.tokens.len() == first {
        return; // only spaces: no paragraph
    }
    let paragraph =
        Span { start: seg.tokens[first].span.start, end: seg.tokens[seg.tokens.len() - 1].span.end };
    seg.paragraphs.push(paragraph);
    let first_mark = seg.quote_marks.len();
    seg.pairer.paragraph(text, paragraph, &mut seg.quote_marks);
    let quoted: Vec<Span> = seg.quote_marks[first_mark..]
        .iter()
        .filter(|q| q.closed && sentence_runs_on(text, q))
        .map(|q| q.content)
        .collect();
    split_sentences(text, first, &seg.tokens, &quoted, &mut seg.sentences, &mut seg.cut);
}

/// Whether the sentence a closed quotation sits in goes on after it: the quotation does not
/// end with a stop ("“We are ready. We will fight,” he said.") or lower case follows it
/// ("“Stop. Now.” he said."). Only then do stops inside it not end the sentence; a quotation
/// of whole sentences ("“Stop. Now.” He left.") is split as any other text.
fn sentence_runs_on(text: &str, q: &QuoteMarks) -> bool {
    let content = text[q.content.range()].trim_end();
    let ends_with_stop = content.ends_with(['.', '!', '?', '…']);
    let after = text[q.outer.end as usize..].trim_start_matches([' ', '\t']);
    !ends_with_stop || after.chars().next().is_some_and(char::is_lowercase)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{feff}' || c == '\u{200b}'
}

/// Tokenize `text[start..end]` (whitespace-separated chunks, each split further).
pub(crate) fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let slice = &text[start..end];
    let mut chunk_start: Option<usize> = None;
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    for (i, c) in slice.char_indices() {
        if is_space(c) {
            if let Some(s) = chunk_start.take() {
                chunks.push((start + s, start + i));
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        chunks.push((start + s, end));
    }
    for (k, &(a, b)) in chunks.iter().enumerate() {
        let next_is_number = chunks
            .get(k + 1)
            .and_then(|&(na, nb)| text[na..nb].chars().next())
            .is_some_and(|c| c.is_ascii_digit());
        split_chunk(text, a, b, next_is_number, out);
    }
}

fn push(out: &mut Vec<Tok>, a: usize, b: usize, clitic: bool) {
    if a < b {
        out.push(Tok { span: Span::new(a, b), clitic });
    }
}

/// Characters that always stand alone as tokens wherever they occur in a chunk.
fn is_hard_separator(c: char) -> bool {
    matches!(
        c,
        '—' | '–'
            | '…'
            | '"'
            | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '!'
            | '?'
            | ';'
            | '。'
            | '！'
            | '？'
            | '、'
            | '，'
    )
}

fn looks_like_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https:/") || lower.starts_with("www.")
}

fn looks_like_email(s: &str) -> bool {
    match s.find('@') {
        Some(at) if at > 0 => {
            let domain = &s[at + 1..];
            domain.contains('.') && domain.chars().next().is_some_and(|c| c.is_alphanumeric())
        }
        _ => false,
    }
}

/// Split one whitespace-free chunk `text[a..b]` into tokens.
fn split_chunk(text: &str, a: usize, b: usize, next_is_number: bool, out: &mut Vec<Tok>) {
    let chunk = &text[a..b];
    // URLs and e-mail addresses: only leading/trailing punctuation comes off.
    let inner_start = a + chunk.len() - chunk.trim_start_matches(is_opening).len();
    let core = &text[inner_start..b];
    if looks_like_url(core) || looks_like_email(core) {
        for (i, _) in text[a..inner_start].char_indices() {
            let s = a + i;
            let e = s + text[s..].chars().next().map_or(1, char::len_utf8);
            push(out, s, e, false);
        }
        let trimmed = core.trim_end_matches(|c: char| ".,;:!?)]}\"”’'»".contains(c));
        let core_end = inner_start + trimmed.len();
        push(out, inner_start, core_end, false);
        emit_chars(text, core_end, b, out);
        return;
    }
    // Cut at hard separators and at the sequences `--` and `...`.
    let bytes = text.as_bytes();
    let mut piece = a;
    let mut i = a;
    while i < b {
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if is_hard_separator(c) {
            split_piece(text, piece, i, false, out);
            push(out, i, i + len, false);
            i += len;
            piece = i;
            continue;
        }
        if (c == '-' || c == '.') && i + 1 < b && bytes[i + 1] == c as u8 {
            let run_end = i + text[i..b].bytes().take_while(|&x| x == c as u8).count();
            let is_run = c == '-' || run_end - i >= 2;
            if is_run {
                split_piece(text, piece, i, false, out);
                push(out, i, run_end, false);
                i = run_end;
                piece = i;
                continue;
            }
        }
        // Commas, colons and slashes between letters split; between digits they stay
        // (1,000  10:30  9/11).
        if c == ',' || c == ':' {
            let prev_digit = i > a && bytes[i - 1].is_ascii_digit();
            let next_digit = i + 1 < b && bytes[i + 1].is_ascii_digit();
            if !(prev_digit && next_digit) {
                split_piece(text, piece, i, false, out);
                push(out, i, i + 1, false);
                i += 1;
                piece = i;
                continue;
            }
        }
        i += len;
    }
    split_piece(text, piece, b, next_is_number, out);
}

fn emit_chars(text: &str, a: usize, b: usize, out: &mut Vec<Tok>) {
    for (i, c) in text[a..b].char_indices() {
        push(out, a + i, a + i + c.len_utf8(), false);
    }
}

fn is_opening(c: char) -> bool {
    matches!(c, '\'' | '‘' | '"' | '“' | '„' | '«' | '(' | '[' | '{' | '¿' | '¡')
}

/// A piece without hard separators: peel leading and trailing punctuation, keep
/// abbreviations' periods, split clitics.
fn split_piece(text: &str, a: usize, b: usize, next_is_number: bool, out: &mut Vec<Tok>) {
    if a >= b {
        return;
    }
    let mut s = a;
    let mut e = b;
    // Leading: opening single quotes, currency and number signs before digits.
    while let Some(c) = text[s..e].chars().next() {
        let rest = &text[s + c.len_utf8()..e];
        let peel = match c {
            '\'' | '‘' | '’' | '`' => {
                rest.chars().next().is_some_and(|n| n.is_alphanumeric()) && !is_year_clip(rest)
            }
            '$' | '€' | '£' | '¥' | '₩' | '#' => {
                rest.chars().next().is_some_and(|n| n.is_ascii_digit())
            }
            '.' | ',' | ':' | '/' | '*' | '&' => !rest.is_empty() && c != '.',
            _ => false,
        };
        if !peel || rest.is_empty() {
            break;
        }
        push(out, s, s + c.len_utf8(), false);
        s += c.len_utf8();
    }
    // Trailing punctuation, collected right to left.
    let mut tail: Vec<(usize, usize)> = Vec::new();
    loop {
        let piece = &text[s..e];
        let Some(c) = piece.chars().next_back() else { break };
        let cl = c.len_utf8();
        if piece.len() == cl {
            break;
        }
        let peel = match c {
            ',' | ':' | '%' | '*' => true,
            '\'' | '’' => {
                // A closing quote or plural possessive (States'), not part of a clitic.
                let before = &piece[..piece.len() - cl];
                before.chars().next_back().is_some_and(|p| p.is_alphanumeric() || p == '.')
            }
            '.' => !keeps_period(&piece[..piece.len() - 1], next_is_number && tail.is_empty()),
            _ => false,
        };
        if !peel {
            break;
        }
        tail.push((e - cl, e));
        e -= cl;
    }
    split_clitics(text, s, e, out);
    for &(ta, tb) in tail.iter().rev() {
        push(out, ta, tb, false);
    }
}

/// `'90s`: an apostrophe clipping a year stays with it.
fn is_year_clip(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits == 2 && rest[digits..].chars().all(|c| c == 's')
}

/// Whether `stem.` is an abbreviation whose period belongs to the token.
fn keeps_period(stem: &str, next_is_number: bool) -> bool {
    if stem.is_empty() {
        return false;
    }
    match abbreviations().get(stem) {
        Some(AbbrevClass::Number) => return next_is_number,
        Some(_) => return true,
        None => {}
    }
    let mut chars = stem.chars();
    let first = chars.next().unwrap_or(' ');
    // A single capital initial: "J." (also "Kim J. Un").
    if chars.next().is_none() {
        return first.is_uppercase();
    }
    // Letter-dot sequences: U.S, a.m, Ph.D, D.C
    stem.contains('.')
        && stem
            .split('.')
            .all(|part| !part.is_empty() && part.len() <= 3 && part.chars().all(char::is_alphabetic))
}

/// Split a verbal or possessive clitic off the end of `text[a..b]`.
fn split_clitics(text: &str, a: usize, b: usize, out: &mut Vec<Tok>) {
    let word = &text[a..b];
    let lower_tail = |n: usize| -> String {
        let start = word.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
        word[start..].to_lowercase().replace('’', "'")
    };
    // Every clitic below has an apostrophe: most words have none and skip the tails' copies.
    let apostrophe = word.contains(['\'', '’']);
    if apostrophe && word.chars().count() > 3 && lower_tail(3) == "n't" {
        let cut = word.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
        push(out, a, a + cut, false);
        push(out, a + cut, b, true);
        return;
    }
    if apostrophe && word.chars().count() > 2 {
        for clitic in ["'s", "'m", "'d"] {
            if lower_tail(2) == clitic {
                let cut = word.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
                if word[..cut].chars().next_back().is_some_and(char::is_alphanumeric) {
                    push(out, a, a + cut, false);
                    push(out, a + cut, b, true);
                    return;
                }
            }
        }
    }
    if apostrophe && word.chars().count() > 3 {
        for clitic in ["'re", "'ve", "'ll"] {
            if lower_tail(3) == clitic {
                let cut = word.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
                if word[..cut].chars().next_back().is_some_and(char::is_alphabetic) {
                    push(out, a, a + cut, false);
                    push(out, a + cut, b, true);
                    return;
                }
            }
        }
    }
    // Fused forms UD writes as two words.
    let lower = word.to_ascii_lowercase();
    let cut = match lower.as_str() {
        "cannot" => Some(3),
        "gonna" | "wanna" | "gotta" => Some(3),
        _ => None,
    };
    if let Some(cut) = cut {
        push(out, a, a + cut, false);
        push(out, a + cut, b, true);
        return;
    }
    push(out, a, b, false);
}

fn first_char(text: &str, span: Span) -> char {
    text[span.range()].chars().next().unwrap_or(' ')
}

fn is_terminal(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？'))
}

/// A token starting with this cannot open a sentence: after a stop, the sentence goes on
/// ("born in Sacramento, Cal., in 1850"; "at 5 p.m. and then").
fn continues_sentence(c: char) -> bool {
    c.is_lowercase() || matches!(c, ',' | ';' | ':')
}

fn is_closing(tok: &str) -> bool {
    matches!(tok, "”" | "’" | "\"" | "'" | ")" | "]" | "}" | "»")
}

/// Group `tokens[first..]` (one block) into sentences; `quoted` are the contents of the
/// block's closed quotations, in text order, inside which no sentence starts.
fn split_sentences(
    text: &str,
    first: usize,
    tokens: &[Tok],
    quoted: &[Span],
    sentences: &mut Vec<(usize, usize)>,
    cut: &mut Vec<(usize, usize)>,
) {
    let inside_quotation = |j: usize| {
        let at = tokens[j].span.start;
        let q = quoted.partition_point(|q| q.end <= at);
        q < quoted.len() && quoted[q].start <= at
    };
    let n = tokens.len();
    let mut start = first;
    let mut i = first;
    while i < n {
        let tok = &text[tokens[i].span.range()];
        let mut boundary_after: Option<usize> = None;
        if is_terminal(tok) || ends_sentence_as_abbreviation(text, tokens, i) {
            // Closing quotes and brackets (and further stops) stay with the sentence.
            let mut j = i + 1;
            while j < n {
                let t = &text[tokens[j].span.range()];
                let attached = tokens[j].span.start == tokens[j - 1].span.end;
                if is_terminal(t) || (is_closing(t) && (attached || matches!(t, "”" | ")" | "]" | "»"))) {
                    j += 1;
                } else if let Some(end) = reference_marker(text, tokens, j) {
                    j = end; // "… in 1805. [19]": a citation marker closes its sentence
                } else {
                    break;
                }
            }
            if j >= n || !(continues_sentence(first_char(text, tokens[j].span)) || inside_quotation(j)) {
                boundary_after = Some(j);
            } else {
                i = j;
                continue;
            }
        } else if i + 1 < n {
            // A line break inside the block ends a sentence (headlines, datelines, lists)
            // unless the next line continues in lower case.
            let gap = &text[tokens[i].span.end as usize..tokens[i + 1].span.start as usize];
            if gap.contains('\n') && !first_char(text, tokens[i + 1].span).is_lowercase() {
                boundary_after = Some(i + 1);
            }
        }
        if let Some(j) = boundary_after {
            push_sentence(tokens, start, j, sentences, cut);
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    if start < n {
        push_sentence(tokens, start, n, sentences, cut);
    }
}

/// A citation marker `[12]` (or `[a]`) starting at token `j`: the index after it.
fn reference_marker(text: &str, tokens: &[Tok], j: usize) -> Option<usize> {
    let t = |k: usize| tokens.get(k).map(|t| &text[t.span.range()]);
    let inner = t(j + 1)?;
    let short_ref = inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_alphanumeric());
    (t(j)? == "[" && short_ref && t(j + 2)? == "]").then_some(j + 3)
}

/// An abbreviation ("Inc.", "U.S.") that also ends its sentence: followed by a typical
/// sentence opener, or last in the block.
fn ends_sentence_as_abbreviation(text: &str, tokens: &[Tok], i: usize) -> bool {
    let tok = &text[tokens[i].span.range()];
    if tok.len() < 2 || !tok.ends_with('.') {
        return false;
    }
    let stem = &tok[..tok.len() - 1];
    if matches!(abbreviations().get(stem), Some(AbbrevClass::Title | AbbrevClass::Number)) {
        return false;
    }
    if stem.chars().count() == 1 {
        return false; // an initial
    }
    match tokens.get(i + 1) {
        None => true,
        Some(next) => SENTENCE_OPENERS.contains(&&text[next.span.range()]),
    }
}

/// Add sentence `[a, b)`, cut into pieces of at most [`MAX_SENTENCE_TOKENS`]; a sentence that
/// is cut is noted in `cut`.
fn push_sentence(
    tokens: &[Tok],
    a: usize,
    b: usize,
    sentences: &mut Vec<(usize, usize)>,
    cut: &mut Vec<(usize, usize)>,
) {
    if b - a > MAX_SENTENCE_TOKENS {
        cut.push((a, b));
    }
    let mut a = a;
    while b - a > MAX_SENTENCE_TOKENS {
        // Never cut between a word and its clitic.
        let mut cut = a + MAX_SENTENCE_TOKENS;
        while cut > a + 1 && tokens[cut].clitic {
            cut -= 1;
        }
        sentences.push((a, cut));
        a = cut;
    }
    if a < b {
        sentences.push((a, b));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let seg = segment(text, &[]);
        seg.tokens.iter().map(|t| &text[t.span.range()]).collect()
    }

    fn sents(text: &str) -> Vec<&str> {
        let seg = segment(text, &[]);
        seg.sentences
            .iter()
            .map(|&(a, b)| &text[seg.tokens[a].span.start as usize..seg.tokens[b - 1].span.end as usize])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_keep_their_period() {
        assert_eq!(
            toks("Dr. Kim met U.S. envoy J. Smith at 5 p.m. on Jan. 3."),
            ["Dr.", "Kim", "met", "U.S.", "envoy", "J.", "Smith", "at", "5", "p.m.", "on", "Jan.", "3", "."]
        );
        assert_eq!(toks("Resolution No. 5 passed."), ["Resolution", "No.", "5", "passed", "."]);
        assert_eq!(toks("He said no."), ["He", "said", "no", "."]);
    }

    #[test]
    fn numbers_times_urls_emails_and_hyphenated_names_stay_whole() {
        assert_eq!(
            toks("It rose 3.5% to $1,200 at 10:30, see https://example.com/a?b=1. Mail a.b@c.org."),
            [
                "It",
                "rose",
                "3.5",
                "%",
                "to",
                "$",
                "1,200",
                "at",
                "10:30",
                ",",
                "see",
                "https://example.com/a?b=1",
                ".",
                "Mail",
                "a.b@c.org",
                "."
            ]
        );
        assert_eq!(
            toks("the ‘Hwasongpo-19’ and the ROK-US alliance"),
            ["the", "‘", "Hwasongpo-19", "’", "and", "the", "ROK-US", "alliance"]
        );
    }

    #[test]
    fn clitics_split_ud_style() {
        assert_eq!(
            toks("I don't think it's Kim’s."),
            ["I", "do", "n't", "think", "it", "'s", "Kim", "’s", "."]
        );
        assert_eq!(
            toks("We can't, they'll, cannot"),
            ["We", "ca", "n't", ",", "they", "'ll", ",", "can", "not"]
        );
        let seg = segment("don't", &[]);
        assert_eq!(seg.tokens.iter().map(|t| t.clitic).collect::<Vec<_>>(), [false, true]);
    }

    #[test]
    fn quotes_and_brackets_after_the_stop_belong_to_the_sentence() {
        assert_eq!(
            sents("He said, “We will go.” Then he left. (It rained.) “Why?” she asked."),
            ["He said, “We will go.”", "Then he left.", "(It rained.)", "“Why?” she asked."]
        );
        assert_eq!(sents("He said \"No way.\" Then left."), ["He said \"No way.\"", "Then left."]);
        assert_eq!(sents("He won in 1805. [19] Then he left."), ["He won in 1805. [19]", "Then he left."]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences_unless_an_opener_follows() {
        assert_eq!(
            sents("Dr. Kim visited the U.S. embassy. He works at Acme Inc. The firm grew."),
            ["Dr. Kim visited the U.S. embassy.", "He works at Acme Inc.", "The firm grew."]
        );
        assert_eq!(
            sents("It fell 2.5 points. Trading was slow."),
            ["It fell 2.5 points.", "Trading was slow."]
        );
        // Whatever the stop, a comma after it continues the sentence.
        assert_eq!(
            sents("He was born in Sacramento, Cal., in 1850. He died."),
            ["He was born in Sacramento, Cal., in 1850.", "He died."]
        );
    }

    #[test]
    fn headlines_datelines_and_blank_lines() {
        let text = "Russia backs North Korea\n\nMOSCOW (Reuters) - Russia said on Friday it backs Pyongyang.";
        assert_eq!(
            sents(text),
            ["Russia backs North Korea", "MOSCOW (Reuters) - Russia said on Friday it backs Pyongyang."]
        );
        // No stop before the blank line, lower case after it: still two sentences.
        assert_eq!(sents("a line without stop\n\nanother one"), ["a line without stop", "another one"]);
        // A single line break before a capital starts a new sentence; before lower case not.
        assert_eq!(
            sents("Headline Here\nBody text\ncontinues here."),
            ["Headline Here", "Body text\ncontinues here."]
        );
    }

    #[test]
    fn sections_bound_sentences() {
        let text = "First part no stop Second part.";
        let seg = segment(text, &[Span::new(0, 18), Span::new(19, text.len())]);
        assert_eq!(seg.sentences.len(), 2);
        assert_eq!(seg.tokens[seg.sentences[0].1 - 1].span.end, 18);
    }

    #[test]
    fn non_latin_scripts_pass_through() {
        assert_eq!(
            toks("북한과 러시아는 협력했다. Москва — столица."),
            ["북한과", "러시아는", "협력했다", ".", "Москва", "—", "столица", "."]
        );
        assert_eq!(sents("北京是首都。上海很大。"), ["北京是首都。", "上海很大。"]);
    }

    #[test]
    fn bad_input_never_panics_and_stays_aligned() {
        for text in [
            "",
            " ",
            "\n\n\n",
            ".",
            "\u{0}\u{1}a\u{7}b",
            "'",
            "’s",
            "n't",
            "--",
            "...",
            "a.\"",
            "$",
            "@",
            "http://",
        ] {
            let seg = segment(text, &[]);
            for t in &seg.tokens {
                assert!(t.span.start < t.span.end && (t.span.end as usize) <= text.len());
                let _ = &text[t.span.range()];
            }
        }
        // A long run without punctuation is cut into bounded sentences.
        let text = "word ".repeat(10_000);
        let seg = segment(&text, &[]);
        assert_eq!(seg.tokens.len(), 10_000);
        assert!(seg.sentences.iter().all(|&(a, b)| b - a <= MAX_SENTENCE_TOKENS));
        assert_eq!(seg.sentences.last().map(|s| s.1), Some(10_000));
    }

    #[test]
    fn tokens_are_ordered_and_cover_all_non_space_text() {
        let text = "“Hi,” he said—twice… (U.S.-made) ‘ok’! e.g. 2024.11.02 Moscow = AP/Newsis";
        let seg = segment(text, &[]);
        let mut covered = String::new();
        let mut last = 0;
        for t in &seg.tokens {
            assert!(t.span.start as usize >= last);
            last = t.span.end as usize;
            covered.push_str(&text[t.span.range()]);
        }
        let non_space: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(covered, non_space);
    }

    #[test]
    fn a_sentence_that_goes_on_after_its_quotation_does_not_end_inside_it() {
        assert_eq!(
            sents("He said, “Stop. Now.” and left. Done."),
            ["He said, “Stop. Now.” and left.", "Done."]
        );
        assert_eq!(
            sents("“We are ready. We will fight,” he said."),
            ["“We are ready. We will fight,” he said."]
        );
        // A quotation of whole sentences splits as any text does.
        assert_eq!(sents("“Stop. Now.” He left."), ["“Stop.", "Now.”", "He left."]);
    }

    #[test]
    fn paragraphs_are_blocks_between_blank_lines_and_sections() {
        let text = "One. Two.\n\n  Three\nfour.\n \nFive";
        let seg = segment(text, &[Span::new(0, 5), Span::new(5, text.len())]);
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| &text[p.range()]).collect();
        assert_eq!(paras, ["One.", "Two.", "Three\nfour.", "Five"]);
    }
}
