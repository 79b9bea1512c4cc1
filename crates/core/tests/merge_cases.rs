//! Merge: each outcome, anchoring (exact, moved, fuzzy, orphan) with repositioned copies, a single
//! undoable batch, and all-or-nothing application.

#[path = "fixtures/small_doc.rs"]
mod small_doc;

use quotemark_core::anchor::{anchor_all, AnchorStatus};
use quotemark_core::document::Document;
use quotemark_core::format::{export, import, ExportOptions};
use quotemark_core::merge::{merge, MergeCounts};
use quotemark_core::model::*;

fn by_exact<'a>(set: &'a AnnotationSet, exact: &str) -> &'a Annotation {
    set.iter().find(|a| a.target.exact() == Some(exact)).unwrap()
}

fn ids(entries: &[quotemark_core::merge::MergeEntry]) -> Vec<AnnotationId> {
    entries.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn every_outcome_and_one_undoable_batch() {
    let doc = small_doc::document();
    let original = small_doc::annotations(&doc);
    let mut set = original.clone();
    let direct = by_exact(&original, "“We will not let terrorists hide,”").clone();
    let partial = by_exact(&original, "“real people”").clone();
    let statistic = by_exact(&original, "40 per cent of messages are now encrypted").clone();
    let causal = by_exact(&original, "weakening it would make everyone less safe").clone();

    // Same id, same content (a later `modified` alone changes nothing).
    let mut unchanged = partial.clone();
    unchanged.modified = small_doc::at(500);
    // Same id, newer edit.
    let mut updated = direct.clone();
    updated.note = "Confirmed against the transcript.".into();
    updated.modified = small_doc::at(60);
    // Same id, older edit: conflict, the existing one is kept.
    let mut older = statistic.clone();
    older.note = "An old note.".into();
    older.modified = small_doc::at(1);
    // Same id, different content, same `modified`: conflict too.
    let mut tie = causal.clone();
    tie.tags = vec!["tie".into()];
    // Another id, same content as an existing annotation: duplicate.
    let mut duplicate = partial.clone();
    duplicate.id = AnnotationId("copy-of-partial".into());
    duplicate.created = small_doc::at(900);
    // Something new.
    let added = Annotation::new(
        AnnotationId("new-one".into()),
        small_doc::target_on(&doc, "do not want end-to-end encryption"),
        Kind::Claim(Claim::default()),
        small_doc::at(70),
    );

    let incoming =
        vec![unchanged.clone(), updated.clone(), older.clone(), tie.clone(), duplicate.clone(), added.clone()];
    let result = merge(&set, &incoming, &doc.text);
    let r = &result.report;
    assert_eq!(r.counts(), MergeCounts { added: 1, updated: 1, unchanged: 1, duplicates: 1, conflicts: 2 });
    assert_eq!(ids(&r.added), vec![added.id.clone()]);
    assert_eq!(ids(&r.updated), vec![updated.id.clone()]);
    assert_eq!(ids(&r.unchanged), vec![unchanged.id.clone()]);
    assert_eq!(ids(&r.duplicates), vec![duplicate.id.clone()]);
    assert_eq!(r.duplicates[0].duplicate_of, Some(partial.id.clone()));
    assert_eq!(ids(&r.conflicts), vec![older.id.clone(), tie.id.clone()]);
    assert_eq!(r.anchor_counts().exact, 6);
    assert!(r.entries().all(|e| !e.repositioned));
    assert_eq!(
        result.command,
        Command::Batch(vec![
            Command::Update { before: direct.clone(), after: updated.clone() },
            Command::Create(added.clone()),
        ])
    );
    assert!(!result.is_noop());

    let mut history = History::default();
    history.execute(&mut set, result.command).unwrap();
    let mut expected = original.clone();
    expected.apply(&Command::Update { before: direct.clone(), after: updated.clone() }).unwrap();
    expected.apply(&Command::Create(added.clone())).unwrap();
    assert_eq!(set, expected);
    assert_eq!(set.get(&statistic.id), Some(&statistic), "conflict keeps the existing annotation");

    // One undo step takes the whole import back.
    history.undo(&mut set).unwrap().unwrap();
    assert_eq!(set, original);
    history.redo(&mut set).unwrap().unwrap();
    assert_eq!(set, expected);
}

#[test]
fn reimporting_our_own_export_changes_nothing() {
    let doc = small_doc::document();
    let mut set = AnnotationSet::default();
    let file = export(&doc, &small_doc::annotations(&doc), &ExportOptions::default());

    let first = merge(&set, &import(&file).unwrap().annotations, &doc.text);
    assert_eq!(first.report.counts(), MergeCounts { added: 4, ..MergeCounts::default() });
    set.apply(&first.command).unwrap();
    assert_eq!(set, small_doc::annotations(&doc));

    let second = merge(&set, &import(&file).unwrap().annotations, &doc.text);
    assert_eq!(second.report.counts(), MergeCounts { unchanged: 4, ..MergeCounts::default() });
    assert!(second.is_noop());
}

#[test]
fn annotations_that_anchor_elsewhere_get_their_position_moved() {
    let doc = small_doc::document();
    let file = import(&export(&doc, &small_doc::annotations(&doc), &ExportOptions::default())).unwrap();
    // The article was edited: a line added at the top, a figure corrected, a sentence cut.
    let edited = Document::new(
        doc.title.clone(),
        doc.date,
        &format!("Updated at 10:00. {}", doc.text)
            .replace("40 per cent", "45 per cent")
            .replace(", and that weakening it would make everyone less safe", ""),
    );
    let result = merge(&AnnotationSet::default(), &file.annotations, &edited.text);
    let r = &result.report;
    assert_eq!(r.counts().added, 4);

    let anchored = anchor_all(&edited.text, &file.annotations);
    let status = |exact: &str| {
        let i = file.annotations.iter().position(|a| a.target.exact() == Some(exact)).unwrap();
        let a = &file.annotations[i];
        let entry = r.added.iter().find(|e| e.id == a.id).unwrap();
        // The report shows exactly what anchoring says.
        assert_eq!(entry.anchored, anchored[i]);
        (a, entry)
    };
    let Command::Batch(commands) = &result.command else { panic!() };
    let created = |id: &AnnotationId| match commands.iter().find(|c| c.touched() == vec![id]) {
        Some(Command::Create(a)) => a.clone(),
        other => panic!("{other:?}"),
    };

    // Moved: shifted by the 18 added characters; the quote selector is kept as written.
    let (a, entry) = status("“real people”");
    assert_eq!(entry.anchored.status, AnchorStatus::Moved);
    assert!(entry.repositioned);
    let copy = created(&a.id);
    assert_eq!(copy.target.span(), Some(Span::new(39 + 18, 52 + 18)));
    assert_eq!(copy.target.quote, a.target.quote);
    assert_eq!(Annotation { target: a.target.clone(), ..copy.clone() }, *a, "only the position changes");

    // Fuzzy: the figure changed; the copy points at the corrected passage.
    let (a, entry) = status("40 per cent of messages are now encrypted");
    assert!(matches!(entry.anchored.status, AnchorStatus::Fuzzy { score } if score > 0.5), "{:?}", entry.anchored);
    assert!(entry.repositioned);
    let span = created(&a.id).target.span().unwrap();
    let found: String = edited.text.chars().skip(span.start).take(span.len()).collect();
    assert!(found.contains("45 per cent"), "{found}");

    // Orphan: the sentence is gone; the annotation is kept as it was.
    let (a, entry) = status("weakening it would make everyone less safe");
    assert_eq!(entry.anchored.status, AnchorStatus::Orphan);
    assert!(!entry.repositioned);
    assert_eq!(created(&a.id), *a);

    let counts = r.anchor_counts();
    assert_eq!((counts.moved, counts.fuzzy, counts.orphan), (2, 1, 1));
    assert_eq!(
        r.to_string(),
        "4 added; 2 moved, 1 fuzzy, 1 not found"
    );
}

#[test]
fn a_stale_position_with_the_same_content_is_unchanged() {
    let doc = small_doc::document();
    let set = small_doc::annotations(&doc);
    let mut stale = by_exact(&set, "“real people”").clone();
    stale.target.position = Some(TextPositionSelector { start: 3, end: 16 });
    stale.modified = small_doc::at(1000);
    let result = merge(&set, &[stale], &doc.text);
    assert_eq!(result.report.counts(), MergeCounts { unchanged: 1, ..MergeCounts::default() });
    assert_eq!(result.report.unchanged[0].anchored.status, AnchorStatus::Moved);
    assert!(result.is_noop());
}

#[test]
fn other_tools_annotations_are_added_where_they_anchor() {
    let doc = small_doc::document();
    let set = small_doc::annotations(&doc);
    let hypothesis = import(include_str!("fixtures/hypothesis.json")).unwrap();
    let result = merge(&set, &hypothesis.annotations, &doc.text);
    let r = &result.report;
    assert_eq!(r.counts(), MergeCounts { added: 2, ..MergeCounts::default() });
    assert!(r.added.iter().all(|e| e.repositioned && e.anchored.status == AnchorStatus::Moved));
    let Command::Batch(commands) = &result.command else { panic!() };
    let spans: Vec<Option<Span>> = commands
        .iter()
        .map(|c| match c {
            Command::Create(a) => a.target.span(),
            _ => None,
        })
        .collect();
    assert_eq!(spans, vec![Some(Span::new(155, 196)), Some(Span::new(39, 52))]);
}

#[test]
fn a_file_with_any_error_changes_nothing() {
    let doc = small_doc::document();
    let set = small_doc::annotations(&doc);
    let mut file: serde_json::Value = serde_json::from_str(&export(&doc, &set, &ExportOptions::default())).unwrap();
    file["first"]["items"][3]["target"]["selector"][1]["end"] = serde_json::json!(9999);
    let err = import(&file.to_string()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "first.items[3].target.selector[1]: TextPositionSelector end (9999) is past the end of the document text (250 characters)"
    );
}

#[test]
fn a_batch_that_no_longer_fits_changes_nothing() {
    let doc = small_doc::document();
    let mut set = small_doc::annotations(&doc);
    let direct = by_exact(&set, "“We will not let terrorists hide,”").clone();
    let mut newer = direct.clone();
    newer.note = "newer".into();
    newer.modified = small_doc::at(999);
    let added = Annotation::new(
        AnnotationId("added".into()),
        small_doc::target_on(&doc, "she told the BBC"),
        Kind::Quote(Quote::default()),
        small_doc::at(0),
    );
    let result = merge(&set, &[added.clone(), newer], &doc.text);
    assert_eq!(result.report.counts(), MergeCounts { added: 1, updated: 1, ..MergeCounts::default() });

    // Meanwhile the reader edits the annotation the import would update.
    let mut edited = direct.clone();
    edited.note = "edited meanwhile".into();
    set.apply(&Command::Update { before: direct.clone(), after: edited }).unwrap();
    let before = set.clone();
    assert!(matches!(set.apply(&result.command), Err(CommandError::Stale(id)) if id == direct.id));
    assert_eq!(set, before, "the create that came first in the batch was not applied either");
    assert!(!set.contains(&added.id));
}
