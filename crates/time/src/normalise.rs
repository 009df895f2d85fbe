//! Normalisation: an [`Expr`] plus its anchors becomes a TIMEX3 value.
//!
//! Two anchors are in play: the *deictic* anchor (the document date, or the speech date inside
//! a quote) for "yesterday", "last week", "three days ago"; and the *narrative* reference time
//! (the last date mentioned) for "the day before", "that year", "two weeks later". In
//! [`crate::Mode::Narrative`] the narrative reference serves for both.

use crate::context::Tense;
use crate::expr::{Count, Dir, Expr, YearSpec};
use crate::lexicon::Unit;
use crate::Mode;
use chrono::{Datelike, Duration, Months, NaiveDate};
use dyad_core::{Precision, TimexType};

/// A date mentioned in the text, with its granularity: the narrative reference time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub date: NaiveDate,
    pub unit: Unit,
}

/// Which anchor a value was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Used {
    /// The document date, or the speech date inside a quotation.
    Deictic,
    /// The last date mentioned.
    Narrative,
    /// The day mentioned earlier in the same sentence ([`Ctx::day`]).
    SentenceDay,
    /// None needed: the expression says its own date.
    Absolute,
    /// No value, or no anchor to compute it from.
    None,
}

/// What an expression is anchored to where it stands in the text.
pub struct Ctx {
    pub mode: Mode,
    /// The document date, or the speech date inside a quote.
    pub anchor: Option<NaiveDate>,
    pub narrative: Option<Point>,
    /// Tense of the clause: bare weekdays and months point forward in the future.
    pub tense: Tense,
    /// A day mentioned earlier in the same sentence, for clock times without one.
    pub day: Option<NaiveDate>,
}

/// An expression's TIMEX3 value, and what the tagger needs to anchor those after it.
pub struct Normalised {
    pub value: String,
    pub kind: TimexType,
    pub precision: Precision,
    pub used: Used,
    /// The date this expression mentions, to become the narrative reference.
    pub point: Option<Point>,
}

impl Normalised {
    fn empty(kind: TimexType) -> Normalised {
        Normalised {
            value: String::new(),
            kind,
            precision: Precision::Unknown,
            used: Used::None,
            point: None,
        }
    }
}

/// The base date of a relative expression and which anchor gave it.
fn base(ctx: &Ctx, narrative: bool) -> Option<(NaiveDate, Used)> {
    if narrative || ctx.mode == Mode::Narrative {
        if let Some(p) = ctx.narrative {
            return Some((p.date, Used::Narrative));
        }
    }
    ctx.anchor.map(|d| (d, Used::Deictic))
}

fn narrative_point(ctx: &Ctx) -> Option<(Point, Used)> {
    ctx.narrative
        .map(|p| (p, Used::Narrative))
        .or_else(|| ctx.anchor.map(|d| (Point { date: d, unit: Unit::Day }, Used::Deictic)))
}

/// The TIMEX3 value of `expr` in `ctx`; an empty value when it has none (February 30, or no
/// anchor for a relative expression).
pub fn normalise(expr: &Expr, ctx: &Ctx) -> Normalised {
    normalise_inner(expr, ctx).unwrap_or_else(|| Normalised::empty(kind_of(expr)))
}

/// The TIMEX3 type an expression has whatever its value.
pub fn kind_of(expr: &Expr) -> TimexType {
    match expr {
        Expr::Duration { .. } => TimexType::Duration,
        Expr::Set(_) => TimexType::Set,
        Expr::Lit(_, k) => *k,
        Expr::Time { .. } => TimexType::Time,
        Expr::Weekday { part: Some(_), .. } | Expr::Deictic { part: Some(_), .. } | Expr::WithPart(..) => {
            TimexType::Time
        }
        _ => TimexType::Date,
    }
}

/// A day, with a part of it when one is given ("yesterday morning" → 2024-11-01TMO, a time).
fn day_with_part(date: NaiveDate, part: Option<&'static str>, used: Used) -> Option<Normalised> {
    let mut r = point(date, Unit::Day, used)?;
    if let Some(p) = part {
        r.value.push('T');
        r.value.push_str(p);
        r.kind = TimexType::Time;
    }
    Some(r)
}

fn point(date: NaiveDate, unit: Unit, used: Used) -> Option<Normalised> {
    Some(Normalised {
        value: format_at(date, unit),
        kind: TimexType::Date,
        precision: precision_of(unit),
        used,
        point: Some(Point { date, unit }),
    })
}

fn normalise_inner(expr: &Expr, ctx: &Ctx) -> Option<Normalised> {
    match expr {
        Expr::Cal { y, m, d } => {
            let (year, used) = year_for(ctx, *y, *m, d.unwrap_or(1), d.is_some())?;
            let date = NaiveDate::from_ymd_opt(year, *m, d.unwrap_or(1))?;
            point(date, if d.is_some() { Unit::Day } else { Unit::Month }, used)
        }
        Expr::DayRange { y, m, d1, d2 } => {
            let (year, used) = year_for(ctx, *y, *m, *d1, true)?;
            let a = NaiveDate::from_ymd_opt(year, *m, *d1)?;
            let b = NaiveDate::from_ymd_opt(year, *m, *d2)?;
            let mut r = point(a, Unit::Day, used)?;
            r.value = format!("{}/{}", format_at(a, Unit::Day), format_at(b, Unit::Day));
            Some(r)
        }
        Expr::DayOfMonth { d, month_shift } => {
            let (b, used) = base(ctx, false)?;
            let mut shift = *month_shift;
            // "on the 31st", written on the 2nd: last month's, unless the sentence is future.
            if shift == 0 && *d > b.day() && ctx.tense != Tense::Future && ctx.mode == Mode::News {
                shift = -1;
            } else if shift == 0 && *d < b.day() && ctx.tense == Tense::Future {
                shift = 1;
            }
            let first = add_months(b.with_day(1)?, shift)?;
            let date = first.with_day(*d)?;
            point(date, Unit::Day, used)
        }
        Expr::Weekday { wd, dir, part } => {
            let (b, used) = base(ctx, false)?;
            let cur = b.weekday().number_from_monday() as i64;
            let target = *wd as i64;
            let delta = match dir {
                Dir::Last => -((cur - target - 1).rem_euclid(7) + 1),
                Dir::Next => (target - cur - 1).rem_euclid(7) + 1,
                Dir::This => target - cur,
                Dir::Tense if ctx.tense == Tense::Future => (target - cur - 1).rem_euclid(7) + 1,
                Dir::Tense => -(cur - target).rem_euclid(7),
            };
            let date = b.checked_add_signed(Duration::days(delta))?;
            day_with_part(date, *part, used)
        }
        Expr::Month { m, dir } => {
            let (year, used) = match dir {
                Dir::Tense => year_for(ctx, YearSpec::Implicit(Dir::Tense), *m, 1, false)?,
                _ => {
                    let (b, used) = base(ctx, false)?;
                    let y = b.year();
                    let year = match dir {
                        Dir::Last if *m < b.month() => y,
                        Dir::Last => y - 1,
                        Dir::Next if *m > b.month() => y,
                        Dir::Next => y + 1,
                        _ => y,
                    };
                    (year, used)
                }
            };
            point(NaiveDate::from_ymd_opt(year, *m, 1)?, Unit::Month, used)
        }
        Expr::Year(spec) => {
            let (y, used) = year_of_spec(ctx, *spec)?;
            point(NaiveDate::from_ymd_opt(y, 1, 1)?, Unit::Year, used)
        }
        Expr::ShortYear(yy) => {
            // Without an anchor, a 20th- or 21st-century year, as in "'82" or "'09".
            let (b, used) = base(ctx, false)
                .filter(|(b, _)| b.year() >= 1000)
                .unwrap_or((NaiveDate::from_ymd_opt(2049, 12, 31)?, Used::Absolute));
            let c = b.year() - b.year().rem_euclid(100);
            // The nearest such year to the anchor.
            let y = [c - 100, c, c + 100]
                .map(|c| c + *yy as i32)
                .into_iter()
                .min_by_key(|y| (y - b.year()).abs())?;
            let mut r = point(NaiveDate::from_ymd_opt(y, 1, 1)?, Unit::Year, used)?;
            r.used = Used::Absolute;
            Some(r)
        }
        Expr::Deictic { days, part } => {
            let (b, used) = base(ctx, false)?;
            let date = b.checked_add_signed(Duration::days(*days))?;
            day_with_part(date, *part, used)
        }
        Expr::Shift { unit, n, narrative } => {
            let (b, unit_b, used) = if *narrative {
                let (p, used) = narrative_point(ctx)?;
                match ctx.anchor {
                    // In news, "the day" after a mention of a year or month is the day of
                    // the report.
                    Some(a) if ctx.mode == Mode::News && p.unit > *unit => (a, Unit::Day, Used::Deictic),
                    _ => (p.date, p.unit, used),
                }
            } else {
                let (d, used) = base(ctx, false)?;
                (d, Unit::Day, used)
            };
            // "the day before" a month is not a day we know: keep what is known.
            if *narrative && unit_b > *unit {
                if *n == 0 {
                    return point(b, unit_b, used);
                }
                return unknown_within(b, unit_b, *unit, used);
            }
            let date = shift(b, *unit, *n)?;
            point(date, *unit, used)
        }
        Expr::Offset { unit, n, sign, narrative } => {
            let Count::Exact(k) = n else {
                let r = if *sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
                return Some(Normalised { value: r.into(), ..Normalised::empty(TimexType::Date) });
            };
            if k.fract() != 0.0 || *k > 10_000.0 {
                return None;
            }
            let (b, used) = base(ctx, *narrative)?;
            let g = match unit {
                Unit::Decade | Unit::Century | Unit::Year => Unit::Year,
                Unit::Month | Unit::Quarter => Unit::Month,
                _ => Unit::Day,
            };
            // "four days later" than a year: a day of that year, which one unknown.
            if let Some(p) =
                ctx.narrative.filter(|p| used == Used::Narrative && p.unit > g && *unit < Unit::Month)
            {
                return unknown_within(p.date, p.unit, g, used);
            }
            let date = shift(b, *unit, *sign * *k as i64)?;
            point(date, g, used)
        }
        Expr::EventOffset { unit, n, sign } => {
            if ctx.mode == Mode::News || ctx.narrative.is_none() {
                return normalise_inner(&Expr::Duration { n: *n, unit: *unit }, ctx);
            }
            normalise_inner(&Expr::Offset { unit: *unit, n: *n, sign: *sign, narrative: true }, ctx)
        }
        Expr::Season { s, y } => {
            let (year, used) = match y {
                YearSpec::Implicit(Dir::Tense) if ctx.mode == Mode::Narrative && ctx.narrative.is_some() => {
                    year_of_spec(ctx, YearSpec::Narrative(0))?
                }
                YearSpec::Implicit(dir) => {
                    let (b, used) = base(ctx, false)?;
                    let (cy, cs) = season_of(b);
                    let ts = season_index(s);
                    let year = match dir {
                        Dir::Last if ts < cs => cy,
                        Dir::Last => cy - 1,
                        Dir::Next if ts > cs => cy,
                        Dir::Next => cy + 1,
                        Dir::Tense if ctx.tense == Tense::Future && ts < cs => cy + 1,
                        Dir::Tense if ctx.tense != Tense::Future && ts > cs => cy - 1,
                        _ => cy,
                    };
                    (year, used)
                }
                spec => year_of_spec(ctx, *spec)?,
            };
            let mut r = point(NaiveDate::from_ymd_opt(year, 1, 1)?, Unit::Year, used)?;
            r.value = format!("{}-{s}", format_year(year));
            r.precision = Precision::Season;
            Some(r)
        }
        Expr::Quarter { q, y } => {
            let (year, used) = match y {
                YearSpec::Implicit(_) => {
                    let (b, used) = base(ctx, false)?;
                    let cq = (b.month() - 1) / 3 + 1;
                    let year = if ctx.tense == Tense::Future && *q < cq {
                        b.year() + 1
                    } else if ctx.tense != Tense::Future && *q > cq {
                        b.year() - 1
                    } else {
                        b.year()
                    };
                    (year, used)
                }
                spec => year_of_spec(ctx, *spec)?,
            };
            let date = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1)?;
            point(date, Unit::Quarter, used)
        }
        Expr::WeekOfMonth { nth, y, m } => {
            let (year, used) = year_for(ctx, *y, *m, 1, false)?;
            let first = NaiveDate::from_ymd_opt(year, *m, 1)?;
            // The week counts as the month's when its Thursday (its 4th day) is in the month.
            let day = if *nth < 0 {
                add_months(first, 1)?.checked_sub_signed(Duration::days(3))?
            } else {
                first.checked_add_signed(Duration::days(3 + 7 * (*nth as i64 - 1)))?
            };
            point(day, Unit::Week, used)
        }
        Expr::Half { h, y } => {
            let (year, used) = year_of_spec(ctx, *y)?;
            let mut r = point(NaiveDate::from_ymd_opt(year, 1, 1)?, Unit::Year, used)?;
            r.value = format!("{}-H{h}", format_year(year));
            Some(r)
        }
        Expr::WithPart(inner, part) => {
            let mut r = normalise_inner(inner, ctx)?;
            r.value.push('T');
            r.value.push_str(part);
            r.kind = TimexType::Time;
            Some(r)
        }
        Expr::Decade(d) => Some(Normalised {
            value: format!("{d:03}"),
            kind: TimexType::Date,
            precision: Precision::Decade,
            used: Used::Absolute,
            point: None,
        }),
        Expr::Century(c) => Some(Normalised {
            value: if *c < 0 { format!("BC{:02}", -c) } else { format!("{c:02}") },
            kind: TimexType::Date,
            precision: Precision::Century,
            used: Used::Absolute,
            point: None,
        }),
        Expr::Time { h, m, utc, day } => {
            let (date, used) = match day {
                Some(d) => {
                    let r = normalise_inner(d, ctx)?;
                    (r.point.map(|p| p.date), r.used)
                }
                None if ctx.day.is_some() => (ctx.day, Used::SentenceDay),
                None => match base(ctx, false) {
                    Some((d, u)) => (Some(d), u),
                    None => (None, Used::None),
                },
            };
            let day = date.map(|d| format_at(d, Unit::Day)).unwrap_or_else(|| "XXXX-XX-XX".into());
            let mut value = format!("{day}T{h:02}:{:02}", m.unwrap_or(0));
            if *utc {
                value.push('Z');
            }
            let precision = if m.is_some() { Precision::Minute } else { Precision::Hour };
            Some(Normalised { value, kind: TimexType::Time, precision, used, point: None })
        }
        Expr::Duration { n, unit } => Some(Normalised {
            value: duration_value(*n, *unit),
            kind: TimexType::Duration,
            precision: Precision::Unknown,
            used: Used::Absolute,
            point: None,
        }),
        Expr::Set(v) => Some(Normalised { value: v.clone(), ..Normalised::empty(TimexType::Set) }),
        Expr::Lit(v, k) => Some(Normalised { value: v.clone(), ..Normalised::empty(*k) }),
        Expr::Ref(r) => {
            Some(Normalised { value: (*r).into(), used: Used::Deictic, ..Normalised::empty(TimexType::Date) })
        }
        Expr::Invalid => None,
    }
}

/// A `unit`-sized time inside the known `outer` period of `d`, written with X for the unknown
/// parts ("1915-XX-XX"); not a reference for what follows.
fn unknown_within(d: NaiveDate, outer: Unit, unit: Unit, used: Used) -> Option<Normalised> {
    let known = format_at(d, outer);
    let value = match (outer, unit) {
        (Unit::Year, Unit::Day) => format!("{known}-XX-XX"),
        (Unit::Year, Unit::Month) => format!("{known}-XX"),
        (Unit::Month, Unit::Day) => format!("{known}-XX"),
        _ => return None,
    };
    Some(Normalised { value, kind: TimexType::Date, precision: precision_of(outer), used, point: None })
}

/// TIMEX3 duration value: P3D, PT24H, P10Y for a decade, PXY when the count is unknown.
pub fn duration_value(n: Count, unit: Unit) -> String {
    let (code, time) = unit.duration_code();
    let t = if time { "T" } else { "" };
    match n {
        Count::Vague => format!("P{t}X{code}"),
        Count::Exact(k) => {
            let (k, code) = match unit {
                Unit::Decade => (k * 10.0, "Y"),
                Unit::Century => (k, "CE"),
                _ => (k, code),
            };
            if k.fract() == 0.0 {
                format!("P{t}{}{code}", k as u64)
            } else {
                format!("P{t}{k}{code}")
            }
        }
    }
}

fn year_of_spec(ctx: &Ctx, spec: YearSpec) -> Option<(i32, Used)> {
    match spec {
        YearSpec::Abs(y) => Some((y, Used::Absolute)),
        YearSpec::Rel(k) => base(ctx, false).map(|(b, u)| (b.year() + k, u)),
        YearSpec::Narrative(k) => narrative_point(ctx).map(|(p, u)| (p.date.year() + k, u)),
        YearSpec::Implicit(_) => base(ctx, false).map(|(b, u)| (b.year(), u)),
    }
}

/// The year of a month (and day) written without one: in news, the most recent such date for
/// a past sentence and the next for a future one; in narrative, the reference year.
fn year_for(ctx: &Ctx, spec: YearSpec, m: u32, d: u32, has_day: bool) -> Option<(i32, Used)> {
    let YearSpec::Implicit(_) = spec else {
        return year_of_spec(ctx, spec);
    };
    let (b, used) = base(ctx, false)?;
    if ctx.mode == Mode::Narrative && used == Used::Narrative {
        return Some((b.year(), used));
    }
    let here = (m, if has_day { d } else { 0 });
    let now = (b.month(), if has_day { b.day() } else { 0 });
    let y = b.year();
    if ctx.tense == Tense::Unknown && has_day {
        // No tense to go by: the nearest such date.
        let near = |y: i32| NaiveDate::from_ymd_opt(y, m, d).map(|x| (x - b).num_days().abs());
        let year = [y - 1, y, y + 1].into_iter().min_by_key(|&y| near(y).unwrap_or(i64::MAX))?;
        return Some((year, used));
    }
    let year = if ctx.tense == Tense::Future {
        if here >= now {
            y
        } else {
            y + 1
        }
    } else if here <= now {
        y
    } else {
        y - 1
    };
    Some((year, used))
}

fn season_index(s: &str) -> u32 {
    match s {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

/// The season a date falls in, with its year (January belongs to the previous year's winter).
fn season_of(d: NaiveDate) -> (i32, u32) {
    match d.month() {
        1 | 2 => (d.year() - 1, 3),
        3..=5 => (d.year(), 0),
        6..=8 => (d.year(), 1),
        9..=11 => (d.year(), 2),
        _ => (d.year(), 3),
    }
}

fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

/// `d` moved by `n` units.
pub fn shift(d: NaiveDate, unit: Unit, n: i64) -> Option<NaiveDate> {
    let months = |k: i64| -> Option<NaiveDate> { add_months(d, i32::try_from(k).ok()?) };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(d),
        Unit::Day => d.checked_add_signed(Duration::try_days(n)?),
        Unit::Week | Unit::Weekend => d.checked_add_signed(Duration::try_days(n.checked_mul(7)?)?),
        Unit::Month => months(n),
        Unit::Quarter => months(n.checked_mul(3)?),
        Unit::Year => months(n.checked_mul(12)?),
        Unit::Decade => months(n.checked_mul(120)?),
        Unit::Century => months(n.checked_mul(1200)?),
    }
}

/// A year as TIMEX writes it: "0490", "BC0490".
fn format_year(y: i32) -> String {
    if y < 0 {
        format!("BC{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

/// `d` written at the granularity of `unit`.
pub fn format_at(d: NaiveDate, unit: Unit) -> String {
    if d.year() < 0 {
        // Years before Christ are stored as negative years ("490 BC" = -490).
        let y = -d.year();
        return match unit {
            Unit::Decade => format!("BC{:03}", y / 10),
            Unit::Century => format!("BC{:02}", y / 100),
            Unit::Month => format!("BC{y:04}-{:02}", d.month()),
            Unit::Day => format!("BC{y:04}-{:02}-{:02}", d.month(), d.day()),
            _ => format!("BC{y:04}"),
        };
    }
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        }
        Unit::Week => {
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Unit::Weekend => {
            let w = d.iso_week();
            format!("{:04}-W{:02}-WE", w.year(), w.week())
        }
        Unit::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Unit::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        Unit::Year => format!("{:04}", d.year()),
        Unit::Decade => format!("{:03}", d.year().div_euclid(10)),
        Unit::Century => format!("{:02}", d.year().div_euclid(100)),
    }
}

fn precision_of(unit: Unit) -> Precision {
    match unit {
        Unit::Second | Unit::Minute => Precision::Minute,
        Unit::Hour => Precision::Hour,
        Unit::Day => Precision::Day,
        Unit::Week | Unit::Weekend => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Quarter => Precision::Quarter,
        Unit::Year => Precision::Year,
        Unit::Decade => Precision::Decade,
        Unit::Century => Precision::Century,
    }
}
