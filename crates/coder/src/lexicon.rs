//! The first verb lexicon (`data/verbs/first_lexicon.tsv`): word forms → CAMEO code.

use std::collections::HashMap;

const BUILTIN: &str = include_str!("../../../data/verbs/first_lexicon.tsv");

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub name: String,
    pub code: String,
    /// Line in the lexicon file, for the rule id.
    pub line: usize,
}

pub struct Lexicon {
    by_form: HashMap<String, Trigger>,
}

impl Lexicon {
    pub fn builtin() -> Result<Lexicon, String> {
        Lexicon::parse(BUILTIN, "data/verbs/first_lexicon.tsv")
    }

    /// Parse the lexicon; errors name the file and line. Every code must be a CAMEO code, and
    /// a form may belong to one entry only.
    pub fn parse(text: &str, file: &str) -> Result<Lexicon, String> {
        let codes = dyad_core::EventCodes::get();
        let mut by_form = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [name, code, forms] = fields[..] else {
                return Err(format!("{file}:{line_no}: expected 3 tab-separated columns"));
            };
            if codes.lookup(code).is_none() {
                return Err(format!("{file}:{line_no}: {code} is not a CAMEO event code"));
            }
            let trigger = Trigger { name: name.to_string(), code: code.to_string(), line: line_no };
            for form in forms.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                if let Some(old) = by_form.insert(form.to_lowercase(), trigger.clone()) {
                    return Err(format!("{file}:{line_no}: '{form}' is already listed on line {}", old.line));
                }
            }
        }
        Ok(Lexicon { by_form })
    }

    /// The entry for a lower-cased word form.
    pub fn lookup(&self, word: &str) -> Option<&Trigger> {
        self.by_form.get(word)
    }
}
