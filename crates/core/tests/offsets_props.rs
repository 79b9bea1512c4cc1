//! Offset conversions against a naive oracle that lists every code-point boundary in all units.

use proptest::prelude::*;
use quotemark_core::offsets::{self, OffsetError, OffsetIndex, Position, Unit};

/// Text fragments rich in what breaks naive offset code.
#[rustfmt::skip]
const FRAGMENTS: &[&str] = &[
    "a", "b", "Z", " ", ".", "“", "”", "‘", "’", "😀", "👩\u{200d}👩\u{200d}👧", "🇬🇧", "🇫🇷", "e\u{301}", "中", "文",
    "\u{10ffff}", "—", "\n\n", "ß",
];

fn rich_text(max_fragments: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..max_fragments).prop_map(|v| v.concat())
}

/// Every boundary of `text`, in order.
fn boundaries(text: &str) -> Vec<Position> {
    let mut out = vec![Position::default()];
    let mut p = Position::default();
    for c in text.chars() {
        p = Position { char: p.char + 1, utf16: p.utf16 + c.len_utf16(), byte: p.byte + c.len_utf8() };
        out.push(p);
    }
    out
}

/// The oracle: exact boundary, else the last boundary below (inside a code point), else the end.
fn oracle(text: &str, offset: usize, from: Unit) -> Result<Position, OffsetError> {
    let all = boundaries(text);
    let end = *all.last().unwrap();
    if offset > end.get(from) {
        return Err(OffsetError::OutOfRange { offset, len: end.get(from) });
    }
    let below = all.iter().rev().find(|p| p.get(from) <= offset).unwrap();
    if below.get(from) == offset {
        Ok(*below)
    } else {
        Err(OffsetError::InsideCodePoint { offset, floor: below.get(from) })
    }
}

const UNITS: [Unit; 3] = [Unit::CodePoint, Unit::Utf16, Unit::Utf8];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn index_and_free_functions_match_the_oracle(text in rich_text(80)) {
        let index = OffsetIndex::new(&text);
        for from in UNITS {
            let len = offsets::length(&text, from);
            prop_assert_eq!(index.len(from), len);
            for offset in 0..=len + 2 {
                let want = oracle(&text, offset, from);
                let lenient = match want {
                    Ok(p) => p,
                    Err(OffsetError::InsideCodePoint { floor, .. }) => oracle(&text, floor, from).unwrap(),
                    Err(OffsetError::OutOfRange { len, .. }) => oracle(&text, len, from).unwrap(),
                };
                prop_assert_eq!(index.try_position(offset, from), want);
                prop_assert_eq!(index.position(offset, from), lenient);
                for to in UNITS {
                    prop_assert_eq!(index.convert(offset, from, to), lenient.get(to));
                    prop_assert_eq!(offsets::convert(&text, offset, from, to), lenient.get(to));
                    prop_assert_eq!(offsets::try_convert(&text, offset, from, to), want.map(|p| p.get(to)));
                }
            }
        }
    }

    #[test]
    fn round_trips_through_every_unit(text in rich_text(120)) {
        let index = OffsetIndex::new(&text);
        let n = text.chars().count();
        for c in 0..=n {
            let u = index.char_to_utf16(c);
            let b = index.char_to_byte(c);
            prop_assert!(text.is_char_boundary(b));
            prop_assert_eq!(index.utf16_to_char(u), c);
            prop_assert_eq!(index.byte_to_char(b), c);
            prop_assert_eq!(index.utf16_to_byte(u), b);
            prop_assert_eq!(index.byte_to_utf16(b), u);
            prop_assert_eq!(offsets::char_to_utf16(&text, c), u);
            prop_assert_eq!(offsets::utf16_to_char(&text, u), c);
            prop_assert_eq!(offsets::char_to_byte(&text, c), b);
            prop_assert_eq!(offsets::byte_to_char(&text, b), c);
            prop_assert_eq!(offsets::utf16_to_byte(&text, u), b);
            prop_assert_eq!(offsets::byte_to_utf16(&text, b), u);
            // The UTF-16 offset agrees with what JavaScript would count.
            prop_assert_eq!(u, text[..b].encode_utf16().count());
        }
    }

    #[test]
    fn slices_match_char_slices(text in rich_text(60), a in 0usize..70, b in 0usize..70) {
        let index = OffsetIndex::new(&text);
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (a.min(chars.len()), b.min(chars.len()));
        let want: String = if s <= e { chars[s..e].iter().collect() } else { String::new() };
        prop_assert_eq!(index.slice_chars(a, b), want.as_str());
    }
}

#[test]
fn long_text_crosses_many_checkpoints() {
    let text = "“Quote” 😀 e\u{301} 中文 👩\u{200d}👩\u{200d}👧 ".repeat(200);
    let index = OffsetIndex::new(&text);
    let all = boundaries(&text);
    for p in &all {
        for from in UNITS {
            assert_eq!(index.try_position(p.get(from), from), Ok(*p));
        }
    }
    // Every second UTF-16 unit of an emoji is inside a surrogate pair.
    let emoji = all.windows(2).find(|w| w[1].utf16 - w[0].utf16 == 2).unwrap()[0];
    assert_eq!(
        index.try_position(emoji.utf16 + 1, Unit::Utf16),
        Err(OffsetError::InsideCodePoint { offset: emoji.utf16 + 1, floor: emoji.utf16 })
    );
}
