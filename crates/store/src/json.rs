//! The little JSON a set's columns need, read and written by hand: strings, integers and arrays of
//! them, in exactly the shape [`super::encode_set`] writes (no whitespace, keys in order).
//!
//! serde_json is general and, in the release build's size-optimised code, does a lot per value:
//! reading the columns of 5,000 annotations through it took 7.5 ms in the browser, most of it in
//! calls that the size-optimised build does not inline. Here a string is found with one word-wide
//! scan and borrowed unless it has escapes, and a number is a loop over its digits. The
//! [`Reader`] answers `None` at the first thing it does not expect; the caller then reads the value
//! with serde_json, which gives the reader-facing error. The [`Writer`] escapes strings exactly as
//! serde_json does, so what it writes is byte for byte what serde_json wrote before it.

use std::borrow::Cow;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The first byte of `bytes` at or after `from` that a JSON string cannot hold as it is: `"`, `\`
/// or a control character (below 0x20). Eight bytes at a time while none of them is one.
fn special(bytes: &[u8], mut from: usize) -> Option<usize> {
    while from + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[from..from + 8]);
        let w = u64::from_le_bytes(word);
        // A zero byte in `w ^ c·ONES` is a byte equal to c; `w - 0x20·ONES` borrows at bytes below 0x20.
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let hits = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        if hits & HIGHS != 0 {
            break;
        }
        from += 8;
    }
    bytes[from..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).map(|i| from + i)
}

/// An integer from its sign and magnitude as serde_json reads it into an `i64`: not `-0` (a float
/// there) and nothing out of range.
fn signed(negative: bool, n: u64) -> Option<i64> {
    match (negative, n) {
        (true, 0) => None,
        (true, n) if n == 1 << 63 => Some(i64::MIN),
        (true, n) => i64::try_from(n).ok().map(|n| -n),
        (false, n) => i64::try_from(n).ok(),
    }
}

/// Writes JSON. Only whole strings and ASCII are ever appended, so what it holds is UTF-8.
pub(super) struct Writer {
    out: Vec<u8>,
}

impl Writer {
    pub fn with_capacity(n: usize) -> Writer {
        Writer { out: Vec::with_capacity(n) }
    }

    /// What was written.
    pub fn finish(self) -> String {
        // SAFETY: every append below is of a `&str` or of ASCII bytes.
        unsafe { String::from_utf8_unchecked(self.out) }
    }

    /// Appends JSON text as it is (punctuation, keys).
    pub fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }

    pub fn uint(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[i..]);
    }

    /// `[n,n,…]` of integers, as `int` writes each. They go through a small buffer on the stack:
    /// one append per few dozen numbers instead of several per number (the size-optimised build
    /// calls out for each).
    pub fn ints(&mut self, items: impl IntoIterator<Item = i64>) {
        self.numbers(items.into_iter().map(|n| (n < 0, n.unsigned_abs())));
    }

    /// `[n,n,…]` of non-negative integers (see [`Self::ints`]).
    pub fn uints(&mut self, items: impl IntoIterator<Item = u64>) {
        self.numbers(items.into_iter().map(|n| (false, n)));
    }

    fn numbers(&mut self, items: impl Iterator<Item = (bool, u64)>) {
        // Room for a comma, a sign and 20 digits after whatever is in the buffer.
        const ROOM: usize = 256;
        let mut buf = [0u8; ROOM];
        buf[0] = b'[';
        let mut len = 1;
        for (i, (negative, mut n)) in items.enumerate() {
            if len > ROOM - 22 {
                self.out.extend_from_slice(&buf[..len]);
                len = 0;
            }
            if i > 0 {
                buf[len] = b',';
                len += 1;
            }
            if negative {
                buf[len] = b'-';
                len += 1;
            }
            let mut digits = 1;
            let mut rest = n / 10;
            while rest > 0 {
                digits += 1;
                rest /= 10;
            }
            for slot in buf[len..len + digits].iter_mut().rev() {
                *slot = b'0' + (n % 10) as u8;
                n /= 10;
            }
            len += digits;
        }
        self.out.extend_from_slice(&buf[..len]);
        self.out.push(b']');
    }

    /// A JSON string, escaped as serde_json escapes it: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
    /// other control characters as `\u00xx`; everything else as it is.
    pub fn str(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.push(b'"');
        let mut start = 0;
        while let Some(i) = special(bytes, start) {
            self.out.extend_from_slice(&bytes[start..i]);
            match bytes[i] {
                b'"' => self.raw("\\\""),
                b'\\' => self.raw("\\\\"),
                0x08 => self.raw("\\b"),
                0x0c => self.raw("\\f"),
                b'\n' => self.raw("\\n"),
                b'\r' => self.raw("\\r"),
                b'\t' => self.raw("\\t"),
                c => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.raw("\\u00");
                    self.out.push(HEX[usize::from(c >> 4)]);
                    self.out.push(HEX[usize::from(c & 0xf)]);
                }
            }
            start = i + 1;
        }
        self.out.extend_from_slice(&bytes[start..]);
        self.out.push(b'"');
    }

    /// `[a,b,…]`, each item written by `item`.
    pub fn list<T>(&mut self, items: impl IntoIterator<Item = T>, mut item: impl FnMut(&mut Writer, T)) {
        self.out.push(b'[');
        for (i, x) in items.into_iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            item(self, x);
        }
        self.out.push(b']');
    }
}

/// Reads JSON from a string, strictly as [`Writer`] writes it; every method answers `None` (and
/// the caller gives up on the fast path) at anything else.
pub(super) struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader { text, at: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    /// What is left to read.
    pub fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    /// Reads `expected` exactly.
    pub fn lit(&mut self, expected: &str) -> Option<()> {
        let expected = expected.as_bytes();
        (self.bytes().get(self.at..self.at + expected.len()) == Some(expected)).then(|| self.at += expected.len())
    }

    /// Reads a JSON string; borrowed from the input unless it has escapes.
    pub fn str(&mut self) -> Option<Cow<'a, str>> {
        self.lit("\"")?;
        let bytes = self.bytes();
        let start = self.at;
        let mut i = special(bytes, start)?;
        if bytes[i] == b'"' {
            self.at = i + 1;
            return Some(Cow::Borrowed(&self.text[start..i]));
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(&self.text[start..i]);
        loop {
            match bytes[i] {
                b'"' => {
                    self.at = i + 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    let escape = *bytes.get(i + 1)?;
                    i += 2;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let unit = self.hex4(i)?;
                            i += 4;
                            let c = if (0xd800..0xdc00).contains(&unit) {
                                // A leading surrogate must be followed by an escaped trailing one.
                                if bytes.get(i..i + 2)? != b"\\u" {
                                    return None;
                                }
                                let low = self.hex4(i + 2)?;
                                i += 6;
                                if !(0xdc00..0xe000).contains(&low) {
                                    return None;
                                }
                                char::from_u32(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00))?
                            } else {
                                char::from_u32(unit)?
                            };
                            out.push(c);
                        }
                        _ => return None,
                    }
                }
                _ => return None, // a control character
            }
            let next = special(bytes, i)?;
            out.push_str(&self.text[i..next]);
            i = next;
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.text.get(at..at + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }

    /// Reads a non-negative integer (no sign, no leading zero, no fraction or exponent).
    pub fn uint(&mut self) -> Option<u64> {
        let bytes = self.bytes();
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(&b) = bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            self.at += 1;
        }
        let digits = self.at - start;
        let leading_zero = digits > 1 && bytes[start] == b'0';
        let more = matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        (digits > 0 && !leading_zero && !more).then_some(n)
    }

    /// Reads an integer that may be negative (not `-0`, which serde_json reads as a float).
    pub fn int(&mut self) -> Option<i64> {
        let negative = self.peek() == Some(b'-');
        self.at += usize::from(negative);
        signed(negative, self.uint()?)
    }

    /// Reads `[n,n,…]` of exactly `count` non-negative integers, each at most `max`, as `uint`
    /// reads them. The column readers' hot loop: one pass with the position in a local and the
    /// numbers written in place, since a size-optimised build calls out for every `Vec::push`.
    pub fn uints<T: Copy + Default + TryFrom<u64>>(&mut self, count: usize, max: u64) -> Option<Vec<T>> {
        self.numbers(count, false, |_, n| if n > max { None } else { T::try_from(n).ok() })
    }

    /// Reads `[n,n,…]` of exactly `count` integers, as `int` reads them (see [`Self::uints`]).
    pub fn ints(&mut self, count: usize) -> Option<Vec<i64>> {
        self.numbers(count, true, signed)
    }

    fn numbers<T: Copy + Default>(&mut self, count: usize, may_be_negative: bool, value: impl Fn(bool, u64) -> Option<T>) -> Option<Vec<T>> {
        let bytes = self.bytes();
        let mut at = self.at;
        if bytes.get(at) != Some(&b'[') {
            return None;
        }
        at += 1;
        let mut out = vec![T::default(); count];
        if bytes.get(at) == Some(&b']') {
            self.at = at + 1;
            return (count == 0).then_some(out);
        }
        if count == 0 {
            // `[` must be closed at once: an empty column is `[]`, never `[,` or `[x`.
            return None;
        }
        for (i, slot) in out.iter_mut().enumerate() {
            let negative = may_be_negative && bytes.get(at) == Some(&b'-');
            at += usize::from(negative);
            let start = at;
            let mut n: u64 = 0;
            // At most 19 digits: no u64 overflows, and longer numbers are out of any range here.
            while let Some(d) = bytes.get(at).map(|b| b.wrapping_sub(b'0')).filter(|&d| d < 10) {
                if at - start == 19 {
                    return None;
                }
                n = n * 10 + u64::from(d);
                at += 1;
            }
            let digits = at - start;
            if digits == 0 || (digits > 1 && bytes[start] == b'0') {
                return None;
            }
            *slot = value(negative, n)?;
            // Only `,` between numbers and `]` after the last: no fraction, exponent or other value.
            let next = if i + 1 == count { b']' } else { b',' };
            if bytes.get(at) != Some(&next) {
                return None;
            }
            at += 1;
        }
        self.at = at;
        Some(out)
    }

    /// Reads `[a,b,…]`, each item read by `item`.
    pub fn list(&mut self, mut item: impl FnMut(&mut Reader<'a>) -> Option<()>) -> Option<()> {
        self.lit("[")?;
        if self.lit("]").is_some() {
            return Some(());
        }
        loop {
            item(self)?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_finds_the_first_byte_to_escape_in_any_position() {
        for len in 0..20 {
            for at in 0..len {
                for c in [b'"', b'\\', 0x00, 0x1f] {
                    let mut s = vec![b'a'; len];
                    s[at] = c;
                    assert_eq!(special(&s, 0), Some(at), "{c} at {at} of {len}");
                    assert_eq!(special(&s, at + 1), None);
                }
            }
            assert_eq!(special(&vec![b' '; len], 0), None);
        }
        // Bytes of multi-byte characters and DEL are kept as they are.
        assert_eq!(special("é😀\u{7f}“”".as_bytes(), 0), None);
    }

    #[test]
    fn strings_round_trip_as_serde_json_writes_and_reads_them() {
        for s in ["", "plain", "a\"b\\c/d", "\u{0}\u{1}\u{8}\u{9}\u{a}\u{c}\u{d}\u{1f}\u{7f}", "é😀“x”", "long enough to need more than one word \n here"] {
            let mut w = Writer::with_capacity(0);
            w.str(s);
            let json = w.finish();
            assert_eq!(json, serde_json::to_string(s).unwrap());
            assert_eq!(Reader::new(&json).str().as_deref(), Some(s));
        }
        // Escapes serde_json reads but never writes.
        assert_eq!(Reader::new(r#""\u00e9\ud83d\ude00\/""#).str().as_deref(), Some("é😀/"));
        for bad in [r#""\ud83d""#, r#""\ude00""#, r#""\x""#, "\"\u{1}\"", r#""open"#, r#""\u12""#] {
            assert_eq!(Reader::new(bad).str(), None, "{bad}");
        }
    }

    #[test]
    fn numbers_are_read_strictly() {
        assert_eq!(Reader::new("0").uint(), Some(0));
        assert_eq!(Reader::new("18446744073709551615").uint(), Some(u64::MAX));
        assert_eq!(Reader::new("-9223372036854775808").int(), Some(i64::MIN));
        assert_eq!(Reader::new("-42").int(), Some(-42));
        for bad in ["", "-", "01", "1.5", "1e3", "18446744073709551616", "x"] {
            assert_eq!(Reader::new(bad).uint(), None, "{bad}");
        }
        assert_eq!(Reader::new("9223372036854775808").int(), None);
        assert_eq!(Reader::new("[0,7,42]").uints::<u32>(3, 42), Some(vec![0, 7, 42]));
        for bad in ["[", "[,", "[,]", "[1]", "[x"] {
            assert_eq!(Reader::new(bad).uints::<u32>(0, 42), None, "{bad}");
            assert_eq!(Reader::new(bad).ints(0), None, "{bad}");
        }
        assert_eq!(Reader::new("[]").uints::<u32>(0, 9), Some(vec![]));
        assert_eq!(Reader::new("[9999999999999999999]").uints::<u64>(1, u64::MAX), Some(vec![9_999_999_999_999_999_999]));
        for (bad, count) in [
            ("[1,2]", 3), ("[1,2,3]", 2), ("[]", 1), ("[01]", 1), ("[1.5]", 1), ("[1e3]", 1), ("[43]", 1), ("[-1]", 1),
            ("[1 ]", 1), ("[1,]", 1), ("[,1]", 1), ("[12345678901234567890]", 1), ("[99999999999999999999]", 1), ("1", 1), ("[1", 1),
        ] {
            assert_eq!(Reader::new(bad).uints::<u32>(count, 42), None, "{bad}");
        }
        assert_eq!(Reader::new("[0,-1,-9223372036854775808,9223372036854775807]").ints(4), Some(vec![0, -1, i64::MIN, i64::MAX]));
        for bad in ["[-0]", "[9223372036854775808]", "[-9223372036854775809]", "[--1]", "[-]", "[1,-]"] {
            assert_eq!(Reader::new(bad).ints(bad.matches(',').count() + 1), None, "{bad}");
        }
        // serde_json reads -0 as the float -0.0, which no integer field takes.
        assert_eq!(Reader::new("-0").int(), None);
        assert!(serde_json::from_str::<i64>("-0").is_err());
        // Lists long enough to fill the buffer several times, and empty ones.
        let many: Vec<i64> = (0..500).map(|i: i64| (i - 250).pow(7) * if i % 3 == 0 { -1 } else { 1 }).chain([i64::MIN, i64::MAX, 0]).collect();
        for list in [&many[..], &[], &[7]] {
            let mut w = Writer::with_capacity(0);
            w.ints(list.iter().copied());
            assert_eq!(w.finish(), serde_json::to_string(list).unwrap());
            let unsigned: Vec<u64> = list.iter().map(|n| n.unsigned_abs() / 2 * 3 + 1).chain([u64::MAX]).collect();
            let mut w = Writer::with_capacity(0);
            w.uints(unsigned.iter().copied());
            assert_eq!(w.finish(), serde_json::to_string(&unsigned).unwrap());
        }
    }
}
