//! Proleptic Gregorian day arithmetic shared by the stages (years are
//! astronomical: 1 BC is year 0).

/// Days in a month.
///
/// ```
/// assert_eq!(annals_core::calendar::days_in_month(1940, 2), 29);
/// ```
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a date (the civil-from-days algorithm of
/// Howard Hinnant, written out from its published description).
///
/// ```
/// assert_eq!(annals_core::calendar::day_number(1970, 1, 2), 1);
/// ```
pub fn day_number(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number.
///
/// ```
/// use annals_core::calendar::{day_number, from_day_number};
/// assert_eq!(from_day_number(day_number(-43, 3, 15)), (-43, 3, 15));
/// ```
pub fn from_day_number(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// The day number of an ISO day (`1941-09-01`, `-0043-03-15`).
///
/// ```
/// use annals_core::calendar::{parse_iso_day, day_number};
/// assert_eq!(parse_iso_day("1970-01-02"), Some(1));
/// assert_eq!(parse_iso_day("-0043-03-15"), Some(day_number(-43, 3, 15)));
/// assert_eq!(parse_iso_day("1941-13-01"), None);
/// ```
pub fn parse_iso_day(text: &str) -> Option<i64> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = body.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    let y = if negative { -y } else { y };
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then(|| day_number(y, m, d))
}

/// The first and last day of a TIMEX3 date value ("1945", "1979-12",
/// "1945-08-08", a decade "198", a century "19"), as day numbers.
///
/// ```
/// use annals_core::calendar::{value_days, day_number};
/// assert_eq!(value_days("198"), Some((day_number(1980, 1, 1), day_number(1989, 12, 31))));
/// assert_eq!(value_days("1941-04"), Some((day_number(1941, 4, 1), day_number(1941, 4, 30))));
/// assert_eq!(value_days("PRESENT_REF"), None);
/// ```
pub fn value_days(value: &str) -> Option<(i64, i64)> {
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    let (from, to) = match digits.len() {
        2 => {
            let c: i32 = digits.parse().ok()?;
            (c * 100, c * 100 + 99)
        }
        3 => {
            let d: i32 = digits.parse().ok()?;
            (d * 10, d * 10 + 9)
        }
        n if n >= 4 => {
            let y: i32 = digits[..4].parse().ok()?;
            let month: Option<u8> = value.get(5..7).and_then(|m| m.parse().ok());
            let day: Option<u8> = value.get(8..10).and_then(|d| d.parse().ok());
            return match (month, day) {
                (Some(m), Some(d)) if (1..=12).contains(&m) => {
                    Some((day_number(y, m, d), day_number(y, m, d)))
                }
                (Some(m), _) if (1..=12).contains(&m) => {
                    Some((day_number(y, m, 1), day_number(y, m, days_in_month(y, m))))
                }
                _ => Some((day_number(y, 1, 1), day_number(y, 12, 31))),
            };
        }
        _ => return None,
    };
    Some((day_number(from, 1, 1), day_number(to, 12, 31)))
}

/// The English names of the months, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
