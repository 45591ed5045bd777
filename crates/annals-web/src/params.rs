//! The parameters of an API request, read from its query string and
//! checked: numbers, dates, dyads, lengths. Each refusal names the
//! parameter and what it should be.

use crate::reply::ApiError;
use annals_events::index::{Dyad, Period};

/// A page holds this many items unless `limit` says otherwise.
pub(crate) const DEFAULT_LIMIT: usize = 100;

/// No page holds more items than this.
pub(crate) const MAX_LIMIT: usize = 1000;

/// The longest `q` (and name) taken, in characters.
pub(crate) const MAX_TEXT: usize = 500;

/// The parameters of one request, in the order given.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// Reads a query string (`None` when the URI has none).
    pub(crate) fn parse(query: Option<&str>) -> Result<Params, ApiError> {
        let Some(query) = query else {
            return Ok(Params::default());
        };
        serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .map(Params)
            .map_err(|e| ApiError::bad_request(format!("the query string cannot be read: {e}")))
    }

    /// The value of a parameter (its first occurrence), `None` when it is
    /// absent or empty.
    pub(crate) fn text(&self, name: &str) -> Result<Option<&str>, ApiError> {
        let value = self
            .0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty());
        match value {
            Some(v) if v.chars().count() > MAX_TEXT => Err(ApiError::bad_request(format!(
                "{name} is longer than {MAX_TEXT} characters"
            ))),
            _ => Ok(value),
        }
    }

    /// A parameter that must be given.
    pub(crate) fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.text(name)?
            .ok_or_else(|| ApiError::bad_request(format!("{name} is required")))
    }

    /// A whole number, `default` when absent.
    pub(crate) fn number(&self, name: &str, default: usize) -> Result<usize, ApiError> {
        match self.text(name)? {
            None => Ok(default),
            Some(v) => v.parse::<usize>().map_err(|_| {
                ApiError::bad_request(format!("{name} must be a whole number, not {v:?}"))
            }),
        }
    }

    /// `offset` and `limit` (default [`DEFAULT_LIMIT`], capped at
    /// [`MAX_LIMIT`]).
    pub(crate) fn page(&self) -> Result<(usize, usize), ApiError> {
        let offset = self.number("offset", 0)?;
        let limit = self.number("limit", DEFAULT_LIMIT)?.min(MAX_LIMIT);
        Ok((offset, limit))
    }

    /// A date bound as a day number: the first day of `from`, the last day
    /// of `to`.
    pub(crate) fn day(&self, name: &str, last: bool) -> Result<Option<i64>, ApiError> {
        let Some(text) = self.text(name)? else {
            return Ok(None);
        };
        let bad = || {
            ApiError::bad_request(format!(
                "{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {text:?}"
            ))
        };
        let shape_ok = {
            let parts: Vec<&str> = text.split('-').collect();
            let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
            match parts.as_slice() {
                [y] => digits(y, 4),
                [y, m] => digits(y, 4) && digits(m, 2),
                [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
                _ => false,
            }
        };
        if !shape_ok {
            return Err(bad());
        }
        let cal = annals_time::parse_dct(text).map_err(|_| bad())?;
        let (first, end) = cal.days();
        Ok(Some(if last { end } else { first }))
    }

    /// A dyad (`JPN-SUN`, `SUN>JPN`).
    pub(crate) fn dyad(&self) -> Result<Option<Dyad>, ApiError> {
        match self.text("dyad")? {
            None => Ok(None),
            Some(text) => Dyad::parse(text)
                .map(Some)
                .map_err(|e| ApiError::bad_request(format!("dyad: {e}"))),
        }
    }

    /// The period of the index (`year`, `decade`, `section`; default year).
    pub(crate) fn period(&self) -> Result<Period, ApiError> {
        match self.text("by")? {
            None | Some("year") => Ok(Period::Year),
            Some("decade") => Ok(Period::Decade),
            Some("section") => Ok(Period::Section),
            Some(other) => Err(ApiError::bad_request(format!(
                "by must be year, decade or section, not {other:?}"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(query: &str) -> Params {
        Params::parse(Some(query)).expect("reads")
    }

    #[test]
    fn values_are_decoded_and_empty_ones_absent() {
        let p = params("q=neutrality+pact&entity=Soviet%20Union&from=&x=1&x=2");
        assert_eq!(p.text("q").expect("ok"), Some("neutrality pact"));
        assert_eq!(p.text("entity").expect("ok"), Some("Soviet Union"));
        assert_eq!(p.text("from").expect("ok"), None);
        assert_eq!(p.text("x").expect("ok"), Some("1"));
        assert!(p.required("from").is_err());
    }

    #[test]
    fn pages_have_defaults_and_a_cap() {
        assert_eq!(params("").page().expect("ok"), (0, DEFAULT_LIMIT));
        assert_eq!(params("offset=5&limit=7").page().expect("ok"), (5, 7));
        assert_eq!(params("limit=100000").page().expect("ok"), (0, MAX_LIMIT));
        assert!(params("limit=-1").page().is_err());
        assert!(params("offset=ten").page().is_err());
    }

    #[test]
    fn dates_are_days_at_their_own_precision() {
        use annals_core::calendar::day_number;
        let p = params("from=1941&to=1945-08");
        assert_eq!(
            p.day("from", false).expect("ok"),
            Some(day_number(1941, 1, 1))
        );
        assert_eq!(
            p.day("to", true).expect("ok"),
            Some(day_number(1945, 8, 31))
        );
        for bad in [
            "19x",
            "1941-13",
            "1941-02-30",
            "41",
            "1941-4",
            "1941-04-13T10",
            "-1941",
        ] {
            let err = params(&format!("from={bad}")).day("from", false);
            assert!(err.is_err(), "{bad}");
        }
    }

    #[test]
    fn long_texts_are_refused() {
        let long = "a".repeat(MAX_TEXT + 1);
        let err = params(&format!("q={long}"))
            .text("q")
            .expect_err("too long");
        assert_eq!(err.status, axum::http::StatusCode::BAD_REQUEST);
        assert!(params(&format!("q={}", "é".repeat(MAX_TEXT)))
            .text("q")
            .is_ok());
    }

    #[test]
    fn dyads_and_periods_are_checked() {
        assert!(params("dyad=JPN-SUN").dyad().expect("ok").is_some());
        assert!(params("dyad=XXX-SUN").dyad().is_err());
        assert_eq!(params("by=decade").period().expect("ok"), Period::Decade);
        assert!(params("by=week").period().is_err());
    }
}
