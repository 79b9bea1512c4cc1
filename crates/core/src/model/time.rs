//! [`Timestamp`]: milliseconds since the Unix epoch, read from and written as RFC 3339.
//! Uses serde only.

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch (UTC).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// RFC 3339 in UTC with milliseconds, e.g. `2017-06-05T00:00:00.000Z`.
    ///
    /// ```
    /// use quotemark_core::model::Timestamp;
    /// let t = Timestamp(1_496_620_800_123);
    /// assert_eq!(t.to_rfc3339(), "2017-06-05T00:00:00.123Z");
    /// assert_eq!(Timestamp::parse_rfc3339("2017-06-05T02:00:00.123+02:00"), Some(t));
    /// ```
    pub fn to_rfc3339(self) -> String {
        let ms = self.0.rem_euclid(1000);
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    }

    /// Parses RFC 3339 / ISO 8601 date-times: `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]` (a space may
    /// stand for `T`; a missing offset means UTC) and plain `YYYY-MM-DD` dates.
    pub fn parse_rfc3339(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        if !s.is_ascii() {
            return None; // RFC 3339 is ASCII; this also keeps the byte slicing below on char boundaries
        }
        let date = crate::document::Date::parse_iso(s.get(0..10)?)?;
        let days = days_from_civil(date.year as i64, date.month as i64, date.day as i64);
        let rest = &s[10..];
        if rest.is_empty() {
            return Some(Timestamp(days * 86_400_000));
        }
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        let field = |r: std::ops::Range<usize>| -> Option<i64> {
            let p = rest.get(r)?;
            p.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| p.parse().ok())?
        };
        let (h, mi, sec) = (field(0..2)?, field(3..5)?, field(6..8)?);
        if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || h > 23 || mi > 59 || sec > 60 {
            return None;
        }
        let mut tail = &rest[8..];
        let mut ms = 0i64;
        if let Some(frac) = tail.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            let padded = format!("{:0<3}", &frac[..digits.min(3)]);
            ms = padded.parse().ok()?;
            tail = &frac[digits..];
        }
        let offset_min = match tail {
            "" | "Z" | "z" => 0,
            _ => {
                let sign = match tail.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let t = &tail[1..];
                let (oh, om) = match t.len() {
                    5 if &t[2..3] == ":" => {
                        (t[0..2].parse::<i64>().ok()?, t[3..5].parse::<i64>().ok()?)
                    }
                    4 => (t[0..2].parse::<i64>().ok()?, t[2..4].parse::<i64>().ok()?),
                    2 => (t.parse::<i64>().ok()?, 0),
                    _ => return None,
                };
                sign * (oh * 60 + om)
            }
        };
        let secs = days * 86_400 + h * 3600 + mi * 60 + sec - offset_min * 60;
        Some(Timestamp(secs * 1000 + ms))
    }
}

/// Days since 1970-01-01 → (year, month, day); Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// (year, month, day) → days since 1970-01-01; Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip() {
        for ms in [
            0i64,
            1,
            -1,
            951_782_400_000,
            1_496_620_800_123,
            4_102_444_800_000,
            -2_208_988_800_000,
        ] {
            let t = Timestamp(ms);
            assert_eq!(
                Timestamp::parse_rfc3339(&t.to_rfc3339()),
                Some(t),
                "{}",
                t.to_rfc3339()
            );
        }
        assert_eq!(
            Timestamp::parse_rfc3339("2017-06-05"),
            Some(Timestamp(1_496_620_800_000))
        );
        assert_eq!(
            Timestamp::parse_rfc3339("2017-06-05T00:00:00.5Z"),
            Some(Timestamp(1_496_620_800_500))
        );
        assert_eq!(
            Timestamp::parse_rfc3339("2017-06-05T01:00:00+0100"),
            Some(Timestamp(1_496_620_800_000))
        );
        for bad in [
            "",
            "2017",
            "2017-06-05T",
            "2017-06-05T25:00:00Z",
            "2017-06-05T00:00:00+x",
            "2017-06-05T00:00:00.",
            "2017-06-05T00:00:00+aé:0",
            "2017-06-05T00:00:00+aéb",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(bad), None, "{bad}");
        }
    }
}
