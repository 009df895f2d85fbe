//! Query parameters: each endpoint names the ones it knows; an unknown parameter, a repeated
//! one that may not repeat, or a bad value is a 400 that names it. An empty value (what an
//! empty form field sends) counts as absent.

use crate::error::ApiError;
use crate::MAX_LIMIT;
use chrono::NaiveDate;
use dyad_store::{EventFilter, Period};

/// The statuses an event may have (docs/output.md).
pub(crate) const STATUSES: &[&str] =
    &["asserted", "reported", "interpreted", "hypothetical", "negated", "commentary"];

/// The parameters of the event list (API and page).
pub(crate) const EVENT_PARAMS: &[&str] =
    &["actor", "dyad", "since", "until", "root", "status", "limit", "offset"];

pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decode `raw` and check that every name is in `known`.
    pub(crate) fn parse(raw: Option<&str>, known: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.trim().to_string()))
            .collect();
        for (k, _) in &pairs {
            if !known.contains(&k.as_str()) {
                return Err(ApiError::bad_param(
                    k,
                    format!("unknown parameter (this endpoint takes: {})", known.join(", ")),
                ));
            }
        }
        Ok(Params { pairs })
    }

    /// The non-empty values of `name`, in order.
    pub(crate) fn all(&self, name: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(k, v)| k == name && !v.is_empty()).map(|(_, v)| v.as_str()).collect()
    }

    /// The value of `name`, if given; given twice is an error.
    pub(crate) fn one(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match self.all(name).as_slice() {
            [] => Ok(None),
            [v] => Ok(Some(v)),
            _ => Err(ApiError::bad_param(name, "given more than once")),
        }
    }

    /// An actor code (letters and digits, upper-cased).
    pub(crate) fn actor(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.one(name)?.map(|v| actor_code(name, v)).transpose()
    }

    /// A date bound: YYYY, YYYY-MM or YYYY-MM-DD.
    pub(crate) fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.one(name)? else { return Ok(None) };
        let ok = match v.len() {
            4 => v.parse::<u16>().is_ok(),
            7 => NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").is_ok(),
            10 => NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok(),
            _ => false,
        };
        if !ok {
            return Err(ApiError::bad_param(
                name,
                format!("`{v}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
            ));
        }
        Ok(Some(v.to_string()))
    }

    /// A whole number in `0..=max`, or `default`.
    pub(crate) fn number(
        &self,
        name: &str,
        default: usize,
        min: usize,
        max: usize,
    ) -> Result<usize, ApiError> {
        let Some(v) = self.one(name)? else { return Ok(default) };
        match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_param(name, format!("`{v}` is not a whole number from {min} to {max}"))),
        }
    }

    /// `true` or `false` (or 1/0), `false` when absent.
    pub(crate) fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.one(name)? {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") | Some("on") => Ok(true),
            Some(v) => Err(ApiError::bad_param(name, format!("`{v}` is not true or false"))),
        }
    }

    /// The period of a relation series, month when absent.
    pub(crate) fn period(&self, name: &str) -> Result<Period, ApiError> {
        match self.one(name)? {
            None | Some("month") => Ok(Period::Month),
            Some("week") => Ok(Period::Week),
            Some("day") => Ok(Period::Day),
            Some(v) => Err(ApiError::bad_param(name, format!("`{v}` is not day, week or month"))),
        }
    }

    /// The statuses asked for (`status` may repeat), each one of [`STATUSES`].
    pub(crate) fn statuses(&self) -> Result<Vec<String>, ApiError> {
        let mut out = Vec::new();
        for v in self.all("status") {
            if !STATUSES.contains(&v) {
                return Err(ApiError::bad_param(
                    "status",
                    format!("`{v}` is not a status (one of {})", STATUSES.join(", ")),
                ));
            }
            if !out.iter().any(|s| s == v) {
                out.push(v.to_string());
            }
        }
        Ok(out)
    }

    /// The event filter of [`EVENT_PARAMS`], with its limit (default `default_limit`) and offset.
    pub(crate) fn event_filter(&self, default_limit: usize) -> Result<(EventFilter, usize), ApiError> {
        let dyad = match self.one("dyad")? {
            None => None,
            Some(v) => match v.split(',').map(str::trim).collect::<Vec<_>>().as_slice() {
                [a, b] => Some((actor_code("dyad", a)?, actor_code("dyad", b)?)),
                _ => return Err(ApiError::bad_param("dyad", format!("`{v}` is not two actor codes A,B"))),
            },
        };
        let root = match self.one("root")? {
            None => None,
            Some(v) if (2..=4).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit()) => {
                Some(v.to_string())
            }
            Some(v) => {
                return Err(ApiError::bad_param(
                    "root",
                    format!("`{v}` is not a CAMEO code of 2 to 4 digits"),
                ))
            }
        };
        let filter = EventFilter {
            actor: self.actor("actor")?,
            dyad,
            since: self.date("since")?,
            until: self.date("until")?,
            root,
            statuses: self.statuses()?,
            limit: Some(self.number("limit", default_limit, 1, MAX_LIMIT)?),
            per_document: false,
        };
        let offset = self.number("offset", 0, 0, 100_000_000)?;
        Ok((filter, offset))
    }
}

/// An actor code: 1 to 30 letters and digits, upper-cased.
pub(crate) fn actor_code(name: &str, v: &str) -> Result<String, ApiError> {
    if v.is_empty() || v.len() > 30 || !v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ApiError::bad_param(
            name,
            format!("`{v}` is not an actor code (letters and digits, e.g. RUS or RUSGOV)"),
        ));
    }
    Ok(v.to_ascii_uppercase())
}

/// A document id or prefix (6 to 64 hex digits).
pub(crate) fn doc_id(v: &str) -> Result<String, ApiError> {
    if (6..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(v.to_ascii_lowercase())
    } else {
        Err(ApiError::bad_param("doc_id", "a document id is 6 to 32 hexadecimal digits"))
    }
}

/// An event id (hex digits).
pub(crate) fn event_id(v: &str) -> Result<String, ApiError> {
    if (1..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(v.to_ascii_lowercase())
    } else {
        Err(ApiError::bad_param("event_id", "an event id is 16 hexadecimal digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_bad_parameters_name_themselves() {
        let e = Params::parse(Some("actor=RUS&colour=red"), EVENT_PARAMS).err().unwrap();
        assert_eq!(e.parameter.as_deref(), Some("colour"));
        let p = Params::parse(Some("since=garbage"), EVENT_PARAMS).unwrap();
        let e = p.event_filter(50).err().unwrap();
        assert_eq!(e.parameter.as_deref(), Some("since"));
        assert!(e.message.contains("garbage"), "{}", e.message);
        let p = Params::parse(Some("actor=RUS%27%20OR%201%3D1--"), EVENT_PARAMS).unwrap();
        assert_eq!(p.event_filter(50).err().unwrap().parameter.as_deref(), Some("actor"));
    }

    #[test]
    fn repeated_statuses_and_empty_fields() {
        let p =
            Params::parse(Some("status=asserted&status=reported&actor=&limit=5&since=2024-06"), EVENT_PARAMS)
                .unwrap();
        let (f, offset) = p.event_filter(50).unwrap();
        assert_eq!(f.statuses, ["asserted", "reported"]);
        assert_eq!((f.actor, f.limit, offset, f.since.as_deref()), (None, Some(5), 0, Some("2024-06")));
        let p = Params::parse(Some("limit=1001"), EVENT_PARAMS).unwrap();
        assert!(p.event_filter(50).is_err());
        let p = Params::parse(Some("dyad=rus,prk"), EVENT_PARAMS).unwrap();
        assert_eq!(p.event_filter(50).unwrap().0.dyad, Some(("RUS".into(), "PRK".into())));
    }
}
