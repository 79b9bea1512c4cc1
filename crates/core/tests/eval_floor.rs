//! The detector must not get worse on the labelled set: span F1 and speaker accuracy stay at or
//! above the floors below (a hair under the figures reached; see docs/SUGGESTIONS.md). A label
//! that can no longer be found in its article fails the test too. Needs the `eval` feature (`./dev
//! test core` turns it on). Not a timing test.
#![cfg(feature = "eval")]

use quotemark_core::suggest::eval::{evaluate_dir, load_dir};
use std::path::Path;

const SPAN_F1_FLOOR: f64 = 0.99;
const EXACT_F1_FLOOR: f64 = 0.99;
const SPEAKER_ACCURACY_FLOOR: f64 = 0.96;
const CUE_ACCURACY_FLOOR: f64 = 0.99;

fn dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/quotes-eval"))
}

#[test]
fn quality_stays_above_the_floor() {
    let scores = evaluate_dir(dir()).unwrap_or_else(|e| panic!("{e}"));
    let report = format!("{scores}\n{}", scores.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
    assert!(scores.documents >= 31 && scores.gold >= 200, "{report}");
    assert!(scores.f1 >= SPAN_F1_FLOOR, "span F1 {:.3} < {SPAN_F1_FLOOR}\n{report}", scores.f1);
    assert!(scores.exact_f1 >= EXACT_F1_FLOOR, "exact-span F1 {:.3} < {EXACT_F1_FLOOR}\n{report}", scores.exact_f1);
    assert!(
        scores.speaker_accuracy >= SPEAKER_ACCURACY_FLOOR,
        "speaker accuracy {:.3} < {SPEAKER_ACCURACY_FLOOR}\n{report}",
        scores.speaker_accuracy
    );
    assert!(
        scores.cue_accuracy >= CUE_ACCURACY_FLOOR,
        "cue accuracy {:.3} < {CUE_ACCURACY_FLOOR}\n{report}",
        scores.cue_accuracy
    );
    assert_eq!(scores.negatives_proposed, 0, "{report}");
}

/// The held-out articles (written and labelled after the detector was built; see the README).
/// First run: span F1 0.971, speaker accuracy 0.980; after fixing what they revealed: 0.990, 1.000.
#[test]
fn held_out_quality_stays_above_its_floor() {
    let holdout = dir().join("holdout");
    let scores = evaluate_dir(&holdout).unwrap_or_else(|e| panic!("{e}"));
    let report = format!("{scores}\n{}", scores.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
    assert!(scores.gold >= 50, "{report}");
    assert!(scores.f1 >= 0.98 && scores.speaker_accuracy >= 0.98 && scores.cue_accuracy >= 0.98, "{report}");
}

#[test]
fn the_reference_article_in_the_set_is_the_shipped_one() {
    let docs = load_dir(dir()).unwrap();
    let reference = docs.iter().find(|d| d.name == "00-reference-article").expect("00-reference-article");
    let shipped = quotemark_core::document::Document::from_raw(quotemark_core::SAMPLE_ARTICLE);
    assert_eq!(reference.document.text, shipped.text);
}

#[test]
fn every_quoted_passage_of_the_reference_article_is_found() {
    let docs = load_dir(dir()).unwrap();
    let reference = docs.into_iter().filter(|d| d.name == "00-reference-article").collect::<Vec<_>>();
    let scores = quotemark_core::suggest::eval::evaluate(&reference).unwrap();
    assert_eq!((scores.gold, scores.matched, scores.exact), (14, 14, 14), "{:#?}", scores.problems);
    // Attributed wherever the text names someone in the quotation's own sentence or paragraph.
    assert!(scores.attributable_correct >= 7, "{:#?}", scores.problems);
}

#[test]
fn a_label_not_in_its_article_fails_loudly() {
    let tmp = std::env::temp_dir().join(format!("qm-eval-bad-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::write(tmp.join("01-a.txt"), "“Hello,” she said.").unwrap();
    std::fs::write(
        tmp.join("01-a.labels.json"),
        r#"{"quotes": [{"text": "Goodbye,", "speaker": null, "cue": "said"}]}"#,
    )
    .unwrap();
    let err = evaluate_dir(&tmp).unwrap_err();
    std::fs::remove_dir_all(&tmp).unwrap();
    assert_eq!(err.file, "01-a.labels.json");
    assert!(err.message.contains("quotes[0]: text not found"), "{err}");
}

/// The real Wikinews articles (`data/quotes-real/`, labelled before the detector work): the
/// development part and the eight held-out parts, each of which guided work after it was scored
/// once (docs/SUGGESTIONS.md gives those first scores). Floors a hair under the figures reached
/// (the ninth round traded some speaker accuracy for quotations found with no name: see
/// docs/SUGGESTIONS.md).
#[test]
fn real_news_quality_stays_above_its_floors() {
    let real = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/quotes-real"));
    // (folder, span F1, exact F1, speaker accuracy, cue accuracy, most wrong-person share)
    for (folder, f1, exact, speaker, cue, wrong) in [
        ("", 0.97, 0.96, 0.935, 0.99, 0.04),
        ("holdout", 0.93, 0.915, 0.93, 0.99, 0.05),
        ("holdout-2", 0.945, 0.945, 0.89, 0.97, 0.075),
        ("holdout-3", 0.97, 0.97, 0.96, 0.96, 0.04),
        ("holdout-4", 0.93, 0.92, 0.855, 0.905, 0.095),
        ("holdout-5", 0.95, 0.94, 0.88, 0.915, 0.095),
        ("holdout-6", 0.945, 0.945, 0.945, 0.92, 0.04),
        ("holdout-7", 0.95, 0.91, 0.95, 0.99, 0.05),
        ("holdout-8", 0.92, 0.905, 0.85, 0.98, 0.09),
    ] {
        let scores = evaluate_dir(&real.join(folder)).unwrap_or_else(|e| panic!("{e}"));
        let report = format!("{folder}: {scores}\n{}", scores.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
        assert!(scores.f1 >= f1 && scores.exact_f1 >= exact, "{report}");
        assert!(scores.speaker_accuracy >= speaker && scores.cue_accuracy >= cue, "{report}");
        assert!(scores.wrong_person_rate <= wrong, "{report}");
    }
}
