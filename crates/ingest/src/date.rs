//! Publication dates to Unix seconds (UTC).

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Parses a publication date to Unix seconds (UTC). Accepted forms:
/// - RFC 3339 / ISO 8601 with an offset: `2022-01-10T14:05:00+03:00`, `…Z`, with fractions;
/// - RFC 822 / 2822: `Sun, 18 Feb 2018 21:35:43 +0400` (as in ANT);
/// - without an offset, taken as UTC: `2015-07-21 02:51:32` (SaudiNewsNet), `2015-07-21T02:51:32`,
///   `2015/07/21 02:51`, `2015-07-21`, `2015/07/21`;
/// - epoch seconds as a numeric string (`"1518975343"`); 13-digit values are taken as milliseconds.
///
/// Returns `None` for anything else (the article is kept, without a date).
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        // Eight digits are a compact date (20180218), not an epoch in 1970.
        if s.len() == 8 {
            return NaiveDate::parse_from_str(s, "%Y%m%d").ok().map(midnight);
        }
        return s.parse::<i64>().ok().and_then(from_epoch);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.timestamp());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.timestamp());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d.timestamp());
        }
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(d.and_utc().timestamp());
        }
    }
    let s = s.strip_suffix('Z').unwrap_or(s);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d-%m-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(midnight(d));
        }
    }
    None
}

fn midnight(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or_default()
}

/// Epoch seconds (or milliseconds when above 10^11, i.e. after year 5138 as seconds), within
/// years 1900..=2200; `None` outside that range.
pub(crate) fn from_epoch(n: i64) -> Option<i64> {
    let secs = if n.unsigned_abs() >= 100_000_000_000 {
        n / 1000
    } else {
        n
    };
    (-2_208_988_800..=7_258_118_400)
        .contains(&secs)
        .then_some(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_of_our_corpora() {
        // ANT (RFC 822 with +0400)
        assert_eq!(
            parse_date("Sun, 18 Feb 2018 21:35:43 +0400"),
            Some(1518975343)
        );
        // SaudiNewsNet date_extracted, taken as UTC
        assert_eq!(parse_date("2015-07-21 02:51:32"), Some(1437447092));
        assert_eq!(parse_date("2022-01-10T14:05:00+03:00"), Some(1641812700));
        assert_eq!(parse_date("2022-01-10T11:05:00Z"), Some(1641812700));
        assert_eq!(parse_date("2022-01-10T11:05:00.250Z"), Some(1641812700));
        assert_eq!(parse_date("2022-01-10T11:05:00"), Some(1641812700));
        assert_eq!(parse_date("2022-01-10"), Some(1641772800));
        assert_eq!(parse_date("2022/01/10"), Some(1641772800));
        assert_eq!(parse_date("20220110"), Some(1641772800));
        assert_eq!(parse_date(" 1518975343 "), Some(1518975343));
        assert_eq!(parse_date("1518975343000"), Some(1518975343));
    }

    #[test]
    fn garbage_is_none() {
        for s in [
            "",
            "yesterday",
            "الأحد 18 فبراير",
            "2022-13-45",
            "99999999999999999999999",
            "Sun, 31 Feb 2018 21:35:43 +0400",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
