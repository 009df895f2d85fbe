//! Joint acts: a subject of two or more actors that meets, agrees, signs or cooperates acts
//! with its own members ("India and Pakistan agreed to a cease-fire": each the other's
//! target), not on what its object happens to name ("joint military exercises"). Which codes
//! are such acts is a list in `data/verbs/joint_acts.tsv`.

use std::sync::OnceLock;

const JOINT_ACTS: &str = include_str!("../../../data/verbs/joint_acts.tsv");

/// The code prefixes of the list, each with whether it includes (true) or excepts (false).
fn prefixes() -> &'static [(&'static str, bool)] {
    static PREFIXES: OnceLock<Vec<(&'static str, bool)>> = OnceLock::new();
    PREFIXES.get_or_init(|| {
        JOINT_ACTS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| match l.strip_prefix('!') {
                Some(p) => (p, false),
                None => (l, true),
            })
            .collect()
    })
}

/// Whether CAMEO `code` is an act that actors named together do with each other.
pub(crate) fn is_joint(code: &str) -> bool {
    prefixes()
        .iter()
        .filter(|(p, _)| code.starts_with(p))
        .max_by_key(|(p, _)| p.len())
        .is_some_and(|&(_, include)| include)
}

/// Whether verb `v` takes "each other" or "one another" as its object or oblique ("Airbus and
/// Boeing accuse each other"): whatever the act, the subject's members do it to each other.
pub(crate) fn acts_on_each_other(tree: &crate::tree::Tree, v: usize) -> bool {
    let pair = |a: &str, b: &str| matches!((a, b), ("EACH", "OTHER") | ("ONE", "ANOTHER"));
    tree.children[v].iter().any(|&c| {
        matches!(tree.base(c), "obj" | "iobj" | "obl")
            && tree.children[c]
                .iter()
                .any(|&d| pair(&tree.form[c], &tree.form[d]) || pair(&tree.form[d], &tree.form[c]))
    })
}

#[cfg(test)]
mod tests {
    use super::is_joint;

    #[test]
    fn meeting_signing_and_cooperating_are_joint_visiting_is_not() {
        for code in ["040", "046", "057", "062", "030", "036"] {
            assert!(is_joint(code), "{code}");
        }
        for code in ["042", "043", "070", "190", "051", "033"] {
            assert!(!is_joint(code), "{code}");
        }
    }
}
