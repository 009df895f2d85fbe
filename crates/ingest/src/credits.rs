//! Wire credits: which agency a story (or photo) comes from, as pages write it —
//! "[Seoul=Newsis]", "[서울=뉴시스]", "MOSCOW (Reuters) -", "(AP) —", "— Agence France-Presse",
//! "2024.11.02 Moscow = AP/Newsis". Agencies are data (`data/lexicon/agencies.tsv`, read through
//! `dyad_core::lexicon`, shared with the quotes stage).

/// The agency a name denotes, if it is one ("Newsis", "뉴시스" → "Newsis").
pub fn agency(name: &str) -> Option<&'static str> {
    dyad_core::lexicon::agencies().exact(name.trim())
}

/// Agencies named in one credit-like group: "Seoul=Newsis" → Newsis, "AP/Newsis" → AP, Newsis.
fn agencies_in_group(group: &str, out: &mut Vec<String>) -> bool {
    let names = group.rsplit_once('=').map(|(_, n)| n).unwrap_or(group);
    let mut any = false;
    for name in names.split(['/', ',']) {
        let name = name.trim().trim_end_matches(" Photo").trim_end_matches(" photo");
        if let Some(a) = agency(name) {
            push_unique(out, a);
            any = true;
        }
    }
    any
}

fn push_unique(out: &mut Vec<String>, name: &str) {
    if !out.iter().any(|c| c == name) {
        out.push(name.to_string());
    }
}

/// Credits in one paragraph, appended to `out` (canonical names, first seen first). Returns
/// whether the paragraph is nothing but a credit (a line like "[서울=뉴시스]").
pub fn find_credits(paragraph: &str, out: &mut Vec<String>) -> bool {
    let p = paragraph.trim();
    // Bracketed groups: [Seoul=Newsis], (AP), (Reuters), 【北京=共同】.
    let mut rest = p;
    while let Some(open) = rest.find(['[', '(', '【']) {
        let close_char = match rest[open..].chars().next() {
            Some('[') => ']',
            Some('(') => ')',
            _ => '】',
        };
        let inner_start = open + rest[open..].chars().next().map_or(1, char::len_utf8);
        let Some(len) = rest[inner_start..].find(close_char) else { break };
        let inner = &rest[inner_start..inner_start + len];
        if inner.chars().count() <= 40 {
            agencies_in_group(inner, out);
        }
        rest = &rest[inner_start + len..];
    }
    // Photo credits after '=': "2024.11.02 Moscow = AP/Newsis".
    if let Some((_, tail)) = p.rsplit_once('=') {
        if tail.chars().count() <= 40 && !tail.contains(['[', ']', '(', ')']) {
            agencies_in_group(tail, out);
        }
    }
    // Sign-off: "— Agence France-Presse", "- AFP".
    let sign_off =
        [" — ", " – ", " - ", " —", " -"].iter().filter_map(|d| p.rfind(d).map(|i| i + d.len())).max();
    if let Some(i) = sign_off {
        let tail = p[i..].trim().trim_end_matches('.');
        if tail.chars().count() <= 40 {
            agencies_in_group(tail, out);
        }
    }
    let only_credit = (p.starts_with('[') && p.ends_with(']') || p.starts_with('(') && p.ends_with(')'))
        && p.chars().count() <= 40
        && {
            let mut tmp = Vec::new();
            agencies_in_group(&p[1..p.len() - 1], &mut tmp)
        };
    only_credit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credits(p: &str) -> Vec<String> {
        let mut out = Vec::new();
        find_credits(p, &mut out);
        out
    }

    #[test]
    fn reads_wire_credits() {
        assert_eq!(credits("[Seoul=Newsis] Russia announced"), ["Newsis"]);
        assert_eq!(credits("[서울=뉴시스]"), ["Newsis"]);
        assert_eq!(credits("MOSCOW (Reuters) - Russia said"), ["Reuters"]);
        assert_eq!(credits("WASHINGTON (AP) — The president"), ["AP"]);
        assert_eq!(credits("The talks ended. — Agence France-Presse"), ["AFP"]);
        assert_eq!(credits("at the station. 2024.11.02 Moscow = AP/Newsis"), ["AP", "Newsis"]);
        assert!(credits("The mayor (a Democrat) said AP-style rules - or not").is_empty());
        assert!(find_credits("[서울=뉴시스]", &mut Vec::new()));
        assert!(!find_credits("[Seoul=Newsis] Russia said", &mut Vec::new()));
    }
}
