//! A view of one parsed sentence for the pattern engine: heads and children, upper-case forms
//! and lemmas, and the actor mention that covers each token. Public for [`v2_relation`] only:
//! readers of UD v1 parses (the PETRARCH validation records) map relations the way the coder
//! expects them.

use crate::error::TreeError;
use dyad_core::{Document, Span, Upos};

pub(crate) struct Tree<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) sentence: usize,
    /// Index of the sentence's first token in `doc.tokens`.
    pub(crate) first: usize,
    /// Head of each token (0-based within the sentence), `None` for the root.
    pub(crate) head: Vec<Option<usize>>,
    pub(crate) children: Vec<Vec<usize>>,
    pub(crate) form: Vec<String>,
    pub(crate) lemma: Vec<String>,
    /// UD relation, mapped to UD v2 names (`dobj` → `obj`, `nsubjpass` → `nsubj:pass`).
    pub(crate) rel: Vec<String>,
    pub(crate) upos: Vec<Upos>,
    /// Index into `doc.mentions` of the smallest mention with actors covering the token.
    pub(crate) mention: Vec<Option<u32>>,
}

/// "Ethiopia has broken relations with Libya" parsed with "broken" as an adjective of
/// "relations" (a typical parser error: the participle tagged VERB, yet hung on the noun after
/// it as `amod`, right after a form of *have*): make the participle the clause's verb, with the
/// auxiliary, the noun as its object, and the clause's subject and other clause dependents.
fn repair_perfect_read_as_adjective(
    head: &mut [Option<usize>],
    rel: &mut [String],
    upos: &[Upos],
    lemma: &[String],
) {
    for v in 1..head.len() {
        let aux = v - 1;
        let noun = v + 1;
        if upos[v] != Upos::VERB
            || rel[v] != "amod"
            || head[v] != Some(noun)
            || upos[aux] != Upos::AUX
            || lemma[aux] != "HAVE"
            || !matches!(upos.get(noun), Some(Upos::NOUN | Upos::PROPN))
        {
            continue;
        }
        // Where the clause hangs: on the auxiliary ("has" read as the main verb), or on the
        // noun (the noun read as the root, the auxiliary already on the participle).
        let clause = if head[aux] == Some(v) { noun } else { aux };
        if clause == aux && head[noun] != Some(aux) {
            continue;
        }
        head[v] = head[clause];
        rel[v] = rel[clause].clone();
        for k in 0..head.len() {
            let clause_level = rel[k].starts_with("nsubj")
                || rel[k].starts_with("csubj")
                || matches!(rel[k].split(':').next(), Some("punct" | "advcl" | "parataxis" | "aux" | "mark"));
            if head[k] == Some(clause) && k != v && (clause == aux || clause_level) {
                head[k] = Some(v);
            }
        }
        head[aux] = Some(v);
        rel[aux] = "aux".into();
        head[noun] = Some(v);
        rel[noun] = "obj".into();
    }
}

/// "Japan on Friday lifted sanctions on Iran" parsed with the verb as an adjective of the noun
/// after it and that noun as the sentence's root (a time phrase between subject and verb
/// misleads the parser): a past-tense verb (`VBD`) hung as `amod` on the root noun right after
/// it, in a sentence with no verb at its root, is the root. The noun becomes its object; the
/// noun's dependents before the verb (the subject, the time phrase) and clause-level ones go
/// to the verb.
fn repair_verb_read_as_modifier(
    head: &mut [Option<usize>],
    rel: &mut [String],
    upos: &[Upos],
    xpos: &[&str],
) {
    for v in 0..head.len() {
        let noun = v + 1;
        if upos[v] != Upos::VERB
            || xpos[v] != "VBD"
            || rel[v] != "amod"
            || head[v] != Some(noun)
            || rel.get(noun).map(String::as_str) != Some("root")
            || !matches!(upos[noun], Upos::NOUN | Upos::PROPN)
        {
            continue;
        }
        head[v] = None;
        rel[v] = "root".into();
        for k in 0..head.len() {
            if head[k] != Some(noun) || k == v {
                continue;
            }
            let clause_level = rel[k].starts_with("nsubj")
                || matches!(rel[k].split(':').next(), Some("punct" | "advcl" | "parataxis" | "conj" | "cc"));
            if k < v || clause_level {
                head[k] = Some(v);
            }
        }
        head[noun] = Some(v);
        rel[noun] = "obj".into();
        // Words hung on the verb before it that the parser read as its modifiers ("Friday" as
        // a compound) are its time adjuncts.
        for k in 0..v {
            if head[k] == Some(v) && rel[k] == "compound" {
                rel[k] = "obl:tmod".into();
            }
        }
        return;
    }
}

/// "A Zimbabwean court on Tuesday freed activist pastor Evan Mawarire" parsed with the subject
/// noun as the root and the verb as an adjective of the object's head further on (the time
/// phrase again misleads the parser): a past-tense verb (`VBD`) hung as `amod` on a noun after
/// it, in a sentence whose root is a noun before the verb and which has no verb at its root,
/// is the root; the old root is its subject, the noun its object, and the words between them
/// the parser hung on that noun (the time phrase) and the root's clause-level dependents go to
/// the verb.
fn repair_verb_read_as_subject_modifier(
    head: &mut [Option<usize>],
    rel: &mut [String],
    upos: &[Upos],
    xpos: &[&str],
) {
    let Some(root) = (0..head.len()).find(|&k| head[k].is_none()) else { return };
    if !matches!(upos[root], Upos::NOUN | Upos::PROPN) {
        return;
    }
    for v in root + 1..head.len() {
        let Some(noun) = head[v] else { continue };
        if upos[v] != Upos::VERB
            || xpos[v] != "VBD"
            || rel[v] != "amod"
            || noun <= v
            || !matches!(upos[noun], Upos::NOUN | Upos::PROPN)
            // The object hangs on the root, directly or through one noun.
            || !(head[noun] == Some(root) || head[noun].is_some_and(|h| head[h] == Some(root)))
        {
            continue;
        }
        head[v] = None;
        rel[v] = "root".into();
        for k in 0..head.len() {
            if k == v {
                continue;
            }
            // The time phrase between subject and verb, hung on the object.
            if head[k] == Some(noun) && k < v {
                head[k] = Some(v);
            }
            let clause_level = matches!(rel[k].split(':').next(), Some("punct" | "advcl" | "parataxis"));
            if head[k] == Some(root) && (k > v || clause_level) && k != noun {
                head[k] = Some(v);
            }
        }
        head[root] = Some(v);
        rel[root] = "nsubj".into();
        head[noun] = Some(v);
        rel[noun] = "obj".into();
        return;
    }
}

/// "Arnor will abandon improved relations with Gondor" parsed with the participle as the
/// verb's `xcomp` and the noun as the participle's object: a past participle right after a
/// verb that has no object of its own, with its "object" right behind it, is that noun's
/// adjective. Make it `amod` of the noun and the noun the verb's object; the participle's
/// other dependents go to the noun (`nmod`) or to the verb (clause-level ones).
fn repair_participle_read_as_complement(
    head: &mut [Option<usize>],
    rel: &mut [String],
    upos: &[Upos],
    xpos: &[&str],
) {
    for p in 1..head.len() {
        let v = p - 1;
        if upos[p] != Upos::VERB
            || !matches!(xpos[p], "VBN" | "VBD")
            || rel[p] != "xcomp"
            || head[p] != Some(v)
            || upos[v] != Upos::VERB
            || (0..head.len()).any(|k| head[k] == Some(v) && rel[k] == "obj")
        {
            continue;
        }
        let Some(noun) = (p + 1..head.len()).find(|&k| head[k] == Some(p) && rel[k] == "obj") else {
            continue;
        };
        // Only the noun's own modifiers between the participle and the noun.
        if !matches!(upos[noun], Upos::NOUN | Upos::PROPN) || (p + 1..noun).any(|k| head[k] != Some(noun)) {
            continue;
        }
        for k in 0..head.len() {
            if head[k] == Some(p) && k != noun {
                head[k] = Some(if rel[k].starts_with("nmod") { noun } else { v });
            }
        }
        head[p] = Some(noun);
        rel[p] = "amod".into();
        head[noun] = Some(v);
        rel[noun] = "obj".into();
    }
}

/// "Tony Blair said Labour would set out plans and attacked the Tory plans" parsed with
/// "attacked" coordinated with "set out", the modal verb of the reported clause: a verb of
/// the speech verb's own tense, with no subject or auxiliary of its own, cannot share the
/// modal's, and continues the speech verb's sentence (Blair attacked). Hang it on the speech
/// verb.
fn repair_conjunct_of_reporting_verb(head: &mut [Option<usize>], rel: &[String], xpos: &[&str]) {
    for c in 0..head.len() {
        let Some(h) = head[c] else { continue };
        let Some(s) = head[h] else { continue };
        if rel[c] != "conj" || rel[h] != "ccomp" || !matches!(xpos[c], "VBD" | "VBZ") || xpos[c] != xpos[s] {
            continue;
        }
        let modal = (0..head.len()).any(|k| head[k] == Some(h) && rel[k] == "aux" && xpos[k] == "MD");
        let own_clause = (0..head.len())
            .any(|k| head[k] == Some(c) && (rel[k].starts_with("nsubj") || rel[k].starts_with("aux")));
        if modal && !own_clause {
            head[c] = Some(s);
        }
    }
}

/// "Taliban fighters overran an army base, officials said Tuesday, killing 17 soldiers" parsed
/// with "killing" an adverbial of "said": a participle clause after a parenthetical report
/// (its content comes before the reporting verb) continues the content, not the report.
/// Hang it on the content's verb. `reporting` says which tokens are reporting verbs.
fn repair_participle_after_parenthetical(
    head: &mut [Option<usize>],
    rel: &[String],
    xpos: &[&str],
    reporting: &dyn Fn(usize) -> bool,
) {
    for v in 0..head.len() {
        let Some(s) = head[v] else { continue };
        if rel[v] != "advcl" || xpos[v] != "VBG" || v < s || !reporting(s) {
            continue;
        }
        let content = (0..s).find(|&c| head[c] == Some(s) && rel[c] == "ccomp");
        let own =
            (0..head.len()).any(|k| head[k] == Some(v) && (rel[k].starts_with("nsubj") || rel[k] == "mark"));
        if let (Some(c), false) = (content, own) {
            head[v] = Some(c);
        }
    }
}

/// "Nepal has tightened borders and imposed blockades" parsed with the second verb as an
/// adjective of its object, coordinated with the first verb's object: a verb of the first
/// verb's own form (past, participle) right after "and", hung as `amod` on the next word, a
/// conjunct of that verb's object, is the first verb's conjunct, with that word its object.
fn repair_conjoined_verb_read_as_modifier(
    head: &mut [Option<usize>],
    rel: &mut [String],
    upos: &[Upos],
    xpos: &[&str],
    is_and: &dyn Fn(usize) -> bool,
) {
    for k in 1..head.len().saturating_sub(1) {
        let noun = k + 1;
        if upos[k] != Upos::VERB || rel[k] != "amod" || head[k] != Some(noun) || !is_and(k - 1) {
            continue;
        }
        let Some(object) = head[noun].filter(|_| rel[noun] == "conj") else { continue };
        let Some(verb) = head[object].filter(|_| rel[object] == "obj") else { continue };
        if upos[verb] != Upos::VERB || xpos[verb] != xpos[k] || verb > k {
            continue;
        }
        head[k] = Some(verb);
        rel[k] = "conj".into();
        head[noun] = Some(k);
        rel[noun] = "obj".into();
        if head[k - 1] == Some(noun) {
            head[k - 1] = Some(k);
        }
    }
}

/// "A car bombing by the Islamic State group killed at least 75 people, a monitor said Sunday"
/// parsed with the content's subject as a first subject of the reporting verb and the
/// content's verb as a relative clause on it: a reporting verb with two subjects, the later
/// one after a comma that follows the first one's phrase, whose first subject has a verb with
/// an object hung on it (not a gerund: a passive participle takes no object), says that
/// verb's clause. Make the verb the report's content (`ccomp`) with the first subject its own.
fn repair_content_read_as_relative(
    head: &mut [Option<usize>],
    rel: &mut [String],
    xpos: &[&str],
    is_comma: &dyn Fn(usize) -> bool,
    reporting: &dyn Fn(usize) -> bool,
) {
    for v in 0..head.len() {
        if !reporting(v) {
            continue;
        }
        let subjects: Vec<usize> = (0..v).filter(|&k| head[k] == Some(v) && rel[k] == "nsubj").collect();
        let [first, second] = subjects[..] else { continue };
        let Some(verb) = (first + 1..second).find(|&k| {
            head[k] == Some(first)
                && rel[k] == "acl"
                && matches!(xpos[k], "VBD" | "VBZ" | "VBP" | "VBN")
                && (0..head.len()).any(|o| head[o] == Some(k) && rel[o] == "obj")
        }) else {
            continue;
        };
        if !(verb + 1..second).any(is_comma) {
            continue;
        }
        head[verb] = Some(v);
        rel[verb] = "ccomp".into();
        head[first] = Some(verb);
    }
}

/// "Mugabe warned the High Commissioner that his government would expel him" parsed with the
/// content as a relative clause on the one told: a clause on a reporting verb's object that
/// opens with the subordinator "that" (a relative "that" would be its subject or object, not
/// its marker) and has a subject of its own says what was reported. Make it the verb's
/// content (`ccomp`).
fn repair_that_clause_read_as_relative(
    head: &mut [Option<usize>],
    rel: &mut [String],
    is_that_marker: &dyn Fn(usize) -> bool,
    reporting: &dyn Fn(usize) -> bool,
) {
    for k in 0..head.len() {
        let Some(object) = head[k].filter(|_| rel[k] == "acl:relcl") else { continue };
        let Some(v) = head[object].filter(|&v| rel[object] == "obj" && reporting(v)) else { continue };
        let marked = (0..k).any(|m| head[m] == Some(k) && rel[m] == "mark" && is_that_marker(m));
        let subject = (0..k).any(|m| head[m] == Some(k) && rel[m].starts_with("nsubj"));
        if marked && subject {
            head[k] = Some(v);
            rel[k] = "ccomp".into();
        }
    }
}

/// "The new mayor left yesterday for Minas Tirith." parsed as a noun phrase: the noun as the
/// root and the only verb as its reduced relative clause (`acl`). A sentence whose one verb
/// hangs on a root noun that way has no predicate at all, which news sentences nearly always
/// have: make the verb the root and the noun its subject, with the words after the verb that
/// hung on the noun (the final stop, say).
fn repair_predicate_read_as_relative(head: &mut [Option<usize>], rel: &mut [String], upos: &[Upos]) {
    let Some(root) = head.iter().position(Option::is_none) else { return };
    if !matches!(upos[root], Upos::NOUN | Upos::PROPN) {
        return;
    }
    // On the root noun, or on an apposition to it ("Twenty New People's Army (NPA) rebels
    // surrendered to the police").
    let on_subject = |k: usize| {
        head[k] == Some(root) || head[k].is_some_and(|a| a < k && rel[a] == "appos" && head[a] == Some(root))
    };
    let Some(verb) =
        (root + 1..head.len()).find(|&k| on_subject(k) && rel[k] == "acl" && upos[k] == Upos::VERB)
    else {
        return;
    };
    if (0..head.len()).any(|k| head[k] == Some(verb) && (rel[k].starts_with("nsubj") || rel[k] == "mark")) {
        return;
    }
    // No other verb or auxiliary outside the clause. Membership is memoised along each walk
    // up the tree, so the check stays linear on long sentences.
    let mut inside: Vec<Option<bool>> = vec![None; head.len()];
    inside[verb] = Some(true);
    inside[root] = Some(false);
    let mut path = Vec::new();
    for (k, &pos) in upos.iter().enumerate() {
        let mut at = k;
        let answer = loop {
            if let Some(known) = inside[at] {
                break known;
            }
            path.push(at);
            match head[at] {
                Some(h) => at = h,
                None => break false,
            }
        };
        for &j in &path {
            inside[j] = Some(answer);
        }
        path.clear();
        if !answer && matches!(pos, Upos::VERB | Upos::AUX) {
            return;
        }
    }
    for h in head.iter_mut().skip(verb + 1) {
        if *h == Some(root) {
            *h = Some(verb);
        }
    }
    head[verb] = None;
    rel[verb] = "root".into();
    head[root] = Some(verb);
    rel[root] = "nsubj".into();
}

/// "Washington - US President Donald Trump on Tuesday called …" parsed with the dateline's
/// place as the verb's subject and the real subject in apposition to it (the apposition is
/// the subject), or with the place as the root and the verb as a relative clause on it:
/// the first verb after the dateline (its first `dateline` words) that hangs on a root inside
/// it, with no subject of its own, is the root, the first noun after the dateline that hung on
/// the old root its subject, and the other words that hung there after the dateline its own.
fn repair_dateline_read_as_head(
    head: &mut [Option<usize>],
    rel: &mut [String],
    upos: &[Upos],
    dateline: usize,
) {
    let Some(root) = head.iter().position(Option::is_none) else { return };
    if dateline == 0 {
        return;
    }
    if root >= dateline {
        // The dateline's place read as the subject, the real one in apposition to it: the
        // apposition is the subject.
        for d in 0..dateline {
            let Some(v) = head[d].filter(|_| rel[d].starts_with("nsubj")) else { continue };
            if let Some(c) = (dateline..head.len()).find(|&c| head[c] == Some(d) && rel[c] == "appos") {
                head[c] = Some(v);
                rel[c] = rel[d].clone();
                rel[d] = "dep".into();
            }
        }
        return;
    }
    let on_root = |k: usize, head: &[Option<usize>]| head[k] == Some(root);
    let Some(verb) = (dateline..head.len()).find(|&k| {
        on_root(k, head)
            && upos[k] == Upos::VERB
            && !(0..head.len()).any(|c| head[c] == Some(k) && rel[c].starts_with("nsubj"))
    }) else {
        return;
    };
    let Some(subject) = (dateline..verb)
        .find(|&k| on_root(k, head) && matches!(upos[k], Upos::NOUN | Upos::PROPN | Upos::PRON))
    else {
        return;
    };
    for k in dateline..head.len() {
        if k != verb && on_root(k, head) {
            head[k] = Some(verb);
        }
    }
    rel[subject] = "nsubj".into();
    head[verb] = None;
    rel[verb] = "root".into();
    head[root] = Some(verb);
    rel[root] = "dep".into();
}

/// A capitalised name no dictionary knows is no actor inside a time expression ("at 1200 GMT",
/// "on Christmas Day"): it is unmapped from its tokens, so that no rule takes it for a
/// participant.
fn unmap_names_in_time_expressions(doc: &Document, sentence: Span, mention: &mut [Option<u32>]) {
    let timexes = doc.timexes_within(sentence);
    if timexes.is_empty() {
        return;
    }
    for m in mention.iter_mut() {
        let Some(mi) = *m else { continue };
        let name = &doc.mentions[mi as usize];
        if name.is_unresolved_name() && timexes.iter().any(|&t| doc.timexes[t].span.contains(name.span)) {
            *m = None;
        }
    }
}

/// "A Saudi-led strike on a school bus killed 40 children" parsed with the subject as a passive
/// one (`nsubj:pass`) of a finite verb that has no passive auxiliary and an object of its own:
/// such a verb is active, and its subject the one that acts.
fn repair_active_subject_read_as_passive(head: &[Option<usize>], rel: &mut [String], xpos: &[&str]) {
    for k in 0..rel.len() {
        let Some(v) = head[k].filter(|_| rel[k] == "nsubj:pass") else { continue };
        let children = || (0..rel.len()).filter(move |&c| head[c] == Some(v));
        let finite = matches!(xpos[v], "VBD" | "VBZ" | "VBP");
        if finite && !children().any(|c| rel[c] == "aux:pass") && children().any(|c| rel[c] == "obj") {
            rel[k] = "nsubj".to_string();
        }
    }
}

/// Relations at most this deep are followed; real parses are far shallower, and a bound keeps
/// pathological input (thousands of conjuncts) linear.
pub(crate) const MAX_DEPTH: usize = 64;

impl<'a> Tree<'a> {
    /// The tree of sentence `i`, or why it cannot be built (unparsed, heads out of range,
    /// cycles).
    pub(crate) fn new(doc: &'a Document, i: usize) -> Result<Tree<'a>, TreeError> {
        let s = &doc.sentences[i];
        let (first, end) = (s.tokens.0 as usize, s.tokens.1 as usize);
        if first > end || end > doc.tokens.len() {
            return Err(TreeError::TokenRange);
        }
        let toks = &doc.tokens[first..end];
        let n = toks.len();
        let mut head = Vec::with_capacity(n);
        for (k, t) in toks.iter().enumerate() {
            match t.head {
                None => return Err(TreeError::Unparsed { token: k + 1 }),
                Some(0) => head.push(None),
                Some(h) if (h as usize) <= n && h as usize != k + 1 => head.push(Some(h as usize - 1)),
                Some(h) => return Err(TreeError::HeadOutside { token: k + 1, head: h }),
            }
        }
        // Cycle check: every token reaches a root within n steps.
        for k in 0..n {
            let (mut at, mut steps) = (k, 0);
            while let Some(h) = head[at] {
                at = h;
                steps += 1;
                if steps > n {
                    return Err(TreeError::Cycle { token: k + 1 });
                }
            }
        }
        let form: Vec<String> = toks.iter().map(|t| doc.span_text(t.span).to_uppercase()).collect();
        let lemma: Vec<String> = toks
            .iter()
            .zip(&form)
            .map(|(t, f)| if t.lemma.is_empty() { f.clone() } else { t.lemma.to_uppercase() })
            .collect();
        let mut rel: Vec<String> = toks.iter().map(|t| v2_relation(&t.deprel)).collect();
        let upos: Vec<Upos> = toks.iter().map(|t| t.upos).collect();
        let xpos: Vec<&str> = toks.iter().map(|t| t.xpos.as_str()).collect();
        repair_perfect_read_as_adjective(&mut head, &mut rel, &upos, &lemma);
        repair_participle_read_as_complement(&mut head, &mut rel, &upos, &xpos);
        repair_verb_read_as_modifier(&mut head, &mut rel, &upos, &xpos);
        repair_verb_read_as_subject_modifier(&mut head, &mut rel, &upos, &xpos);
        repair_predicate_read_as_relative(&mut head, &mut rel, &upos);
        repair_conjunct_of_reporting_verb(&mut head, &rel, &xpos);
        repair_active_subject_read_as_passive(&head, &mut rel, &xpos);
        let reporting = |k: usize| {
            matches!(upos[k], Upos::VERB)
                && dyad_core::lexicon::reporting_verbs().get(&form[k].to_lowercase()).is_some()
        };
        repair_participle_after_parenthetical(&mut head, &rel, &xpos, &reporting);
        repair_conjoined_verb_read_as_modifier(&mut head, &mut rel, &upos, &xpos, &|k| {
            matches!(doc.span_text(toks[k].span), "and" | "but")
        });
        repair_content_read_as_relative(
            &mut head,
            &mut rel,
            &xpos,
            &|k| doc.span_text(toks[k].span) == ",",
            &reporting,
        );
        repair_that_clause_read_as_relative(&mut head, &mut rel, &|k| lemma[k] == "THAT", &reporting);
        let words: Vec<&str> =
            toks.iter().take(DATELINE_MAX_WORDS + 1).map(|t| doc.span_text(t.span)).collect();
        let dateline = match dateline_len(&words) {
            0 => place_before_dash(doc, toks, &words),
            n => n,
        };
        repair_dateline_read_as_head(&mut head, &mut rel, &upos, dateline);
        let mut children = vec![Vec::new(); n];
        for (k, h) in head.iter().enumerate() {
            if let Some(h) = h {
                children[*h].push(k);
            }
        }
        let mut mention = vec![None; n];
        let mut best_len = vec![usize::MAX; n];
        for m_i in doc.mentions_within(s.span) {
            let m = &doc.mentions[m_i];
            if m.actors.is_empty() && !m.is_unresolved_name() {
                continue;
            }
            // Tokens are in text order: visit only those inside the mention.
            let from = toks.partition_point(|t| t.span.start < m.span.start);
            for (k, t) in toks.iter().enumerate().skip(from) {
                if t.span.start >= m.span.end {
                    break;
                }
                if m.span.contains(t.span) && m.span.len() < best_len[k] {
                    best_len[k] = m.span.len();
                    mention[k] = Some(m_i as u32);
                }
            }
        }
        unmap_names_in_time_expressions(doc, s.span, &mut mention);
        // A hyphenated pair of names in one token ("Turkey-EU talks", "EU-US deal"), which no
        // one mention covers: the token stands for the first of them.
        for m_i in doc.mentions_within(s.span) {
            let m = &doc.mentions[m_i];
            if m.actors.is_empty() {
                continue;
            }
            let at = toks.partition_point(|t| t.span.start < m.span.start);
            if let Some(t) = toks.get(at) {
                let joined = t.span.start == m.span.start
                    && m.span.end < t.span.end
                    && doc.text[m.span.end as usize..].starts_with('-');
                if joined && mention[at].is_none() {
                    mention[at] = Some(m_i as u32);
                }
            }
        }
        // "We" and "I" in a quotation are its speaker ("'We are ready to negotiate with Israel,'
        // Mr Abbas said"): a speaker who is a state's official speaks for that state's side.
        for (k, t) in toks.iter().enumerate() {
            if mention[k].is_none() && t.upos == Upos::PRON && is_first_person(doc.span_text(t.span)) {
                mention[k] = speaker_quoting(doc, t.span);
            }
        }
        for m in mention.iter_mut().take(dateline) {
            *m = None;
        }
        Ok(Tree { doc, sentence: i, first, head, children, form, lemma, rel, upos, mention })
    }

    pub(crate) fn len(&self) -> usize {
        self.head.len()
    }

    /// The relation without its subtype ("obl" for "obl:tmod").
    pub(crate) fn base(&self, i: usize) -> &str {
        let rel = self.rel[i].as_str();
        rel.find(':').map_or(rel, |k| &rel[..k])
    }

    /// The preposition introducing nominal `i` ("WITH"), multi-word ones joined ("WITH RESPECT TO").
    pub(crate) fn preposition(&self, i: usize) -> Option<String> {
        let c = self.children[i].iter().copied().find(|&c| self.base(c) == "case" && c < i)?;
        let mut words = vec![self.form[c].clone()];
        words.extend(
            self.children[c].iter().filter(|&&f| self.base(f) == "fixed").map(|&f| self.form[f].clone()),
        );
        Some(words.join(" "))
    }

    pub(crate) fn is_verbal(&self, i: usize) -> bool {
        let has = |rel: &str| self.children[i].iter().any(|&c| self.base(c) == rel);
        match self.upos[i] {
            Upos::VERB | Upos::AUX => true,
            // The tagger's adjective with an auxiliary and an object is a verb it mistook
            // ("it would free 1,500 prisoners"): an adjective takes no object.
            Upos::ADJ => has("aux") && has("obj") && !has("cop"),
            // Likewise a noun with an object and nothing a noun has ("Israeli police shot a
            // protester", with "police shot" read as a compound): a noun takes no object.
            Upos::NOUN => {
                has("obj") && !has("det") && !has("case") && !has("cop") && self.rel[i] != "nmod:poss"
            }
            _ => false,
        }
    }

    /// Whether token `v` is a verb of speech (`data/lexicon/reporting_verbs.tsv`), by its form.
    pub(crate) fn is_speech_verb(&self, v: usize) -> bool {
        self.is_verbal(v) && dyad_core::lexicon::reporting_verbs().get(&self.word(v).to_lowercase()).is_some()
    }

    /// Tokens of the subtree of `i` (including `i`) in text order, not descending into children
    /// for which `skip(child)` is true.
    pub(crate) fn subtree(&self, i: usize, skip: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![(i, 0usize)];
        while let Some((t, depth)) = stack.pop() {
            out.push(t);
            if depth >= MAX_DEPTH {
                continue;
            }
            for &c in &self.children[t] {
                if !skip(c) {
                    stack.push((c, depth + 1));
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Global token index → byte span helpers.
    pub(crate) fn span(&self, i: usize) -> dyad_core::Span {
        self.doc.tokens[self.first + i].span
    }

    pub(crate) fn word(&self, i: usize) -> &str {
        self.doc.span_text(self.span(i))
    }
}

/// UD v1 relation names as UD v2 names, so that parses of either version code alike.
pub fn v2_relation(r: &str) -> String {
    match r {
        "dobj" => "obj".into(),
        "nsubjpass" => "nsubj:pass".into(),
        "csubjpass" => "csubj:pass".into(),
        "auxpass" => "aux:pass".into(),
        "nmod:agent" => "obl:agent".into(),
        "neg" => "advmod:neg".into(),
        "name" => "flat".into(),
        "mwe" => "fixed".into(),
        "nmod:tmod" => "obl:tmod".into(),
        "nmod:npmod" => "obl:npmod".into(),
        other => other.to_string(),
    }
}

/// How many words open the sentence as a dateline: a place, date and agency before a dash or
/// before the first word of the story ("PARIS (Reuters) -", "Tehran, March 15, IRNA -",
/// "Bogota, March 8 (IANS) The …"). Their names say where and who reported, not who acted.
/// Zero when the sentence opens otherwise ("Putin - Russia's president - said": no comma,
/// parenthesis or capitals make it a dateline).
const DATELINE_MAX_WORDS: usize = 12;

fn dateline_len(words: &[&str]) -> usize {
    const MAX_WORDS: usize = DATELINE_MAX_WORDS;
    let is_dash = |w: &str| matches!(w, "-" | "--" | "---" | "—" | "–");
    let capitalised = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let mut marked = false;
    for (k, &w) in words.iter().enumerate().take(MAX_WORDS) {
        if is_dash(w) {
            return if k > 0 && marked { k + 1 } else { 0 };
        }
        if w == ")" && k >= 2 && marked && words.get(k + 1).is_some_and(|n| capitalised(n) && !is_dash(n)) {
            return k + 1;
        }
        match w {
            "," | "(" | ")" | "." => marked |= w != ".",
            _ if capitalised(w) => {
                marked |= w.len() > 1 && w.chars().all(|c| !c.is_lowercase());
            }
            _ => return 0,
        }
    }
    0
}

/// "Washington - US President Donald Trump on Tuesday called …": one to three capitalised words
/// that the places layer knows as a place (or that name a capital), then a dash, open the
/// sentence as a dateline does, in mixed case; the number of words up to the dash, else 0.
fn place_before_dash(doc: &Document, toks: &[dyad_core::Token], words: &[&str]) -> usize {
    let is_dash = |w: &str| matches!(w, "-" | "--" | "—" | "–");
    let Some(dash) = words.iter().take(4).position(|w| is_dash(w)) else { return 0 };
    if dash == 0 || !words[..dash].iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return 0;
    }
    let span = Span::new(toks[0].span.start as usize, toks[dash - 1].span.end as usize);
    let a_place = doc.places_within(span).into_iter().any(|p| doc.places[p].span == span)
        || doc.mentions_within(span).into_iter().any(|m| {
            // A city that is a capital (its government's code), not a country's own name
            // ("Russia - the largest country - attacked").
            let m = &doc.mentions[m];
            m.span == span
                && m.entity_type == Some(dyad_core::EntityType::LOC)
                && m.actors.iter().all(|a| a.code.len() > 3)
        });
    if a_place {
        dash + 1
    } else {
        0
    }
}

/// First-person pronouns: in a quotation they stand for whoever is quoted.
fn is_first_person(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "i" | "me" | "my" | "we" | "us" | "our")
}

/// The mention of the speaker of the direct quotation holding `span`, where that speaker is
/// an actor: the mention as the quotation names its speaker ("He also said, “We …"), else
/// the one the quotation layer resolved it to.
fn speaker_quoting(doc: &Document, span: Span) -> Option<u32> {
    let with_actors = |m: &u32| doc.mentions.get(*m as usize).is_some_and(|m| !m.actors.is_empty());
    let quote =
        doc.quotes.iter().find(|q| q.kind == dyad_core::QuoteKind::Direct && q.content.contains(span))?;
    let as_named = quote.speaker_span.and_then(|named| {
        doc.mentions.iter().position(|m| m.span == named).map(|m| m as u32).filter(with_actors)
    });
    as_named.or(quote.speaker.filter(with_actors))
}

#[cfg(test)]
mod dateline_tests {
    use super::dateline_len;

    fn len(s: &str) -> usize {
        dateline_len(&s.split(' ').collect::<Vec<_>>())
    }

    #[test]
    fn datelines_are_place_date_and_agency_before_the_story() {
        assert_eq!(len("PARIS ( Reuters ) - Fighters loyal to him arrested"), 5);
        assert_eq!(len("Tehran , March 15 , IRNA - Secretary-General condemned"), 7);
        assert_eq!(len("Bogota , March 8 ( IANS ) The president rejected"), 7);
        assert_eq!(len("CAIRO -- Forces dismissed"), 2);
        assert_eq!(len("Putin - Russia 's president - said"), 0);
        assert_eq!(len("Russia and China - the two"), 0);
        assert_eq!(len("Iraqi warplanes carried out a raid"), 0);
    }
}
