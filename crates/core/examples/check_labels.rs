//! Checks quotation labels without running the detector: every label of each article must be
//! found in its normalised text (`data/quotes-eval/README.md` gives the format). For labelling
//! by hand, before any score is seen.
//!
//! ```text
//! cargo run -p quotemark-core --features eval --example check_labels -- data/quotes-real/*.txt
//! cargo run -p quotemark-core --features eval --example check_labels -- --text data/quotes-real/02-….txt
//! ```
//!
//! `--text` prints the article's title and normalised text, the text that labels must match.
//! Exits with status 1 when a label cannot be located.

use quotemark_core::document::Document;
use quotemark_core::suggest::eval::{locate, Labels};

fn main() {
    let mut print_text = false;
    let mut failed = false;
    for arg in std::env::args().skip(1) {
        if arg == "--text" {
            print_text = true;
            continue;
        }
        let raw = std::fs::read_to_string(&arg).unwrap_or_else(|e| panic!("{arg}: {e}"));
        let doc = Document::from_raw(&raw);
        if print_text {
            println!("title: {}\n\n{}", doc.title, doc.text);
            continue;
        }
        let labels_path = format!("{}.labels.json", arg.trim_end_matches(".txt"));
        let Ok(json) = std::fs::read_to_string(&labels_path) else {
            println!("{arg}: no labels yet");
            continue;
        };
        match serde_json::from_str::<Labels>(&json).map_err(|e| e.to_string()).and_then(|l| {
            let n = l.quotes.len();
            locate(&doc, &l).map(|_| n)
        }) {
            Ok(n) => println!("{arg}: {n} quotations, all found"),
            Err(e) => {
                failed = true;
                println!("{arg}: {e}");
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
