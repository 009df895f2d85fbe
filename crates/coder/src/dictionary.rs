//! Verb dictionaries in the PETRARCH2 / UD-PETRARCH format (`CAMEO.2.0.txt` style), which is
//! also the notation of dyad's own dictionary (`data/verbs/dyad.verbs.txt`).
//!
//! The format, as this reader understands it:
//!
//! - `&NAME` starts a synonym set; `+WORD` or `+TWO WORDS` lines add members (a member may name
//!   another set, `+&OTHER`); a blank line or any other line ends it.
//! - `--- NAME [CODE] ---` starts a verb block with its default code.
//! - Lines naming verbs: `WORD {FORM FORM}` (explicit inflections) or `+WORD_PARTICLE {…}`
//!   (phrasal verbs), optionally with their own `[CODE]` that overrides the block's.
//! - `- PRE * POST [CODE]` patterns: words before and after the verb; `(PREP WORDS)` a
//!   prepositional phrase, `{WORDS}` a contiguous noun phrase, `&SET` a synonym set, `$` and `+`
//!   the positions of source and target, `^` a skipped word, `%` a compound (reciprocal) subject.
//! - `CODE:CODE` gives the event of the source on the target and the one back ("visit" →
//!   042:043); `---` means "code nothing".
//! - `~ …` lines are transformations; they are counted and set aside, since the engine applies
//!   its own verb-on-verb rules (see the `transform` module).
//! - `#` starts a comment; `<!-- -->` lines are comments.
//!
//! Errors name the file and line.

use crate::error::{CoderError, DictionaryProblem};
use std::collections::HashMap;
use std::sync::Arc;

/// Synonym sets as patterns use them: members with brackets stripped, shared by every pattern
/// that names the set (Phoenix's sets have hundreds of members and thousands of uses).
type SharedSets = HashMap<String, Arc<Vec<Vec<String>>>>;

/// One word of a pattern: alternatives, each a sequence of upper-case words (a synset member
/// may be several words: "SWISS FRANCS").
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Words {
    pub(crate) alternatives: Arc<Vec<Vec<String>>>,
    /// What was written, for explanations ("&CURRENCY", "TIES").
    pub(crate) written: String,
    /// The first bytes of the alternatives' first words, as a 256-bit set, when each of those
    /// words has two bytes or more: a token whose form and lemma start with none of them
    /// matches no alternative (see `engine::word_matches`). `None`: no such shortcut.
    pub(crate) first_bytes: Option<[u64; 4]>,
}

impl Words {
    pub(crate) fn new(alternatives: Arc<Vec<Vec<String>>>, written: String) -> Words {
        let mut set = [0u64; 4];
        let mut usable = true;
        for alt in alternatives.iter() {
            match alt.first().map(|w| w.as_bytes()) {
                Some([b, _, ..]) => set[usize::from(*b >> 6)] |= 1 << (b & 63),
                _ => usable = false,
            }
        }
        Words { alternatives, written, first_bytes: usable.then_some(set) }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Elem {
    Word(Words),
    /// `{A B}`: consecutive words.
    Phrase(Vec<Elem>),
    /// `(PREP …)`: a phrase introduced by a preposition.
    Prep(Words, Vec<Elem>),
    Source,
    Target,
    Skip,
}

/// What a pattern or verb codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Code {
    /// `---`: explicitly nothing.
    Null,
    /// The event of source on target, and optionally the event back.
    Event { forward: String, back: Option<String> },
}

impl Code {
    fn parse(s: &str) -> Code {
        let s = s.trim();
        if s.is_empty() || s.starts_with("---") {
            return Code::Null;
        }
        match s.split_once(':') {
            Some((a, b)) => Code::Event { forward: a.trim().to_string(), back: Some(b.trim().to_string()) },
            None => Code::Event { forward: s.to_string(), back: None },
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            Code::Null => "---".into(),
            Code::Event { forward, back: None } => forward.clone(),
            Code::Event { forward, back: Some(b) } => format!("{forward}:{b}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pattern {
    pub(crate) pre: Vec<Elem>,
    pub(crate) post: Vec<Elem>,
    /// `%`: the subject is a compound whose members act on each other.
    pub(crate) compound: bool,
    pub(crate) code: Code,
    /// Line in the dictionary file.
    pub(crate) line: usize,
    /// The pattern as written, for explanations.
    pub(crate) text: String,
}

impl Pattern {
    /// How many words the pattern requires: more specific patterns win.
    pub(crate) fn weight(&self) -> usize {
        fn count(e: &[Elem]) -> usize {
            e.iter()
                .map(|x| match x {
                    Elem::Word(_) => 2,
                    Elem::Phrase(v) => count(v),
                    Elem::Prep(_, v) => 2 + count(v),
                    _ => 0,
                })
                .sum()
        }
        count(&self.pre) + count(&self.post) + self.compound as usize
    }
}

/// One verb block: the verbs it lists share its patterns.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub(crate) name: String,
    pub(crate) code: Code,
    pub(crate) line: usize,
    pub(crate) patterns: Vec<Pattern>,
}

/// A verb as listed in a block: how to find it in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct VerbEntry {
    pub(crate) block: usize,
    /// Upper-case base form ("CORDON" for "+CORDON_OFF"); the lookup key of a form is enough
    /// for the engine, the tests use the base form to find a block's own verbs.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) lemma: String,
    /// Particles that must follow ("OFF").
    pub(crate) particles: Vec<String>,
    /// Overrides the block's default code.
    pub(crate) code: Option<Code>,
    pub(crate) line: usize,
}

/// A parsed verb dictionary.
#[derive(Debug, Clone, Default)]
pub(crate) struct VerbDictionary {
    pub(crate) file: String,
    pub(crate) blocks: Vec<Block>,
    /// Upper-case word form or lemma → entries.
    pub(crate) by_word: HashMap<String, Vec<VerbEntry>>,
    pub(crate) synsets: HashMap<String, Vec<Vec<String>>>,
    /// How many `~` transformation lines were read and set aside.
    pub(crate) transformations: usize,
    /// Blocks before this index are the dictionary's own; later ones were added by
    /// [`VerbDictionary::add_missing_verbs`] and yield to the own ones on every word.
    pub(crate) own_blocks: usize,
    /// The name prefixes of the added blocks ("phoenix/").
    added_prefixes: Vec<String>,
    /// PETRARCH's reading of a passive with no "by" agent: the first actor after the verb acts
    /// ("Gondor was linked to the Orcs": the Orcs). dyad's own reading takes only an actor
    /// "by" introduces or the state the act happened in.
    pub(crate) petrarch_passives: bool,
}

impl VerbDictionary {
    /// Entries for a token's upper-case lemma and form, the dictionary's own first. When the own
    /// verbs have the bare word, verbs added from another dictionary are not consulted; when
    /// they have only phrasal verbs of it ("+PAY_VISIT"), the added ones follow them.
    pub(crate) fn lookup(&self, lemma: &str, form: &str) -> Vec<&VerbEntry> {
        let mut out = self.lookup_all(lemma, form);
        let own = |e: &&VerbEntry| e.block < self.own_blocks;
        if out.iter().any(|e| own(e) && e.particles.is_empty()) {
            out.retain(own);
        } else {
            // Stable: own entries keep their order, then the added ones.
            out.sort_by_key(|e| !own(e));
        }
        out
    }

    /// Whether a block (by name) came from an added dictionary.
    pub(crate) fn is_added_block(&self, name: &str) -> bool {
        self.added_prefixes.iter().any(|p| name.starts_with(p.as_str()))
    }

    /// The lemmatiser cuts an inflection of a verb it never saw down to the stem ("EXTRADITED"
    /// → EXTRADIT, "FINED" → FIN); where the stem is no verb here, the word with its silent
    /// "e" restored, to be looked up too.
    pub(crate) fn with_silent_e(&self, lemma: &str, form: &str) -> Option<String> {
        (!lemma.ends_with('E')
            && ["ED", "ES", "ING"].iter().any(|s| form.ends_with(s))
            && !self.by_word.contains_key(lemma))
        .then(|| format!("{lemma}E"))
    }

    fn lookup_all(&self, lemma: &str, form: &str) -> Vec<&VerbEntry> {
        let mut out: Vec<&VerbEntry> = Vec::new();
        let with_e = self.with_silent_e(lemma, form);
        // The form first: a form listed as a verb of its own ("LEFT") beats its lemma ("LEAVE").
        for key in [form, lemma].into_iter().chain(with_e.as_deref()) {
            if let Some(v) = self.by_word.get(key) {
                for e in v {
                    if !out.iter().any(|o| o.block == e.block && o.particles == e.particles) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// Adds the verbs of `other` that this dictionary lacks, with their blocks (named
    /// `PREFIX/NAME`). A verb is lacking when no own entry has its lemma and particles and none
    /// of its word forms is an own verb word: a verb this dictionary has keeps its own patterns
    /// whole (the engine matches one block per verb, so patterns are not mixed across
    /// dictionaries).
    pub(crate) fn add_missing_verbs(&mut self, other: VerbDictionary, prefix: &str) {
        use std::collections::{BTreeMap, HashSet};
        let own_verbs: HashSet<(&str, &[String])> =
            self.by_word.values().flatten().map(|e| (e.lemma.as_str(), e.particles.as_slice())).collect();
        let own_words: HashSet<&str> = self
            .by_word
            .iter()
            .filter(|(_, v)| v.iter().any(|e| e.particles.is_empty()))
            .map(|(k, _)| k.as_str())
            .collect();
        // A verb line of `other` with all its words: kept or skipped as a whole.
        let mut lines: BTreeMap<(usize, usize), Vec<(String, VerbEntry)>> = BTreeMap::new();
        for (key, entries) in other.by_word {
            for e in entries {
                lines.entry((e.block, e.line)).or_default().push((key.clone(), e));
            }
        }
        let kept: Vec<(String, VerbEntry)> = lines
            .into_values()
            .filter(|words| {
                words.iter().all(|(key, e)| {
                    let has_verb = own_verbs.contains(&(e.lemma.as_str(), e.particles.as_slice()));
                    let has_word = e.particles.is_empty() && own_words.contains(key.as_str());
                    !has_verb && !has_word
                })
            })
            .flatten()
            .collect();
        let offset = self.blocks.len();
        self.own_blocks = self.own_blocks.min(offset);
        self.added_prefixes.push(format!("{prefix}/"));
        self.blocks
            .extend(other.blocks.into_iter().map(|b| Block { name: format!("{prefix}/{}", b.name), ..b }));
        for (key, mut e) in kept {
            e.block += offset;
            self.by_word.entry(key).or_default().push(e);
        }
    }

    /// `user`'s verbs over this dictionary's: a verb the user lists (same lemma and particles,
    /// or a bare verb with one of its word forms) keeps only the user's entry and patterns;
    /// the other verbs keep this dictionary's. The user's blocks are named `PREFIX/NAME` and
    /// count as own blocks, so this must be called before [`VerbDictionary::add_missing_verbs`].
    pub(crate) fn prefer(&mut self, user: VerbDictionary, prefix: &str) {
        use std::collections::HashSet;
        debug_assert!(self.added_prefixes.is_empty(), "prefer before adding other verbs");
        let user_verbs: HashSet<(String, Vec<String>)> =
            user.by_word.values().flatten().map(|e| (e.lemma.clone(), e.particles.clone())).collect();
        let user_words: HashSet<&String> = user
            .by_word
            .iter()
            .filter(|(_, v)| v.iter().any(|e| e.particles.is_empty()))
            .map(|(k, _)| k)
            .collect();
        // Verb lines of this dictionary the user's replace, whole: (block, line).
        let replaced: HashSet<(usize, usize)> = self
            .by_word
            .iter()
            .flat_map(|(key, entries)| entries.iter().map(move |e| (key, e)))
            .filter(|(key, e)| {
                user_verbs.contains(&(e.lemma.clone(), e.particles.clone()))
                    || (e.particles.is_empty() && user_words.contains(key))
            })
            .map(|(_, e)| (e.block, e.line))
            .collect();
        for entries in self.by_word.values_mut() {
            entries.retain(|e| !replaced.contains(&(e.block, e.line)));
        }
        self.by_word.retain(|_, v| !v.is_empty());
        let offset = self.blocks.len();
        self.blocks
            .extend(user.blocks.into_iter().map(|b| Block { name: format!("{prefix}/{}", b.name), ..b }));
        for (key, entries) in user.by_word {
            let list = self.by_word.entry(key).or_default();
            // The user's entries first: the engine takes the first bare entry of a word.
            let mut mine: Vec<VerbEntry> =
                entries.into_iter().map(|e| VerbEntry { block: e.block + offset, ..e }).collect();
            mine.append(list);
            *list = mine;
        }
        self.own_blocks = usize::MAX;
    }

    /// Parse a dictionary. `file` names it in errors. A pattern naming a synonym set the file
    /// does not define is an error.
    pub(crate) fn parse(text: &str, file: &str) -> Result<VerbDictionary, CoderError> {
        VerbDictionary::parse_with(text, file, true)
    }

    /// As [`VerbDictionary::parse`], but a pattern naming a set the file does not define never
    /// matches, as in PETRARCH: the field's validation dictionary has such a line
    /// (`{JOINT &DEFENSE &TREATY}`), and its suite is scored as PETRARCH reads it.
    pub(crate) fn parse_as_petrarch(text: &str, file: &str) -> Result<VerbDictionary, CoderError> {
        let mut dict = VerbDictionary::parse_with(text, file, false)?;
        dict.petrarch_passives = true;
        Ok(dict)
    }

    fn parse_with(text: &str, file: &str, strict_sets: bool) -> Result<VerbDictionary, CoderError> {
        let bad = |line: usize, problem: DictionaryProblem| CoderError::Dictionary {
            file: file.to_string(),
            line,
            problem,
        };
        let mut dict = VerbDictionary { file: file.to_string(), ..Default::default() };
        // Until other verbs are added, every block is the dictionary's own.
        dict.own_blocks = usize::MAX;
        // Synsets first: patterns may use a set defined later in the file.
        let mut current_set: Option<String> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = strip_comment(raw);
            let t = line.trim();
            if let Some(name) = t.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or("").to_string();
                if name.is_empty() {
                    return Err(bad(n + 1, DictionaryProblem::UnnamedSynonymSet));
                }
                dict.synsets.entry(name.clone()).or_default();
                current_set = Some(name);
                continue;
            }
            match (&current_set, t.strip_prefix('+')) {
                (Some(set), Some(member)) if !member.trim().is_empty() => {
                    let words: Vec<String> = member.split_whitespace().map(normalise_word).collect();
                    dict.synsets.entry(set.clone()).or_default().push(words);
                }
                (Some(_), _) if t.is_empty() => {}
                _ => current_set = None,
            }
        }
        expand_nested_sets(&mut dict.synsets);
        // Members may be bracketed phrases "(TO THE END)": strip the brackets.
        let shared: SharedSets = dict
            .synsets
            .iter()
            .map(|(name, members)| {
                let members = members
                    .iter()
                    .map(|m| m.iter().map(|x| x.trim_matches(|c| c == '(' || c == ')').to_string()).collect())
                    .collect();
                (name.clone(), Arc::new(members))
            })
            .collect();

        let mut block: Option<usize> = None;
        let mut in_sets = false;
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = strip_comment(raw);
            let t = line.trim();
            if t.is_empty() || t.starts_with("<!--") || t.starts_with("-->") {
                continue;
            }
            if t.starts_with('&') {
                in_sets = true;
                continue;
            }
            if t.starts_with("---") {
                in_sets = false;
                let (name, code) = parse_block_header(t)
                    .ok_or_else(|| bad(line_no, DictionaryProblem::BlockHeader(t.to_string())))?;
                dict.blocks.push(Block { name, code, line: line_no, patterns: Vec::new() });
                block = Some(dict.blocks.len() - 1);
                continue;
            }
            if t.starts_with('~') {
                dict.transformations += 1;
                continue;
            }
            if in_sets && t.starts_with('+') {
                continue;
            }
            let Some(b) = block else {
                // Text before the first block that is not a synset: tolerated headers.
                continue;
            };
            if t.starts_with('-') || t.starts_with('*') {
                let body = t.strip_prefix('-').unwrap_or(t).trim();
                let pattern =
                    parse_pattern(body, &shared, strict_sets, line_no).map_err(|p| bad(line_no, p))?;
                dict.blocks[b].patterns.push(pattern);
                continue;
            }
            // A verb line.
            let entries = parse_verb_line(t, b, line_no).map_err(|p| bad(line_no, p))?;
            for (key, entry) in entries {
                dict.by_word.entry(key).or_default().push(entry);
            }
        }
        Ok(dict)
    }
}

/// Removes `# comment` (but not `#` inside a code such as `[###]`).
fn strip_comment(line: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return &line[..i],
            _ => {}
        }
    }
    line
}

fn normalise_word(w: &str) -> String {
    w.trim().to_uppercase()
}

fn expand_nested_sets(sets: &mut HashMap<String, Vec<Vec<String>>>) {
    // A member "&OTHER" is replaced by OTHER's members; bounded depth guards against cycles.
    for _ in 0..4 {
        let snapshot = sets.clone();
        let mut changed = false;
        for members in sets.values_mut() {
            let mut out = Vec::new();
            for m in members.drain(..) {
                match m.as_slice() {
                    [one] if one.starts_with('&') => {
                        changed = true;
                        if let Some(inner) = snapshot.get(&one[1..]) {
                            out.extend(inner.iter().filter(|w| !(w.len() == 1 && w[0] == *one)).cloned());
                        }
                    }
                    _ => out.push(m),
                }
            }
            *members = out;
        }
        if !changed {
            break;
        }
    }
}

fn parse_block_header(t: &str) -> Option<(String, Code)> {
    let inner = t.trim_matches('-').trim();
    let open = inner.find('[');
    let name = match open {
        Some(i) => inner[..i].trim(),
        None => inner,
    };
    let code = match open {
        Some(i) => Code::parse(inner[i + 1..].split(']').next()?),
        None => Code::Null,
    };
    (!name.is_empty()).then(|| (name.to_string(), code))
}

/// `SAY {SAYS SAID SAYING} [010]`, `+CORDON_OFF {+CORDONED_OFF …}`.
fn parse_verb_line(
    t: &str,
    block: usize,
    line: usize,
) -> Result<Vec<(String, VerbEntry)>, DictionaryProblem> {
    let mut code = None;
    let mut rest = t.to_string();
    if let Some(i) = rest.find('[') {
        let j = rest[i..].find(']').ok_or(DictionaryProblem::UnclosedInVerbLine('['))? + i;
        code = Some(Code::parse(&rest[i + 1..j]));
        rest.replace_range(i..=j, " ");
    }
    let (head, forms) = match rest.find('{') {
        Some(i) => {
            let j = rest[i..].find('}').ok_or(DictionaryProblem::UnclosedInVerbLine('{'))? + i;
            (rest[..i].trim().to_string(), rest[i + 1..j].split_whitespace().map(String::from).collect())
        }
        None => (rest.trim().to_string(), Vec::<String>::new()),
    };
    let head = head.split_whitespace().next().unwrap_or("").to_string();
    if head.is_empty() {
        return Err(DictionaryProblem::NoVerb);
    }
    let mut out = Vec::new();
    let split = |w: &str| -> (String, Vec<String>) {
        let w = w.trim_start_matches('+').replace("_+", "_");
        let mut parts = w.split('_').filter(|p| !p.is_empty()).map(normalise_word);
        let lemma = parts.next().unwrap_or_default();
        (lemma, parts.collect())
    };
    let (lemma, particles) = split(&head);
    let entry = |l: &str, p: &[String]| VerbEntry {
        block,
        lemma: l.to_string(),
        particles: p.to_vec(),
        code: code.clone(),
        line,
    };
    out.push((lemma.clone(), entry(&lemma, &particles)));
    for f in forms {
        let (form, fp) = split(&f);
        out.push((form.clone(), entry(&lemma, &fp)));
    }
    Ok(out)
}

fn parse_pattern(
    body: &str,
    synsets: &SharedSets,
    strict_sets: bool,
    line: usize,
) -> Result<Pattern, DictionaryProblem> {
    let open = body.rfind('[').ok_or(DictionaryProblem::PatternWithoutCode)?;
    let close = body[open..].find(']').ok_or(DictionaryProblem::UnclosedCode)? + open;
    let code = Code::parse(&body[open + 1..close]);
    let words = &body[..open];
    let tokens = tokenise(words)?;
    let star = tokens.iter().position(|t| t == "*").ok_or(DictionaryProblem::PatternWithoutVerb)?;
    let mut compound = false;
    let mut parse_side = |toks: &[String]| -> Result<Vec<Elem>, DictionaryProblem> {
        let mut pos = 0;
        let elems = parse_elems(toks, &mut pos, (synsets, strict_sets), &mut compound, None)?;
        Ok(elems)
    };
    let pre = parse_side(&tokens[..star])?;
    let post = parse_side(&tokens[star + 1..])?;
    Ok(Pattern {
        pre,
        post,
        compound,
        code,
        line,
        text: body[..close + 1].split_whitespace().collect::<Vec<_>>().join(" "),
    })
}

fn tokenise(s: &str) -> Result<Vec<String>, DictionaryProblem> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' | ')' | '{' | '}' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(c.to_string());
            }
            c if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    // PETRARCH2 joins words to the verb and to markers with '_' ("IN_*", "SUGGESTED_+",
    // "DEMAND_&GENINT_CONVENTIONS"): split those, keep plain multi-word phrases ("WAR_CRIMES").
    let special = |p: &str| matches!(p, "*" | "+" | "$" | "%" | "^") || p.starts_with('&');
    let out: Vec<String> = out
        .into_iter()
        .flat_map(|t| {
            let parts: Vec<String> = t.split('_').filter(|p| !p.is_empty()).map(String::from).collect();
            if t.contains('_') && parts.iter().any(|p| special(p)) {
                parts
            } else {
                vec![t]
            }
        })
        .collect();
    let balance =
        |o: &str, c: &str| out.iter().filter(|t| *t == o).count() == out.iter().filter(|t| *t == c).count();
    if !balance("(", ")") || !balance("{", "}") {
        return Err(DictionaryProblem::UnbalancedBrackets);
    }
    Ok(out)
}

fn parse_elems(
    toks: &[String],
    pos: &mut usize,
    (synsets, strict_sets): (&SharedSets, bool),
    compound: &mut bool,
    until: Option<&str>,
) -> Result<Vec<Elem>, DictionaryProblem> {
    let mut out = Vec::new();
    while *pos < toks.len() {
        let t = toks[*pos].as_str();
        *pos += 1;
        match t {
            ")" | "}" => {
                if until == Some(t) {
                    return Ok(out);
                }
                return Err(DictionaryProblem::UnexpectedBracket(t.to_string()));
            }
            "(" => {
                let inner = parse_elems(toks, pos, (synsets, strict_sets), compound, Some(")"))?;
                let mut it = inner.into_iter();
                match it.next() {
                    Some(Elem::Word(prep)) => out.push(Elem::Prep(prep, it.collect())),
                    Some(other) => {
                        // "(TO THE END)" inside a synset or an odd group: keep as a phrase.
                        let mut v = vec![other];
                        v.extend(it);
                        out.push(Elem::Phrase(v));
                    }
                    None => {}
                }
            }
            "{" => {
                out.push(Elem::Phrase(parse_elems(toks, pos, (synsets, strict_sets), compound, Some("}"))?))
            }
            "$" => out.push(Elem::Source),
            "+" => out.push(Elem::Target),
            "^" => out.push(Elem::Skip),
            "%" => *compound = true,
            w if w.starts_with('&') => {
                // PETRARCH names sets with a trailing '_' ("&MILITARY_"), which the split of
                // joined words above takes off ("&MILITARY_AID": the set, then "AID").
                let name = &w[1..];
                let alternatives = synsets.get(name).or_else(|| synsets.get(&format!("{name}_"))).cloned();
                let alternatives = match alternatives {
                    Some(a) => a,
                    None if strict_sets => return Err(DictionaryProblem::UnknownSynonymSet(w.to_string())),
                    None => Default::default(),
                };
                out.push(Elem::Word(Words::new(alternatives, w.to_string())));
            }
            w => {
                let words: Vec<String> = w.split('_').filter(|p| !p.is_empty()).map(normalise_word).collect();
                if !words.is_empty() {
                    out.push(Elem::Word(Words::new(Arc::new(vec![words]), w.to_string())));
                }
            }
        }
    }
    if until.is_some() {
        return Err(DictionaryProblem::UnclosedBracket);
    }
    Ok(out)
}
