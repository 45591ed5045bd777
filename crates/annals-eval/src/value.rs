//! When two TIMEX values count as equal.

use crate::TimexRecord;

/// How values are compared.
///
/// ```
/// use annals_eval::ValueNorm;
///
/// assert_eq!(ValueNorm::Exact.normalize(Some(" 1941-09 ")), "1941-09");
/// assert_eq!(ValueNorm::Exact.normalize(Some("p2ce")), "P2CE");
/// assert_eq!(ValueNorm::Timex2.normalize(Some("p2ce")), "P200Y");
/// assert_eq!(ValueNorm::Timex2.normalize(None), "");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ValueNorm {
    /// `score.py`'s comparison: values equal after trimming and upper-casing;
    /// a missing value equals the empty one.
    #[default]
    Exact,
    /// For TIMEX3 output against TIMEX2 gold (WikiWars; see its README,
    /// "TIMEX2 -> TIMEX3"). On top of [`ValueNorm::Exact`]:
    /// - durations in decades and centuries become years on both sides
    ///   (`P1DE` = `P10Y`, `P2CE` = `P200Y`, `P.5CE` = `P50Y`); a vague count
    ///   stays as it is (`PXDE` is not `PXY`);
    /// - two records both typed `SET` match when they repeat with the same
    ///   period: `XXXX-XX-XX` ("daily") = `P1D`, `XXXX-WXX` = `P1W`,
    ///   `XXXX` ("annually") = `P1Y`. The period of a point-like value is the
    ///   unit of its finest unknown field (`XXXX-08` repeats yearly,
    ///   `1918-08-XXTNI` daily); a time of day is ignored.
    Timex2,
}

impl ValueNorm {
    /// The comparable form of a value.
    pub fn normalize(self, value: Option<&str>) -> String {
        let exact = python_strip(value.unwrap_or("")).to_uppercase();
        match self {
            ValueNorm::Exact => exact,
            ValueNorm::Timex2 => decades_and_centuries_as_years(&exact).unwrap_or(exact),
        }
    }

    /// Whether the system record's value counts as the gold record's.
    ///
    /// ```
    /// use annals_eval::{TimexRecord, ValueNorm};
    ///
    /// let set = |value: &str| TimexRecord {
    ///     r#type: Some("SET".to_owned()),
    ///     value: Some(value.to_owned()),
    ///     ..TimexRecord::default()
    /// };
    /// assert!(ValueNorm::Timex2.values_match(&set("XXXX-XX-XX"), &set("P1D")));
    /// assert!(!ValueNorm::Exact.values_match(&set("XXXX-XX-XX"), &set("P1D")));
    /// assert!(!ValueNorm::Timex2.values_match(&set("XXXX-XX-XX"), &set("P1W")));
    /// ```
    pub fn values_match(self, gold: &TimexRecord, system: &TimexRecord) -> bool {
        let gold_value = self.normalize(gold.value.as_deref());
        let system_value = self.normalize(system.value.as_deref());
        if gold_value == system_value {
            return true;
        }
        if self == ValueNorm::Exact || !(is_set(gold) && is_set(system)) {
            return false;
        }
        match (set_period(&gold_value), set_period(&system_value)) {
            (Some(gold_period), Some(system_period)) => gold_period == system_period,
            _ => false,
        }
    }
}

/// Python's `str.strip()`: Rust's whitespace plus the ASCII separators
/// U+001C..U+001F, which Python also counts as whitespace.
pub(crate) fn python_strip(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

fn is_set(record: &TimexRecord) -> bool {
    record
        .r#type
        .as_deref()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("SET"))
}

/// `P<n>DE` -> `P<10n>Y`, `P<n>CE` -> `P<100n>Y` for a decimal `n`; `None` otherwise.
fn decades_and_centuries_as_years(value: &str) -> Option<String> {
    let rest = value.strip_prefix('P')?;
    let (count, places) = if let Some(count) = rest.strip_suffix("DE") {
        (count, 1)
    } else {
        (rest.strip_suffix("CE")?, 2)
    };
    let is_decimal = count.chars().any(|c| c.is_ascii_digit())
        && count.chars().all(|c| c.is_ascii_digit() || c == '.')
        && count.matches('.').count() <= 1;
    is_decimal.then(|| format!("P{}Y", shift_decimal_point(count, places)))
}

/// Multiplies a decimal string by `10^places` exactly: `".5"`, 2 -> `"50"`.
fn shift_decimal_point(number: &str, places: usize) -> String {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let fraction = format!("{fraction:0<places$}");
    let (moved, rest) = fraction.split_at(places);
    let whole = format!("{whole}{moved}");
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        digits => digits,
    };
    match rest.trim_end_matches('0') {
        "" => whole.to_owned(),
        rest => format!("{whole}.{rest}"),
    }
}

/// A unit of repetition of a SET.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
}

/// How often a SET repeats: a count of units. `None` when the value is not understood.
fn set_period(value: &str) -> Option<(String, Unit)> {
    match value.strip_prefix('P') {
        Some(duration) => duration_period(duration),
        None => point_period(value).map(|unit| ("1".to_owned(), unit)),
    }
}

/// `1D`, `T12H`, ... (after the `P`): one component only.
fn duration_period(duration: &str) -> Option<(String, Unit)> {
    let (time, body) = match duration.strip_prefix('T') {
        Some(body) => (true, body),
        None => (false, duration),
    };
    let unit_char = body.chars().last()?;
    let count = &body[..body.len() - unit_char.len_utf8()];
    if count.is_empty() || !count.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let unit = match (time, unit_char) {
        (false, 'Y') => Unit::Year,
        (false, 'M') => Unit::Month,
        (false, 'W') => Unit::Week,
        (false, 'D') => Unit::Day,
        (true, 'H') => Unit::Hour,
        (true, 'M') => Unit::Minute,
        (true, 'S') => Unit::Second,
        _ => return None,
    };
    Some((shift_decimal_point(count, 0), unit))
}

/// The unit of the finest all-`X` field of a date: `XXXX-WXX-1` -> week.
fn point_period(value: &str) -> Option<Unit> {
    let date = value.split('T').next().unwrap_or(value);
    let mut finest = None;
    for (position, field) in date.split('-').enumerate() {
        let digits = field.strip_prefix('W').unwrap_or(field);
        if digits.is_empty() || !digits.chars().all(|c| c == 'X') {
            continue;
        }
        finest = match (position, field.starts_with('W')) {
            (0, _) => Some(Unit::Year),
            (1, true) => Some(Unit::Week),
            (1, false) => Some(Unit::Month),
            (2, _) => Some(Unit::Day),
            _ => return None,
        };
    }
    finest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_trims_and_upper_cases_like_python() {
        let norm = ValueNorm::Exact;
        assert_eq!(
            norm.normalize(Some("\u{1f} 1941-09tmo\u{a0}\n")),
            "1941-09TMO"
        );
        assert_eq!(norm.normalize(Some("")), norm.normalize(None));
        assert_eq!(norm.normalize(Some("P1DE")), "P1DE");
        // Python upper-cases with full case mapping, as Rust does.
        assert_eq!(norm.normalize(Some("ß")), "SS");
    }

    #[test]
    fn decades_and_centuries_become_years() {
        let years = |v| ValueNorm::Timex2.normalize(Some(v));
        assert_eq!(years("P1DE"), "P10Y");
        assert_eq!(years("P2CE"), "P200Y");
        assert_eq!(years("P.5CE"), "P50Y");
        assert_eq!(years("P1.5DE"), "P15Y");
        assert_eq!(years("P0.25DE"), "P2.5Y");
        assert_eq!(years("P0.125CE"), "P12.5Y");
        assert_eq!(years("PXDE"), "PXDE");
        assert_eq!(years("P.CE"), "P.CE");
        assert_eq!(years("P1DT"), "P1DT");
        assert_eq!(years("198"), "198");
    }

    fn record(r#type: &str, value: &str) -> TimexRecord {
        TimexRecord {
            r#type: Some(r#type.to_owned()),
            value: Some(value.to_owned()),
            ..TimexRecord::default()
        }
    }

    #[test]
    fn durations_in_decades_match_years_on_either_side() {
        let norm = ValueNorm::Timex2;
        assert!(norm.values_match(&record("DURATION", "P1DE"), &record("DURATION", "P10Y")));
        assert!(norm.values_match(&record("DURATION", "P20Y"), &record("DURATION", "p2de")));
        assert!(!norm.values_match(&record("DURATION", "PXDE"), &record("DURATION", "PXY")));
        assert!(!ValueNorm::Exact
            .values_match(&record("DURATION", "P1DE"), &record("DURATION", "P10Y")));
    }

    #[test]
    fn sets_match_by_period() {
        let norm = ValueNorm::Timex2;
        let matches =
            |gold, system| norm.values_match(&record("SET", gold), &record("SET", system));
        assert!(matches("XXXX-XX-XX", "P1D"));
        assert!(matches("1918-08-XXTNI", "XXXX-XX-XX"));
        assert!(matches("1918-08-XXTDT", "P1D"));
        assert!(matches("XXXX-WXX", "P1W"));
        assert!(matches("XXXX", "P1Y"));
        assert!(matches("XXXX-XX", "P1M"));
        assert!(matches("XXXX-08", "P1Y"));
        assert!(matches("P1DE", "P10Y"));
        assert!(!matches("XXXX-XX-XX", "P2D"));
        assert!(!matches("XXXX-XX-XX", "P1W"));
        assert!(!matches("P1M", "PT1M"));
        assert!(!matches("1918-08-01", "P1D"));
        // Only when both are SETs.
        assert!(!norm.values_match(&record("DATE", "XXXX-XX-XX"), &record("SET", "P1D")));
        assert!(!norm.values_match(&record("SET", "XXXX-XX-XX"), &record("DURATION", "P1D")));
    }
}
