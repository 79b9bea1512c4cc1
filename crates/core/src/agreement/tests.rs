//! The measures against worked examples with published answers, and the comparison on a small
//! hand-made pair of layers.

use super::kappa::{cohen_kappa, interval, krippendorff_alpha, nominal};
use super::unitizing::alpha_u;
use super::*;

fn close(actual: Option<f64>, expected: f64, tolerance: f64) {
    let a = actual.expect("defined");
    assert!((a - expected).abs() <= tolerance, "{a} is not {expected} ± {tolerance}");
}

fn labels(runs: &[(usize, u8)]) -> Vec<u8> {
    runs.iter().flat_map(|&(n, v)| std::iter::repeat(v).take(n)).collect()
}

fn zip(a: &[u8], b: &[u8]) -> Vec<(u8, u8)> {
    a.iter().copied().zip(b.iter().copied()).collect()
}

/// scikit-learn's tests of `cohen_kappa_score` (sklearn/metrics/tests/test_classification.py).
#[test]
fn cohen_kappa_matches_scikit_learn() {
    let y1 = labels(&[(40, 0), (60, 1)]);
    let y2 = labels(&[(20, 0), (20, 1), (10, 0), (50, 1)]);
    close(cohen_kappa(&zip(&y1, &y2)), 0.348, 0.0005);
    assert_eq!(cohen_kappa(&zip(&y1, &y2)), cohen_kappa(&zip(&y2, &y1)));
    close(cohen_kappa(&zip(&y1, &y1)), 1.0, 1e-12);
    let y1 = labels(&[(46, 0), (44, 1), (10, 2)]);
    let y2 = labels(&[(52, 0), (32, 1), (16, 2)]);
    close(cohen_kappa(&zip(&y1, &y2)), 0.8013, 0.00005);
    let y2 = labels(&[(50, 0), (40, 1), (10, 2)]);
    close(cohen_kappa(&zip(&y1, &y2)), 0.9315, 0.00005);
    // Undefined: nothing to compare, or one label only.
    assert_eq!(cohen_kappa::<u8>(&[]), None);
    assert_eq!(cohen_kappa(&[(1, 1), (1, 1)]), None);
}

/// Krippendorff (1995), the digitized examples A and C, as in DKPro Statistics'
/// Krippendorff1995Test: κ 0.385 and 0.314, α (nominal) 0.329 for A.
#[test]
fn kappa_and_alpha_match_krippendorff_1995() {
    // A: Bertha and Bill, 24 positions.
    let bertha = labels(&[(2, 0), (8, 1), (4, 0), (6, 1), (4, 0)]);
    let bill = labels(&[(4, 0), (4, 1), (7, 0), (2, 1), (7, 0)]);
    close(cohen_kappa(&zip(&bertha, &bill)), 0.385, 0.001);
    let units: Vec<Vec<Option<u8>>> = bertha.iter().zip(&bill).map(|(a, b)| vec![Some(*a), Some(*b)]).collect();
    close(krippendorff_alpha(&units, nominal), 0.329, 0.001);
    // C: Gerret and Gill.
    let gerret = labels(&[(2, 0), (6, 1), (2, 0), (2, 1), (2, 0), (4, 1), (2, 0), (2, 1), (2, 0)]);
    let gill = labels(&[(2, 1), (2, 0), (4, 1), (2, 0), (4, 1), (2, 0), (2, 1), (2, 0), (2, 1), (2, 0)]);
    close(cohen_kappa(&zip(&gerret, &gill)), 0.314, 0.001);
}

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the reliability data of
/// four observers and twelve units with missing values: α = 0.743 (nominal), 0.849 (interval).
#[test]
fn alpha_matches_krippendorff_2011() {
    let n = None;
    let rows: [[Option<i64>; 12]; 4] = [
        [Some(1), Some(2), Some(3), Some(3), Some(2), Some(1), Some(4), Some(1), Some(2), n, n, n],
        [Some(1), Some(2), Some(3), Some(3), Some(2), Some(2), Some(4), Some(1), Some(2), Some(5), n, Some(3)],
        [n, Some(3), Some(3), Some(3), Some(2), Some(3), Some(4), Some(2), Some(2), Some(5), Some(1), n],
        [Some(1), Some(2), Some(3), Some(3), Some(2), Some(4), Some(4), Some(1), Some(2), Some(5), Some(1), n],
    ];
    let units: Vec<Vec<Option<i64>>> = (0..12).map(|u| rows.iter().map(|r| r[u]).collect()).collect();
    close(krippendorff_alpha(&units, nominal), 0.743, 0.0005);
    close(krippendorff_alpha(&units, interval), 0.849, 0.0005);
    // Perfect agreement, and nothing pairable.
    close(krippendorff_alpha(&[vec![Some(1), Some(1)], vec![Some(2), Some(2)]], nominal), 1.0, 1e-12);
    assert_eq!(krippendorff_alpha(&[vec![Some(1), None]], nominal), None);
}

/// Krippendorff (2004), Content Analysis, p. 254: two observers unitizing a continuum of 300
/// (from 150) into categories c and k; α_U(c) = 0.7286, α_U(k) = 1, α_U = 0.8591 (the values of
/// DKPro Statistics' Krippendorff2004Test, ± 0.0005).
#[test]
fn alpha_u_matches_krippendorff_2004() {
    let unit = |begin: usize, length: usize, c: char| (Span::new(begin - 150, begin - 150 + length), c);
    let i = vec![unit(225, 70, 'c'), unit(370, 30, 'c'), unit(180, 60, 'k'), unit(300, 50, 'k')];
    let j = vec![unit(220, 80, 'c'), unit(355, 20, 'c'), unit(400, 20, 'c'), unit(180, 60, 'k'), unit(300, 50, 'k')];
    let a = alpha_u(300, &[i.clone(), j.clone()]);
    close(a.overall, 0.8591, 0.0005);
    let of = |c: char| a.by_category.iter().find(|(k, _)| *k == c).unwrap().1;
    close(of('c'), 0.7286, 0.0001);
    close(of('k'), 1.0, 1e-12);
    // The order of coders and of their units does not matter.
    let mut j_reversed = j.clone();
    j_reversed.reverse();
    assert_eq!(alpha_u(300, &[j_reversed, i.clone()]).overall, a.overall);
    // Identical coders agree perfectly; a coder who marked nothing does not.
    close(alpha_u(300, &[i.clone(), i.clone()]).overall, 1.0, 1e-12);
    assert!(alpha_u(300, &[i, Vec::new()]).overall.unwrap() < 0.0);
}

fn code(id: &str, start: usize, end: usize, kind: &'static str, label: &str) -> Coded {
    Coded { id: AnnotationId(id.into()), span: Span::new(start, end), kind, label: label.into() }
}

#[test]
fn spans_pair_best_overlap_first_and_f1_counts_them() {
    assert_eq!(spans::overlap(Span::new(0, 10), Span::new(0, 10)), 1.0);
    assert_eq!(spans::overlap(Span::new(0, 10), Span::new(2, 10)), 0.8);
    assert_eq!(spans::overlap(Span::new(0, 10), Span::new(10, 20)), 0.0);
    // b0 meets both a0 and a1; it goes to a1, the closer one; a0 takes b1.
    let a = [Span::new(0, 10), Span::new(20, 30)];
    let b = [Span::new(21, 30), Span::new(0, 8), Span::new(50, 60)];
    let p = spans::pair(&a, &b, 0.0, |_, _| true);
    assert_eq!(p.pairs, [(1, 0, 0.9), (0, 1, 0.8)]);
    assert_eq!((p.only_a.len(), p.only_b), (0, vec![2]));
    assert!((spans::f1(2, 2, 3) - 0.8).abs() < 1e-12);
    assert_eq!(spans::f1(0, 0, 0), 1.0);
}

/// Two coders on a text of 100 code points, with one difference of each sort.
fn layers() -> (Vec<Coded>, Vec<Coded>) {
    let mine = vec![
        code("m1", 0, 10, "quote", "Theresa May"),   // the same in theirs
        code("m2", 20, 30, "quote", "Theresa May"),  // theirs: another speaker
        code("m3", 40, 50, "claim", "supported"),    // theirs: 41–50 (overlap 0.9)
        code("m4", 60, 70, "quote", ""),             // theirs: a claim on the same span
        code("m5", 80, 90, "claim", "false"),        // only mine
    ];
    let theirs = vec![
        code("t1", 0, 10, "quote", "Theresa May"),
        code("t2", 20, 30, "quote", "Amber Rudd"),
        code("t3", 41, 50, "claim", "supported"),
        code("t4", 60, 70, "claim", "unverified"),
        code("t5", 92, 99, "quote", "Jim Killock"),  // only theirs
    ];
    (mine, theirs)
}

#[test]
fn compare_lists_each_sort_of_difference() {
    let (mine, theirs) = layers();
    let id = |s: &str| AnnotationId(s.into());
    assert_eq!(
        compare(&mine, &theirs),
        [
            Difference::Relabelled { mine: id("m2"), theirs: id("t2"), field: "speaker" },
            Difference::Overlapping { mine: id("m3"), theirs: id("t3"), overlap: 0.9 },
            Difference::Relabelled { mine: id("m4"), theirs: id("t4"), field: "kind" },
            Difference::OnlyMine(id("m5")),
            Difference::OnlyTheirs(id("t5")),
        ]
    );
    assert!(compare(&mine, &mine).is_empty());
}

#[test]
fn pairwise_figures_of_the_two_layers() {
    let (mine, theirs) = layers();
    let p = pairwise(&mine, &theirs, 100);
    // Same-kind pairs: m1–t1, m2–t2 exact, m3–t3 at 0.9: 2 exact, 3 near, of 5 + 5 spans.
    assert!((p.f1_exact - 0.4).abs() < 1e-12);
    assert!((p.f1_near - 0.6).abs() < 1e-12);
    // Kinds of the 4 pairs at ≥ 80% (any kind): (q,q), (q,q), (c,c), (q,c): p_o = 3/4,
    // p_e = (3/4 · 2/4) + (1/4 · 2/4) = 1/2, κ = 0.5.
    assert_eq!(p.kind_pairs, 4);
    close(p.kappa_kind, 0.5, 1e-12);
    // Speakers of the 2 paired quotes: (May, May), (May, Rudd): p_o = 1/2, p_e = 1 · 1/2, κ = 0.
    assert_eq!(p.speaker_pairs, 2);
    close(p.kappa_speaker, 0.0, 1e-12);
    // One paired claim, both supported: chance agreement is certain, κ undefined.
    assert_eq!((p.status_pairs, p.kappa_status), (1, None));
    let alone = pairwise(&mine, &mine, 100);
    assert_eq!((alone.f1_exact, alone.f1_near), (1.0, 1.0));
    close(alone.alpha_u, 1.0, 1e-12);
    assert!(p.alpha_u.unwrap() < 1.0);
    // Three layers: α_U over all of them.
    assert!(overall(&[&mine, &theirs, &mine], 100).overall.unwrap() > p.alpha_u.unwrap());
}

#[test]
fn comparing_5000_with_5000_pairs_every_span() {
    let layer = |shift: usize| -> Vec<Coded> {
        (0..5000).map(|i| code(&format!("a{i}"), i * 40 + shift, i * 40 + 30, if i % 3 == 0 { "claim" } else { "quote" }, "")).collect()
    };
    let (a, b) = (layer(0), layer(3));
    let p = pairwise(&a, &b, 200_000);
    // Every span meets its twin at 27/30 = 0.9.
    assert!((p.f1_near - 1.0).abs() < 1e-12 && p.f1_exact == 0.0);
    assert_eq!(compare(&a, &b).len(), 5000);
}

#[test]
fn the_report_lists_layers_figures_and_differences_as_text() {
    let (mine, theirs) = layers();
    let p = pairwise(&mine, &theirs, 100);
    let names = [report::LayerName { name: "Ana *lead*", annotations: 5 }, report::LayerName { name: "Ben", annotations: 5 }];
    let pairs = [((0, 1), &p)];
    let list = compare(&mine, &theirs);
    let settled = [true, false, false, false, false];
    let text_of = |id: &AnnotationId| format!("“{}”", id.0);
    let differences = report::Differences { between: (0, 1), list: &list, settled: &settled, text_of: &text_of };
    let md = report::to_markdown("Crime <b>figures</b>", &names, &pairs, p.alpha_u, &differences);
    assert!(md.starts_with("# Agreement on “Crime \\<b\\>figures\\</b\\>”\n"));
    assert!(md.contains("- Layer 1: Ana \\*lead\\* (5 annotations)\n"));
    assert!(md.contains("| 1 – 2 | 0.400 | 0.600 | 0.500 | 0.000 | undefined |"));
    assert!(md.contains("## Differences between layers 1 and 2 (5, 1 settled)\n"), "{md}");
    assert!(md.contains("- [x] same span, another speaker: “m2” / “t2”\n"), "{md}");
    assert!(md.contains("- [ ] overlapping (90%): “m3” / “t3”\n"), "{md}");
    assert_eq!(md.matches("- [ ] ").count(), 4, "{md}");
    let csv = report::to_csv(&names, &pairs);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "layer a,layer b,f1 exact,f1 near,kappa kind,kappa speaker,kappa status,alpha_u,pairs kind,pairs speaker,pairs status");
    assert!(lines[1].starts_with("Ana *lead*,Ben,0.4000,0.6000,0.5000,0.0000,,"), "{}", lines[1]);
}
