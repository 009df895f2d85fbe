//! Lemmatizer: suffix rules learned per PTB tag from a treebank (the longest known suffix
//! decides: strip n characters, append a string), plus a table of the words the rules get
//! wrong ("was" → "be", "news" → "news").

use crate::binio::{Reader, Writer};
use crate::perceptron::KeyHasher;
use dyad_core::Upos;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

const MAX_SUFFIX: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rule {
    strip: u8,
    append: String,
}

/// Word keys hashed with FNV ([`KeyHasher`]'s byte path): looked up several times per token,
/// where SipHash cost more than the rest of the lemmatiser.
type WordKeyMap<V> = HashMap<String, V, BuildHasherDefault<KeyHasher>>;

#[derive(Default)]
pub struct Lemmatizer {
    /// `lower form \u{1} xpos` → lemma, where the rules are wrong.
    exceptions: WordKeyMap<String>,
    /// `xpos \u{1} suffix` → rule.
    rules: WordKeyMap<Rule>,
}

fn key(a: &str, b: &str) -> String {
    let mut k = String::with_capacity(a.len() + b.len() + 1);
    key_into(&mut k, a, b);
    k
}

/// [`key`] into a reused buffer.
fn key_into<'k>(k: &'k mut String, a: &str, b: &str) -> &'k str {
    k.clear();
    k.push_str(a);
    k.push('\u{1}');
    k.push_str(b);
    k
}

/// Byte offset where the last `k` characters of `s` start (0 if shorter).
fn tail_start(s: &str, k: usize) -> usize {
    s.char_indices().rev().nth(k.saturating_sub(1)).map_or(0, |(i, _)| i)
}

fn keeps_form(upos: Upos) -> bool {
    matches!(upos, Upos::PROPN | Upos::PUNCT | Upos::NUM | Upos::SYM | Upos::X)
}

impl Lemmatizer {
    pub fn lemma(&self, form: &str, upos: Upos, xpos: &str) -> String {
        let lower = form.to_lowercase();
        let mut buf = String::with_capacity(lower.len() + xpos.len() + 1);
        if let Some(l) = self.exceptions.get(key_into(&mut buf, &lower, xpos)) {
            return l.clone();
        }
        if keeps_form(upos) {
            return form.to_string();
        }
        self.by_rule_with(&lower, xpos, &mut buf)
    }

    fn by_rule(&self, lower: &str, xpos: &str) -> String {
        self.by_rule_with(lower, xpos, &mut String::new())
    }

    /// [`Self::by_rule`], building the lookup keys in `buf`.
    fn by_rule_with(&self, lower: &str, xpos: &str, buf: &mut String) -> String {
        let n = lower.chars().count();
        for k in (1..=MAX_SUFFIX.min(n.saturating_sub(1))).rev() {
            let start = tail_start(lower, k);
            if let Some(rule) = self.rules.get(key_into(buf, xpos, &lower[start..])) {
                let cut = tail_start(lower, rule.strip as usize);
                let cut = if rule.strip == 0 { lower.len() } else { cut };
                let mut out = lower[..cut].to_string();
                out.push_str(&rule.append);
                return out;
            }
        }
        lower.to_string()
    }

    /// Learn from `(form, upos, xpos, lemma)` words.
    pub fn train<'a>(words: impl Iterator<Item = (&'a str, Upos, &'a str, &'a str)> + Clone) -> Lemmatizer {
        // Rules from word types.
        let mut types: HashMap<(String, String, String), (Upos, u32)> = HashMap::new();
        for (form, upos, xpos, lemma) in words {
            if lemma == "_" {
                continue;
            }
            let e =
                types.entry((form.to_lowercase(), xpos.to_string(), lemma.to_string())).or_insert((upos, 0));
            e.1 += 1;
        }
        let mut votes: HashMap<String, HashMap<Rule, u32>> = HashMap::new();
        for ((lower, xpos, lemma), (upos, _)) in &types {
            if keeps_form(*upos) {
                continue;
            }
            let lemma_l = lemma.to_lowercase();
            let common = lower.chars().zip(lemma_l.chars()).take_while(|(a, b)| a == b).count();
            let n = lower.chars().count();
            let strip = n - common;
            if strip > MAX_SUFFIX {
                continue;
            }
            let append: String = lemma_l.chars().skip(common).collect();
            let rule = Rule { strip: strip as u8, append };
            for k in strip.max(1)..=MAX_SUFFIX.min(n.saturating_sub(1)) {
                let start = tail_start(lower, k);
                *votes.entry(key(xpos, &lower[start..])).or_default().entry(rule.clone()).or_default() += 1;
            }
        }
        let mut lem = Lemmatizer::default();
        for (k, v) in votes {
            let mut v: Vec<(Rule, u32)> = v.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            lem.rules.insert(k, v[0].0.clone());
        }
        // Exceptions: the most frequent lemma of each (form, tag) the rules get wrong.
        let mut best: HashMap<String, (String, u32, Upos)> = HashMap::new();
        for ((lower, xpos, lemma), (upos, count)) in &types {
            let k = key(lower, xpos);
            let e = best.entry(k).or_insert((lemma.clone(), 0, *upos));
            if *count > e.1 || (*count == e.1 && *lemma < e.0) {
                *e = (lemma.clone(), *count, *upos);
            }
        }
        for (k, (lemma, _, upos)) in best {
            let (lower, xpos) = k.split_once('\u{1}').expect("key has a separator");
            let predicted = if keeps_form(upos) { None } else { Some(lem.by_rule(lower, xpos)) };
            if predicted.as_deref() != Some(lemma.as_str())
                && !(keeps_form(upos) && lemma.to_lowercase() == lower)
            {
                lem.exceptions.insert(k, lemma);
            }
        }
        lem
    }

    pub fn write(&self, out: &mut Writer) {
        let mut ex: Vec<_> = self.exceptions.iter().collect();
        ex.sort();
        out.varint(ex.len() as u64);
        for (k, v) in ex {
            out.str(k);
            out.str(v);
        }
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        out.varint(rules.len() as u64);
        for (k, r) in rules {
            out.str(k);
            out.varint(u64::from(r.strip));
            out.str(&r.append);
        }
    }

    pub fn read(input: &mut Reader) -> Result<Lemmatizer, crate::error::FormatError> {
        let mut lem = Lemmatizer::default();
        let n = input.varint()? as usize;
        lem.exceptions.reserve(n);
        for _ in 0..n {
            let k = input.str()?.to_string();
            lem.exceptions.insert(k, input.str()?.to_string());
        }
        let n = input.varint()? as usize;
        lem.rules.reserve(n);
        for _ in 0..n {
            let k = input.str()?.to_string();
            let strip = input.varint()?.min(MAX_SUFFIX as u64) as u8;
            lem.rules.insert(k, Rule { strip, append: input.str()?.to_string() });
        }
        Ok(lem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_suffix_rules_and_exceptions() {
        let data = [
            ("walked", Upos::VERB, "VBD", "walk"),
            ("talked", Upos::VERB, "VBD", "talk"),
            ("jumped", Upos::VERB, "VBD", "jump"),
            ("was", Upos::AUX, "VBD", "be"),
            ("cats", Upos::NOUN, "NNS", "cat"),
            ("dogs", Upos::NOUN, "NNS", "dog"),
            ("Paris", Upos::PROPN, "NNP", "Paris"),
        ];
        let lem = Lemmatizer::train(data.iter().map(|d| (d.0, d.1, d.2, d.3)));
        assert_eq!(lem.lemma("kicked", Upos::VERB, "VBD"), "kick");
        assert_eq!(lem.lemma("was", Upos::AUX, "VBD"), "be");
        assert_eq!(lem.lemma("Birds", Upos::NOUN, "NNS"), "bird");
        assert_eq!(lem.lemma("London", Upos::PROPN, "NNP"), "London");
    }
}
