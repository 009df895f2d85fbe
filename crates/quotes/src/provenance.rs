//! The provenance chain of a document: who said it first and who passed it on. Official
//! channels (the issuers of statements the article quotes) come first, then the agencies the
//! text cites ("according to TASS and KCNA"), then the wire credits ("[Seoul=Newsis]",
//! "(Yonhap)"), then the outlet that published this copy.

use crate::lexicon::Lexicon;
use crate::speakers::SpeakerKind;
use crate::Finding;
use dyad_core::Document;

/// One link of the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// The source's name (an agency under its canonical name).
    pub(crate) name: String,
    /// How the source passed the words on.
    pub(crate) role: Role,
}

/// How a source in the chain passed the words on; the chain is ordered by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The body whose statement is quoted (a ministry, a military).
    Official,
    /// A news agency the text cites as its channel.
    Agency,
    /// A wire credit of the story.
    Wire,
    /// The site or paper that published this copy.
    Outlet,
}

impl Role {
    /// The role as `doc.provenance` stores it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Official => "official",
            Role::Agency => "agency",
            Role::Wire => "wire",
            Role::Outlet => "outlet",
        }
    }
}

/// The chain for `doc`, from its findings, credits and outlet; each name once.
pub(crate) fn chain(doc: &Document, findings: &[Finding], lex: &Lexicon) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    let push = |name: String, role: Role, out: &mut Vec<Link>| {
        let name = name.trim().to_string();
        if !name.is_empty() && !out.iter().any(|l| l.name.eq_ignore_ascii_case(&name)) {
            out.push(Link { name, role });
        }
    };
    // Issuers of documents first: they are where the words originate.
    for f in findings {
        if let Some(sp) = &f.speaker {
            if sp.kind == SpeakerKind::Document {
                for n in &sp.names {
                    if lex.agency(&n.text).is_none()
                        && !lex.is_document_noun(n.text.rsplit(' ').next().unwrap_or(""))
                    {
                        push(n.text.clone(), Role::Official, &mut out);
                    }
                }
            }
        }
    }
    for f in findings {
        if let Some(sp) = &f.speaker {
            for n in &sp.names {
                if let Some(agency) = lex.agency(&n.text) {
                    push(agency.to_string(), Role::Agency, &mut out);
                }
            }
        }
    }
    let mut credits: Vec<String> = doc.meta.credits.clone();
    credits.extend(text_credits(&doc.text));
    for credit in credits {
        for agency in credit_agencies(&credit, lex) {
            push(agency, Role::Wire, &mut out);
        }
    }
    if let Some(outlet) = &doc.meta.outlet {
        push(outlet.clone(), Role::Outlet, &mut out);
    }
    out
}

/// Credits written in the text: "[Seoul=Newsis]", "[서울=뉴시스]", a dateline's "(Yonhap)".
fn text_credits(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        // Credits are short; do not scan far for the bracket's end.
        let window = &after[..after.char_indices().nth(40).map_or(after.len(), |(i, _)| i)];
        if let Some(close) = window.find(']') {
            let inner = &window[..close];
            if inner.contains('=') {
                out.push(inner.to_string());
            }
        }
        offset += open + 1;
        rest = &text[offset..];
    }
    // A dateline in the first line: "SEOUL, Nov. 2 (Yonhap) --".
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if let (Some(o), Some(c)) = (first.find('('), first.find(')')) {
        if o < c && c < 60 && first[c + 1..].trim_start().starts_with(['-', '—', '–']) {
            out.push(first[o + 1..c].to_string());
        }
    }
    out
}

/// The agencies a credit names: "[Seoul=Newsis]" → Newsis; "AP/Newsis" → AP, Newsis.
fn credit_agencies(credit: &str, lex: &Lexicon) -> Vec<String> {
    let body = credit.trim().trim_matches(['[', ']', '(', ')']);
    let body = body.rsplit('=').next().unwrap_or(body);
    body.split(['/', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| lex.agency(p).map_or_else(|| p.to_string(), str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_name_their_agencies() {
        let lex = Lexicon::builtin();
        assert_eq!(credit_agencies("[서울=뉴시스]", &lex), ["Newsis"]);
        assert_eq!(credit_agencies("AP/Newsis", &lex), ["AP", "Newsis"]);
        assert_eq!(text_credits("SEOUL, Nov. 2 (Yonhap) -- North Korea fired."), ["Yonhap"]);
    }
}
