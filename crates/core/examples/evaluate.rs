//! Scores the quotation detector on a labelled folder (format: `data/quotes-eval/README.md`).
//!
//! ```text
//! cargo run --release -p quotemark-core --features eval --example evaluate -- data/quotes-eval [--verbose]
//! cargo run --release -p quotemark-core --features eval --example evaluate -- --show data/quotes-eval/01-library-cuts.txt
//! ```
//!
//! Prints span precision, recall and F1 (a match covers at least 80% of the gold characters,
//! one to one), exact-span F1, speaker accuracy on matched quotations and cue accuracy; with
//! `--verbose` (`-v`) also every missed, spurious, inexact, misattributed or miscued quotation.
//! `--show <article.txt>` prints every suggestion for one article instead, with its reasons.
//! Exits with status 1 when a label cannot be located in its article, 2 on bad arguments.

use quotemark_core::document::Document;
use quotemark_core::suggest::eval::evaluate_dir;
use quotemark_core::suggest::suggestions;
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str = "usage: evaluate <labelled-folder> [--verbose] | evaluate --show <article.txt>";

fn main() {
    let mut dir = None;
    let mut show = None;
    let mut verbose = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-v" | "--verbose" => verbose = true,
            "--show" => show = args.next().map(PathBuf::from),
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            _ if dir.is_none() && !arg.starts_with('-') => dir = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("{USAGE}");
                std::process::exit(2);
            }
        }
    }
    if let Some(file) = show {
        show_article(&file);
        return;
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from("data/quotes-eval"));
    let started = Instant::now();
    match evaluate_dir(&dir) {
        Ok(scores) => {
            let elapsed = started.elapsed();
            if verbose {
                for p in &scores.problems {
                    println!("{p}");
                }
                println!();
            }
            println!("{scores}");
            println!("time                 {:.1} ms (loading and detecting)", elapsed.as_secs_f64() * 1000.0);
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

fn show_article(file: &PathBuf) {
    let raw = std::fs::read_to_string(file).unwrap_or_else(|e| {
        eprintln!("error: {}: {e}", file.display());
        std::process::exit(1);
    });
    let doc = Document::from_raw(&raw);
    let chars: Vec<char> = doc.text.chars().collect();
    let text = |s: &quotemark_core::suggest::Suggestion| -> String {
        s.spans.iter().map(|sp| chars[sp.start..sp.end].iter().collect::<String>()).collect::<Vec<_>>().join(" | ")
    };
    let found = suggestions(&doc.text);
    for s in &found.quotes {
        println!(
            "{:.2} quote “{}”\n     speaker {:?} → {:?}, cue {:?}, {:?}\n     {}",
            s.confidence,
            text(s),
            s.speaker,
            s.speaker_canonical,
            s.cue,
            s.form,
            s.reasons.join("; ")
        );
    }
    for s in &found.claims {
        println!(
            "{:.2} claim ({:?}) “{}”\n     {}",
            s.confidence,
            s.claim_type.unwrap_or_default(),
            text(s),
            s.reasons.join("; ")
        );
    }
}
