//! Reporting verbs ("cue" verbs): about a hundred lemmas and all their inflections.
//!
//! A word is reduced to its lemma by an irregular-form table and a few suffix rules (`-s`, `-es`,
//! `-ies`, `-ed`, `-ied`, `-ing`, with a dropped final `e` and a doubled final consonant), then
//! looked up in a sorted lemma list. No inflection table is stored, which keeps the WASM small.

/// The lemmas, sorted (checked by a test). British and American spellings are both listed.
#[rustfmt::skip]
const LEMMAS: &[&str] = &[
    "accuse", "acknowledge", "add", "admit", "advise", "affirm", "agree", "allege", "announce", "answer",
    "apologise", "apologize", "argue", "ask", "assert", "assure", "beg", "blame", "blast", "boast", "brand", "call",
    "caution", "challenge", "characterise", "characterize", "cite", "claim", "comment", "complain", "concede",
    "conclude", "condemn", "confirm", "contend", "continue", "counter", "criticise", "criticize", "cry", "declare",
    "decry", "demand", "deny", "describe", "disagree", "dismiss", "dispute", "dub", "elaborate", "emphasise",
    "emphasize", "estimate", "exclaim", "explain", "forecast", "grumble", "hail", "indicate", "inform", "insist",
    "joke", "label", "lament", "laugh", "maintain", "mention", "mutter", "note", "object", "observe", "plead",
    "pledge", "point", "post", "praise", "predict", "proclaim", "promise", "protest", "put", "question", "quip",
    "read", "recall", "recount", "refer", "reiterate", "remark", "repeat", "reply", "report", "respond", "retort",
    "reveal", "say", "scream", "shout", "sigh", "slam", "snap", "speak", "speculate", "state", "stress", "suggest",
    "talk", "tell", "term", "testify", "thank", "threaten", "tweet", "underline", "urge", "vow", "warn", "whisper",
    "wonder", "write", "yell",
];

/// Irregular forms and their lemmas, sorted by form.
#[rustfmt::skip]
const IRREGULAR: &[(&str, &str)] = &[
    ("forecasted", "forecast"), ("put", "put"), ("puts", "put"), ("putting", "put"), ("said", "say"), ("spoke", "speak"),
    ("spoken", "speak"), ("told", "tell"), ("written", "write"), ("wrote", "write"),
];

/// Verbs that only report speech in a fixed phrase: `put it`, `point out`, `talk of`, `refer to`, `read:`;
/// the particles that may follow them.
pub(crate) fn needs_particle(lemma: &str) -> Option<&'static [&'static str]> {
    match lemma {
        "put" => Some(&["it"]),
        "point" => Some(&["out"]),
        "talk" => Some(&["of"]),
        "refer" => Some(&["to"]),
        "read" => Some(&[":", ","]),
        _ => None,
    }
}

/// Verbs that also name things (`a group called “Find Maurice”`): directly before a quote and after
/// a common noun they name rather than report.
pub(crate) fn is_naming(lemma: &str) -> bool {
    matches!(lemma, "call" | "dub" | "label" | "brand" | "term" | "characterise" | "characterize" | "describe")
}

/// Verbs of telling (`was told by X`, `was warned by X`): in the passive their subject is the one
/// told, and whoever comes after `by` speaks.
pub(crate) fn is_telling(lemma: &str) -> bool {
    matches!(lemma, "tell" | "inform" | "warn" | "advise" | "assure" | "urge")
}

/// Every inflected form of every reporting verb with its lemma: forms are generated forward
/// (`-s`, `-es`, `-ies`, `-ed`, `-d`, `-ied`, `-ing`, dropped `e`, doubled consonant) and kept
/// only when [`reporting_verb`] maps them back, so a lookup table built from this agrees with it.
pub(crate) fn all_forms() -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = IRREGULAR.iter().map(|(f, l)| (f.to_string(), *l)).collect();
    for &lemma in LEMMAS {
        let mut cands = vec![lemma.to_string(), format!("{lemma}s"), format!("{lemma}es"), format!("{lemma}ed")];
        cands.push(format!("{lemma}d"));
        cands.push(format!("{lemma}ing"));
        if let Some(stem) = lemma.strip_suffix('e') {
            cands.push(format!("{stem}ing"));
        }
        if let Some(stem) = lemma.strip_suffix('y') {
            cands.push(format!("{stem}ies"));
            cands.push(format!("{stem}ied"));
        }
        if let Some(last) = lemma.chars().last() {
            cands.push(format!("{lemma}{last}ed"));
            cands.push(format!("{lemma}{last}ing"));
        }
        for c in cands {
            if reporting_verb(&c) == Some(lemma) && !out.iter().any(|(f, _)| *f == c) {
                out.push((c, lemma));
            }
        }
    }
    out
}

/// The number of reporting-verb lemmas (for the docs and tests).
pub fn lemma_count() -> usize {
    LEMMAS.len()
}

fn is_lemma(w: &str) -> Option<&'static str> {
    LEMMAS.binary_search(&w).ok().map(|i| LEMMAS[i])
}

/// The lemma of a lowercase word if it is a form of a reporting verb: `said` → `say`,
/// `slammed` → `slam`, `arguing` → `argue`, `insists` → `insist`.
///
/// ```
/// use quotemark_core::suggest::reporting_verb;
/// assert_eq!(reporting_verb("said"), Some("say"));
/// assert_eq!(reporting_verb("slammed"), Some("slam"));
/// assert_eq!(reporting_verb("arguing"), Some("argue"));
/// assert_eq!(reporting_verb("replies"), Some("reply"));
/// assert_eq!(reporting_verb("table"), None);
/// ```
pub fn reporting_verb(w: &str) -> Option<&'static str> {
    if let Ok(i) = IRREGULAR.binary_search_by(|(form, _)| form.cmp(&w)) {
        return Some(IRREGULAR[i].1);
    }
    if let Some(l) = is_lemma(w) {
        return Some(l);
    }
    if w.len() < 4 || !w.is_ascii() {
        return None;
    }
    // Stems are rebuilt in a stack buffer: no allocation per word.
    let mut buf = [0u8; 32];
    if w.len() + 1 > buf.len() {
        return None;
    }
    let mut try_stem = |stem: &str, suffix: &str| -> Option<&'static str> {
        let n = stem.len() + suffix.len();
        buf[..stem.len()].copy_from_slice(stem.as_bytes());
        buf[stem.len()..n].copy_from_slice(suffix.as_bytes());
        std::str::from_utf8(&buf[..n]).ok().and_then(is_lemma)
    };
    let undoubled = |stem: &str| -> Option<usize> {
        let b = stem.as_bytes();
        let n = b.len();
        (n >= 3 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'a' | b'e' | b'i' | b'o' | b'u' | b's'))
            .then_some(n - 1)
    };
    if let Some(stem) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")) {
        if let Some(l) = try_stem(stem, "y") {
            return Some(l);
        }
    }
    if let Some(stem) = w.strip_suffix("ing") {
        if let Some(l) = try_stem(stem, "").or_else(|| try_stem(stem, "e")) {
            return Some(l);
        }
        if let Some(n) = undoubled(stem) {
            return try_stem(&stem[..n], "");
        }
        return None;
    }
    if let Some(stem) = w.strip_suffix("ed") {
        if let Some(l) = try_stem(stem, "").or_else(|| try_stem(stem, "e")) {
            return Some(l);
        }
        if let Some(n) = undoubled(stem) {
            return try_stem(&stem[..n], "");
        }
        return None;
    }
    if let Some(stem) = w.strip_suffix("es") {
        if let Some(l) = try_stem(stem, "") {
            return Some(l);
        }
    }
    if let Some(stem) = w.strip_suffix('s') {
        return try_stem(stem, "");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_about_a_hundred() {
        assert!(LEMMAS.windows(2).all(|w| w[0] < w[1]));
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
        assert!((90..=130).contains(&lemma_count()), "{}", lemma_count());
    }

    #[test]
    fn generated_forms_cover_every_inflection_the_lemmatiser_accepts() {
        let forms = all_forms();
        assert!(forms.len() > 4 * LEMMAS.len(), "{}", forms.len());
        for (form, lemma) in [
            ("said", "say"),
            ("slammed", "slam"),
            ("labelled", "label"),
            ("labeled", "label"),
            ("arguing", "argue"),
            ("replies", "reply"),
            ("cried", "cry"),
            ("stresses", "stress"),
            ("emphasising", "emphasise"),
        ] {
            assert!(forms.iter().any(|(f, l)| f == form && *l == lemma), "{form}");
        }
    }

    #[test]
    fn inflections() {
        for (form, lemma) in [
            ("say", "say"),
            ("says", "say"),
            ("saying", "say"),
            ("said", "say"),
            ("tells", "tell"),
            ("told", "tell"),
            ("telling", "tell"),
            ("added", "add"),
            ("adds", "add"),
            ("claimed", "claim"),
            ("insisting", "insist"),
            ("warned", "warn"),
            ("argued", "argue"),
            ("argues", "argue"),
            ("noted", "note"),
            ("replied", "reply"),
            ("cried", "cry"),
            ("cries", "cry"),
            ("admitted", "admit"),
            ("admitting", "admit"),
            ("slams", "slam"),
            ("quipped", "quip"),
            ("dubbed", "dub"),
            ("wrote", "write"),
            ("writes", "write"),
            ("written", "write"),
            ("stressed", "stress"),
            ("stresses", "stress"),
            ("vowed", "vow"),
            ("described", "describe"),
            ("labelled", "label"),
            ("labeled", "label"),
            ("apologised", "apologise"),
            ("put", "put"),
            ("concedes", "concede"),
            ("emphasized", "emphasize"),
            ("tweeted", "tweet"),
            ("calls", "call"),
        ] {
            assert_eq!(reporting_verb(form), Some(lemma), "{form}");
        }
        for (form, lemma) in [("spoke", "speak"), ("talks", "talk"), ("reads", "read"), ("cited", "cite"), ("elaborated", "elaborate")] {
            assert_eq!(reporting_verb(form), Some(lemma), "{form}");
        }
        for word in ["sad", "tale", "stable", "add-on", "saidd", "ran", "tables", "sing", "bed"] {
            assert_eq!(reporting_verb(word), None, "{word}");
        }
    }
}
