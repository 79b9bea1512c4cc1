//! Web addresses: the one check of an `http` or `https` URL, for article sources (the reader) and
//! evidence links (the format and the app). Uses nothing else.

/// Whether `s` is an absolute `http` or `https` URL (the scheme in any case) with a host and no
/// white space or control characters.
///
/// ```
/// use quotemark_core::url::is_http_url;
/// assert!(is_http_url("https://example.com/a?b=1"));
/// assert!(!is_http_url("javascript:alert(1)") && !is_http_url(" https://example.com"));
/// ```
pub fn is_http_url(s: &str) -> bool {
    let rest = if s
        .get(..7)
        .is_some_and(|x| x.eq_ignore_ascii_case("http://"))
    {
        &s[7..]
    } else if s
        .get(..8)
        .is_some_and(|x| x.eq_ignore_ascii_case("https://"))
    {
        &s[8..]
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_end > 0 && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_urls_only() {
        for ok in [
            "http://a.example",
            "HTTPS://a.example/x?y#z",
            "https://ü.example/ä",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "",
            "http://",
            "https:///x",
            "ftp://a.example",
            "javascript:alert(1)",
            "https://a b",
            "https://a\u{0}",
            "http:/a",
            // No host before the query or fragment (the reader's old check let these through).
            "https://?q",
            "https://#f",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
