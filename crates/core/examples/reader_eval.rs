//! Scores the HTML reader, and optionally other readers' outputs, on page folders with human
//! ground truth (format: `data/reader-eval/README.md`).
//!
//! ```text
//! cargo run --release -p quotemark-core --features eval --example reader_eval -- \
//!     data/reader-eval/dev [data/reader-eval/holdout] [--peer NAME=outputs.jsonl]... [--verbose] [--runs N]
//! ```
//!
//! For each folder it prints, per reader, the mean bag-of-words precision, recall and F1 over its
//! pages, the known boilerplate lines that leak, and the time per page (median and mean). Our reader
//! is run here, `--runs` times per page (default 5, the median kept); a peer's outputs are JSON
//! lines `{"page": "R123", "title": …, "text": …, "ms": …}` written by the benchmark's peer scripts
//! (`scripts/reader-bench/`). `--verbose` lists each reader's worst pages and every leaked line.
//! `--dump FILE` writes our reader's outputs as JSON lines (the peers' format). `--pages` prints every page's precision and recall for each reader. `--show NAME` prints our reader's text for one page of the folders, each line marked `-` when
//! most of its words are not in the gold text, then the gold lines mostly missing from it (`+`).
//! Exits with status 2 on bad arguments, 1 when a folder or a peer's file cannot be read.

use quotemark_core::reader::eval::{bag_of_words, boilerplate_leaks, load_pages, scored_text, words, Page, Prf};
use quotemark_core::reader::read_html;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str =
    "usage: reader_eval <folder>... [--peer NAME=outputs.jsonl]... [--verbose] [--runs N] [--show NAME] [--pages] [--dump FILE]";

struct Output {
    text: String,
    ms: f64,
}

struct Row {
    name: String,
    scores: Vec<(String, Prf, Vec<String>)>,
    ms: Vec<f64>,
    missing: usize,
}

fn main() {
    let mut dirs = Vec::new();
    let mut peers: Vec<(String, PathBuf)> = Vec::new();
    let mut verbose = false;
    let mut runs = 5usize;
    let mut show = None;
    let mut per_page = false;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-v" | "--verbose" => verbose = true,
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0).unwrap_or_else(|| usage()),
            "--pages" => per_page = true,
            "--dump" => dump = Some(PathBuf::from(args.next().unwrap_or_else(|| usage()))),
            "--show" => show = Some(args.next().unwrap_or_else(|| usage())),
            "--peer" => {
                let spec = args.next().unwrap_or_else(|| usage());
                let (name, path) = spec.split_once('=').unwrap_or_else(|| usage());
                peers.push((name.to_string(), PathBuf::from(path)));
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            _ if !arg.starts_with('-') => dirs.push(PathBuf::from(arg)),
            _ => usage(),
        }
    }
    if dirs.is_empty() {
        dirs.push(PathBuf::from("data/reader-eval/dev"));
    }
    if let Some(name) = show {
        show_page(&dirs, &name);
        return;
    }
    let peer_outputs: Vec<(String, HashMap<String, Output>)> = peers
        .iter()
        .map(|(name, path)| (name.clone(), read_outputs(path).unwrap_or_else(|e| fail(&e))))
        .collect();

    for dir in &dirs {
        let pages = load_pages(dir).unwrap_or_else(|e| fail(&e));
        println!("{} — {} pages", dir.display(), pages.len());
        println!("{:<13} {:>9} {:>7} {:>7} {:>6} {:>12} {:>10}", "reader", "precision", "recall", "F1", "leaks", "median ms", "mean ms");
        if let Some(path) = &dump {
            let lines: Vec<String> = pages
                .iter()
                .map(|p| {
                    let a = read_html(&p.html);
                    serde_json::json!({"page": p.name, "title": a.title, "text": a.text, "ms": 0}).to_string()
                })
                .collect();
            std::fs::write(path, lines.join("\n") + "\n").unwrap_or_else(|e| fail(&e.to_string()));
        }
        let mut rows = vec![ours(&pages, runs)];
        for (name, outputs) in &peer_outputs {
            rows.push(peer(name, &pages, outputs));
        }
        for row in &rows {
            let prf: Vec<Prf> = row.scores.iter().map(|s| s.1).collect();
            let mean = Prf::mean(&prf);
            let leaks: usize = row.scores.iter().map(|s| s.2.len()).sum();
            let mut ms = row.ms.clone();
            ms.sort_by(f64::total_cmp);
            let median = ms.get(ms.len() / 2).copied().unwrap_or(0.0);
            let avg = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
            let missing = if row.missing > 0 { format!("  ({} pages without output, scored 0)", row.missing) } else { String::new() };
            println!(
                "{:<13} {:>9.3} {:>7.3} {:>7.3} {:>6} {:>12.2} {:>10.2}{missing}",
                row.name, mean.precision, mean.recall, mean.f1, leaks, median, avg
            );
        }
        if per_page {
            for (i, (page, _, _)) in rows[0].scores.iter().enumerate() {
                let cells: Vec<String> = rows.iter().map(|r| format!("{:.3} {:.3}", r.scores[i].1.precision, r.scores[i].1.recall)).collect();
                println!("page {page:<6} {}", cells.join("   "));
            }
        }
        if verbose {
            for row in &rows {
                println!("\n{}: worst pages", row.name);
                let mut worst: Vec<_> = row.scores.iter().collect();
                worst.sort_by(|a, b| a.1.f1.total_cmp(&b.1.f1));
                for (page, prf, _) in worst.iter().take(15) {
                    println!("  {page:<6} P {:.3}  R {:.3}  F1 {:.3}", prf.precision, prf.recall, prf.f1);
                }
                for (page, _, leaks) in &row.scores {
                    for line in leaks {
                        println!("  leak {page}: {line}");
                    }
                }
            }
        }
        println!();
    }
}

fn ours(pages: &[Page], runs: usize) -> Row {
    let mut row = Row { name: "quotemark".into(), scores: Vec::new(), ms: Vec::new(), missing: 0 };
    for page in pages {
        let mut times = Vec::with_capacity(runs);
        let mut article = None;
        for _ in 0..runs {
            let started = Instant::now();
            let a = read_html(&page.html);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            article = Some(a);
        }
        times.sort_by(f64::total_cmp);
        row.ms.push(times[times.len() / 2]);
        let article = article.expect("at least one run");
        let text = scored_text(article.title.as_deref(), &article.text);
        row.scores.push(score(&page.name, &text, &page.gold));
    }
    row
}

fn peer(name: &str, pages: &[Page], outputs: &HashMap<String, Output>) -> Row {
    let mut row = Row { name: name.into(), scores: Vec::new(), ms: Vec::new(), missing: 0 };
    for page in pages {
        match outputs.get(&page.name) {
            Some(out) => {
                row.ms.push(out.ms);
                row.scores.push(score(&page.name, &out.text, &page.gold));
            }
            None => {
                row.missing += 1;
                row.scores.push(score(&page.name, "", &page.gold));
            }
        }
    }
    row
}

fn score(page: &str, text: &str, gold: &str) -> (String, Prf, Vec<String>) {
    let leaks = boilerplate_leaks(text, gold).into_iter().map(str::to_string).collect();
    (page.to_string(), bag_of_words(text, gold), leaks)
}

fn show_page(dirs: &[PathBuf], name: &str) {
    let page = dirs
        .iter()
        .flat_map(|d| load_pages(d).unwrap_or_else(|e| fail(&e)))
        .find(|p| p.name == name)
        .unwrap_or_else(|| fail(&format!("no page {name}")));
    let article = read_html(&page.html);
    let text = scored_text(article.title.as_deref(), &article.text);
    let prf = bag_of_words(&text, &page.gold);
    println!("{name}: P {:.3}  R {:.3}  F1 {:.3}\n", prf.precision, prf.recall, prf.f1);
    println!("{}", quotemark_core::reader::explain_html(&page.html));
    let bag = |t: &str| words(t).collect::<std::collections::HashSet<String>>();
    let (gold_words, our_words) = (bag(&page.gold), bag(&text));
    let mostly_in = |line: &str, set: &std::collections::HashSet<String>| {
        let w: Vec<String> = words(line).collect();
        w.is_empty() || w.iter().filter(|x| set.contains(*x)).count() * 2 >= w.len()
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        println!("{} {line}", if mostly_in(line, &gold_words) { ' ' } else { '-' });
    }
    println!("\nmissing:");
    for line in page.gold.lines().filter(|l| !l.trim().is_empty()) {
        if !mostly_in(line, &our_words) {
            println!("+ {line}");
        }
    }
}

fn read_outputs(path: &PathBuf) -> Result<HashMap<String, Output>, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = HashMap::new();
    for (i, line) in raw.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let page = field("page").ok_or_else(|| format!("{}:{}: no \"page\"", path.display(), i + 1))?;
        let text = scored_text(field("title").as_deref(), &field("text").unwrap_or_default());
        let ms = v.get("ms").and_then(|x| x.as_f64()).unwrap_or(0.0);
        out.insert(page, Output { text, ms });
    }
    Ok(out)
}

fn usage() -> ! {
    eprintln!("{USAGE}");
    std::process::exit(2)
}

fn fail(e: &str) -> ! {
    eprintln!("reader_eval: {e}");
    std::process::exit(1)
}
