//! How many bytes local storage counts for its entries. Uses nothing else.

/// The bytes local storage counts for some entries, given each key's and value's length in UTF-16
/// code units (JavaScript's `string.length`): two bytes per unit. Browsers allow about 5 MB per
/// origin this way.
///
/// ```
/// use quotemark_store::{storage_bytes, utf16_len};
/// assert_eq!(storage_bytes([(3, 10), (utf16_len("😀"), 0)]), 30);
/// ```
pub fn storage_bytes(entries: impl IntoIterator<Item = (usize, usize)>) -> usize {
    entries.into_iter().map(|(k, v)| (k + v) * 2).sum()
}

/// The length of `s` in UTF-16 code units (JavaScript's `string.length`).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}
