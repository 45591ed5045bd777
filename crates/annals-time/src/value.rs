//! Calendar values: TIMEX3 and EDTF forms, day intervals, and the arithmetic
//! relative expressions need.
//!
//! Years are astronomical internally (1 BC is year 0, 44 BC is year -43), so
//! that arithmetic needs no special case; TIMEX3 writes `BC0044`, EDTF `-0043`.

use annals_core::TimexMod;

/// A part of a year below the year and above the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearPart {
    /// Spring, summer, fall, winter (TIMEX3 `SP`, `SU`, `FA`, `WI`).
    Season(u8),
    /// First or second half (`H1`, `H2`).
    Half(u8),
    /// Quarter (`Q1`…`Q4`).
    Quarter(u8),
}

/// A calendar value at its own precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cal {
    /// A century: 18 is the years 1800–1899 (TIDES convention). Before the
    /// era, `-n` is the n-th century BC (`-3`: 300–201 BC, TIMEX3 `BC02`).
    Century(i32),
    /// A decade: 196 is 1960–1969; `-49` is the 490s BC.
    Decade(i32),
    /// A year.
    Year(i32),
    /// A season, half or quarter of a year.
    Part(i32, YearPart),
    /// A month (1–12).
    Month(i32, u8),
    /// An ISO week.
    Week(i32, u8),
    /// A day.
    Day(i32, u8, u8),
}

/// A time of day attached to a day (or to an unknown day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayTime {
    /// A part of the day: `MO`, `AF`, `EV`, `NI`, `DT`.
    Part(&'static str),
    /// A clock time.
    Clock(u8, u8),
}

/// The granularity of a calendar value or of a duration unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grain {
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Seasons, halves, quarters.
    Part,
    /// Years.
    Year,
    /// Decades.
    Decade,
    /// Centuries.
    Century,
}

pub use annals_core::calendar::{day_number, days_in_month, from_day_number, parse_iso_day};

fn year_timex(y: i32) -> String {
    if y <= 0 {
        format!("BC{:04}", 1 - y)
    } else {
        format!("{y:04}")
    }
}

fn year_edtf(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

fn iso_day(y: i32, m: u8, d: u8) -> String {
    format!("{}-{m:02}-{d:02}", year_edtf(y))
}

/// ISO week (year, week) of a date.
pub fn iso_week(y: i32, m: u8, d: u8) -> (i32, u8) {
    let n = day_number(y, m, d);
    let weekday = (n + 3).rem_euclid(7); // 0 = Monday
    let thursday = n - weekday + 3;
    let (ty, _, _) = from_day_number(thursday);
    let week = (thursday - day_number(ty, 1, 1)) / 7 + 1;
    (ty, week as u8)
}

fn week_monday(y: i32, w: u8) -> i64 {
    let jan4 = day_number(y, 1, 4);
    let weekday = (jan4 + 3).rem_euclid(7);
    jan4 - weekday + 7 * (i64::from(w) - 1)
}

impl Cal {
    /// The TIMEX3 value.
    ///
    /// ```
    /// use annals_time::value::Cal;
    /// assert_eq!(Cal::Day(1928, 1, 23).timex(), "1928-01-23");
    /// assert_eq!(Cal::Decade(196).timex(), "196");
    /// assert_eq!(Cal::Year(-43).timex(), "BC0044");
    /// ```
    pub fn timex(self) -> String {
        match self {
            Cal::Century(c) if c < 0 => format!("BC{:02}", -c - 1),
            Cal::Century(c) => format!("{c:02}"),
            Cal::Decade(d) if d < 0 => format!("BC{:03}", -d),
            Cal::Decade(d) => format!("{d:03}"),
            Cal::Year(y) => year_timex(y),
            Cal::Part(y, p) => format!("{}-{}", year_timex(y), part_code(p)),
            Cal::Month(y, m) => format!("{}-{m:02}", year_timex(y)),
            Cal::Week(y, w) => format!("{}-W{w:02}", year_timex(y)),
            Cal::Day(y, m, d) => format!("{}-{m:02}-{d:02}", year_timex(y)),
        }
    }

    /// The EDTF (ISO 8601-2) form.
    ///
    /// ```
    /// use annals_time::value::{Cal, YearPart};
    /// assert_eq!(Cal::Decade(196).edtf(), "196X");
    /// assert_eq!(Cal::Century(18).edtf(), "18XX");
    /// assert_eq!(Cal::Year(-43).edtf(), "-0043");
    /// assert_eq!(Cal::Part(1942, YearPart::Season(1)).edtf(), "1942-21");
    /// ```
    pub fn edtf(self) -> String {
        match self {
            Cal::Century(c) if c < 0 => format!("-{:02}XX", -c - 1),
            Cal::Century(c) => format!("{c:02}XX"),
            Cal::Decade(d) if d < 0 => format!("-{:03}X", -d),
            Cal::Decade(d) => format!("{d:03}X"),
            Cal::Year(y) => year_edtf(y),
            Cal::Part(y, YearPart::Season(s)) => format!("{}-{}", year_edtf(y), 20 + u32::from(s)),
            Cal::Part(y, YearPart::Quarter(q)) => format!("{}-{}", year_edtf(y), 32 + u32::from(q)),
            Cal::Part(y, YearPart::Half(h)) => format!("{}-{}", year_edtf(y), 39 + u32::from(h)),
            Cal::Month(y, m) => format!("{}-{m:02}", year_edtf(y)),
            Cal::Week(y, w) => {
                let (a, b) = (week_monday(y, w), week_monday(y, w) + 6);
                let (y1, m1, d1) = from_day_number(a);
                let (y2, m2, d2) = from_day_number(b);
                format!("{}/{}", iso_day(y1, m1, d1), iso_day(y2, m2, d2))
            }
            Cal::Day(y, m, d) => iso_day(y, m, d),
        }
    }

    /// First and last day (day numbers) the value covers.
    pub fn days(self) -> (i64, i64) {
        let year = |y: i32| (day_number(y, 1, 1), day_number(y, 12, 31));
        match self {
            Cal::Century(c) if c < 0 => {
                let k = -c - 1;
                (year(-(k * 100 + 99)).0, year(-(k * 100)).1)
            }
            Cal::Century(c) => (year(c * 100).0, year(c * 100 + 99).1),
            Cal::Decade(d) if d < 0 => (year(d * 10 - 8).0, year(d * 10 + 1).1),
            Cal::Decade(d) => (year(d * 10).0, year(d * 10 + 9).1),
            Cal::Year(y) => year(y),
            Cal::Part(y, p) => {
                let (m1, m2, y2) = match p {
                    YearPart::Season(1) => (3, 5, y),
                    YearPart::Season(2) => (6, 8, y),
                    YearPart::Season(3) => (9, 11, y),
                    YearPart::Season(_) => (12, 2, y + 1),
                    YearPart::Half(1) => (1, 6, y),
                    YearPart::Half(_) => (7, 12, y),
                    YearPart::Quarter(q) => (3 * q - 2, 3 * q, y),
                };
                (
                    day_number(y, m1, 1),
                    day_number(y2, m2, days_in_month(y2, m2)),
                )
            }
            Cal::Month(y, m) => (day_number(y, m, 1), day_number(y, m, days_in_month(y, m))),
            Cal::Week(y, w) => (week_monday(y, w), week_monday(y, w) + 6),
            Cal::Day(y, m, d) => {
                let n = day_number(y, m, d);
                (n, n)
            }
        }
    }

    /// The interval `[earliest, latest]` as ISO days, narrowed by a part-of-period
    /// modifier and widened by an approximation.
    ///
    /// ```
    /// use annals_time::value::Cal;
    /// use annals_core::TimexMod;
    /// assert_eq!(Cal::Decade(197).interval(Some(TimexMod::Start)), ("1970-01-01".into(), "1973-12-31".into()));
    /// assert_eq!(Cal::Month(1941, 9).interval(None), ("1941-09-01".into(), "1941-09-30".into()));
    /// ```
    pub fn interval(self, modifier: Option<TimexMod>) -> (String, String) {
        let (a, b) = self.days();
        // Parts of a period follow the usual reading of "early", "mid-" and
        // "late": the first, middle and last stretch of about two fifths,
        // cut at the sub-unit a reader would cut at.
        let sub = |(sa, sb): (i64, i64), (ea, eb): (i64, i64)| (sa.min(ea), sb.max(eb));
        let part = |first: Cal, last: Cal| sub(first.days(), last.days());
        let (a, b) = match (modifier, self) {
            (Some(m @ (TimexMod::Start | TimexMod::Mid | TimexMod::End)), Cal::Century(c))
                if c >= 0 =>
            {
                let (x, y) = match m {
                    TimexMod::Start => (0, 39),
                    TimexMod::Mid => (30, 69),
                    _ => (60, 99),
                };
                part(Cal::Year(c * 100 + x), Cal::Year(c * 100 + y))
            }
            (Some(m @ (TimexMod::Start | TimexMod::Mid | TimexMod::End)), Cal::Decade(d))
                if d >= 0 =>
            {
                let (x, y) = match m {
                    TimexMod::Start => (0, 3),
                    TimexMod::Mid => (3, 6),
                    _ => (6, 9),
                };
                part(Cal::Year(d * 10 + x), Cal::Year(d * 10 + y))
            }
            (Some(m @ (TimexMod::Start | TimexMod::Mid | TimexMod::End)), Cal::Year(y)) => {
                let (x, z) = match m {
                    TimexMod::Start => (1, 4),
                    TimexMod::Mid => (5, 8),
                    _ => (9, 12),
                };
                part(Cal::Month(y, x), Cal::Month(y, z))
            }
            (Some(m @ (TimexMod::Start | TimexMod::Mid | TimexMod::End)), Cal::Month(y, mo)) => {
                let last = days_in_month(y, mo);
                let (x, z) = match m {
                    TimexMod::Start => (1, 10),
                    TimexMod::Mid => (11, 20),
                    _ => (21, last),
                };
                (day_number(y, mo, x), day_number(y, mo, z))
            }
            (Some(TimexMod::Approx), _) => {
                let len = b - a + 1;
                (a - len, b + len)
            }
            _ => (a, b),
        };
        let (y1, m1, d1) = from_day_number(a);
        let (y2, m2, d2) = from_day_number(b.max(a));
        (iso_day(y1, m1, d1), iso_day(y2, m2, d2))
    }

    /// The value's granularity.
    pub fn grain(self) -> Grain {
        match self {
            Cal::Century(_) => Grain::Century,
            Cal::Decade(_) => Grain::Decade,
            Cal::Year(_) => Grain::Year,
            Cal::Part(..) => Grain::Part,
            Cal::Month(..) => Grain::Month,
            Cal::Week(..) => Grain::Week,
            Cal::Day(..) => Grain::Day,
        }
    }

    /// The year, when the value has one.
    pub fn year(self) -> Option<i32> {
        match self {
            Cal::Century(_) | Cal::Decade(_) => None,
            Cal::Year(y)
            | Cal::Part(y, _)
            | Cal::Month(y, _)
            | Cal::Week(y, _)
            | Cal::Day(y, _, _) => Some(y),
        }
    }

    /// The month, when the value has one.
    pub fn month(self) -> Option<u8> {
        match self {
            Cal::Month(_, m) | Cal::Day(_, m, _) => Some(m),
            _ => None,
        }
    }

    /// Moves the value by `n` units of `grain` and returns it at the coarser
    /// of its own grain and `grain` ("a month later" after a day gives a
    /// month). `None` when the value is too coarse to move by that unit.
    ///
    /// ```
    /// use annals_time::value::{Cal, Grain};
    /// assert_eq!(Cal::Month(1941, 9).shift(1, Grain::Month), Some(Cal::Month(1941, 10)));
    /// assert_eq!(Cal::Day(1945, 8, 8).shift(-2, Grain::Day), Some(Cal::Day(1945, 8, 6)));
    /// assert_eq!(Cal::Day(1941, 12, 7).shift(2, Grain::Year), Some(Cal::Year(1943)));
    /// ```
    pub fn shift(self, n: i64, grain: Grain) -> Option<Cal> {
        let n32 = i32::try_from(n).ok()?;
        match grain {
            Grain::Century => match self {
                Cal::Century(c) => Some(Cal::Century(c + n32)),
                other => other
                    .year()
                    .map(|y| Cal::Century((y + 100 * n32).div_euclid(100))),
            },
            Grain::Decade => match self {
                Cal::Decade(d) => Some(Cal::Decade(d + n32)),
                Cal::Century(_) => None,
                other => other
                    .year()
                    .map(|y| Cal::Decade((y + 10 * n32).div_euclid(10))),
            },
            Grain::Year | Grain::Part => self.year().map(|y| match self {
                Cal::Part(_, p) if grain == Grain::Part => Cal::Part(y + n32, p),
                _ => Cal::Year(y + n32),
            }),
            Grain::Month => match self {
                Cal::Month(y, m) | Cal::Day(y, m, _) => {
                    let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
                    Some(Cal::Month(
                        total.div_euclid(12) as i32,
                        (total.rem_euclid(12) + 1) as u8,
                    ))
                }
                _ => None,
            },
            Grain::Week => match self {
                Cal::Day(y, m, d) => {
                    let (y, m, d) = from_day_number(day_number(y, m, d) + 7 * n);
                    Some(Cal::Day(y, m, d))
                }
                Cal::Week(y, w) => {
                    let (y, m, d) = from_day_number(week_monday(y, w) + 7 * n);
                    let (wy, ww) = iso_week(y, m, d);
                    Some(Cal::Week(wy, ww))
                }
                _ => None,
            },
            Grain::Day => match self {
                Cal::Day(y, m, d) => {
                    let (y, m, d) = from_day_number(day_number(y, m, d) + n);
                    Some(Cal::Day(y, m, d))
                }
                _ => None,
            },
        }
    }

    /// The value cut down to `grain` ("that year" after a day gives the year).
    pub fn truncate(self, grain: Grain) -> Option<Cal> {
        if grain <= self.grain() {
            return Some(self);
        }
        match grain {
            Grain::Century => self.shift(0, Grain::Century),
            Grain::Decade => self.shift(0, Grain::Decade),
            Grain::Year | Grain::Part => self.year().map(Cal::Year),
            Grain::Month => self
                .month()
                .and_then(|m| self.year().map(|y| Cal::Month(y, m))),
            Grain::Week => match self {
                Cal::Day(y, m, d) => {
                    let (wy, w) = iso_week(y, m, d);
                    Some(Cal::Week(wy, w))
                }
                _ => None,
            },
            Grain::Day => None,
        }
    }
}

fn part_code(p: YearPart) -> String {
    match p {
        YearPart::Season(s) => ["SP", "SU", "FA", "WI"][usize::from(s.clamp(1, 4) - 1)].to_string(),
        YearPart::Half(h) => format!("H{h}"),
        YearPart::Quarter(q) => format!("Q{q}"),
    }
}

/// A length of time: amounts per unit, `None` for an unspecified amount.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    /// (amount, unit) pairs in decreasing unit size.
    pub parts: Vec<(Option<f64>, Unit)>,
}

/// A duration unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
    /// Decades (TIDES `DE`).
    Decade,
    /// Centuries (TIDES `CE`).
    Century,
}

impl Unit {
    /// Parses a lexicon unit code.
    pub fn parse(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Second,
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "M" => Unit::Month,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }

    fn is_time(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }

    fn code(self) -> &'static str {
        match self {
            Unit::Second => "S",
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }

    /// The calendar grain a shift by this unit lands on.
    pub fn grain(self) -> Grain {
        match self {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Grain::Day,
            Unit::Week => Grain::Week,
            Unit::Month => Grain::Month,
            Unit::Year => Grain::Year,
            Unit::Decade => Grain::Decade,
            Unit::Century => Grain::Century,
        }
    }
}

fn amount(a: Option<f64>) -> String {
    match a {
        None => "X".into(),
        Some(v) if v.fract() == 0.0 => format!("{}", v as i64),
        Some(v) => {
            let s = format!("{v}");
            s.strip_prefix("0").map(str::to_string).unwrap_or(s)
        }
    }
}

impl Duration {
    /// A duration of one part.
    pub fn of(a: Option<f64>, unit: Unit) -> Duration {
        Duration {
            parts: vec![(a, unit)],
        }
    }

    /// The TIMEX3 value.
    ///
    /// ```
    /// use annals_time::value::{Duration, Unit};
    /// assert_eq!(Duration::of(Some(90.0), Unit::Day).timex(), "P90D");
    /// assert_eq!(Duration::of(None, Unit::Month).timex(), "PXM");
    /// assert_eq!(Duration::of(Some(48.0), Unit::Hour).timex(), "PT48H");
    /// assert_eq!(Duration::of(Some(1.5), Unit::Year).timex(), "P1.5Y");
    /// ```
    pub fn timex(&self) -> String {
        let mut out = String::from("P");
        let mut in_time = false;
        for &(a, u) in &self.parts {
            if u.is_time() && !in_time {
                out.push('T');
                in_time = true;
            }
            out.push_str(&amount(a));
            out.push_str(u.code());
        }
        out
    }
}
