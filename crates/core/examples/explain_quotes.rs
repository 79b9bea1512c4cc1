//! Prints what the quotation detector proposes for a text, one quotation a line: its words, the
//! speaker as written and canonical, the cue and the reasons. For looking into one article or
//! sentence while working on the rules.
//!
//! ```sh
//! cargo run -p quotemark-core --features eval --example explain_quotes -- FILE   # or text on stdin
//! ```

use quotemark_core::suggest::suggestions;
use std::io::Read;

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
        None => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).expect("stdin");
            s
        }
    };
    let chars: Vec<char> = text.chars().collect();
    for q in suggestions(&text).quotes {
        let words: String = q.spans.iter().map(|s| chars[s.start..s.end].iter().collect::<String>()).collect::<Vec<_>>().join(" … ");
        let short: String = words.chars().take(60).collect();
        println!(
            "{} “{short}” — {} [{}] cue {} ({:.2}; {})",
            if q.is_proposed() { "+" } else { "-" },
            q.speaker.as_deref().unwrap_or("—"),
            q.speaker_canonical.as_deref().unwrap_or("—"),
            q.cue.as_deref().unwrap_or("—"),
            q.confidence,
            q.reasons.join("; "),
        );
    }
}
