//! Reading CoNLL-U treebanks (plain or gzip-compressed): the words, their gold annotation, and
//! what raw-text evaluation needs (sentence text, paragraph and document breaks, multiword
//! tokens, `SpaceAfter=No`).

use crate::error::{Error, TreebankError};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One syntactic word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    /// The word as written (FORM).
    pub form: String,
    /// Its gold lemma (LEMMA).
    pub lemma: String,
    /// Its gold universal tag (UPOS), as written.
    pub upos: String,
    /// Its gold language-specific tag (XPOS; PTB for English).
    pub xpos: String,
    /// 0 for the root, else 1-based index of the head word.
    pub head: u32,
    /// Its gold relation to the head (DEPREL, subtypes kept).
    pub deprel: String,
    /// `SpaceAfter=No` was absent (on the word, or on its multiword token).
    pub space_after: bool,
}

/// A multiword token: words `first..=last` (1-based) written as `form`.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiwordToken {
    /// The first word it covers (1-based).
    pub first: u32,
    /// The last word it covers (1-based, inclusive).
    pub last: u32,
    /// The token as written in the text.
    pub form: String,
    /// `SpaceAfter=No` was absent on the token.
    pub space_after: bool,
}

/// One sentence of a treebank: its words with their gold annotation, and what raw-text
/// evaluation needs to rebuild the text around it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TreeSentence {
    /// The syntactic words, in order (empty nodes of enhanced UD skipped).
    pub words: Vec<Word>,
    /// Multiword tokens (`don't` = `do` + `n't`), in order.
    pub multiword: Vec<MultiwordToken>,
    /// The `# text =` comment, if any.
    pub text: Option<String>,
    /// A `# newpar` (or `# newdoc`) comment came before this sentence.
    pub new_paragraph: bool,
    /// A `# newdoc` comment came before this sentence.
    pub new_document: bool,
}

/// Read a CoNLL-U file; `.gz` files are decompressed.
pub fn read_path(path: &Path) -> Result<Vec<TreeSentence>, Error> {
    let file = std::fs::File::open(path)
        .map_err(|source| Error::OpenTreebank { path: path.to_path_buf(), source })?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    read(BufReader::new(reader)).map_err(|problem| Error::Treebank { path: path.to_path_buf(), problem })
}

/// Read CoNLL-U from a reader.
pub fn read(reader: impl BufRead) -> Result<Vec<TreeSentence>, TreebankError> {
    let mut sentences = Vec::new();
    let mut current = TreeSentence::default();
    let mut pending_par = false;
    let mut pending_doc = false;
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| TreebankError::Read { line: n + 1, source })?;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if comment.starts_with("newdoc") {
                pending_doc = true;
                pending_par = true;
            } else if comment.starts_with("newpar") {
                pending_par = true;
            } else if let Some(text) = comment.strip_prefix("text =") {
                current.text = Some(text.trim().to_string());
            }
            continue;
        }
        if current.words.is_empty() && current.multiword.is_empty() {
            current.new_paragraph = pending_par;
            current.new_document = pending_doc;
            pending_par = false;
            pending_doc = false;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(TreebankError::Columns { line: n + 1, found: cols.len() });
        }
        let space_after = !cols[9].split('|').any(|f| f == "SpaceAfter=No");
        if let Some((a, b)) = cols[0].split_once('-') {
            let parse = |s: &str| {
                s.parse::<u32>().map_err(|_| TreebankError::BadId { line: n + 1, id: cols[0].to_string() })
            };
            current.multiword.push(MultiwordToken {
                first: parse(a)?,
                last: parse(b)?,
                form: cols[1].to_string(),
                space_after,
            });
            continue;
        }
        if cols[0].contains('.') {
            continue; // empty nodes of enhanced UD
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| TreebankError::BadHead { line: n + 1, head: cols[6].to_string() })?
        };
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
            space_after,
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

impl TreeSentence {
    /// Surface tokens as `(first word, last word)` 0-based inclusive ranges, with the form and
    /// whether a space follows.
    pub(crate) fn surface_tokens(&self) -> Vec<(usize, usize, String, bool)> {
        let mut out = Vec::new();
        let mut i = 0usize;
        while i < self.words.len() {
            if let Some(m) = self.multiword.iter().find(|m| m.first as usize == i + 1) {
                let last = (m.last as usize).clamp(i + 1, self.words.len()) - 1;
                out.push((i, last, m.form.clone(), m.space_after));
                i = last + 1;
            } else {
                let w = &self.words[i];
                out.push((i, i, w.form.clone(), w.space_after));
                i += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_multiword_tokens_and_breaks() {
        let text = "# newdoc id = d\n# newpar\n# text = I don't.\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
            1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\tSpaceAfter=No\n\
            3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\n";
        let s = read(text.as_bytes()).unwrap();
        assert_eq!(s.len(), 1);
        assert!(s[0].new_document && s[0].new_paragraph);
        assert_eq!(s[0].words.len(), 3);
        assert_eq!(s[0].words[0].head, 3);
        assert_eq!(s[0].surface_tokens()[0], (0, 1, "don't".to_string(), true));
        assert!(read("1\tx\n".as_bytes()).is_err());
    }
}

/// A treebank turned back into running text, with the gold spans of its units.
#[derive(Debug, Clone, Default)]
pub struct RawText {
    /// The rebuilt text.
    pub text: String,
    /// Per sentence, the byte span of each syntactic word. Words of a multiword token get
    /// their part of its span when their forms spell it, else the whole token's span.
    pub words: Vec<Vec<(usize, usize)>>,
    /// Surface tokens (multiword tokens once) over the whole text.
    pub tokens: Vec<(usize, usize)>,
    /// Sentence spans.
    pub sentences: Vec<(usize, usize)>,
}

/// Rebuild the text of a treebank: sentences of a paragraph joined as `SpaceAfter` says (a
/// space by default), paragraphs and documents separated by a blank line.
pub fn raw_text(sentences: &[TreeSentence]) -> RawText {
    let mut raw = RawText::default();
    let mut space_pending = false;
    for (k, s) in sentences.iter().enumerate() {
        if k > 0 {
            if s.new_paragraph || s.new_document {
                raw.text.push_str("\n\n");
            } else if space_pending {
                raw.text.push(' ');
            }
        }
        let start = raw.text.len();
        let mut words = vec![(0, 0); s.words.len()];
        for (first, last, form, space_after) in s.surface_tokens() {
            let a = raw.text.len();
            raw.text.push_str(&form);
            let b = raw.text.len();
            raw.tokens.push((a, b));
            let parts: String = s.words[first..=last].iter().map(|w| w.form.as_str()).collect();
            let mut at = a;
            for (i, w) in s.words[first..=last].iter().enumerate() {
                words[first + i] = if parts == form { (at, at + w.form.len()) } else { (a, b) };
                at += w.form.len();
            }
            space_pending = space_after;
            if space_after {
                raw.text.push(' ');
            }
        }
        // No trailing space inside the sentence span.
        let mut end = raw.text.len();
        if space_pending {
            raw.text.pop();
            end -= 1;
        }
        raw.sentences.push((start, end));
        raw.words.push(words);
    }
    raw
}
