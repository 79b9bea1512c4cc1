//! A bounded fuzz run over `import`: arbitrary text and bytes, JSON-like token soup, and valid files
//! mutated by truncation, byte flips, value type swaps and member deletions. Import must never
//! panic, and whatever it accepts must satisfy the model's invariants.

use proptest::prelude::*;
use quotemark_core::format::import;
use serde_json::Value;
use std::collections::HashSet;

const SEEDS: &[&str] = &[
    include_str!("fixtures/v2-small.json"),
    include_str!("fixtures/v1-small.json"),
    include_str!("fixtures/hypothesis.json"),
    include_str!("fixtures/recogito.json"),
    include_str!("fixtures/annotation-page.json"),
    include_str!("fixtures/annotation-collection.json"),
];

/// Imports and, on success, checks what came back.
fn check(input: &str) -> Result<(), TestCaseError> {
    if let Ok(imported) = import(input) {
        let mut ids = HashSet::new();
        let len = imported.document.as_ref().and_then(|d| d.text.as_ref()).map(|t| t.chars().count());
        for a in &imported.annotations {
            prop_assert!(!a.id.0.is_empty());
            prop_assert!(ids.insert(a.id.clone()), "duplicate id {}", a.id);
            prop_assert!(a.target.position.is_some() || a.target.quote.is_some());
            if let Some(p) = a.target.position {
                prop_assert!(p.start <= p.end);
                if let Some(len) = len {
                    prop_assert!(p.end <= len);
                }
            }
            if let quotemark_core::model::Kind::Claim(c) = &a.kind {
                for e in &c.evidence {
                    if let Some(url) = &e.url {
                        prop_assert!(url.to_ascii_lowercase().starts_with("http"), "{url}");
                    }
                }
            }
        }
    }
    Ok(())
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"type\"",
    "\"Annotation\"",
    "\"AnnotationPage\"",
    "\"AnnotationCollection\"",
    "\"target\"",
    "\"selector\"",
    "\"source\"",
    "\"TextPositionSelector\"",
    "\"TextQuoteSelector\"",
    "\"start\"",
    "\"end\"",
    "\"exact\"",
    "\"items\"",
    "\"first\"",
    "\"next\"",
    "\"body\"",
    "\"purpose\"",
    "\"tagging\"",
    "\"linking\"",
    "\"value\"",
    "\"id\"",
    "\"qm:formatVersion\"",
    "\"qm:document\"",
    "\"qm:text\"",
    "\"qm:kind\"",
    "\"version\"",
    "\"annotations\"",
    "\"rows\"",
    "\"created\"",
    "\"2017-06-05T00:00:00+aé:0\"",
    "\"javascript:x\"",
    "\"https://a.example\"",
    "-1",
    "0",
    "1",
    "2",
    "1e400",
    "18446744073709551616",
    "3.5",
    "null",
    "true",
    "\"\\ud800\"",
    "\"__proto__\"",
    " ",
    "\n",
];

fn mutate_value(root: &mut Value, pick: usize, replacement: Value, delete: bool) {
    // Collect JSON pointers to every node, then change one.
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, format!("{at}/{i}"), out)),
            Value::Object(m) => {
                for (k, x) in m {
                    walk(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)
                }
            }
            _ => {}
        }
        out.push(at);
    }
    let mut pointers = Vec::new();
    walk(root, String::new(), &mut pointers);
    let target = &pointers[pick % pointers.len()];
    if delete {
        if let Some((parent, key)) = target.rsplit_once('/') {
            if let Some(Value::Object(m)) = root.pointer_mut(parent) {
                m.remove(&key.replace("~1", "/").replace("~0", "~"));
            }
            if let Some(Value::Array(a)) = root.pointer_mut(parent) {
                if let Ok(i) = key.parse::<usize>() {
                    if i < a.len() {
                        a.remove(i);
                    }
                }
            }
        }
    } else if let Some(node) = root.pointer_mut(target) {
        *node = replacement;
    }
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
        Just(Value::String("x".repeat(100_000))),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!([null, 1, "a"])),
        Just(serde_json::json!({"type": "TextPositionSelector", "start": 5, "end": 1})),
        Just(serde_json::json!({"type": "AnnotationPage", "items": [{"target": "x"}]})),
        Just(serde_json::json!({"__proto__": {"a": 1}, "constructor": "x"})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 800, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(s in any::<String>()) {
        check(&s)?;
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn token_soup(tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..60)) {
        check(&tokens.concat())?;
    }

    #[test]
    fn truncated_files(seed in 0..SEEDS.len(), cut in any::<prop::sample::Index>()) {
        let file = SEEDS[seed];
        let mut at = cut.index(file.len() + 1);
        while !file.is_char_boundary(at) {
            at -= 1;
        }
        check(&file[..at])?;
    }

    #[test]
    fn flipped_bytes(seed in 0..SEEDS.len(), flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..4)) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for (i, x) in flips {
            let i = i.index(bytes.len());
            bytes[i] ^= x;
        }
        check(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn swapped_and_deleted_values(
        seed in 0..SEEDS.len(),
        edits in prop::collection::vec((any::<usize>(), replacement(), prop::bool::weighted(0.3)), 1..4),
    ) {
        let mut root: Value = serde_json::from_str(SEEDS[seed]).unwrap();
        for (pick, value, delete) in edits {
            mutate_value(&mut root, pick, value, delete);
        }
        check(&serde_json::to_string(&root).unwrap())?;
    }
}

#[test]
fn every_seed_imports() {
    for seed in SEEDS {
        import(seed).unwrap();
    }
}
