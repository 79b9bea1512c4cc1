//! Import (parse and validate) and merge of a 5 MB Quotemark export. Goal: ≤ 100 ms together.
//!
//! The file is generated deterministically: a long article (about 100 KB of text) and enough quotes
//! and claims, with notes, tags and evidence, to make the pretty-printed export at least 5 MB. The
//! merge target already holds every other annotation (some edited since), so the merge exercises
//! unchanged, added, updated and conflicting annotations.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use quotemark_core::document::Document;
use quotemark_core::format::{export, import, ExportOptions};
use quotemark_core::merge::merge;
use quotemark_core::model::*;

const TARGET_BYTES: usize = 5 * 1024 * 1024;

mod common;
use common::Lcg;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "government",
    "“we",
    "will",
    "act”",
    "encryption",
    "per",
    "cent",
    "critics",
    "security",
    "internet",
    "companies",
    "data",
    "report",
    "claimed",
    "million",
    "police",
    "told",
    "BBC",
    "privacy",
    "law",
    "new",
    "would",
    "could",
    "Home",
    "Secretary",
    "résumé",
    "naïve",
    "😀",
    "—",
    "said:",
    "according",
    "to",
    "figures",
    "2017",
];

fn article(rng: &mut Lcg, chars: usize) -> String {
    let mut raw = String::new();
    let mut n = 0;
    while n < chars {
        let sentence_words = 8 + rng.below(20);
        for i in 0..sentence_words {
            let w = WORDS[rng.below(WORDS.len())];
            if i > 0 {
                raw.push(' ');
            }
            raw.push_str(w);
            n += w.chars().count() + 1;
        }
        raw.push_str(if rng.below(6) == 0 { ".\n\n" } else { ". " });
    }
    raw
}

fn annotation(rng: &mut Lcg, doc: &Document, chars: &[char], i: usize) -> Annotation {
    let len = 20 + rng.below(180);
    let start = rng.below(chars.len() - len);
    let end = start + len;
    let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let target = Target::new(
        &doc.id.0,
        start,
        end,
        &slice(start, end),
        &slice(start.saturating_sub(32), start),
        &slice(end, (end + 32).min(chars.len())),
    );
    let evidence = vec![
        Evidence { url: Some(format!("https://stats.example/report/{i}")), note: "Survey, table 3".into() },
        Evidence { url: None, note: "Ask the press office which study this is.".into() },
    ];
    let kind = common::kind(rng, i, evidence);
    let mut id = [0u8; 16];
    for b in &mut id {
        *b = rng.next() as u8;
    }
    let mut a = Annotation::new(
        AnnotationId::from_random_bytes(id),
        target,
        kind,
        Timestamp(1_496_620_800_000 + i as i64 * 1000),
    );
    a.note = format!("Note {i}: check the original interview and the figures quoted in the second paragraph.");
    a.tags = vec!["encryption".into(), format!("batch-{}", i % 17).into()];
    a
}

/// The document, the file's annotations and the 5 MB export.
fn fixture() -> (Document, AnnotationSet, String) {
    let mut rng = Lcg(0x5eed);
    let doc = Document::new("A long article", None, &article(&mut rng, 100_000));
    let chars: Vec<char> = doc.text.chars().collect();
    let mut set = AnnotationSet::default();
    let mut i = 0;
    let json = loop {
        for _ in 0..500 {
            let a = annotation(&mut rng, &doc, &chars, i);
            set.apply(&Command::Create(a)).unwrap();
            i += 1;
        }
        let json = export(&doc, &set, &ExportOptions::default());
        if json.len() >= TARGET_BYTES {
            break json;
        }
    };
    (doc, set, json)
}

/// What the reader already has: every other annotation, every tenth of those edited since.
fn existing(set: &AnnotationSet) -> AnnotationSet {
    set.iter()
        .enumerate()
        .filter(|(k, _)| k % 2 == 0)
        .map(|(k, a)| {
            let mut a = a.clone();
            if k % 20 == 0 {
                a.note.push_str(" (edited)");
                a.modified = Timestamp(a.modified.0 + if k % 40 == 0 { 1 } else { -1 });
            }
            a
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let (doc, set, json) = fixture();
    let existing = existing(&set);
    let imported = import(&json).unwrap();
    let report = merge(&existing, &imported.annotations, &doc.text).report;
    eprintln!(
        "format bench: {:.2} MB export, {} annotations, {} characters of text; merge: {report}",
        json.len() as f64 / 1_048_576.0,
        set.len(),
        doc.char_len(),
    );

    let mut group = c.benchmark_group("format");
    group.sample_size(20);
    group.bench_function("serde_json::Value parse only (reference)", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&json)).unwrap())
    });
    group.bench_function("import 5 MB (parse + validate)", |b| b.iter(|| import(black_box(&json)).unwrap()));
    group.bench_function("merge (anchor + classify)", |b| {
        b.iter(|| merge(black_box(&existing), black_box(&imported.annotations), black_box(&doc.text)))
    });
    group.bench_function("import + merge 5 MB", |b| {
        b.iter(|| {
            let imported = import(black_box(&json)).unwrap();
            merge(black_box(&existing), &imported.annotations, black_box(&doc.text))
        })
    });
    group.bench_function("export 5 MB", |b| {
        b.iter(|| export(black_box(&doc), black_box(&set), &ExportOptions::default()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
