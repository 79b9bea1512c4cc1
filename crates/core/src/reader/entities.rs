//! HTML character references: the common named ones, decimal and hexadecimal numeric ones.
//! A reference that is not recognised is kept literally.

use std::borrow::Cow;

/// Named references, sorted by name (case-sensitive, as in HTML) for binary search.
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Ccedil", 'Ç'),
    ("Dagger", '‡'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Euml", 'Ë'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Igrave", 'Ì'),
    ("Iuml", 'Ï'),
    ("Ntilde", 'Ñ'),
    ("OElig", 'Œ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Prime", '″'),
    ("Scaron", 'Š'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("Yuml", 'Ÿ'),
    ("Zcaron", 'Ž'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("acute", '´'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("brvbar", '¦'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("cedil", '¸'),
    ("cent", '¢'),
    ("colon", ':'),
    ("comma", ','),
    ("copy", '©'),
    ("curren", '¤'),
    ("dagger", '†'),
    ("darr", '↓'),
    ("deg", '°'),
    ("divide", '÷'),
    ("dollar", '$'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("equals", '='),
    ("eth", 'ð'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("excl", '!'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("gt", '>'),
    ("harr", '↔'),
    ("hellip", '…'),
    ("hyphen", '‐'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("igrave", 'ì'),
    ("iquest", '¿'),
    ("iuml", 'ï'),
    ("laquo", '«'),
    ("larr", '←'),
    ("ldquo", '“'),
    ("lowast", '∗'),
    ("lpar", '('),
    ("lrm", '\u{200e}'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("macr", '¯'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("minus", '−'),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("not", '¬'),
    ("ntilde", 'ñ'),
    ("num", '#'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("oelig", 'œ'),
    ("ograve", 'ò'),
    ("oline", '‾'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("percnt", '%'),
    ("period", '.'),
    ("permil", '‰'),
    ("plus", '+'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("quest", '?'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rarr", '→'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rlm", '\u{200f}'),
    ("rpar", ')'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sect", '§'),
    ("semi", ';'),
    ("shy", '\u{ad}'),
    ("sol", '/'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("szlig", 'ß'),
    ("thinsp", '\u{2009}'),
    ("thorn", 'þ'),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("uarr", '↑'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uml", '¨'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("yen", '¥'),
    ("yuml", 'ÿ'),
    ("zcaron", 'ž'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
];

/// References that browsers also decode without the closing `;` (the commonest legacy ones).
const LEGACY: &[(&str, char)] = &[
    ("amp", '&'),
    ("copy", '©'),
    ("gt", '>'),
    ("lt", '<'),
    ("nbsp", '\u{a0}'),
    ("quot", '"'),
    ("reg", '®'),
];

/// How numeric references 0x80–0x9F are read (as Windows-1252, like browsers do).
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes the character references of a text (`in_attribute`: the stricter attribute-value rule
/// for references without `;`).
pub(crate) fn decode(s: &str, in_attribute: bool) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', s.as_bytes()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after, in_attribute) {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character of a reference at the start of `s` (just after the `&`) and the bytes it used.
fn reference(s: &str, in_attribute: bool) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        return numeric(s);
    }
    let name_len = b.iter().take(32).take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    let name = &s[..name_len];
    if b.get(name_len) == Some(&b';') {
        if let Ok(i) = NAMED.binary_search_by(|(n, _)| n.cmp(&name)) {
            return Some((NAMED[i].1, name_len + 1));
        }
    }
    // Without `;`: the longest legacy name that starts the run (`&copy2024` reads as `©2024`).
    let (legacy, c) = LEGACY
        .iter()
        .filter(|(n, _)| name.starts_with(n))
        .max_by_key(|(n, _)| n.len())?;
    let next = b.get(legacy.len()).copied();
    if in_attribute && next.is_some_and(|n| n.is_ascii_alphanumeric() || n == b'=') {
        return None;
    }
    Some((*c, legacy.len() + usize::from(next == Some(b';'))))
}

/// `#123`, `#x1F600` (with or without `;`), mapped as browsers do: 0, surrogates and values past
/// U+10FFFF become U+FFFD, 0x80–0x9F are Windows-1252.
fn numeric(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let hex = matches!(b.get(1), Some(b'x' | b'X'));
    let start = if hex { 2 } else { 1 };
    let radix = if hex { 16 } else { 10 };
    let digits = b[start..].iter().take_while(|c| (**c as char).is_digit(radix)).count();
    if digits == 0 {
        return None;
    }
    let mut value: u32 = 0;
    for &d in &b[start..start + digits] {
        let v = (d as char).to_digit(radix).unwrap_or(0);
        value = value.saturating_mul(radix).saturating_add(v);
    }
    let end = start + digits;
    let used = end + usize::from(b.get(end) == Some(&b';'));
    let c = match value {
        0 => '\u{fffd}',
        0x80..=0x9f => WINDOWS_1252[(value - 0x80) as usize],
        v => char::from_u32(v).unwrap_or('\u{fffd}'),
    };
    Some((c, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(NAMED.len() >= 100);
    }

    #[test]
    fn named_references() {
        assert_eq!(
            decode(
                "&amp; &lt; &gt; &quot; &apos; &nbsp; &ndash; &mdash; &lsquo; &rsquo; &ldquo; &rdquo; &hellip;",
                false
            ),
            "& < > \" ' \u{a0} – — ‘ ’ “ ” …"
        );
        assert_eq!(
            decode("Macr&oacute;n &Eacute;lys&eacute;e &euro;5 &copy; &trade;", false),
            "Macrón Élysée €5 © ™"
        );
        assert_eq!(decode("plain text", false), "plain text");
    }

    #[test]
    fn numeric_references() {
        assert_eq!(
            decode("&#8220;Hi&#8221; &#x2014; &#X1F600; &#39;", false),
            "“Hi” — 😀 '"
        );
        assert_eq!(decode("&#150; &#146;", false), "– ’");
        assert_eq!(
            decode("&#0; &#xD800; &#x110000; &#99999999999999999999;", false),
            "\u{fffd} \u{fffd} \u{fffd} \u{fffd}"
        );
        assert_eq!(decode("&#65&#66;", false), "AB");
    }

    #[test]
    fn invalid_references_are_kept() {
        for s in [
            "&bogus;", "&;", "& x", "&#;", "&#x;", "&#xZZ;", "AT&T", "&", "a && b", "&Amp;",
        ] {
            assert_eq!(decode(s, false), s, "{s}");
        }
    }

    #[test]
    fn legacy_references_without_semicolon() {
        assert_eq!(decode("fish &amp chips &copy2024 &lt3", false), "fish & chips ©2024 <3");
        assert_eq!(decode("?a=1&amp=2&copy=3", true), "?a=1&amp=2&copy=3");
        assert_eq!(decode("?a=1&ampx", true), "?a=1&ampx");
        assert_eq!(decode("x &amp y", true), "x & y");
        assert_eq!(decode("&notin; stays", false), "&notin; stays");
    }
}
