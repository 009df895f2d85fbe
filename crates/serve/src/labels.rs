//! Readable labels: "Russia → North Korea: Express intent to cooperate (030)". Country names
//! come from the actor data (`data/actors/countries.tsv`), role words from
//! `data/actors/agents.tsv`, event names from the CAMEO table (`dyad_core::EventCodes`).

use dyad_core::{EventCodes, EventRecord};
use std::collections::HashMap;
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../../../data/actors/countries.tsv");
const AGENTS: &str = include_str!("../../../data/actors/agents.tsv");

struct Names {
    countries: HashMap<&'static str, &'static str>,
    roles: HashMap<&'static str, &'static str>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let rows = |tsv: &'static str| {
            tsv.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.split('\t').collect::<Vec<_>>())
        };
        let mut countries = HashMap::new();
        for f in rows(COUNTRIES) {
            if let [code, name, ..] = f.as_slice() {
                countries.entry(*code).or_insert(*name);
            }
        }
        // A role's name: the first word listed for it as a group ("GOV" → "government").
        let mut roles = HashMap::new();
        for f in rows(AGENTS) {
            if let [code, kind, words, ..] = f.as_slice() {
                if *code != "-" && *kind == "group" {
                    if let Some(first) = words.split(';').next().filter(|w| !w.is_empty()) {
                        roles.entry(*code).or_insert(first);
                    }
                }
            }
        }
        Names { countries, roles }
    })
}

/// The name of a country code ("RUS" → "Russia"), if the actor data has it.
pub fn country_name(code: &str) -> Option<&'static str> {
    names().countries.get(code).copied()
}

/// Country codes whose name contains `words` (case-insensitive).
pub fn countries_named(words: &str) -> Vec<String> {
    let w = words.to_lowercase();
    let mut out: Vec<String> = names()
        .countries
        .iter()
        .filter(|(_, name)| name.to_lowercase().contains(&w))
        .map(|(code, _)| code.to_string())
        .collect();
    out.sort();
    out
}

/// A readable name for an actor code: "Russia", "Russia (government)", or the code itself
/// when its country is unknown.
pub fn actor_name(code: &str, country: &str) -> String {
    let Some(name) = (!country.is_empty()).then(|| country_name(country)).flatten() else {
        return code.to_string();
    };
    let rest = code.strip_prefix(country).unwrap_or("");
    let roles: Vec<String> = rest
        .as_bytes()
        .chunks(3)
        .map(|c| {
            let c = std::str::from_utf8(c).unwrap_or("");
            names().roles.get(c).map_or_else(|| c.to_string(), |w| w.to_string())
        })
        .collect();
    if roles.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({})", roles.join(", "))
    }
}

/// The CAMEO name of an event code.
pub fn cameo_name(code: &str) -> String {
    EventCodes::get().lookup(code).map_or_else(|| "unknown code".to_string(), |c| c.name.clone())
}

/// "Russia → North Korea: Express intent to cooperate (030)"; without a target, "Russia: …".
pub fn event_label(r: &EventRecord) -> String {
    let source = actor_name(&r.source.code, &r.source.country);
    let who = match &r.target {
        Some(t) => format!("{source} → {}", actor_name(&t.code, &t.country)),
        None => source,
    };
    format!("{who}: {} ({})", cameo_name(&r.cameo), r.cameo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_from_the_data() {
        assert_eq!(actor_name("RUS", "RUS"), "Russia");
        assert_eq!(actor_name("PRKGOV", "PRK"), "North Korea (government)");
        assert_eq!(actor_name("IGOUNO", ""), "IGOUNO");
        assert_eq!(cameo_name("030"), "Express intent to cooperate");
        assert!(countries_named("korea").contains(&"PRK".to_string()));
    }
}
