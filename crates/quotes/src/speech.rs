//! Finding speech in raw text: which quoted stretches are quotations (and their cue and
//! speaker phrase as written), and which clauses are reported speech.
//!
//! A quoted stretch is speech when a reporting verb introduces it ("X said, “…”"), follows it
//! ("“…,” X said" / "said X"), or when it is a whole sentence on its own (continuing the last
//! speaker). A stretch after a determiner or a naming word ("a ‘nuclear alliance’", "a bulletin
//! titled “…”") is a scare quote or a title, not speech. Reported speech is a reporting verb with
//! a subject and a complement clause ("X said (that) …", "X told Y …"), a trailing cue
//! ("…, the JCS said."), or "according to X".

use crate::lexicon::{Complement, Lexicon};
use crate::words::{self, Word};
use dyad_core::{Document, QuoteKind, QuoteMarks};

/// One quoted stretch of the document's quote-mark layer, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quoted {
    /// Byte offset of the opening mark.
    pub(crate) open: usize,
    /// Content without the marks: `[start, end)`.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// End of the closing mark, or `end` when the quotation was not closed.
    pub(crate) close_end: usize,
    /// Whether a closing mark was found.
    pub(crate) closed: bool,
    /// Index of the quoted stretch this one continues (multi-paragraph quotation).
    pub(crate) continues: Option<usize>,
}

impl From<&QuoteMarks> for Quoted {
    fn from(q: &QuoteMarks) -> Quoted {
        Quoted {
            open: q.outer.start as usize,
            start: q.content.start as usize,
            end: q.content.end as usize,
            close_end: q.outer.end as usize,
            closed: q.closed,
            continues: q.continues.map(|c| c as usize),
        }
    }
}

/// The sentence spans of `doc` from the NLP layer. Without that layer, each paragraph (or
/// section, or the whole text) counts as one sentence: the stage does less, but still runs.
pub(crate) fn sentence_spans(doc: &Document) -> Vec<(usize, usize)> {
    let spans: Vec<(usize, usize)> = if !doc.sentences.is_empty() {
        doc.sentences.iter().map(|s| (s.span.start as usize, s.span.end as usize)).collect()
    } else if !doc.paragraphs.is_empty() {
        doc.paragraphs.iter().map(|p| (p.start as usize, p.end as usize)).collect()
    } else if !doc.sections.is_empty() {
        doc.sections.iter().map(|s| (s.span.start as usize, s.span.end as usize)).collect()
    } else {
        vec![(0, doc.text.len())]
    };
    // Only spans that are valid ranges of the text, in order: the layers may come from anywhere.
    let mut last = 0;
    spans
        .into_iter()
        .filter(|&(s, e)| {
            let ok = last <= s && s < e && doc.text.get(s..e).is_some();
            if ok {
                last = e;
            }
            ok
        })
        .collect()
}

/// Words after which a quoted stretch names or labels something instead of quoting speech.
const NAMING_POSITION: &[&str] = &[
    "a",
    "an",
    "the",
    "as",
    "titled",
    "entitled",
    "called",
    "named",
    "dubbed",
    "so-called",
    "headlined",
    "this",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "of",
    "term",
    "word",
];

/// Words skipped between a subject and its verb ("he also said", "the ministry has said").
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "also",
    "further",
    "then",
    "later",
    "again",
    "reportedly",
    "separately",
    "earlier",
    "previously",
    "once",
    "officially",
    "publicly",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "recently",
    "firmly",
    "repeatedly",
    "clearly",
    "explicitly",
    "strongly",
    "had",
    "once",
    "subsequently",
    "additionally",
    "finally",
];

/// Words that open a sentence before its subject ("Meanwhile, …", "In addition, …").
const INTRO_WORDS: &[&str] = &[
    "in",
    "at",
    "on",
    "after",
    "before",
    "during",
    "meanwhile",
    "previously",
    "however",
    "earlier",
    "later",
    "also",
    "additionally",
    "separately",
    "still",
    "yet",
    "then",
    "since",
    "while",
    "when",
    "as",
    "under",
    "following",
    "with",
    "from",
    "for",
    "by",
    "through",
    "despite",
    "amid",
    "besides",
    "moreover",
    "furthermore",
];

/// Words that cannot head a speaker phrase.
const FUNCTION_WORDS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could",
    "may", "might", "should", "must", "do", "does", "did", "not", "less", "more", "also", "too", "very",
    "it", "there", "here", "then", "now", "what", "which", "who", "that", "to", "as", "than", "so", "just",
    "only", "even",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];
const DETERMINERS: &[&str] =
    &["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"];
/// Words that end a subject phrase when walking back from its verb.
const CLAUSE_OPENERS: &[&str] =
    &["that", "which", "who", "whom", "when", "while", "because", "although", "where", "if"];
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "to", "for", "with", "by", "from", "about", "of", "during", "after", "before", "into",
    "as",
];

/// Punctuation that separates phrases; a subject never spans it.
const PHRASE_BREAKS: &[char] =
    &[',', ';', ':', '“', '”', '"', '«', '»', '「', '」', '‘', '(', ')', '—', '–', '.', '?', '!'];

/// One piece of speech as written, before its speaker is resolved.
#[derive(Debug, Clone)]
pub(crate) struct RawSpeech {
    pub(crate) kind: QuoteKind,
    pub(crate) content: (usize, usize),
    pub(crate) cue: Option<(usize, usize)>,
    /// The speaker phrase as written.
    pub(crate) subject: Option<(usize, usize)>,
    /// Where this speech enters the narrative, for speaker continuity.
    pub(crate) at: usize,
    /// Index (into the returned list) of the quotation this one continues or splits from:
    /// it shares that one's speaker.
    pub(crate) same_speaker_as: Option<usize>,
}

/// One document as the speech rules see it: its text, quoted stretches and sentences, and
/// which of the stretches turned out to be speech.
pub(crate) struct SpeechScan<'t> {
    pub(crate) text: &'t str,
    pub(crate) lex: &'t Lexicon,
    pub(crate) quoted: Vec<Quoted>,
    pub(crate) sentences: Vec<(usize, usize)>,
    /// Which quoted stretches are speech.
    speech: Vec<bool>,
}

/// A subject found for a verb.
enum Subject {
    Phrase(usize, usize),
    /// "… and said": the verb shares the subject of an earlier clause.
    Coordinated,
    None,
}

impl<'t> SpeechScan<'t> {
    /// A scan of `doc` over its sentence and quote-mark layers.
    pub(crate) fn new(doc: &'t Document, lex: &'t Lexicon) -> SpeechScan<'t> {
        let text = doc.text.as_str();
        let sentences = sentence_spans(doc);
        // Only stretches that are valid ranges of the text, in order; `continues` is renumbered
        // over what is kept.
        let mut kept_index: Vec<Option<usize>> = Vec::with_capacity(doc.quote_marks.len());
        let mut quoted: Vec<Quoted> = Vec::with_capacity(doc.quote_marks.len());
        for marks in &doc.quote_marks {
            let mut q = Quoted::from(marks);
            let last = quoted.last().map_or(0, |p| p.close_end);
            let ok = last <= q.open
                && q.open <= q.start
                && q.start <= q.end
                && q.end <= q.close_end
                && text.get(q.open..q.close_end).is_some()
                && text.get(q.start..q.end).is_some();
            if !ok {
                kept_index.push(None);
                continue;
            }
            q.continues = q.continues.and_then(|c| kept_index.get(c).copied().flatten());
            kept_index.push(Some(quoted.len()));
            quoted.push(q);
        }
        let speech = vec![false; quoted.len()];
        SpeechScan { text, lex, quoted, sentences, speech }
    }

    /// The sentence containing byte `at` (or the last one starting before it).
    fn sentence_of(&self, at: usize) -> usize {
        self.sentences.partition_point(|s| s.0 <= at).saturating_sub(1)
    }

    /// Words of `[from, to)` outside quoted stretches.
    fn outside_words(&self, from: usize, to: usize) -> Vec<Word<'t>> {
        let all = words::words(self.text, from, to);
        let mut q = self.quoted.partition_point(|s| s.close_end <= from);
        let mut out = Vec::with_capacity(all.len());
        for w in all {
            while q < self.quoted.len() && self.quoted[q].close_end <= w.start {
                q += 1;
            }
            let inside = q < self.quoted.len() && self.quoted[q].open <= w.start;
            if !inside {
                out.push(w);
            }
        }
        out
    }

    fn breaks_between(&self, a: &Word, b: &Word) -> bool {
        words::gap_has(self.text, a, b, PHRASE_BREAKS)
    }

    /// Whether a gap holds a comma, colon or semicolon (brackets allowed).
    fn clause_break_between(&self, a: &Word, b: &Word) -> bool {
        words::gap_has(self.text, a, b, &[',', ';', ':', '“', '”', '"', '.', '?', '!'])
    }

    /// A reporting verb in lower case: "State" in "the State Department" is a name.
    fn is_cue_verb(&self, w: &Word) -> bool {
        !w.is_capitalised() && self.lex.is_reporting_verb(w.text)
    }

    fn is_participle(&self, w: &Word) -> bool {
        w.lower().ends_with("ing")
    }

    /// The subject phrase that ends right before `ws[vi]`.
    fn subject_before(&self, ws: &[Word], vi: usize) -> Subject {
        let mut j = vi;
        while j > 0
            && (BETWEEN_SUBJECT_AND_VERB.iter().any(|a| ws[j - 1].is(a)) || ws[j - 1].lower().ends_with("ly"))
            && !self.breaks_between(&ws[j - 1], &ws[j])
        {
            j -= 1;
        }
        if j == 0 {
            return Subject::None;
        }
        if self.breaks_between(&ws[j - 1], &ws[j]) {
            // An apposition or inserted phrase between subject and verb: "Arseny Roginsky,
            // quoted by Vesti, said" / "Choe, the foreign minister, said".
            let gap_is_comma = self.text[ws[j - 1].end..ws[j].start].trim() == ",";
            let opener = (j.saturating_sub(12).max(1)..j)
                .rev()
                .find(|&i| words::gap_has(self.text, &ws[i - 1], &ws[i], &[',']))
                .filter(|&i| !ws[i].is_capitalised() || DETERMINERS.iter().any(|d| ws[i].is(d)));
            return match opener {
                Some(i) if gap_is_comma && (i..j - 1).all(|k| !self.breaks_between(&ws[k], &ws[k + 1])) => {
                    self.noun_phrase_ending_at(ws, i).map_or(Subject::None, |(s, e)| Subject::Phrase(s, e))
                }
                _ => Subject::None,
            };
        }
        if ws[j - 1].is("and") || ws[j - 1].is("but") {
            return Subject::Coordinated;
        }
        self.noun_phrase_ending_at(ws, j).map_or(Subject::None, |(s, e)| Subject::Phrase(s, e))
    }

    /// The noun phrase made of words before `ws[end]`, as long as it stays noun-like: names,
    /// determiners, speaker nouns and titles, "of"/"and"/"by", and up to two modifiers after a
    /// determiner ("the official statement", "a statement released by the Ministry").
    fn noun_phrase_ending_at(&self, ws: &[Word], end: usize) -> Option<(usize, usize)> {
        let head = ws.get(end.checked_sub(1)?)?;
        let lexical = |w: &Word| {
            self.lex.is_speaker_noun(w.text)
                || self.lex.title(w.text).is_some()
                || self.lex.is_document_noun(w.text)
        };
        let is_det = |w: &Word| DETERMINERS.iter().any(|d| w.is(d)) && !w.is("that");
        let head_ok = head.is_capitalised()
            || lexical(head)
            || PRONOUNS.iter().any(|p| head.is(p))
            || (end >= 2
                && !head.lower().ends_with("ly")
                && !FUNCTION_WORDS.iter().any(|f| head.is(f))
                && (is_det(&ws[end - 2]) || ws[end - 2].is_capitalised() || lexical(&ws[end - 2])));
        if !head_ok {
            return None;
        }
        if PRONOUNS.iter().any(|p| head.is(p)) {
            return Some((head.start, head.end));
        }
        let mut k = end - 1;
        while k > 0 && end - k < 12 && !self.breaks_between(&ws[k - 1], &ws[k]) {
            let w = &ws[k - 1];
            let noun_like = w.is_capitalised()
                || is_det(w)
                || lexical(w)
                || ["of", "and", "by", "from", "on", "for"].iter().any(|c| w.is(c))
                || w.stem_possessive().len() < w.text.len()
                || w.text.chars().all(|c| c.is_ascii_digit());
            if CLAUSE_OPENERS.iter().any(|o| w.is(o)) || self.is_cue_verb(w) {
                break;
            }
            if noun_like {
                k -= 1;
                continue;
            }
            // A modifier right after a determiner ("a new law", "A statement released by").
            match (1..=2).find(|&b| k > b && is_det(&ws[k - 1 - b])) {
                Some(b) if (k - 1 - b..k).all(|i| !self.breaks_between(&ws[i], &ws[i + 1])) => k -= 1 + b,
                _ => break,
            }
        }
        // A leading preposition, conjunction or intro adverb belongs outside: "On Tuesday the
        // minister said" → "the minister"; "in absentia and Israel said" → "Israel".
        while k < end - 1
            && (INTRO_WORDS.iter().any(|p| ws[k].is(p))
                || PREPOSITIONS.iter().any(|p| ws[k].is(p))
                || ws[k].is("and")
                || ws[k].is("of"))
        {
            match (k + 1..end).find(|&i| is_det(&ws[i]) || ws[i].is_capitalised()) {
                Some(i) => k = i,
                None => return None,
            }
        }
        self.valid_speaker_phrase(&ws[k..end]).then(|| (ws[k].start, ws[end - 1].end))
    }

    /// A speaker phrase after an inverted verb ("said Ri Sol Hwa, a senior official").
    fn subject_after(&self, ws: &[Word], vi: usize) -> Option<(usize, usize)> {
        let mut end = vi + 1;
        while end < ws.len()
            && end - vi <= 12
            && (end == vi + 1 || !self.breaks_between(&ws[end - 1], &ws[end]))
        {
            let w = &ws[end];
            if (PREPOSITIONS.iter().any(|p| w.is(p)) && !w.is("of"))
                || CLAUSE_OPENERS.iter().any(|o| w.is(o))
                || self.is_cue_verb(w)
            {
                break;
            }
            // A verb-like word ends the phrase: "said (Mr. Jen) probably committed".
            if !w.is_capitalised() && (w.lower().ends_with("ly") || FUNCTION_WORDS.iter().any(|f| w.is(f))) {
                break;
            }
            end += 1;
        }
        (end > vi + 1 && self.valid_speaker_phrase(&ws[vi + 1..end]))
            .then(|| (ws[vi + 1].start, ws[end - 1].end))
    }

    /// Whether words can name a speaker: a pronoun, a name, or a noun phrase headed by a
    /// speaker noun, title or document noun.
    fn valid_speaker_phrase(&self, ws: &[Word]) -> bool {
        let Some(last) = ws.last() else { return false };
        if ws.len() == 1 && PRONOUNS.iter().any(|p| last.is(p)) {
            return true;
        }
        if ws.iter().any(|w| PRONOUNS.iter().any(|p| w.is(p)) && !w.is("it")) && ws.len() > 1 {
            return false;
        }
        let lower: Vec<String> = ws.iter().map(|w| w.lower()).collect();
        ws.iter().any(|w| w.is_capitalised() && !DETERMINERS.iter().any(|d| w.is(d)))
            || self.lex.is_speaker_noun(last.text)
            || self.lex.title(last.text).is_some()
            || self.lex.ends_with_document_noun(&lower)
            || ws.iter().any(|w| self.lex.is_document_noun(w.text))
    }

    /// The subject of the clause a participle or coordinated verb belongs to: the subject of
    /// the nearest earlier reporting verb in the sentence, else the sentence's leading phrase.
    fn clause_subject(&self, ws: &[Word], vi: usize) -> Option<(usize, usize)> {
        for p in (vi.saturating_sub(60)..vi).rev() {
            if self.is_cue_verb(&ws[p]) && !self.is_participle(&ws[p]) {
                if let Subject::Phrase(s, e) = self.subject_before(ws, p) {
                    return Some((s, e));
                }
            }
        }
        self.leading_phrase(ws)
    }

    /// The noun phrase a sentence opens with, after an introductory phrase ("Meanwhile,
    /// Foreign Minister Choi started …" → "Foreign Minister Choi").
    fn leading_phrase(&self, ws: &[Word]) -> Option<(usize, usize)> {
        let start = self.main_start(ws);
        let mut end = start;
        while end < ws.len()
            && end - start < 10
            && (end == start || !self.breaks_between(&ws[end - 1], &ws[end]))
            && (ws[end].is_capitalised()
                || DETERMINERS.iter().any(|d| ws[end].is(d))
                || ws[end].is("of")
                || ws[end].is("and")
                || self.lex.title(ws[end].text).is_some()
                || self.lex.is_speaker_noun(ws[end].text)
                || self.lex.is_document_noun(ws[end].text))
        {
            end += 1;
        }
        while end > start && (ws[end - 1].is("and") || ws[end - 1].is("of")) {
            end -= 1;
        }
        (end > start && self.valid_speaker_phrase(&ws[start..end]))
            .then(|| (ws[start].start, ws[end - 1].end))
    }

    /// Index of the first word of a sentence's main clause: after an introductory phrase that
    /// ends with a comma.
    pub(crate) fn main_start(&self, ws: &[Word]) -> usize {
        let Some(first) = ws.first() else { return 0 };
        let intro =
            INTRO_WORDS.iter().any(|w| first.is(w)) || self.is_participle(first) || first.is("according");
        if intro {
            if let Some(i) =
                (1..ws.len().min(15)).find(|&i| words::gap_has(self.text, &ws[i - 1], &ws[i], &[',']))
            {
                return i;
            }
        }
        0
    }

    /// Where a sentence's own text starts, after a dateline ("SEOUL, Nov. 2 (Yonhap) -- ").
    fn after_dateline(&self, s: usize, e: usize) -> usize {
        let mut end = e.min(s + 90);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &self.text[s..end];
        let caps = head.split_whitespace().next().is_some_and(|w| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
        });
        if !caps {
            return s;
        }
        for dash in [" -- ", " — ", " – "] {
            if let Some(p) = head.find(dash) {
                return s + p + dash.len();
            }
        }
        s
    }

    /// Classify every quoted stretch and find its cue; then find reported speech. The list is
    /// not in text order (`same_speaker_as` indexes it); order it by `at` to read it.
    pub(crate) fn find(&mut self) -> Vec<RawSpeech> {
        let mut out: Vec<RawSpeech> = Vec::new();
        // Index in `out` of each quoted stretch that is speech.
        let mut out_of_quoted: Vec<Option<usize>> = vec![None; self.quoted.len()];
        let mut cue_verbs: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
        let mut cached: Option<(usize, Vec<Word<'t>>)> = None;
        for qi in 0..self.quoted.len() {
            let q = self.quoted[qi].clone();
            if q.start >= q.end {
                continue;
            }
            if let Some(p) = q.continues {
                if let Some(oi) = out_of_quoted.get(p).copied().flatten() {
                    let prev = out[oi].clone();
                    self.speech[qi] = true;
                    out_of_quoted[qi] = Some(out.len());
                    out.push(RawSpeech {
                        kind: QuoteKind::Direct,
                        content: trim_ws(self.text, q.start, q.end),
                        cue: prev.cue,
                        subject: prev.subject,
                        at: q.open,
                        same_speaker_as: Some(oi),
                    });
                }
                continue;
            }
            let si = self.sentence_of(q.open);
            let Some(&(ss, se)) = self.sentences.get(si) else { continue };
            if cached.as_ref().map(|c| c.0) != Some(si) {
                cached = Some((si, self.outside_words(ss, se)));
            }
            let ws = &cached.as_ref().expect("just cached").1;
            let prev_bound =
                if qi > 0 && self.quoted[qi - 1].close_end > ss { self.quoted[qi - 1].close_end } else { ss };
            let next_bound = match self.quoted.get(qi + 1) {
                Some(n) if n.open < se => n.open,
                _ => se,
            };
            let content = self.text[q.start..q.end].trim();
            let first_letter = content.chars().find(|c| c.is_alphanumeric());
            let n_words = content.split_whitespace().count();
            let full_sentence =
                first_letter.is_some_and(|c| c.is_uppercase() || c.is_numeric()) && n_words >= 3;

            // The word right before the mark, if nothing but spaces separate them.
            let before =
                ws[..ws.partition_point(|w| w.end <= q.open)].last().filter(|w| w.start >= prev_bound);
            let adjacent = before.filter(|w| self.text[w.end..q.open].trim().is_empty());
            let naming = adjacent.is_some_and(|w| NAMING_POSITION.iter().any(|n| w.is(n)));
            if naming || n_words == 0 {
                continue;
            }

            let leading = self.leading_cue(ws, prev_bound, &q, full_sentence);
            let trailing = if q.closed { self.trailing_cue(ws, q.close_end, next_bound) } else { None };
            let (cue, subject) = match (leading, trailing) {
                (Some((c, Some(s))), _) => (Some(c), Some(s)),
                (_, Some((c, Some(s)))) => (Some(c), Some(s)),
                // A cue without a subject introduces a whole sentence (continuing the last
                // speaker), never a fragment: "described as “quite upset”" is no quotation.
                (Some((c, None)), _) if full_sentence => (Some(c), None),
                _ => {
                    // No cue: a whole sentence standing alone continues the last speaker.
                    let lead_text = &self.text[prev_bound.max(ss)..q.open];
                    let alone = !lead_text.chars().any(char::is_alphanumeric);
                    if full_sentence && alone && q.closed {
                        (None, None)
                    } else {
                        continue;
                    }
                }
            };
            if let Some(c) = cue {
                cue_verbs.insert(c);
            }
            // A quote split by its cue shares the speaker of its first half.
            let same = (qi > 0
                && out_of_quoted[qi - 1].is_some()
                && self.sentence_of(self.quoted[qi - 1].open) == si)
                .then(|| out_of_quoted[qi - 1])
                .flatten()
                .filter(|&oi| out[oi].cue == cue && cue.is_some());
            self.speech[qi] = true;
            out_of_quoted[qi] = Some(out.len());
            let at = [Some(q.open), cue.map(|c| c.0), subject.map(|s| s.0)]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(q.open);
            out.push(RawSpeech {
                kind: QuoteKind::Direct,
                content: trim_ws(self.text, q.start, q.end),
                cue,
                subject,
                at,
                same_speaker_as: same,
            });
        }
        self.find_reported(&mut out, &cue_verbs);
        out
    }

    /// A cue before the quotation: the last reporting verb between `from` and the mark.
    #[allow(clippy::type_complexity)]
    fn leading_cue(
        &self,
        ws: &[Word],
        from: usize,
        q: &Quoted,
        full_sentence: bool,
    ) -> Option<((usize, usize), Option<(usize, usize)>)> {
        // Only the words between `from` and the mark, and at most the last 40 of them: a cue
        // is near its quotation, and the bound keeps long sentences linear.
        let hi = ws.partition_point(|w| w.end <= q.open);
        let lo = ws.partition_point(|w| w.start < from).max(hi.saturating_sub(40));
        let vi = (lo..hi).rev().find(|&i| self.is_cue_verb(&ws[i]))?;
        let (_, comp) = self.lex.verb(ws[vi].text)?;
        let after = &ws[vi + 1..hi];
        let tail = self.text[ws[vi].end..q.open].trim_end();
        if full_sentence {
            let introduced = tail.is_empty() || tail.ends_with([',', ':']);
            if after.len() > 6 || !introduced {
                return None;
            }
        } else {
            let has_that = after.iter().any(|w| w.is("that"));
            let ok = match comp {
                Complement::Bare | Complement::Object => true,
                Complement::That => has_that,
            };
            if after.len() > 25 || !ok {
                return None;
            }
        }
        let subject = if self.is_participle(&ws[vi])
            && vi > 0
            && words::gap_has(self.text, &ws[vi - 1], &ws[vi], &[','])
        {
            self.clause_subject(ws, vi)
        } else {
            match self.subject_before(ws, vi) {
                Subject::Phrase(s, e) => Some((s, e)),
                Subject::Coordinated => self.clause_subject(ws, vi),
                // Inverted between two halves of a quotation: "…,” said Mira Olsen, “…".
                Subject::None => self.subject_after(&ws[..hi], vi),
            }
        };
        Some(((ws[vi].start, ws[vi].end), subject))
    }

    /// A cue after the quotation: "…,” X said", "…,” said X", "…,” according to X".
    #[allow(clippy::type_complexity)]
    fn trailing_cue(
        &self,
        ws: &[Word],
        from: usize,
        to: usize,
    ) -> Option<((usize, usize), Option<(usize, usize)>)> {
        let first = ws.partition_point(|w| w.start < from);
        let last = ws.partition_point(|w| w.end <= to).max(first).min(first + 40);
        let rws = &ws[first..last];
        let w0 = rws.first()?;
        if self.is_cue_verb(w0) {
            let subject = self.subject_after(rws, 0);
            return Some(((w0.start, w0.end), subject));
        }
        if w0.is("according") && rws.get(1).is_some_and(|w| w.is("to")) {
            let subject = self.subject_after(rws, 1);
            return Some(((w0.start, rws[1].end), subject));
        }
        let vi = (1..rws.len().min(10)).find(|&i| self.is_cue_verb(&rws[i]))?;
        if (1..=vi).any(|i| self.breaks_between(&rws[i - 1], &rws[i])) {
            return None;
        }
        let subject = match self.subject_before(rws, vi) {
            Subject::Phrase(s, e) => Some((s, e)),
            _ => None,
        };
        subject?;
        Some(((rws[vi].start, rws[vi].end), subject))
    }

    /// Reported speech in every sentence, outside quotations.
    fn find_reported(&self, out: &mut Vec<RawSpeech>, cue_verbs: &std::collections::HashSet<(usize, usize)>) {
        for &(ss, se) in &self.sentences {
            let ws = self.outside_words(ss, se);
            let mut taken_until = 0usize; // end of the last reported content in this sentence
            for vi in 0..ws.len() {
                let w = &ws[vi];
                if w.start < taken_until || cue_verbs.contains(&(w.start, w.end)) {
                    continue;
                }
                let found = if w.is("according") && ws.get(vi + 1).is_some_and(|t| t.is("to")) {
                    self.according_to(&ws, vi, ss, se)
                } else if self.is_cue_verb(w) {
                    self.reported_clause(&ws, vi, ss, se)
                } else {
                    None
                };
                if let Some(r) = found {
                    if self.overlaps_speech(r.content) {
                        continue;
                    }
                    taken_until = taken_until.max(r.content.1);
                    out.push(r);
                }
            }
        }
    }

    fn overlaps_speech(&self, (s, e): (usize, usize)) -> bool {
        let from = self.quoted.partition_point(|q| q.close_end <= s);
        (from..self.quoted.len()).take_while(|&i| self.quoted[i].open < e).any(|i| self.speech[i])
    }

    /// The first quoted stretch that is speech and opens within `[s, e)`.
    fn first_speech_in(&self, s: usize, e: usize) -> Option<&Quoted> {
        let from = self.quoted.partition_point(|q| q.open < s);
        (from..self.quoted.len())
            .take_while(|&i| self.quoted[i].open < e)
            .find(|&i| self.speech[i])
            .map(|i| &self.quoted[i])
    }

    /// "According to X, …" and "…, according to X."
    fn according_to(&self, ws: &[Word], vi: usize, ss: usize, se: usize) -> Option<RawSpeech> {
        let subject = self.subject_after(ws, vi + 1)?;
        let cue = (ws[vi].start, ws[vi + 1].end);
        let content = if vi == self.main_start_or_zero(ws, vi) {
            // At the head of the sentence: the rest after the comma is the content.
            let after = ws.iter().position(|w| w.start >= subject.1)?;
            (ws[after].start, se)
        } else if vi > 0
            && words::gap_has(self.text, &ws[vi - 1], &ws[vi], &[','])
            && subject.1 >= ws.last()?.end
        {
            (self.after_dateline(ss, se), ws[vi - 1].end)
        } else {
            return None;
        };
        let content = trim_span(self.text, content.0, content.1);
        (content.1 > content.0).then_some(RawSpeech {
            kind: QuoteKind::Indirect,
            content,
            cue: Some(cue),
            subject: Some(subject),
            at: ss.min(cue.0),
            same_speaker_as: None,
        })
    }

    /// `vi` if the "according to" at `vi` opens the sentence (possibly after an intro).
    fn main_start_or_zero(&self, ws: &[Word], vi: usize) -> usize {
        if vi == 0 || self.main_start(ws) == vi {
            vi
        } else {
            usize::MAX
        }
    }

    /// "X said (that) …", "X told Y (that) …", "…, X said."
    fn reported_clause(&self, ws: &[Word], vi: usize, ss: usize, se: usize) -> Option<RawSpeech> {
        let (_, comp) = self.lex.verb(ws[vi].text)?;
        let verb = &ws[vi];
        let participle = self.is_participle(verb);
        let subject = if participle && vi > 0 && words::gap_has(self.text, &ws[vi - 1], verb, &[',']) {
            self.clause_subject(ws, vi)
        } else {
            match self.subject_before(ws, vi) {
                Subject::Phrase(s, e) => Some((s, e)),
                Subject::Coordinated => self.clause_subject(ws, vi),
                Subject::None => None,
            }
        };
        let cue = (verb.start, verb.end);
        // Position of "that" among the next words of the same clause.
        let that_at = (vi + 1..ws.len().min(vi + 12))
            .take_while(|&i| !self.clause_break_between(&ws[i - 1], &ws[i]))
            .find(|&i| ws[i].is("that"));
        let next = ws.get(vi + 1).filter(|n| !self.breaks_between(verb, n));
        let start = match (that_at, comp) {
            (Some(t), _) => ws.get(t + 1).map(|w| w.start),
            (None, Complement::Bare) => next
                .filter(|n| !PREPOSITIONS.iter().any(|p| n.is(p)) && !n.is("to") && !n.is("so"))
                .map(|n| n.start),
            (None, Complement::Object) => {
                // Skip the hearer: a pronoun or word ("told reporters"), or a capitalised name.
                let mut i = vi + 1;
                if ws.get(i).is_some_and(|w| DETERMINERS.iter().any(|d| w.is(d))) {
                    i += 1;
                }
                if ws.get(i).is_some_and(|w| w.is_capitalised()) {
                    while ws.get(i + 1).is_some_and(|w| w.is_capitalised()) {
                        i += 1;
                    }
                }
                let after = ws.get(i + 1).filter(|n| !self.breaks_between(&ws[i], n));
                after.filter(|n| !PREPOSITIONS.iter().any(|p| n.is(p))).map(|n| n.start)
            }
            (None, Complement::That) => None,
        };
        if let (Some(start), Some(subject)) = (start, subject) {
            let mut end = se;
            // Stop before a quotation that is speech of its own ("…, saying, “…”").
            if let Some(q) = self.first_speech_in(start, se) {
                end = q.open;
                let cut = &self.text[start..end];
                let words_before: Vec<Word> = words::words(self.text, start, end);
                let mut keep = cut.len();
                // Drop a trailing participial cue ("…, saying,").
                if let Some(last) = words_before.last() {
                    if self.is_cue_verb(last) {
                        keep = last.start - start;
                    }
                }
                end = start + keep;
            }
            let content = trim_span(self.text, start, end);
            if words::words(self.text, content.0, content.1).len() < 3 {
                return None;
            }
            return Some(RawSpeech {
                kind: QuoteKind::Indirect,
                content,
                cue: Some(cue),
                subject: Some(subject),
                at: subject.0.min(cue.0),
                same_speaker_as: None,
            });
        }
        // A trailing cue: "…, the Joint Chiefs of Staff said (on Tuesday)."
        let rest = &ws[vi + 1..];
        if rest.len() > 5 || rest.iter().any(|w| w.is("that")) {
            return None;
        }
        let (subject, before_end) = match subject {
            Some(s) => {
                let si = ws.iter().position(|w| w.start == s.0)?;
                (
                    s,
                    if si > 0 && words::gap_has(self.text, &ws[si - 1], &ws[si], &[',']) {
                        Some(ws[si - 1].end)
                    } else {
                        None
                    },
                )
            }
            None if vi > 0 && words::gap_has(self.text, &ws[vi - 1], verb, &[',']) => {
                (self.subject_after(ws, vi)?, Some(ws[vi - 1].end))
            }
            None => return None,
        };
        let before_end = before_end?;
        let content = trim_span(self.text, self.after_dateline(ss, se), before_end);
        if words::words(self.text, content.0, content.1).len() < 3 {
            return None;
        }
        Some(RawSpeech {
            kind: QuoteKind::Indirect,
            content,
            cue: Some(cue),
            subject: Some(subject),
            at: subject.0.min(cue.0),
            same_speaker_as: None,
        })
    }

    /// Documents whose issuer a sentence names: "X announced this in a bulletin", "X said in
    /// a statement". Returns (position of the document noun, issuer phrase).
    pub(crate) fn issued_documents(&self) -> Vec<(usize, (usize, usize))> {
        let mut out = Vec::new();
        for &(ss, se) in &self.sentences {
            let ws = self.outside_words(ss, se);
            for vi in 0..ws.len() {
                if !self.is_cue_verb(&ws[vi]) {
                    continue;
                }
                let Subject::Phrase(s, e) = self.subject_before(&ws, vi) else { continue };
                let doc = (vi + 1..ws.len().min(vi + 8)).find(|&i| {
                    self.lex.is_document_noun(ws[i].text)
                        && i >= 2
                        && ws[i - 2].is("in")
                        && DETERMINERS.iter().any(|d| ws[i - 1].is(d))
                });
                if let Some(d) = doc {
                    out.push((ws[d].start, (s, e)));
                }
            }
        }
        out
    }
}

/// `[s, e)` without surrounding whitespace: quoted content keeps its own punctuation.
fn trim_ws(text: &str, s: usize, e: usize) -> (usize, usize) {
    let seg = &text[s..e];
    let lead = seg.len() - seg.trim_start().len();
    (s + lead, s + lead + seg.trim().len())
}

/// Reported content `[s, e)` without surrounding whitespace and the sentence's closing
/// punctuation, which belongs to the sentence rather than to what was reported.
fn trim_span(text: &str, s: usize, e: usize) -> (usize, usize) {
    let (s, e) = trim_ws(text, s, e);
    let t = text[s..e].trim_end_matches([' ', '.', ',', ';', ':', '\n', '…']);
    (s, s + t.len())
}
