//! A JSON tree that borrows its strings from the input.
//!
//! `serde_json::Value` copies every string and keys objects with a `BTreeMap`; for a 5 MB file that
//! is most of the import time. This tree is parsed by the same `serde_json` parser (same syntax
//! errors, same nesting limit) but keeps strings without escapes as slices of the input and objects
//! as small vectors (members are looked up by name; the last of repeated names wins, as in
//! `JSON.parse`).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// A JSON object: members in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Object<'a>(Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Object<'a> {
    /// The member called `key` (the last one, if the name repeats).
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The members, in file order.
    pub(crate) fn members(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }
}

impl<'a> Json<'a> {
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A whole number that fits `u64`.
    pub(crate) fn as_u64(&self) -> Option<u64> {
        match *self {
            Json::U64(n) => Some(n),
            _ => None,
        }
    }

    /// A whole number that fits `i64`.
    pub(crate) fn as_i64(&self) -> Option<i64> {
        match *self {
            Json::U64(n) => i64::try_from(n).ok(),
            Json::I64(n) => Some(n),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(m) => Some(m),
            _ => None,
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// Member `key` of an object; `None` for other values.
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object().and_then(|m| m.get(key))
    }
}

impl fmt::Display for Json<'_> {
    /// Numbers as written in messages (`-4`, `52.5`, `1e300`); other values as a short word.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::U64(n) => write!(f, "{n}"),
            Json::I64(n) => write!(f, "{n}"),
            Json::F64(x) => write!(f, "{x:?}"),
            Json::Str(s) => write!(f, "{s:?}"),
            Json::Array(_) => f.write_str("[…]"),
            Json::Object(_) => f.write_str("{…}"),
        }
    }
}

/// Parses `input` (the caller maps the error).
pub(crate) fn parse(input: &str) -> Result<Json<'_>, serde_json::Error> {
    serde_json::from_str(input)
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Json<'de>, E> {
        Ok(Json::U64(n))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Json<'de>, E> {
        Ok(if n >= 0 { Json::U64(n as u64) } else { Json::I64(n) })
    }
    fn visit_f64<E>(self, x: f64) -> Result<Json<'de>, E> {
        Ok(Json::F64(x))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(16));
        while let Some(Key(key)) = map.next_key()? {
            members.push((key, map.next_value()?));
        }
        Ok(Json::Object(Object(members)))
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

/// An object member name, borrowed from the input when it has no escapes.
struct Key<'a>(Cow<'a, str>);

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s)))
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_serde_json_and_borrows_plain_strings() {
        let input = r#"{"a": [1, -2, 2.5, true, null, "x\"y", "plain"], "a": {"b": "c"}, "__proto__": {}}"#;
        let v = parse(input).unwrap();
        let m = v.as_object().unwrap();
        assert_eq!(m.get("a").and_then(|a| a.get("b")).and_then(Json::as_str), Some("c"), "the last repeat wins");
        assert!(m.contains_key("__proto__"));
        let Json::Object(Object(members)) = &v else { panic!() };
        let Json::Array(items) = &members[0].1 else { panic!() };
        assert_eq!(items[..5], [Json::U64(1), Json::I64(-2), Json::F64(2.5), Json::Bool(true), Json::Null]);
        assert!(matches!(&items[5], Json::Str(Cow::Owned(s)) if s == "x\"y"));
        assert!(matches!(&items[6], Json::Str(Cow::Borrowed("plain"))));
        assert_eq!(items[1].as_i64(), Some(-2));
        assert_eq!(items[1].as_u64(), None);
        assert_eq!(Json::F64(1e300).to_string(), "1e300");
    }

    #[test]
    fn syntax_errors_and_the_nesting_limit_are_serde_jsons() {
        assert!(parse("[1,]").is_err());
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&deep).unwrap_err().to_string().starts_with("recursion limit exceeded"));
    }
}
