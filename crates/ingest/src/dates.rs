//! Publication dates as pages and datelines write them: ISO 8601 (with time and offset),
//! `2024.11.02` / `2024/11/02`, "November 2, 2024", "Nov. 2, 2024", "2 November 2024",
//! RFC 2822 ("Sat, 02 Nov 2024 09:30:00 +0900"), `2024년 11월 2일`, `2024年11月2日`, and dates in
//! URL paths (`/2024/11/02/`, `/20241102`).

use chrono::NaiveDate;

/// A date found in a string, with the time of day (and offset) as written, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub date: NaiveDate,
    pub time: Option<String>,
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Is this lowercase word a month name or its abbreviation ("nov", "november", "sept")?
pub fn is_month_word(word: &str) -> bool {
    month_of(word).is_some()
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "mayor", "marching": a month word is its abbreviation or its full name.
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (w.len() == 3 || FULL[i] == w || (i == 8 && w == "sept")).then_some(i as u32 + 1)
}

fn ymd(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
}

/// Parse a value that is meant to be a date (a meta tag's `content`, JSON-LD `datePublished`,
/// a `<time datetime>`): the first date found in it.
pub fn parse_date_value(s: &str) -> Option<Found> {
    find_date(s.trim())
}

/// The first date written in `text`, in any of the supported forms.
pub fn find_date(text: &str) -> Option<Found> {
    find_date_at(text).map(|(_, f)| f)
}

/// [`find_date`] with the byte offset in `text` where the date starts.
pub fn find_date_at(text: &str) -> Option<(usize, Found)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let boundary = i == 0 || !chars[i - 1].1.is_alphanumeric();
        if boundary && c.is_ascii_digit() {
            if let Some(f) = numeric_at(&text[at..]) {
                return Some((at, f));
            }
        } else if boundary && c.is_alphabetic() {
            if let Some(f) = month_name_at(&text[at..]) {
                return Some((at, f));
            }
        }
        i += 1;
    }
    None
}

/// Leading run of ASCII digits.
fn digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// `2024-11-02[T09:30:00+09:00]`, `2024.11.02`, `2024/11/02`, `2024년 11월 2일`, `2024年11月2日`,
/// `02.11.2024` (day first, as European pages write it), `2 November 2024`.
fn numeric_at(s: &str) -> Option<Found> {
    let (first, rest) = digits(s);
    if first.len() == 4 {
        let y: i64 = first.parse().ok()?;
        let sep = rest.chars().next()?;
        if matches!(sep, '-' | '.' | '/') {
            let (m, rest2) = digits(&rest[1..]);
            let rest2 = rest2.strip_prefix(sep)?;
            let (d, tail) = digits(rest2);
            if m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
                return None;
            }
            let date = ymd(y, m.parse().ok()?, d.parse().ok()?)?;
            return Some(Found { date, time: time_after(tail) });
        }
        // Korean and CJK: 2024년 11월 2일 / 2024年11月2日
        let rest = rest.trim_start();
        let rest = rest.strip_prefix('년').or_else(|| rest.strip_prefix('年'))?.trim_start();
        let (m, rest) = digits(rest);
        let rest = rest.trim_start();
        let rest = rest.strip_prefix('월').or_else(|| rest.strip_prefix('月'))?.trim_start();
        let (d, rest) = digits(rest);
        rest.trim_start().strip_prefix('일').or_else(|| rest.strip_prefix('日'))?;
        let date = ymd(y, m.parse().ok()?, d.parse().ok()?)?;
        return Some(Found { date, time: None });
    }
    if first.len() == 8 && !rest.starts_with(|c: char| c.is_alphanumeric()) {
        // 20241102 (URL paths, ids)
        let date = ymd(first[..4].parse().ok()?, first[4..6].parse().ok()?, first[6..].parse().ok()?)?;
        return Some(Found { date, time: None });
    }
    if (1..=2).contains(&first.len()) {
        let d: i64 = first.parse().ok()?;
        // 02.11.2024
        if let Some(r) = rest.strip_prefix('.') {
            let (m, r) = digits(r);
            let r = r.strip_prefix('.')?;
            let (y, _) = digits(r);
            if y.len() == 4 && (1..=2).contains(&m.len()) {
                let date = ymd(y.parse().ok()?, m.parse().ok()?, d)?;
                return Some(Found { date, time: None });
            }
            return None;
        }
        // 2 November 2024
        let r = rest.trim_start_matches([' ', '\u{a0}']);
        let word_end = r.find(|c: char| !c.is_alphabetic() && c != '.').unwrap_or(r.len());
        let m = month_of(&r[..word_end])?;
        let r = r[word_end..].trim_start_matches([',', ' ', '\u{a0}']);
        let (y, _) = digits(r);
        if y.len() == 4 {
            let date = ymd(y.parse().ok()?, m as i64, d)?;
            return Some(Found { date, time: None });
        }
    }
    None
}

/// "November 2, 2024", "Nov. 2 2024", "Sat, 02 Nov 2024 09:30:00 +0900" (the last via the
/// day-first form at the number).
fn month_name_at(s: &str) -> Option<Found> {
    let word_end = s.find(|c: char| !c.is_alphabetic() && c != '.').unwrap_or(s.len());
    let m = month_of(&s[..word_end])?;
    let r = s[word_end..].trim_start_matches([' ', '\u{a0}']);
    let (d, r) = digits(r);
    if d.is_empty() || d.len() > 2 {
        return None;
    }
    let r = r.trim_start_matches(['s', 't', 'n', 'd', 'r', 'h']);
    let r = r.trim_start_matches([',', ' ', '\u{a0}']);
    let (y, tail) = digits(r);
    if y.len() != 4 {
        return None;
    }
    let date = ymd(y.parse().ok()?, m as i64, d.parse().ok()?)?;
    Some(Found { date, time: time_after(tail) })
}

/// The `T09:30:00+09:00` (or ` 09:30`) after an ISO date, as written.
fn time_after(tail: &str) -> Option<String> {
    let t = tail.strip_prefix('T').or_else(|| tail.strip_prefix(' '))?;
    let (h, r) = digits(t);
    if h.len() != 2 || !r.starts_with(':') {
        return None;
    }
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | 'Z')))
        .unwrap_or(t.len());
    Some(t[..end].to_string())
}

/// A date in a URL path: `/2024/11/02/`, `/2024-11-02/`, or an 8-digit `20241102` segment part.
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    let path = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = path.find('/').map(|i| &path[i..]).unwrap_or("");
    let segments: Vec<&str> = path.split(['/', '?', '#', '&', '=']).collect();
    for w in segments.windows(3) {
        if w[0].len() == 4 && (1..=2).contains(&w[1].len()) && (1..=2).contains(&w[2].len()) {
            let parsed = (w[0].parse::<i64>(), w[1].parse::<i64>(), w[2].parse::<i64>());
            if let (Ok(y), Ok(m), Ok(d)) = parsed {
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    for seg in &segments {
        for part in seg.split(|c: char| !c.is_ascii_digit()) {
            if part.len() == 8 {
                if let Some(date) =
                    ymd(part[..4].parse().ok()?, part[4..6].parse().ok()?, part[6..].parse().ok()?)
                {
                    return Some(date);
                }
            } else if part.len() == 10 && seg.contains(&format!("{}-", &part[..4])) {
                continue;
            }
        }
        if let Some(f) = numeric_at(seg).filter(|_| seg.len() >= 10 && seg.as_bytes()[4] == b'-') {
            return Some(f.date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_the_written_forms() {
        let iso = parse_date_value("2019-11-19T12:04:00+09:00").unwrap();
        assert_eq!((iso.date, iso.time.as_deref()), (d(2019, 11, 19), Some("12:04:00+09:00")));
        assert_eq!(find_date("photo. 2024.11.02 Moscow = AP/Newsis").unwrap().date, d(2024, 11, 2));
        assert_eq!(find_date("Updated Nov. 2, 2024 at 5pm").unwrap().date, d(2024, 11, 2));
        assert_eq!(find_date("on November 2nd, 2024").unwrap().date, d(2024, 11, 2));
        assert_eq!(find_date("Sat, 02 Nov 2024 09:30:00 +0900").unwrap().date, d(2024, 11, 2));
        assert_eq!(find_date("입력 2024년 11월 2일 09:30").unwrap().date, d(2024, 11, 2));
        assert_eq!(find_date("2024年11月2日").unwrap().date, d(2024, 11, 2));
        assert_eq!(find_date("02.11.2024").unwrap().date, d(2024, 11, 2));
        assert_eq!(find_date("the mayor said 12 times in 2024"), None);
        assert_eq!(find_date("2024.13.45"), None);
    }

    #[test]
    fn reads_dates_in_urls() {
        assert_eq!(date_in_url("https://x.com/news/2019/11/19/story"), Some(d(2019, 11, 19)));
        assert_eq!(date_in_url("https://x.com/a/20191119-story.html"), Some(d(2019, 11, 19)));
        assert_eq!(date_in_url("https://x.com/2019-11-19/story"), Some(d(2019, 11, 19)));
        assert_eq!(date_in_url("https://x.com/story-12345"), None);
    }
}
