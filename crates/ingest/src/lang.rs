//! A rough language guess for documents that do not declare one: the dominant script, and for
//! Latin script the most frequent function words of a few languages. It only fills
//! `meta.language` when nothing better is known; it is not a language identifier.

/// Function words by language, for Latin-script text.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    ("en", &["the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "said"]),
    ("de", &["der", "die", "und", "das", "nicht", "ist", "mit", "den", "sich", "auch"]),
    ("fr", &["le", "les", "des", "est", "et", "une", "dans", "pour", "qui", "pas"]),
    ("es", &["el", "los", "las", "del", "que", "por", "una", "con", "para", "según"]),
    ("pt", &["os", "das", "dos", "não", "uma", "com", "para", "que", "foi", "são"]),
    ("it", &["il", "che", "della", "per", "una", "sono", "gli", "anche", "non", "alla"]),
];

/// The ISO 639-1 code of the language `text` is most likely in, if the guess is clear.
pub fn guess(text: &str) -> Option<&'static str> {
    let sample: String = text.chars().take(4000).collect();
    let (mut latin, mut cyrillic, mut hangul, mut kana, mut han, mut arabic) = (0, 0, 0, 0, 0, 0);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        match c as u32 {
            0x41..=0x24F => latin += 1,
            0x400..=0x4FF => cyrillic += 1,
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => hangul += 1,
            0x3040..=0x30FF => kana += 1,
            0x4E00..=0x9FFF => han += 1,
            0x600..=0x6FF => arabic += 1,
            _ => {}
        }
    }
    let total = latin + cyrillic + hangul + kana + han + arabic;
    if total < 20 {
        return None;
    }
    let major = |n: usize| n * 2 > total;
    if major(hangul) {
        return Some("ko");
    }
    if kana * 10 > total {
        return Some("ja");
    }
    if major(han) {
        return Some("zh");
    }
    if major(cyrillic) {
        return Some("ru");
    }
    if major(arabic) {
        return Some("ar");
    }
    if !major(latin) {
        return None;
    }
    let lower = sample.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let mut best = (None, 0usize);
    for (code, list) in FUNCTION_WORDS {
        let hits = words.iter().filter(|w| list.contains(w)).count();
        if hits > best.1 {
            best = (Some(*code), hits);
        }
    }
    // A clear guess needs the function words to be a real share of the words.
    best.0.filter(|_| best.1 * 20 >= words.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_by_script_and_function_words() {
        assert_eq!(
            guess("Russia announced on the 2nd that it fully supports the measures of the regime."),
            Some("en")
        );
        assert_eq!(guess("러시아 외무부는 2일 북한의 핵 개발을 전적으로 지지한다고 밝혔다."), Some("ko"));
        assert_eq!(guess("Министерство иностранных дел России заявило о поддержке."), Some("ru"));
        assert_eq!(
            guess("O governo anunciou que não vai mudar a política para os próximos anos."),
            Some("pt")
        );
        assert_eq!(guess("x y z"), None);
    }
}
