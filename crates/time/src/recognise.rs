//! Recognition: a hand-written grammar over [`Tokens`] that finds time expressions and says
//! what they mean ([`Expr`]), leftmost-longest, never overlapping.
//!
//! Each `at_*` function tries one family of expressions starting at a token and returns where
//! it ends; [`recognise`] keeps the longest match at each position. Lookahead is bounded, so a
//! document is scanned in linear time whatever it contains.

use crate::expr::{Count, Dir, Expr, YearSpec};
use crate::lexicon::{self, Unit};
use crate::tokens::{TokenKind, Tokens};
use dyad_core::TimexType;

/// One recognised expression: tokens `[start, end)` and its meaning.
#[derive(Debug, Clone)]
pub struct TimeMatch {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
}

type M = Option<(usize, Expr)>;

/// All expressions in the text, in order.
pub fn recognise(t: &Tokens) -> Vec<TimeMatch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match longest_at(t, i) {
            Some((end, expr)) if end > i => {
                out.push(TimeMatch { start: i, end, expr });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

fn longer(best: M, m: M) -> M {
    match (&best, &m) {
        (Some((a, _)), Some((b, _))) if b > a => m,
        (None, _) => m,
        _ => best,
    }
}

fn longest_at(t: &Tokens, i: usize) -> M {
    let k = t.kind(i)?;
    if k == TokenKind::Punct {
        return at_apostrophe_year(t, i);
    }
    let w = t.low(i);
    let mut best = None;
    if k == TokenKind::Num {
        best = longer(best, at_numeric(t, i));
        best = longer(best, at_count(t, i));
        return best;
    }
    if !can_start(w) && !(t.cap(i) && (lexicon::month(w).is_some() || lexicon::weekday(w).is_some())) {
        return None;
    }
    // Words: try only families whose first word can start them.
    if let Some(m) = modifier_prefix(t, i) {
        // "almost seven years", "nearly five months": span includes the modifier.
        if let Some((end, e)) = at_count(t, m) {
            if matches!(e, Expr::Duration { .. } | Expr::Offset { .. }) {
                best = longer(best, Some((end, e)));
            }
        }
    }
    if let Some((end, e)) = at_edge(t, i) {
        best = longer(best, Some((end, e)));
    }
    best = longer(best, at_month(t, i));
    best = longer(best, at_weekday(t, i));
    best = longer(best, at_relative(t, i));
    best = longer(best, at_the(t, i));
    if w == "the" && t.joins(i + 1) {
        // "the last week", "the past year"
        if let Some((e, ex)) = at_relative(t, i + 1) {
            best = longer(best, Some((e, ex)));
        }
    }
    best = longer(best, at_deictic(t, i));
    best = longer(best, at_set(t, i));
    best = longer(best, at_season(t, i));
    best = longer(best, at_holiday(t, i));
    best = longer(best, at_quarter_adjective(t, i));
    if lexicon::number_word(w).is_some() || lexicon::vague_quantity(w) || w == "a" {
        best = longer(best, at_count(t, i));
    }
    let counted = i > 0 && (t.is_num(i - 1) || t.low(i - 1) == "-");
    let age = matches!(t.low(i + 1), "old" | "older" | "younger");
    if lexicon::unit(w).is_some_and(|(_, plural)| plural) && !t.cap(i) && !counted && !age {
        if let Some((u, _)) = lexicon::unit(w) {
            if !matches!(u, Unit::Second | Unit::Quarter | Unit::Weekend) {
                let e = if matches!(t.low(i + 1), "ago" | "earlier") {
                    Some((i + 2, Expr::Offset { unit: u, n: Count::Vague, sign: -1, narrative: false }))
                } else {
                    Some((i + 1, Expr::Duration { n: Count::Vague, unit: u }))
                };
                best = longer(best, e);
            }
        }
    }
    best
}

/// Whether a (lowercased) word can begin any expression of the grammar: the first words of
/// every `at_*` family. Most words of a text are not, and skip the grammar entirely.
fn can_start(w: &str) -> bool {
    lexicon::unit(w).is_some()
        || lexicon::number_word(w).is_some()
        || lexicon::ordinal_word(w).is_some()
        || lexicon::season(w).is_some()
        || lexicon::part_of_day(w).is_some()
        || lexicon::vague_quantity(w)
        || matches!(
            w,
            "the"
                | "a"
                | "an"
                | "that"
                | "same"
                | "this"
                | "these"
                | "last"
                | "past"
                | "previous"
                | "next"
                | "coming"
                | "following"
                | "early"
                | "late"
                | "mid"
                | "earlier"
                | "later"
                | "end"
                | "beginning"
                | "start"
                | "middle"
                | "almost"
                | "nearly"
                | "about"
                | "approximately"
                | "roughly"
                | "around"
                | "over"
                | "under"
                | "only"
                | "just"
                | "within"
                | "more"
                | "less"
                | "fewer"
                | "at"
                | "up"
                | "in"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "tonight"
                | "now"
                | "currently"
                | "nowadays"
                | "current"
                | "recently"
                | "lately"
                | "soon"
                | "annual"
                | "annually"
                | "yearly"
                | "weekly"
                | "daily"
                | "monthly"
                | "hourly"
                | "nightly"
                | "every"
                | "each"
                | "per"
                | "once"
                | "twice"
                | "christmas"
                | "new"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "seventy"
                | "eighty"
                | "ninety"
        )
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// A digit token that is a whole number on its own (not part of "1,000" or "3.5").
fn plain_num(t: &Tokens, i: usize, max_len: usize) -> Option<u32> {
    let n = t.num(i, max_len)?;
    let before = t.low(i.wrapping_sub(1));
    if i >= 2 && t.glued(i) && (before == "," || before == ".") && t.is_num(i - 2) && t.glued(i - 1) {
        return None;
    }
    if t.glued(i + 1) && matches!(t.low(i + 1), "," | ".") && t.is_num(i + 2) && t.glued(i + 2) {
        return None;
    }
    Some(n)
}

/// A plausible year at `i`: four digits; outside 1600–2100 only with a temporal word before it.
fn year_at(t: &Tokens, i: usize) -> Option<i32> {
    year_in(t, i, false)
}

/// A year where the context already says a year comes (after "June 17,"): 1000–2100.
fn year_in(t: &Tokens, i: usize, supported: bool) -> Option<i32> {
    let s = t.low(i);
    if s.len() != 4 || !t.is_num(i) {
        return None;
    }
    let y = plain_num(t, i, 4)? as i32;
    if t.glued(i + 1) && matches!(t.low(i + 1), "%" | "s") {
        return None;
    }
    let next = t.low(i + 1);
    if lexicon::counted_noun(next) || lexicon::unit(next).is_some() {
        return None;
    }
    if i > 0 && matches!(t.low(i - 1), "$" | "#" | "no" | "number" | "route" | "flight") {
        return None;
    }
    // "Russell 2000 Index", "Windows 2000 Server": part of a name.
    let name_before = i > 0
        && t.cap(i - 1)
        && t.kind(i - 1) == Some(TokenKind::Word)
        && lexicon::month(t.low(i - 1)).is_none()
        && !lexicon::temporal_lead(t.low(i - 1))
        && !matches!(t.low(i - 1), "the" | "a" | "an");
    if name_before && t.cap(i + 1) && t.kind(i + 1) == Some(TokenKind::Word) && t.joins(i + 1) {
        return None;
    }
    let lead = supported || i > 0 && lexicon::temporal_lead(t.low(i - 1));
    if (1600..=2100).contains(&y) || (lead && (1000..1600).contains(&y)) {
        Some(y)
    } else {
        None
    }
}

/// "490 BC", "146 B.C.", "44 BCE": (end, negative year).
fn bc_year_at(t: &Tokens, i: usize) -> Option<(usize, i32)> {
    let n = plain_num(t, i, 4)? as i32;
    if n == 0 {
        return None;
    }
    let j = i + 1;
    match t.raw(j) {
        "BC" | "BCE" => Some((j + 1, -n)),
        "B" if t.low(j + 1) == "." && t.raw(j + 2) == "C" => {
            let e = if t.low(j + 3) == "." && t.glued(j + 3) { j + 4 } else { j + 3 };
            Some((e, -n))
        }
        _ => None,
    }
}

/// A day of month at `i`: "2", "02", "2nd"; returns (end, day).
fn day_at(t: &Tokens, i: usize) -> Option<(usize, u32)> {
    let d = plain_num(t, i, 2)?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let mut end = i + 1;
    if t.glued(end) && matches!(t.low(end), "st" | "nd" | "rd" | "th") {
        end += 1;
    }
    Some((end, d))
}

/// An ordinal day: "2nd", "31st", "first", "twenty-first".
fn ordinal_at(t: &Tokens, i: usize) -> Option<(usize, u32)> {
    if t.is_num(i) {
        let d = plain_num(t, i, 2)?;
        if t.glued(i + 1) && matches!(t.low(i + 1), "st" | "nd" | "rd" | "th") {
            return Some((i + 2, d));
        }
        return None;
    }
    let w = t.low(i);
    if let Some(o) = lexicon::ordinal_word(w) {
        return Some((i + 1, o));
    }
    if matches!(w, "twenty" | "thirty") && t.low(i + 1) == "-" && t.glued(i + 1) {
        let o = lexicon::ordinal_word(t.low(i + 2))?;
        if o < 10 {
            return Some((i + 3, if w == "twenty" { 20 } else { 30 } + o));
        }
    }
    None
}

/// A count: digits, number words ("twenty-one"), "a"/"an", or a vague quantity ("several",
/// "a few"). Returns (end, count).
fn count_at(t: &Tokens, i: usize) -> Option<(usize, Count)> {
    if t.is_num(i) {
        let n = t.num(i, 6)?;
        // "2.5 years"
        if t.glued(i + 1) && t.low(i + 1) == "." && t.is_num(i + 2) && t.glued(i + 2) {
            let frac: f64 = format!("0.{}", t.low(i + 2)).parse().ok()?;
            return Some((i + 3, Count::Exact(n as f64 + frac)));
        }
        plain_num(t, i, 6)?;
        return Some((i + 1, Count::Exact(n as f64)));
    }
    let w = t.low(i);
    if w == "a" || w == "an" {
        return match t.low(i + 1) {
            "few" | "couple" => {
                let end = if t.low(i + 2) == "of" { i + 3 } else { i + 2 };
                let n = if t.low(i + 1) == "couple" { Count::Exact(2.0) } else { Count::Vague };
                Some((end, n))
            }
            "half" => Some((i + 2, Count::Exact(0.5))),
            _ => Some((i + 1, Count::Exact(1.0))),
        };
    }
    if lexicon::vague_quantity(w) {
        return Some((i + 1, Count::Vague));
    }
    let n = lexicon::number_word(w)?;
    if (20..=90).contains(&n) && t.low(i + 1) == "-" && t.glued(i + 1) {
        if let Some(u) = lexicon::number_word(t.low(i + 2)).filter(|u| *u < 10) {
            return Some((i + 3, Count::Exact((n + u) as f64)));
        }
    }
    // "two and a half years"
    if t.low(i + 1) == "and" && t.low(i + 2) == "a" && t.low(i + 3) == "half" {
        return Some((i + 4, Count::Exact(n as f64 + 0.5)));
    }
    if t.low(i + 1) == "and" && t.low(i + 2) == "half" {
        return Some((i + 3, Count::Exact(n as f64 + 0.5)));
    }
    Some((i + 1, Count::Exact(n as f64)))
}

/// Words allowed between a count and its unit ("five trading days", "six straight days").
fn unit_adjective(w: &str) -> bool {
    matches!(
        w,
        "trading"
            | "business"
            | "working"
            | "straight"
            | "consecutive"
            | "full"
            | "more"
            | "whole"
            | "calendar"
            | "additional"
            | "long"
            | "short"
            | "successive"
            | "further"
            | "previous"
    )
}

/// A count followed by a unit: a duration, or a point when "ago"/"later"/"earlier" follows.
fn at_count(t: &Tokens, i: usize) -> M {
    let (mut j, n) = count_at(t, i)?;
    // "between 12 and 18 months": the first count shares the unit of the second.
    if matches!(n, Count::Exact(_)) && matches!(t.low(j), "and" | "to" | "or" | "-" | "–") && t.joins(j + 1)
    {
        if let Some((k, _)) = count_at(t, j + 1).filter(|_| t.kind(j + 1) == t.kind(i)) {
            if let Some((unit, true)) = lexicon::unit(t.low(k)) {
                if !matches!(t.low(k + 1), "old" | "older" | "ago") {
                    return Some((j, Expr::Duration { n, unit }));
                }
            }
        }
    }
    // "12-year", "four-week": an adjectival duration.
    let hyphen = t.low(j) == "-" && t.glued(j) && t.glued(j + 1);
    if hyphen {
        j += 1;
    } else {
        let mut k = 0;
        while k < 2 && unit_adjective(t.low(j)) {
            j += 1;
            k += 1;
        }
        // "ten brutal months", "two bloody weeks": one free adjective after a real count.
        let real_count = matches!(n, Count::Exact(x) if x >= 2.0);
        if k == 0
            && real_count
            && t.kind(j) == Some(TokenKind::Word)
            && !t.cap(j)
            && lexicon::unit(t.low(j)).is_none()
        {
            if let Some((_, true)) = lexicon::unit(t.low(j + 1)) {
                j += 1;
            }
        }
    }
    if !t.joins(j) {
        return None;
    }
    let (unit, plural) = lexicon::unit(t.low(j))?;
    // "a second attack", "three quarters of the troops": not times.
    if unit == Unit::Second && !plural && !t.is_num(i) && t.kind(j + 1) == Some(TokenKind::Word) {
        return None;
    }
    if unit == Unit::Quarter && matches!(t.low(i), "a" | "an") {
        return None; // "about a quarter" of something
    }
    if unit == Unit::Quarter
        && t.low(j + 1) == "of"
        && matches!(t.low(j + 2), "the" | "its" | "their" | "all" | "his" | "her" | "our" | "those" | "these")
    {
        return None;
    }
    j += 1;
    if hyphen {
        // "decades-long"; "12-year-old" is an age, not a time.
        if t.low(j) == "-" && t.glued(j) && t.low(j + 1) == "old" {
            return None;
        }
        if t.low(j) == "-" && t.glued(j) && t.low(j + 1) == "long" {
            j += 2;
        }
        return Some((j, Expr::Duration { n, unit }));
    }
    // Ages: "10 years old", "children 6 months and older".
    if matches!(t.low(j), "old" | "older" | "younger")
        || matches!(t.low(j), "and" | "or") && matches!(t.low(j + 1), "older" | "up" | "over" | "younger")
    {
        return None;
    }
    // "a month earlier than usual": a difference, not a date.
    if matches!(t.low(j), "earlier" | "later" | "longer" | "shorter") && t.low(j + 1) == "than" {
        return Some((j, Expr::Duration { n, unit }));
    }
    match t.low(j) {
        "ago" => return Some((j + 1, Expr::Offset { unit, n, sign: -1, narrative: false })),
        "later" | "afterwards" | "afterward" | "thereafter" => {
            return Some((j + 1, Expr::Offset { unit, n, sign: 1, narrative: true }))
        }
        "earlier" | "before" | "prior" | "previously" | "beforehand"
            if !matches!(t.low(j + 1), "this" | "that") =>
        {
            // "two days before the vote": anchored to an event.
            if t.low(j) == "before" && t.kind(j + 1) == Some(TokenKind::Word) {
                return Some((j + 1, Expr::EventOffset { unit, n, sign: -1 }));
            }
            return Some((j + 1, Expr::Offset { unit, n, sign: -1, narrative: true }));
        }
        "after" if t.kind(j + 1) == Some(TokenKind::Word) && t.joins(j + 1) => {
            return Some((j + 1, Expr::EventOffset { unit, n, sign: 1 }))
        }
        // "eight years from now": TimeML marks the duration and "now" apart.
        "from" if t.low(j + 1) == "now" => return Some((j, Expr::Duration { n, unit })),
        "hence" => return Some((j + 1, Expr::Offset { unit, n, sign: 1, narrative: false })),
        _ => {}
    }
    // A lone "a"/"one" before a unit with nothing temporal around ("a day of mourning") is
    // still a duration in TimeML; keep it.
    Some((j, Expr::Duration { n, unit }))
}

/// "almost", "nearly", "more than" …: returns where the quantity starts.
fn modifier_prefix(t: &Tokens, i: usize) -> Option<usize> {
    match t.low(i) {
        "almost" | "nearly" | "about" | "approximately" | "roughly" | "around" | "some" | "over"
        | "under" | "only" | "just" | "within" => Some(i + 1),
        "more" | "less" | "fewer" if t.low(i + 1) == "than" => Some(i + 2),
        "at" if matches!(t.low(i + 1), "least" | "most") => Some(i + 2),
        "up" if t.low(i + 1) == "to" => Some(i + 2),
        "a" if t.low(i + 1) == "mere" => Some(i + 2),
        // "the past two years", "the next few months"
        "the"
            if matches!(
                t.low(i + 1),
                "past" | "last" | "next" | "first" | "coming" | "previous" | "following" | "final"
            ) =>
        {
            Some(i + 2)
        }
        "the" => Some(i + 1),
        "in" if t.low(i + 1) == "recent" => Some(i + 1),
        _ => None,
    }
    .filter(|&j| t.joins(j) && j > i)
    .filter(|&j| count_at(t, j).is_some())
}

// ---------------------------------------------------------------------------------------------
// Numeric dates and clock times

fn at_numeric(t: &Tokens, i: usize) -> M {
    let a = t.low(i);
    // 2024.11.02, 2024-11-02, 2024/11/02
    if a.len() == 4 && t.glued(i + 1) && t.glued(i + 2) && t.glued(i + 3) && t.glued(i + 4) {
        let sep = t.low(i + 1);
        if matches!(sep, "." | "-" | "/") && t.low(i + 3) == sep {
            if let (Some(y), Some(m), Some(d)) = (t.num(i, 4), t.num(i + 2, 2), t.num(i + 4, 2)) {
                if t.is_num(i + 4) && !(t.glued(i + 5) && t.is_num(i + 6)) {
                    return Some((i + 5, cal(y as i32, m, Some(d))));
                }
            }
        }
    }
    // 11/02/2024, 7/8/07 (US month first unless the first number cannot be a month),
    // 02.11.2024 (dots: day first).
    if a.len() <= 2 && t.glued(i + 1) && t.glued(i + 2) && t.glued(i + 3) && t.glued(i + 4) {
        let sep = t.low(i + 1);
        if matches!(sep, "/" | ".") && t.low(i + 3) == sep {
            if let (Some(p), Some(q), Some(r)) = (t.num(i, 2), t.num(i + 2, 2), t.num(i + 4, 4)) {
                let ylen = t.low(i + 4).len();
                if (ylen == 2 || ylen == 4) && !(t.glued(i + 5) && t.is_num(i + 6)) {
                    let y = if ylen == 2 { two_digit_year(r) } else { r as i32 };
                    let (m, d) = if sep == "." || p > 12 { (q, p) } else { (p, q) };
                    return Some((i + 5, cal(y, m, Some(d))));
                }
            }
        }
    }
    // Clock times: 15:00, 6:40 p.m., 8 PM, 0800 UTC
    if let Some(m) = at_clock(t, i) {
        return Some(m);
    }
    // "the 1990s" without "the"; "1990s"
    if a.len() == 4 && t.glued(i + 1) && t.low(i + 1) == "s" {
        let y = t.num(i, 4)? as i32;
        if y % 10 == 0 && (1000..2100).contains(&y) {
            return Some((i + 2, Expr::Decade(y / 10)));
        }
    }
    if a.len() == 2 && t.glued(i + 1) && t.low(i + 1) == "s" && !t.cap(i + 2) {
        let y = t.num(i, 2)? as i32;
        if y % 10 == 0 && i > 0 && matches!(t.low(i - 1), "the" | "early" | "late" | "mid" | "-") {
            return Some((i + 2, Expr::Decade(if y >= 30 { 190 + y / 10 } else { 200 + y / 10 })));
        }
    }
    // "2 November 2024", "11 December"
    if let Some((j, d)) = day_at(t, i) {
        let j2 = if t.low(j) == "of" { j + 1 } else { j };
        if let Some((k, m)) = month_word_at(t, j2, true) {
            if let Some((k, y)) = year_after(t, k).filter(|_| t.low(k) != "of") {
                return Some((k, cal(y, m, Some(d))));
            }
            return Some((k, Expr::Cal { y: year_of_range_end(t, k), m, d: Some(d) }));
        }
    }
    // "20th century"
    if let Some((j, o)) = ordinal_at(t, i) {
        if matches!(t.low(j), "century" | "centuries") && o > 0 && o < 30 {
            return Some((j + 1, Expr::Century(o as i32 - 1)));
        }
    }
    // "1957-58": the second year of a span written short.
    if a.len() == 2
        && i >= 2
        && t.glued(i)
        && t.low(i - 1) == "-"
        && t.glued(i - 1)
        && t.low(i - 2).len() == 4
    {
        if let (Some(y0), Some(n)) = (year_at(t, i - 2), t.num(i, 2)) {
            let y = y0 - y0 % 100 + n as i32;
            if y > y0 {
                return Some((i + 1, Expr::Year(YearSpec::Abs(y))));
            }
        }
    }
    if let Some((e, y)) = bc_year_at(t, i) {
        return Some((e, Expr::Year(YearSpec::Abs(y))));
    }
    let y = year_at(t, i)?;
    Some((i + 1, Expr::Year(YearSpec::Abs(y))))
}

fn two_digit_year(r: u32) -> i32 {
    if r < 50 {
        2000 + r as i32
    } else {
        1900 + r as i32
    }
}

fn cal(y: i32, m: u32, d: Option<u32>) -> Expr {
    if !(1..=12).contains(&m) {
        return Expr::Invalid;
    }
    if let Some(d) = d {
        if chrono::NaiveDate::from_ymd_opt(y, m, d).is_none() {
            return Expr::Invalid;
        }
    }
    Expr::Cal { y: YearSpec::Abs(y), m, d }
}

/// '82, ’90s
fn at_apostrophe_year(t: &Tokens, i: usize) -> M {
    if !matches!(t.low(i), "'" | "’") || !t.glued(i + 1) || t.low(i + 1).len() != 2 {
        return None;
    }
    let y = t.num(i + 1, 2)?;
    if t.glued(i + 2) && t.low(i + 2) == "s" {
        if y % 10 == 0 {
            return Some((i + 3, Expr::Decade(two_digit_year(y) / 10)));
        }
        return None;
    }
    if i > 0 && (lexicon::temporal_lead(t.low(i - 1)) || lexicon::month(t.low(i - 1)).is_some()) {
        return Some((i + 2, Expr::ShortYear(y)));
    }
    None
}

fn at_clock(t: &Tokens, i: usize) -> M {
    let a = t.low(i);
    let (mut j, h, mut m) = if a.len() <= 2 && t.low(i + 1) == ":" && t.glued(i + 1) && t.glued(i + 2) {
        let h = t.num(i, 2)?;
        let m = t.num(i + 2, 2).filter(|_| t.low(i + 2).len() == 2)?;
        let j = i + 3;
        // 3:07:35 is a running time: a duration.
        if t.low(j) == ":" && t.glued(j) && t.is_num(j + 1) {
            let s = t.num(j + 1, 2)?;
            return Some((j + 2, Expr::Lit(format!("PT{h}H{m}M{s}S"), TimexType::Duration)));
        }
        if h > 24 || m > 59 {
            return None;
        }
        (j, h, Some(m))
    } else if a.len() == 4 && matches!(t.low(i + 1), "utc" | "gmt" | "hrs" | "hours" | "z") {
        let v = t.num(i, 4)?;
        let (h, m) = (v / 100, v % 100);
        if h > 24 || m > 59 || t.low(i + 1) == "hours" {
            return None;
        }
        (i + 1, h, Some(m))
    } else if a.len() <= 2 {
        let h = t.num(i, 2)?;
        if !(1..=12).contains(&h) || !is_meridiem(t, i + 1) {
            return None;
        }
        (i + 1, h, None)
    } else {
        return None;
    };
    let mut h = h;
    if is_meridiem(t, j) {
        let pm = t.low(j).starts_with('p');
        j = skip_meridiem(t, j);
        if pm && h < 12 {
            h += 12;
        } else if !pm && h == 12 {
            h = 0;
        }
    } else if m.is_none() {
        return None;
    }
    let mut utc = false;
    if matches!(t.low(j), "utc" | "gmt" | "z") {
        utc = true;
        j += 1;
    } else if matches!(t.low(j), "local") && t.low(j + 1) == "time" {
        j += 2;
    } else if t.low(j).len() == 3
        && t.cap(j)
        && t.raw(j).bytes().all(|b| b.is_ascii_uppercase())
        && t.raw(j).ends_with('T')
    {
        j += 1; // EST, KST …
    }
    if m == Some(0) && t.low(j) == "o" {
        m = Some(0);
    }
    // "15:00 GMT Saturday", "16:00 UTC today"
    let on = if t.low(j) == "on" && t.joins(j + 1) { j + 1 } else { j };
    let day = match t.low(j) {
        _ if on > j => [at_month(t, on), at_weekday(t, on)]
            .into_iter()
            .fold(None, longer)
            .filter(|(_, e)| matches!(e, Expr::Cal { d: Some(_), .. } | Expr::Weekday { part: None, .. })),
        "today" => Some((j + 1, Expr::Deictic { days: 0, part: None })),
        "tomorrow" => Some((j + 1, Expr::Deictic { days: 1, part: None })),
        "yesterday" => Some((j + 1, Expr::Deictic { days: -1, part: None })),
        _ => at_weekday(t, j).filter(|_| t.joins(j)),
    };
    let (end, day) = match day {
        Some((e, d)) => (e, Some(Box::new(d))),
        None => (j, None),
    };
    Some((end, Expr::Time { h, m, utc, day }))
}

fn is_meridiem(t: &Tokens, j: usize) -> bool {
    match t.low(j) {
        "am" | "pm" => true,
        "a" | "p" => t.low(j + 1) == "." && t.low(j + 2) == "m",
        _ => false,
    }
}

fn skip_meridiem(t: &Tokens, j: usize) -> usize {
    match t.low(j) {
        "am" | "pm" => j + 1,
        _ => {
            if t.low(j + 3) == "." && t.glued(j + 3) {
                j + 4
            } else {
                j + 3
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Month and weekday names

/// A capitalised month name at `i` (with its abbreviation period); `supported` says the
/// caller has context that makes a weak name ("May", "Mar") a month.
fn month_word_at(t: &Tokens, i: usize, supported: bool) -> Option<(usize, u32)> {
    if t.kind(i) != Some(TokenKind::Word) || !t.cap(i) {
        return None;
    }
    let w = t.low(i);
    let m = lexicon::month(w)?;
    let mut end = i + 1;
    if w.len() <= 4 && w != "may" && w != "june" && w != "july" {
        if t.low(end) == "." && t.glued(end) {
            end += 1;
        } else if !supported && w != "sept" {
            return None;
        }
    }
    if lexicon::month_is_weak(w) && !supported {
        // "May" and "March" alone need a temporal word before them.
        let lead = i > 0 && lexicon::temporal_lead(t.low(i - 1));
        if !lead {
            return None;
        }
    }
    Some((end, m))
}

fn at_month(t: &Tokens, i: usize) -> M {
    // Is a day or a year right after the name? Then even "May" is a month.
    let (j, m) = month_word_at(t, i, true)?;
    let supported = t.joins(j)
        && (day_at(t, j).is_some()
            || year_at(t, j).is_some()
            || year_at(t, j + 1).is_some() && matches!(t.low(j), "," | "of"));
    let (j, m) = if supported { (j, m) } else { month_word_at(t, i, false)? };
    if !t.joins(j) {
        return Some((j, Expr::Month { m, dir: Dir::Tense }));
    }
    // Month day [, year]
    if let Some((k, d)) = day_at(t, j) {
        // a day followed by ":" is a clock time, not a date
        if t.low(k) == ":" {
            return Some((j, Expr::Month { m, dir: Dir::Tense }));
        }
        // June 18-19, June 18 to 19
        let dash = matches!(t.low(k), "-" | "–" | "—");
        let word = matches!(t.low(k), "to" | "through" | "until") && t.low(k + 2) != ":";
        let range_end = if dash || word { day_at(t, k + 1) } else { None };
        if let Some((e, d2)) = range_end {
            if d2 > d && lexicon::month(t.low(e)).is_none() {
                let (e, y) = match year_after(t, e) {
                    Some((e2, y)) => (e2, YearSpec::Abs(y)),
                    None => (e, YearSpec::Implicit(Dir::Tense)),
                };
                return Some((e, Expr::DayRange { y, m, d1: d, d2 }));
            }
        }
        if let Some((e, y)) = year_after(t, k) {
            return Some((e, cal(y, m, Some(d))));
        }
        if chrono::NaiveDate::from_ymd_opt(2000, m, d).is_none() {
            return Some((k, Expr::Invalid));
        }
        return Some((k, Expr::Cal { y: year_of_range_end(t, k), m, d: Some(d) }));
    }
    // Month [of|,] year
    if let Some((e, y)) = year_after(t, j) {
        return Some((e, cal(y, m, None)));
    }
    if t.low(j) == "of" {
        if let Some((e, y)) = year_word_at(t, j + 1) {
            return Some((e, Expr::Cal { y, m, d: None }));
        }
    }
    if let y @ YearSpec::Abs(_) = year_of_range_end(t, j) {
        return Some((j, Expr::Cal { y, m, d: None }));
    }
    Some((j, Expr::Month { m, dir: Dir::Tense }))
}

/// "January 12 and January 16, 1936", "April and June 1955", "May 15 to August 16, 1988":
/// the first date takes the year written after the second.
fn year_of_range_end(t: &Tokens, k: usize) -> YearSpec {
    if matches!(t.low(k), "and" | "to" | "-" | "–" | "until" | "through" | "or") && t.joins(k + 1) {
        let next = if t.is_num(k + 1) { at_numeric(t, k + 1) } else { at_month(t, k + 1) };
        if let Some((_, Expr::Cal { y: y @ YearSpec::Abs(_), .. })) = next {
            return y;
        }
    }
    YearSpec::Implicit(Dir::Tense)
}

/// ", 2024" / " 2024" / " of 2024" after a month or day.
fn year_after(t: &Tokens, j: usize) -> Option<(usize, i32)> {
    if !t.joins(j) {
        return None;
    }
    let j = if matches!(t.low(j), "," | "of") && t.joins(j + 1) && t.is_num(j + 1) { j + 1 } else { j };
    if let Some(bc) = bc_year_at(t, j) {
        return Some(bc);
    }
    year_in(t, j, true).map(|y| (j + 1, y))
}

/// "that year", "this year", "last year", "the following year", or an absolute year.
fn year_word_at(t: &Tokens, i: usize) -> Option<(usize, YearSpec)> {
    if let Some(y) = year_at(t, i) {
        return Some((i + 1, YearSpec::Abs(y)));
    }
    let (j, spec) = match t.low(i) {
        "this" => (i + 1, YearSpec::Rel(0)),
        "last" => (i + 1, YearSpec::Rel(-1)),
        "next" => (i + 1, YearSpec::Rel(1)),
        "that" => (i + 1, YearSpec::Narrative(0)),
        "the" => match t.low(i + 1) {
            "same" => (i + 2, YearSpec::Narrative(0)),
            "following" | "next" => (i + 2, YearSpec::Narrative(1)),
            "previous" | "preceding" => (i + 2, YearSpec::Narrative(-1)),
            "year" => return Some((i + 2, YearSpec::Narrative(0))),
            _ => return None,
        },
        _ => return None,
    };
    let j = if t.low(j) == "fiscal" { j + 1 } else { j };
    (t.low(j) == "year").then_some((j + 1, spec))
}

fn at_weekday(t: &Tokens, i: usize) -> M {
    if !t.cap(i) || t.kind(i) != Some(TokenKind::Word) {
        return None;
    }
    let w = t.low(i);
    let wd = lexicon::weekday(w)?;
    let mut j = i + 1;
    if lexicon::weekday_is_weak(w) {
        if t.low(j) == "." && t.glued(j) {
            j += 1;
        } else {
            return None;
        }
    }
    // "Friday, March 22, 2013": the date says it all.
    let k = if t.low(j) == "," { j + 1 } else { j };
    if t.joins(k) {
        if let Some((e, ex)) = at_month(t, k) {
            if matches!(ex, Expr::Cal { d: Some(_), .. } | Expr::Invalid) {
                return Some((e, ex));
            }
        }
        if let Some((e, ex)) = at_numeric(t, k) {
            if matches!(ex, Expr::Cal { d: Some(_), .. }) {
                return Some((e, ex));
            }
        }
    }
    if t.joins(j) {
        if let Some(p) = lexicon::part_of_day(t.low(j)) {
            return Some((j + 1, Expr::Weekday { wd, dir: Dir::Tense, part: Some(p) }));
        }
    }
    Some((j, Expr::Weekday { wd, dir: Dir::Tense, part: None }))
}

// ---------------------------------------------------------------------------------------------
// Relative expressions

fn dir_word(w: &str) -> Option<Dir> {
    Some(match w {
        "last" | "past" | "previous" => Dir::Last,
        "next" | "coming" | "following" => Dir::Next,
        "this" => Dir::This,
        _ => return None,
    })
}

/// "last week", "next June", "this Friday", "last summer", "last night", "this morning".
fn at_relative(t: &Tokens, i: usize) -> M {
    let dir = dir_word(t.low(i))?;
    if t.low(i) == "following" || t.low(i) == "previous" || t.low(i) == "past" {
        // "past"/"following" without "the" rarely start an expression ("past week" is fine).
        if t.low(i) != "past" {
            return None;
        }
    }
    let mut j = i + 1;
    if !t.joins(j) {
        return None;
    }
    if t.low(j) == "fiscal" {
        j += 1;
    }
    let w = t.low(j);
    if let Some((u, false)) = lexicon::unit(w) {
        if t.low(i) == "past" {
            // "the past week": the week up to now, a duration.
            return Some((j + 1, Expr::Duration { n: Count::Exact(1.0), unit: u }));
        }
        let n = match dir {
            Dir::Last => -1,
            Dir::Next => 1,
            _ => 0,
        };
        return match u {
            Unit::Second | Unit::Minute | Unit::Hour => None,
            _ => Some((j + 1, Expr::Shift { unit: u, n, narrative: false })),
        };
    }
    if let Some((e, m)) = month_word_at(t, j, true) {
        return Some((e, Expr::Month { m, dir }));
    }
    if let Some(wd) = lexicon::weekday(w).filter(|_| t.cap(j)) {
        let mut e = j + 1;
        let part = lexicon::part_of_day(t.low(e));
        if part.is_some() {
            e += 1;
        }
        return Some((e, Expr::Weekday { wd, dir, part }));
    }
    if let Some(s) = lexicon::season(w) {
        let y = match dir {
            Dir::Last => YearSpec::Implicit(Dir::Last),
            Dir::Next => YearSpec::Implicit(Dir::Next),
            _ => YearSpec::Rel(0),
        };
        return Some((j + 1, Expr::Season { s, y }));
    }
    if let Some(p) = lexicon::part_of_day(w) {
        let days = match (dir, p) {
            (Dir::Last, _) => -1,
            (Dir::Next, _) => 1,
            _ => 0,
        };
        return Some((j + 1, Expr::Deictic { days, part: Some(p) }));
    }
    None
}

/// Expressions that begin with "the" (or "that"): ordinal days, decades, centuries, quarters,
/// anaphoric days and years, "the past", "the future".
fn at_the(t: &Tokens, i: usize) -> M {
    let w = t.low(i);
    if w == "that" || w == "same" {
        let j = i + 1;
        if let Some((u, false)) = lexicon::unit(t.low(j)) {
            if matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) && t.low(j + 1) != "of" {
                return Some((j + 1, Expr::Shift { unit: u, n: 0, narrative: true }));
            }
        }
        return None;
    }
    if w != "the" || !t.joins(i + 1) {
        return None;
    }
    let j = i + 1;
    let w1 = t.low(j);
    // the 2nd (of June | of last month | of this month)
    if let Some((e, d)) = ordinal_at(t, j) {
        if matches!(t.low(e), "century" | "centuries") && d > 0 && d < 30 {
            if t.raw(e + 1) == "BC" || t.raw(e + 1) == "BCE" {
                return Some((e + 2, Expr::Century(-(d as i32 - 1))));
            }
            return Some((e + 1, Expr::Century(d as i32 - 1)));
        }
        // the first/second half of 2008
        if t.low(e) == "half" && t.low(e + 1) == "of" && d <= 2 {
            if let Some((e2, y)) = year_word_at(t, e + 2) {
                return Some((e2, Expr::Half { h: d, y }));
            }
        }
        if t.is_num(j) || t.low(e) == "of" {
            if t.low(e) == "of" {
                if let Some((e2, m)) = month_word_at(t, e + 1, true) {
                    if let Some((e3, y)) = year_after(t, e2) {
                        return Some((e3, cal(y, m, Some(d))));
                    }
                    return Some((e2, Expr::Cal { y: YearSpec::Implicit(Dir::Tense), m, d: Some(d) }));
                }
                let shift = match (t.low(e + 1), t.low(e + 2)) {
                    ("last" | "previous", "month") => Some(-1),
                    ("this", "month") => Some(0),
                    ("next", "month") => Some(1),
                    _ => None,
                };
                if let Some(s) = shift {
                    return Some((e + 3, day_of_month(d, s)));
                }
            }
            // "on the 2nd (local time)", "the 5th and 6th": a day of the anchor month, but
            // not "the 5th division" or "the 99th day".
            let next_is_word = t.kind(e) == Some(TokenKind::Word);
            let joins_clause = matches!(t.low(e), "of" | "and" | "at" | "in" | "to");
            if t.is_num(j) && (1..=31).contains(&d) && (!next_is_word || joins_clause) {
                return Some((e, day_of_month(d, 0)));
            }
        }
        // "the first day of March"; "the 99th day" (of something that is not a date): a day
        // we cannot place.
        if t.low(e) == "day" {
            if t.low(e + 1) == "of" {
                if let Some((e2, m)) = month_word_at(t, e + 2, true) {
                    if let Some((e3, y)) = year_after(t, e2) {
                        return Some((e3, cal(y, m, Some(d))));
                    }
                    return Some((e2, Expr::Cal { y: YearSpec::Implicit(Dir::Tense), m, d: Some(d) }));
                }
            }
            return Some((e + 1, Expr::Lit("XXXX-XX-XX".into(), TimexType::Date)));
        }
        // the first/third quarter (of 2009 | of this year | of last year)
        if matches!(t.low(e), "quarter" | "half") && d <= 4 {
            return quarter_tail(t, e + 1, d, t.low(e) == "half");
        }
    }
    // "the night of April 18, 1775", "the early morning hours of 30 April"
    {
        let k = if t.low(j) == "early" || t.low(j) == "late" { j + 1 } else { j };
        if let Some(p) = lexicon::part_of_day(t.low(k)) {
            let k = if t.low(k + 1) == "hours" { k + 2 } else { k + 1 };
            if t.low(k) == "of" {
                let inner = [at_month(t, k + 1), at_numeric(t, k + 1), at_weekday(t, k + 1)]
                    .into_iter()
                    .fold(None, longer);
                if let Some((e, ex)) = inner {
                    if matches!(ex, Expr::Cal { d: Some(_), .. } | Expr::Weekday { part: None, .. }) {
                        return Some((e, Expr::WithPart(Box::new(ex), p)));
                    }
                }
            }
        }
    }
    if matches!(w1, "latter" | "later") && t.low(j + 1) == "half" && t.low(j + 2) == "of" {
        if let Some((e2, y)) = year_word_at(t, j + 3) {
            return Some((e2, Expr::Half { h: 2, y }));
        }
    }
    // "the last week of March", "the first week of June 2009"
    let nth = match w1 {
        "last" | "final" => Some(-1),
        _ => lexicon::ordinal_word(w1).filter(|&n| n <= 5).map(|n| n as i32),
    };
    if let Some(nth) = nth.filter(|_| t.low(j + 1) == "week" && t.low(j + 2) == "of") {
        let month = match at_month(t, j + 3) {
            Some((e, Expr::Month { m, .. })) => Some((e, YearSpec::Implicit(Dir::Tense), m)),
            Some((e, Expr::Cal { y, m, d: None })) => Some((e, y, m)),
            _ => None,
        };
        if let Some((e, y, m)) = month {
            return Some((e, Expr::WeekOfMonth { nth, y, m }));
        }
    }
    match w1 {
        "last" | "final" | "fourth" if t.low(j + 1) == "quarter" => {
            return quarter_tail(t, j + 2, 4, false);
        }
        "past"
            if !t.joins(j + 1)
                || lexicon::unit(t.low(j + 1)).is_none()
                    && !t.is_num(j + 1)
                    && lexicon::number_word(t.low(j + 1)).is_none()
                    && !lexicon::vague_quantity(t.low(j + 1)) =>
        {
            return Some((j + 1, Expr::Ref("PAST_REF")));
        }
        "future" => return Some((j + 1, Expr::Ref("FUTURE_REF"))),
        "present" if !t.is_num(j + 1) => return Some((j + 1, Expr::Ref("PRESENT_REF"))),
        "time" if t.low(j + 1) == "being" => return Some((j + 2, Expr::Ref("PRESENT_REF"))),
        "near" | "long" | "short" | "medium"
            if t.low(j + 1) == "term" || (t.low(j + 1) == "-" && t.low(j + 2) == "term") =>
        {
            let e = if t.low(j + 1) == "term" { j + 2 } else { j + 3 };
            return Some((e, Expr::Ref("FUTURE_REF")));
        }
        "same" | "following" | "next" | "previous" | "preceding" | "prior" => {
            if let Some((u, false)) = lexicon::unit(t.low(j + 1)) {
                if matches!(
                    u,
                    Unit::Day | Unit::Week | Unit::Month | Unit::Year | Unit::Weekend | Unit::Decade
                ) {
                    let n = match w1 {
                        "same" => 0,
                        "following" | "next" => 1,
                        _ => -1,
                    };
                    // "the same day" / "the next day" count from the last mentioned date;
                    // "the next decade" is a duration in TimeML news usage.
                    if u == Unit::Decade && n != 0 {
                        return Some((j + 2, Expr::Duration { n: Count::Exact(1.0), unit: u }));
                    }
                    return Some((j + 2, Expr::Shift { unit: u, n, narrative: true }));
                }
            }
        }
        "entire" | "whole" | "full" if matches!(t.low(j + 1), "year" | "month" | "week" | "day") => {
            let (u, _) = lexicon::unit(t.low(j + 1))?;
            return Some((j + 2, Expr::Shift { unit: u, n: 0, narrative: true }));
        }
        "day" | "week" | "month" | "year" => {
            let (u, _) = lexicon::unit(w1)?;
            match (t.low(j + 1), t.low(j + 2)) {
                ("previous" | "prior", _) => {
                    return Some((j + 2, Expr::Shift { unit: u, n: -1, narrative: true }))
                }
                ("before", "yesterday") if u == Unit::Day => {
                    return Some((j + 3, Expr::Deictic { days: -2, part: None }))
                }
                ("after", "tomorrow") if u == Unit::Day => {
                    return Some((j + 3, Expr::Deictic { days: 2, part: None }))
                }
                // "the day before", "the day after the battle" (the battle being the last
                // date told), "the day following".
                ("before" | "earlier", w2) if !is_content_word(w2) || u == Unit::Day && w2 == "the" => {
                    return Some((j + 2, Expr::Shift { unit: u, n: -1, narrative: true }))
                }
                ("after" | "later" | "following", w2)
                    if !is_content_word(w2) || u == Unit::Day && w2 == "the" =>
                {
                    return Some((j + 2, Expr::Shift { unit: u, n: 1, narrative: true }))
                }
                // "ended the day", "the day before he was pulled over": the day spoken of.
                (next, _)
                    if u == Unit::Day
                        && !matches!(next, "of" | "-" | "'" | "’" | "when" | "the" | "that") =>
                {
                    return Some((j + 1, Expr::Shift { unit: u, n: 0, narrative: true }))
                }
                _ => {}
            }
        }
        "weekend" => return Some((j + 1, Expr::Shift { unit: Unit::Weekend, n: 0, narrative: false })),
        _ => {}
    }
    if let Some(s) = lexicon::season(w1) {
        if t.low(j + 1) == "of" && year_word_at(t, j + 2).is_none() && year_after(t, j + 1).is_none() {
            return None; // "the fall of Budapest"
        }
        if let Some((e, y)) = year_after(t, j + 1) {
            return Some((e, Expr::Season { s, y: YearSpec::Abs(y) }));
        }
        return Some((j + 1, Expr::Season { s, y: YearSpec::Implicit(Dir::Tense) }));
    }
    // the 1990s, the '90s
    if t.is_num(j) {
        if let Some((e, ex)) = at_numeric(t, j) {
            if matches!(ex, Expr::Decade(_)) {
                return Some((e, ex));
            }
        }
    }
    if let Some((e, ex)) = at_apostrophe_year(t, j) {
        if matches!(ex, Expr::Decade(_)) {
            return Some((e, ex));
        }
    }
    None
}

fn day_of_month(d: u32, month_shift: i32) -> Expr {
    if d == 0 || d > 31 {
        return Expr::Invalid;
    }
    Expr::DayOfMonth { d, month_shift }
}

/// A word that starts a noun phrase or clause after "the day before": then "before" is a
/// preposition ("the day before the vote") and the expression is event-anchored.
fn is_content_word(w: &str) -> bool {
    !w.is_empty()
        && w.bytes().all(|b| b.is_ascii_alphabetic())
        && !matches!(w, "and" | "but" | "or" | "when" | "as" | "yesterday")
}

fn quarter_tail(t: &Tokens, e: usize, q: u32, half: bool) -> M {
    if half {
        return None;
    }
    if t.low(e) == "of" {
        if let Some((e2, y)) = year_word_at(t, e + 1) {
            return Some((e2, Expr::Quarter { q, y }));
        }
    }
    Some((e, Expr::Quarter { q, y: YearSpec::Implicit(Dir::Tense) }))
}

/// today, yesterday, tomorrow, tonight, now, currently, recently …
fn at_deictic(t: &Tokens, i: usize) -> M {
    let w = t.low(i);
    let (days, mut end) = match w {
        "today" => (0, i + 1),
        "yesterday" => (-1, i + 1),
        "tomorrow" => (1, i + 1),
        "tonight" => return Some((i + 1, Expr::Deictic { days: 0, part: Some("NI") })),
        "now" | "currently" | "nowadays" => {
            if w == "now" && matches!(t.low(i + 1), "that" | "-") {
                return None;
            }
            return Some((i + 1, Expr::Ref("PRESENT_REF")));
        }
        "current" if !t.cap(i) && matches!(t.low(i + 1), "year" | "month" | "week" | "quarter") => {
            let (u, _) = lexicon::unit(t.low(i + 1))?;
            return Some((i + 2, Expr::Shift { unit: u, n: 0, narrative: false }));
        }
        "recently" | "lately" => return Some((i + 1, Expr::Ref("PAST_REF"))),
        // "very soon", "… soon.": not "soon after", "as soon as", "soon became".
        "soon" if (i > 0 && t.low(i - 1) == "very") || matches!(t.low(i + 1), "." | "," | "") => {
            return Some((i + 1, Expr::Ref("FUTURE_REF")))
        }
        "annual" if !t.cap(i) => {
            return Some((i + 1, Expr::Duration { n: Count::Exact(1.0), unit: Unit::Year }))
        }
        "these" if t.low(i + 1) == "days" => return Some((i + 2, Expr::Ref("PRESENT_REF"))),
        "at" if t.low(i + 1) == "present" => return Some((i + 2, Expr::Ref("PRESENT_REF"))),
        "at" if t.low(i + 1) == "the"
            && t.low(i + 2) == "time"
            && !matches!(t.low(i + 3), "of" | "when" | "that") =>
        {
            return Some((i + 3, Expr::Ref("PAST_REF")))
        }
        "once" | "formerly" => return None,
        "recent" => {
            if let Some((u, true)) = lexicon::unit(t.low(i + 1)) {
                return Some((i + 2, Expr::Duration { n: Count::Vague, unit: u }));
            }
            // "recent losses": the recent past.
            return Some((i + 1, Expr::Ref("PAST_REF")));
        }
        "earlier" | "later" if t.low(i + 1) == "today" => (0, i + 2),
        "mid" if t.low(i + 1) == "-" => return None,
        // "in the morning", "in morning trading": part of the day spoken of ("at night" is
        // more often any night).
        "morning" | "afternoon" | "evening" | "night" | "overnight"
            if i > 0
                && (matches!(t.low(i - 1), "in" | "during")
                    || t.low(i - 1) == "the" && i > 1 && matches!(t.low(i - 2), "in" | "during")) =>
        {
            return Some((i + 1, Expr::Deictic { days: 0, part: lexicon::part_of_day(w) }));
        }
        _ => return None,
    };
    if t.joins(end) {
        if let Some(p) = lexicon::part_of_day(t.low(end)) {
            end += 1;
            return Some((end, Expr::Deictic { days, part: Some(p) }));
        }
    }
    Some((end, Expr::Deictic { days, part: None }))
}

/// every year, each Monday, weekly, annually …
fn at_set(t: &Tokens, i: usize) -> M {
    let w = t.low(i);
    let v = match w {
        "annually" | "yearly" => "P1Y",
        "weekly" => "P1W",
        "daily" if !t.cap(i) => "P1D",
        "monthly" => "P1M",
        "hourly" => "PT1H",
        "nightly" => "XXXX-XX-XXTNI",
        "every" | "each" => {
            let mut j = i + 1;
            if t.low(j) == "other" {
                j += 1;
            }
            let (n, j) = match count_at(t, j) {
                Some((e, Count::Exact(n))) if lexicon::unit(t.low(e)).is_some() && t.low(j) != "a" => {
                    (n as u32, e)
                }
                _ => (1, j),
            };
            let x = t.low(j);
            if let Some((u, _)) = lexicon::unit(x) {
                let (code, time) = u.duration_code();
                let p = if time { "PT" } else { "P" };
                return Some((j + 1, Expr::Set(format!("{p}{n}{code}"))));
            }
            if let Some(wd) = lexicon::weekday(x).filter(|_| t.cap(j)) {
                return Some((j + 1, Expr::Set(format!("XXXX-WXX-{wd}"))));
            }
            if let Some(p) = lexicon::part_of_day(x) {
                return Some((j + 1, Expr::Set(format!("XXXX-XX-XXT{p}"))));
            }
            if let Some(s) = lexicon::season(x) {
                return Some((j + 1, Expr::Set(format!("XXXX-{s}"))));
            }
            if x == "season" {
                return Some((j + 1, Expr::Set("P1Y".into())));
            }
            if let Some((e, m)) = month_word_at(t, j, true) {
                return Some((e, Expr::Set(format!("XXXX-{m:02}"))));
            }
            return None;
        }
        "per" => {
            let (u, false) = lexicon::unit(t.low(i + 1))? else { return None };
            let (code, time) = u.duration_code();
            let p = if time { "PT" } else { "P" };
            return Some((i + 2, Expr::Set(format!("{p}1{code}"))));
        }
        "once" | "twice" => {
            if matches!(t.low(i + 1), "a" | "per" | "every") {
                if let Some((u, false)) = lexicon::unit(t.low(i + 2)) {
                    let (code, time) = u.duration_code();
                    let p = if time { "PT" } else { "P" };
                    return Some((i + 3, Expr::Set(format!("{p}1{code}"))));
                }
            }
            return None;
        }
        _ => return None,
    };
    Some((i + 1, Expr::Set(v.into())))
}

/// early/late/mid/the end of … X: the span grows, the value is X's.
fn at_edge(t: &Tokens, i: usize) -> M {
    let w = t.low(i);
    let j = match w {
        "early" | "late" | "mid" | "earlier" | "later" => {
            let j = i + 1;
            let hyphen = t.low(j) == "-" && t.glued(j);
            // "late in the day", "early on Friday"
            let preposition = matches!(t.low(j), "in" | "on") && w != "mid";
            if hyphen || preposition {
                j + 1
            } else {
                j
            }
        }
        "the" => {
            if !matches!(
                t.low(i + 1),
                "end"
                    | "beginning"
                    | "start"
                    | "middle"
                    | "close"
                    | "turn"
                    | "dawn"
                    | "height"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
            ) || t.low(i + 2) != "of"
            {
                return None;
            }
            i + 3
        }
        "end" | "beginning" | "start" | "middle"
            if t.low(i + 1) == "of" && i > 0 && t.low(i - 1) != "the" =>
        {
            i + 2
        }
        _ => return None,
    };
    if !t.joins(j) {
        return None;
    }
    // "the spring of 1942" is a season of that year.
    if w == "the" {
        if let Some(s) = lexicon::season(t.low(i + 1)) {
            let (e, y) = year_word_at(t, j)?;
            return Some((e, Expr::Season { s, y }));
        }
    }
    // "the end of the year", "the end of year"
    if w == "the" {
        let k = if t.low(j) == "the" { j + 1 } else { j };
        if let Some((u, false)) = lexicon::unit(t.low(k)) {
            if matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Day | Unit::Decade | Unit::Century) {
                if let Some((e, ex)) = at_the(t, j).filter(|_| t.low(j) == "the") {
                    return Some((e, ex));
                }
                if t.low(k + 1) == "of" {
                    // "the end of the month of June"
                    return None;
                }
                // The year (month …) of the story, which in news is usually the report's.
                return Some((k + 1, Expr::Shift { unit: u, n: 0, narrative: true }));
            }
        }
    }
    let inner = [
        at_month(t, j),
        at_numeric(t, j).filter(|(_, e)| !matches!(e, Expr::Time { .. })),
        at_relative(t, j),
        at_the(t, j),
        at_deictic(t, j),
        at_weekday(t, j),
    ]
    .into_iter()
    .fold(None, longer);
    let (e, ex) = inner?;
    match ex {
        Expr::Ref(_) | Expr::Duration { .. } | Expr::Set(_) | Expr::Time { .. } => None,
        Expr::Deictic { days: 0, .. } if matches!(w, "earlier" | "later") => Some((e, ex)),
        Expr::Deictic { .. } => None,
        // "mid-2011": a point in the middle of the year, month unknown
        _ => Some((e, ex)),
    }
}

/// "summer", "the summer of 1943", "spring 1918", "winter": a season, of a year if written.
fn at_season(t: &Tokens, i: usize) -> M {
    let s = lexicon::season(t.low(i))?;
    if t.cap(i + 1) && t.joins(i + 1) && year_after(t, i + 1).is_none() {
        return None; // "Summer Time", "Winter Olympics"
    }
    // "fall" is mostly a verb; only with a year or after "the"/"in"/"this".
    if t.low(i) == "fall" && t.cap(i) {
        return None;
    }
    let j = i + 1;
    if let Some((e, y)) = year_after(t, j) {
        return Some((e, Expr::Season { s, y: YearSpec::Abs(y) }));
    }
    if t.low(j) == "of" {
        if let Some((e, y)) = year_word_at(t, j + 1) {
            return Some((e, Expr::Season { s, y }));
        }
        return None; // "the fall of Budapest"
    }
    if t.low(i) == "fall" && !(i > 0 && matches!(t.low(i - 1), "the" | "in" | "this" | "last" | "next")) {
        return None;
    }
    // A season used as a modifier ("summer camp", "winter coats") is not a date.
    if t.kind(j) == Some(TokenKind::Word)
        && !t.cap(j)
        && !matches!(
            t.low(j),
            "and"
                | "of"
                | "in"
                | "when"
                | "the"
                | "as"
                | "to"
                | "with"
                | "after"
                | "before"
                | "but"
                | "that"
                | "until"
                | "was"
                | "were"
                | "had"
                | "saw"
        )
    {
        return None;
    }
    Some((j, Expr::Season { s, y: YearSpec::Implicit(Dir::Tense) }))
}

/// Fixed-date holidays: Christmas, New Year's Day/Eve.
fn at_holiday(t: &Tokens, i: usize) -> M {
    if !t.cap(i) {
        return None;
    }
    let implicit = YearSpec::Implicit(Dir::Tense);
    let (e, m, d) = match t.low(i) {
        "christmas" => {
            let e = if matches!(t.low(i + 1), "day" | "eve") && t.cap(i + 1) { i + 2 } else { i + 1 };
            (e, 12, if t.low(i + 1) == "eve" { 24 } else { 25 })
        }
        "new" if t.low(i + 1) == "year" && matches!(t.low(i + 2), "'" | "’") && t.low(i + 3) == "s" => {
            match t.low(i + 4) {
                "day" => (i + 5, 1, 1),
                "eve" => (i + 5, 12, 31),
                _ => return None,
            }
        }
        _ => return None,
    };
    let (e, y) = match year_after(t, e) {
        Some((e2, y)) => (e2, YearSpec::Abs(y)),
        None => (e, implicit),
    };
    Some((e, Expr::Cal { y, m, d: Some(d) }))
}

/// "third-quarter results", "first-half profit": the quarter or half of the anchor's year.
fn at_quarter_adjective(t: &Tokens, i: usize) -> M {
    let (e, q) = ordinal_at(t, i)?;
    if t.low(e) != "-" || !t.glued(e) || !t.glued(e + 1) {
        return None;
    }
    match t.low(e + 1) {
        "quarter" if (1..=4).contains(&q) => {
            Some((e + 2, Expr::Quarter { q, y: YearSpec::Implicit(Dir::Tense) }))
        }
        "half" if (1..=2).contains(&q) => {
            Some((e + 2, Expr::Half { h: q, y: YearSpec::Implicit(Dir::Tense) }))
        }
        _ => None,
    }
}
