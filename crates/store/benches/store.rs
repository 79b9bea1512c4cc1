//! Storage records and share links.
//!
//! * `store`: encoding and decoding the records of 5,000 annotations on a 200 KB article, one by
//!   one (as change records) and as one set (as the app saves and loads a document); each
//!   iteration is all 5,000, so criterion's time is the total per 5,000.
//! * `share`: encoding (DEFLATE at the best level + base64url) and decoding a 1 MB export.
//!
//! A quick single-pass figure for each is printed first.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use quotemark_core::anchor::AnchorText;
use quotemark_core::document::Document;
use quotemark_core::format::{export, ExportOptions};
use quotemark_core::model::*;
use quotemark_core::share;
use quotemark_store::{decode_annotation, decode_set, encode_annotation, encode_set, TextIndex};
use std::time::Instant;

const TEXT_BYTES: usize = 200 * 1024;
const ANNOTATIONS: usize = 5_000;
const EXPORT_BYTES: usize = 1024 * 1024;

#[path = "../../core/benches/common/mod.rs"]
mod common;
use common::Lcg;

fn kind(rng: &mut Lcg, i: usize) -> Kind {
    let evidence = vec![Evidence { url: Some(format!("https://stats.example/report/{i}")), note: "Survey, table 3".into() }];
    common::kind(rng, i, evidence)
}

const WORDS: &[&str] = &[
    "the", "minister", "said", "government", "“we", "will", "act”", "encryption", "per", "cent", "critics", "security",
    "internet", "companies", "data", "report", "claimed", "million", "police", "told", "BBC", "privacy", "law", "new",
    "would", "could", "Home", "Secretary", "résumé", "naïve", "😀", "—", "said:", "according", "to", "figures", "2017",
];

fn article(rng: &mut Lcg, bytes: usize) -> String {
    let mut raw = String::new();
    while raw.len() < bytes {
        let sentence_words = 8 + rng.below(20);
        for i in 0..sentence_words {
            if i > 0 {
                raw.push(' ');
            }
            raw.push_str(WORDS[rng.below(WORDS.len())]);
        }
        raw.push_str(if rng.below(6) == 0 { ".\n\n" } else { ". " });
    }
    raw
}


/// `n` annotations described on the text as the app makes them (every 50th stale: stored in full).
fn annotations(rng: &mut Lcg, doc: &Document, n: usize) -> Vec<Annotation> {
    let text = AnchorText::new(&doc.text);
    (0..n)
        .map(|i| {
            let len = 20 + rng.below(180);
            let start = rng.below(text.len() - len);
            let mut target = text.describe(&doc.id.0, Span::new(start, start + len));
            if i.is_multiple_of(50) {
                let q = target.quote.as_mut().unwrap();
                q.exact = format!("{} (since corrected)", q.exact).into();
            }
            let mut id = [0u8; 16];
            id.iter_mut().for_each(|b| *b = rng.next() as u8);
            let mut a = Annotation::new(AnnotationId::from_random_bytes(id), target, kind(rng, i), Timestamp(1_496_620_800_000 + i as i64));
            a.note = format!("Note {i}: check the original interview.");
            a.tags = vec!["encryption".into()];
            a
        })
        .collect()
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed().as_secs_f64() * 1000.0)
}

fn bench(c: &mut Criterion) {
    let mut rng = Lcg(0x5eed);
    let doc = Document::new("A long article", None, &article(&mut rng, TEXT_BYTES));
    let list = annotations(&mut rng, &doc, ANNOTATIONS);

    let (index, index_ms) = time(|| TextIndex::for_document(&doc));
    let (records, encode_ms) = time(|| list.iter().map(|a| encode_annotation(a, &index)).collect::<Vec<_>>());
    let (decoded, decode_ms) = time(|| records.iter().map(|r| decode_annotation(r, &index).unwrap()).collect::<Vec<_>>());
    assert_eq!(decoded, list);
    let (set, set_encode_ms) = time(|| encode_set(&list, &index));
    let (set_back, set_decode_ms) = time(|| decode_set(&set, &index).unwrap());
    let by_id = |l: &[Annotation]| {
        let mut l = l.to_vec();
        l.sort_by(|a, b| a.id.cmp(&b.id));
        l
    };
    assert!(set_back.problems.is_empty() && by_id(&set_back.annotations) == by_id(&list), "the set reads back");
    eprintln!("store: one set of 5,000: encode {set_encode_ms:.1} ms, decode {set_decode_ms:.1} ms (first pass), {} KB", set.len() / 1024);
    let bytes: usize = records.iter().map(String::len).sum();
    let model_bytes: usize = list.iter().map(|a| serde_json::to_string(a).unwrap().len()).sum();
    eprintln!(
        "store: {} annotations on {} KB ({} code points): TextIndex {index_ms:.2} ms, encode {encode_ms:.1} ms, \
         decode {decode_ms:.1} ms per 5,000 (first pass); records {} KB (model JSON would be {} KB)",
        list.len(),
        doc.text.len() / 1024,
        index.len(),
        bytes / 1024,
        model_bytes / 1024,
    );

    let mut group = c.benchmark_group("store");
    group.sample_size(20);
    group.bench_function("encode_annotation ×5,000 (200 KB text)", |b| {
        b.iter(|| list.iter().map(|a| encode_annotation(black_box(a), &index)).collect::<Vec<_>>())
    });
    group.bench_function("decode_annotation ×5,000 (200 KB text)", |b| {
        b.iter(|| records.iter().map(|r| decode_annotation(black_box(r), &index).unwrap()).collect::<Vec<_>>())
    });
    group.bench_function("encode_set of 5,000 (200 KB text)", |b| b.iter(|| encode_set(black_box(&list), &index)));
    group.bench_function("decode_set of 5,000 (200 KB text)", |b| b.iter(|| decode_set(black_box(&set), &index).unwrap()));
    let model: Vec<String> = list.iter().map(|a| serde_json::to_string(a).unwrap()).collect();
    group.bench_function("model JSON to_string ×5,000 (reference)", |b| {
        b.iter(|| list.iter().map(|a| serde_json::to_string(black_box(a)).unwrap()).collect::<Vec<_>>())
    });
    group.bench_function("model JSON from_str ×5,000 (reference)", |b| {
        b.iter(|| model.iter().map(|r| serde_json::from_str::<Annotation>(black_box(r)).unwrap()).collect::<Vec<_>>())
    });
    group.bench_function("TextIndex::new (200 KB)", |b| b.iter(|| TextIndex::new(black_box(&doc.text))));
    group.finish();

    // A 1 MB export: the article with as many annotations as it takes.
    let mut set = AnnotationSet::default();
    let mut more = list.into_iter();
    let json = loop {
        for a in more.by_ref().take(250) {
            set.apply(&Command::Create(a)).unwrap();
        }
        let json = export(&doc, &set, &ExportOptions::default());
        if json.len() >= EXPORT_BYTES {
            break json;
        }
    };
    let (payload, encode_ms) = time(|| share::encode(&json));
    let (back, decode_ms) = time(|| share::decode(&payload).unwrap());
    assert_eq!(back, json);
    eprintln!(
        "share: {:.2} MB export ({} annotations) → {} KB payload ({:.1}%): encode {encode_ms:.0} ms, decode {decode_ms:.1} ms (first pass)",
        json.len() as f64 / 1_048_576.0,
        set.len(),
        payload.len() / 1024,
        100.0 * payload.len() as f64 / json.len() as f64,
    );
    let mut group = c.benchmark_group("share");
    group.sample_size(10);
    group.bench_function("encode 1 MB export", |b| b.iter(|| share::encode(black_box(&json))));
    group.bench_function("decode 1 MB export", |b| b.iter(|| share::decode(black_box(&payload)).unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
