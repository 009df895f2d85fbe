//! PETRARCH discard lists (`*.discards.txt`): phrases whose presence in a sentence means it
//! reports no political event (sport results, recipes). A phrase written with a leading `+`
//! discards the whole story (document); without it, only the sentence. Words match whole and
//! case-insensitively; `_` and spaces separate words; `#` starts a comment and `<!-- -->`
//! lines are comments. Everything after a `;` on a line is a note.

use crate::error::CoderError;

/// Discard phrases, read from one or more files.
#[derive(Debug, Default, Clone)]
pub struct Discards {
    /// Upper-case words of each phrase, and whether it discards the whole story.
    phrases: Vec<(Vec<String>, bool)>,
}

impl Discards {
    /// Add the phrases of a discard file's text; `file` names it in errors. A line whose
    /// phrase has no word (only `+` or `;`) is an error naming the line.
    pub fn add(&mut self, text: &str, file: &str) -> Result<(), CoderError> {
        for (n, raw) in text.lines().enumerate() {
            let mut t = raw.split('#').next().unwrap_or("").trim();
            if t.is_empty() || t.starts_with("<!--") || t.starts_with("-->") {
                continue;
            }
            let story = t.starts_with('+');
            t = t.trim_start_matches('+');
            let words: Vec<String> = t
                .split(';')
                .next()
                .unwrap_or("")
                .split(['_', ' ', '\t'])
                .filter(|w| !w.is_empty())
                .map(str::to_uppercase)
                .collect();
            if words.is_empty() {
                return Err(CoderError::Discard { file: file.to_string(), line: n + 1 });
            }
            self.phrases.push((words, story));
        }
        Ok(())
    }

    /// Whether there is no phrase.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The first phrase found in `words` (upper-case word forms of a sentence): `Some(true)`
    /// for a story discard, `Some(false)` for a sentence discard.
    pub fn find(&self, words: &[String]) -> Option<bool> {
        self.phrases.iter().find_map(|(phrase, story)| {
            let n = phrase.len();
            let found = n <= words.len() && words.windows(n).any(|w| w == phrase.as_slice());
            found.then_some(*story)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_uppercase).collect()
    }

    #[test]
    fn story_and_sentence_discards() {
        let mut d = Discards::default();
        d.add("# sport\n+WORLD_CUP\nPENALTY KICK ; a note\n<!-- x -->\n", "d.txt").unwrap();
        assert_eq!(d.find(&words("Spain won the World Cup")), Some(true));
        assert_eq!(d.find(&words("a penalty kick decided it")), Some(false));
        assert_eq!(d.find(&words("a penalty was given")), None);
        let e = d.add("GOOD\n+ ;\n", "bad.discards.txt").unwrap_err().to_string();
        assert!(e.starts_with("bad.discards.txt:2: "), "{e}");
    }
}
