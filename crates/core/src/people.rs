//! One person, one speaker: the forms a name takes in an article or a library — `Maria Lopez
//! Garcia`, `Ms Lopez Garcia`, `Garcia`, `Dr. Lopez Garcia` — grouped under the fullest form.
//!
//! A name is compared by its words without titles (`Mr`, `Dr.`, `Prof`, `President`…), case or
//! punctuation. A shorter form belongs to a fuller one when its words are the fuller one's last
//! words (a surname, a double surname), its first and last words (`Maria Garcia`), or the fuller
//! one without some middle words or initials (`John Bolton` for `John R. Bolton`), or, for a single
//! word, its first word (`Princess Ubolratana` for `Ubolratana Mahidol`), or an organisation's name
//! before its "of" (`Supreme Court` for `Supreme Court of Puerto Rico`); and only when it fits
//! exactly one fuller name (`Smith` with both `Anna Smith` and `John Smith` stays `Smith`). A list of
//! names (`Facebook, Google and Twitter`) is nobody's form. Used by the suggestions (the speakers of one article) and by
//! the panel and editor (the speakers of the open article).
//!
//! ```
//! use quotemark_core::people::People;
//! let people = People::from_names(["Ms Lopez Garcia", "Maria Lopez Garcia", "Garcia", "Twitter"]);
//! assert_eq!(people.canonical("Garcia"), "Maria Lopez Garcia");
//! assert_eq!(people.canonical("Ms Lopez Garcia"), "Maria Lopez Garcia");
//! assert_eq!(people.canonical("Twitter"), "Twitter");
//! assert_eq!(people.names(), ["Maria Lopez Garcia", "Twitter"]);
//! ```

use std::collections::{BTreeSet, HashMap};

use crate::model::{Annotation, Kind, Quote};
use crate::suggest::lexicon::{has, PERSONAL_TITLES, ROLE_TITLES};

/// The people behind a set of names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct People {
    /// Each known form's key and the index of its person.
    forms: Vec<(Vec<String>, usize)>,
    /// Each person's fullest form, as written (without titles).
    persons: Vec<String>,
    /// Forms by key, by each of their words, and by their initials: a name is compared only with
    /// the forms it shares a word or an acronym with (an article has thousands of names).
    by_key: HashMap<Vec<String>, usize>,
    by_word: HashMap<String, Vec<usize>>,
    by_initials: HashMap<String, Vec<usize>>,
}

/// A name's words, lowercase, without leading titles and roles, possessive or punctuation.
pub fn name_key(name: &str) -> Vec<String> {
    let written: Vec<&str> = without_post_nominals(name)
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’'))
        .map(|w| w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w))
        .filter(|w| !w.is_empty())
        .collect();
    let skip = leading_titles(&written);
    let words: Vec<String> = written.iter().map(|w| fold_accents(&w.to_lowercase().replace('’', "'"))).collect();
    // A name that is only titles (`President`) keeps them.
    if skip == words.len() {
        return words;
    }
    words[skip..].iter().map(|w| w.trim_end_matches('.').to_string()).collect()
}

/// A lowercase word with the accents of Latin letters taken off, so that one name written with
/// and without them is one key (`Erdoğan`, `Erdogan`; `Fernández`, `Fernandez`). Hand-written:
/// Unicode decomposition tables would add tens of KB to the app for the few letters news names use.
fn fold_accents(word: &str) -> String {
    const FOLDS: [(&str, char); 15] = [
        ("àáâãäåāăą", 'a'),
        ("çćĉċč", 'c'),
        ("ďđ", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ĝğġģ", 'g'),
        ("ìíîïĩīĭįı", 'i'),
        ("ĺļľŀł", 'l'),
        ("ñńņňŉ", 'n'),
        ("òóôõöøōŏő", 'o'),
        ("ŕŗř", 'r'),
        ("śŝşšș", 's'),
        ("ţťŧț", 't'),
        ("ùúûüũūŭůűų", 'u'),
        ("ýÿŷ", 'y'),
        ("źżž", 'z'),
    ];
    if word.is_ascii() {
        return word.to_string();
    }
    word.chars()
        .map(|c| FOLDS.iter().find(|(from, _)| from.contains(c)).map_or(c, |&(_, to)| to))
        .collect()
}

/// How many leading words are titles, roles or other lowercase words before the name
/// (`Dr.`, `President`, `national security advisor`).
///
/// Only before a person's name: nothing is stripped when what would be left is not one (`Foreign
/// Ministry of Iraq`, `spokesperson for Portugal's civil protection agency`, `the Prime
/// Minister's official spokesman`).
fn leading_titles(words: &[&str]) -> usize {
    let n = words
        .iter()
        .take_while(|w| {
            let bare = w.trim_end_matches('.');
            // Not a preposition: "official from TfL" is a role and its organisation.
            (bare.starts_with(|c: char| c.is_lowercase())
                && !matches!(bare, "of" | "for" | "from" | "at" | "with" | "in" | "to"))
                || has(PERSONAL_TITLES | ROLE_TITLES, &bare.to_lowercase())
        })
        .count();
    let rest = &words[n..];
    let name_like = rest.first().is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
        && rest.iter().all(|w| {
            let lower = w.to_lowercase();
            !w.ends_with("'s") && !w.ends_with("’s") && !matches!(lower.as_str(), "of" | "for" | "and" | "&" | "on")
                && !has(crate::suggest::lexicon::ORG_WORDS, lower.trim_end_matches(|c: char| !c.is_alphanumeric()))
        });
    if name_like || rest.is_empty() {
        n
    } else {
        0
    }
}

/// The initials of a name of two words or more (`syrian democratic forces` → `sdf`).
fn initials(key: &[String]) -> Option<String> {
    let i: String = key
        .iter()
        .filter(|w| !matches!(w.as_str(), "of" | "for" | "the" | "and" | "on"))
        .filter_map(|w| w.chars().next())
        .collect();
    (key.len() >= 2 && i.chars().count() >= 2).then_some(i)
}

/// Whether two words of five letters or more are one name transliterated two ways: the same but
/// for one vowel changed, added or dropped (`saree`, `sarea`; `gaddafi`, `gadaffi` is not one).
fn vowel_variant(a: &str, b: &str) -> bool {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() < 5 || b.len() < 5 || a == b || a[0] != b[0] {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    let head = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 => vowel(short[head]) && vowel(long[head]) && short[head + 1..] == long[head + 1..],
        1 => vowel(long[head]) && short[head..] == long[head + 1..],
        _ => false,
    }
}

/// Whether a name is a list of names (`Facebook, Google and Twitter`).
fn is_list(name: &str) -> bool {
    name.contains(',') || name.contains(" and ") || name.contains('&')
}

/// The name as written without its leading titles (`Dr. Maria Lopez` → `Maria Lopez`).
fn without_titles(name: &str) -> String {
    let words: Vec<&str> = without_post_nominals(name).split_whitespace().collect();
    let skip = leading_titles(&words);
    if skip == words.len() {
        return words.join(" ");
    }
    words[skip..].join(" ")
}

/// Generational suffixes, left out when names are compared (`Robert Downey Jr.` is `Downey`).
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];
/// Post-nominal letters, no part of the name at all (`Kama Melly QC` is `Kama Melly`).
const POST_NOMINALS: &[&str] = &["QC", "KC", "OBE", "MBE", "CBE", "PhD"];

/// A name without trailing post-nominal letters.
fn without_post_nominals(name: &str) -> &str {
    let mut n = name.trim_end();
    while let Some((head, last)) = n.rsplit_once(' ') {
        if POST_NOMINALS.contains(&last.trim_end_matches(['.', ','])) {
            n = head.trim_end();
        } else {
            break;
        }
    }
    n
}

/// Whether `short` is a shorter form of `full` (both keys, `short` shorter).
fn is_short_form(short: &[String], full: &[String]) -> bool {
    let full = match full.split_last() {
        Some((last, rest)) if SUFFIXES.contains(&last.as_str()) && !rest.is_empty() => rest,
        _ => full,
    };
    if short.is_empty() || short.len() > full.len() || short == full {
        return false;
    }
    // An acronym of the name: "SDF" for "Syrian Democratic Forces".
    if short.len() == 1 && full.len() >= 2 && initials(full).is_some_and(|i| i == short[0]) {
        return true;
    }
    // A single word that is the first word (a first name or a royal's name), or the first of a
    // double surname (`Vázquez` for `Wanda Vázquez Garced`).
    if short.len() == 1 && full.len() >= 2 && (short[0] == full[0] || (full.len() >= 3 && short[0] == full[full.len() - 2])) {
        return true;
    }
    // An organisation's name before its "of" (`Supreme Court` for `Supreme Court of Puerto Rico`,
    // `Members` for `Members of the House of Commons`).
    if full.len() > short.len() + 1 && full.starts_with(short) && full[short.len()] == "of" {
        return true;
    }
    // Its last words: a surname or a double surname.
    if full.ends_with(short) {
        return true;
    }
    // First and last words, some middle ones (or initials) left out, in order.
    if short.len() >= 2 && short[0] == full[0] && short.last() == full.last() {
        let mut rest = full[1..full.len() - 1].iter();
        return short[1..short.len() - 1].iter().all(|w| rest.any(|f| f == w));
    }
    false
}

impl People {
    /// Groups the names (empty ones are ignored). The fullest form is the one with the most words;
    /// among equals, the first given.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> People {
        let mut seen: Vec<(Vec<String>, String)> = Vec::new();
        let mut keys = std::collections::HashSet::new();
        // The same name many times over (every mention of it) is keyed once.
        let mut raw = std::collections::HashSet::new();
        for name in names {
            if !raw.insert(name) || is_list(name) {
                continue;
            }
            let key = name_key(name);
            if key.is_empty() || !keys.insert(key.clone()) {
                continue;
            }
            seen.push((key, without_titles(name)));
        }
        // Fullest first (stable, so the first of equal length stays first).
        let mut order: Vec<usize> = (0..seen.len()).collect();
        crate::order::sort_by_key(&mut order, |&i| std::cmp::Reverse(seen[i].0.len()));
        let mut people = People::default();
        for i in order {
            let (key, written) = &seen[i];
            let fuller = people.fuller(key);
            // A form that fits several people (or none) is a person of its own.
            let person = match fuller.as_slice() {
                [p] => *p,
                _ => {
                    people.persons.push(written.clone());
                    people.persons.len() - 1
                }
            };
            let f = people.forms.len();
            people.by_key.insert(key.clone(), f);
            for w in key {
                people.by_word.entry(w.clone()).or_default().push(f);
            }
            if let Some(i) = initials(key) {
                people.by_initials.entry(i).or_default().push(f);
            }
            people.forms.push((key.clone(), person));
        }
        people
    }

    /// The people of whom `key` is a shorter form, sorted.
    fn fuller(&self, key: &[String]) -> Vec<usize> {
        let mut candidates: BTreeSet<usize> = key.iter().filter_map(|w| self.by_word.get(w)).flatten().copied().collect();
        if key.len() == 1 {
            candidates.extend(self.by_initials.get(&key[0]).into_iter().flatten().copied());
        }
        let found: Vec<usize> = candidates
            .into_iter()
            .filter(|&f| is_short_form(key, &self.forms[f].0))
            .map(|f| self.forms[f].1)
            .collect::<BTreeSet<usize>>()
            .into_iter()
            .collect();
        if !found.is_empty() || key.len() != 1 {
            return found;
        }
        // A surname the article spells two ways (`Saree` for `Yahya Sarea`): the full name whose
        // surname differs from it by one vowel.
        self.forms
            .iter()
            .filter(|(k, _)| k.len() >= 2 && k.last().is_some_and(|last| vowel_variant(&key[0], last)))
            .map(|&(_, person)| person)
            .collect::<BTreeSet<usize>>()
            .into_iter()
            .collect()
    }

    /// The fullest form of the person a name stands for; the name itself (without titles) when it
    /// is not one of the known forms or a shorter form of exactly one of them.
    pub fn canonical<'a>(&'a self, name: &'a str) -> std::borrow::Cow<'a, str> {
        if is_list(name) {
            return std::borrow::Cow::Borrowed(name);
        }
        let key = name_key(name);
        if let Some(&f) = self.by_key.get(&key) {
            return std::borrow::Cow::Borrowed(&self.persons[self.forms[f].1]);
        }
        let fuller = self.fuller(&key);
        match fuller.first() {
            Some(&p) if fuller.len() == 1 => std::borrow::Cow::Borrowed(&self.persons[p]),
            _ => std::borrow::Cow::Owned(without_titles(name)),
        }
    }

    /// The people behind the quotations of a set of annotations: their canonical speakers and the
    /// names as written.
    pub fn of_annotations<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> People {
        let mut names: Vec<&str> = Vec::new();
        for a in annotations {
            if let Kind::Quote(q) = &a.kind {
                names.extend(q.speaker_canonical.as_deref().filter(|c| !c.trim().is_empty()));
                names.extend(Some(q.speaker.trim()).filter(|s| !s.is_empty()));
            }
        }
        People::from_names(names)
    }

    /// The person a quotation's speaker is, by the fullest form of the name; `None` when it has no
    /// speaker.
    pub fn speaker_of<'a>(&'a self, q: &'a Quote) -> Option<std::borrow::Cow<'a, str>> {
        let name = q.speaker_canonical.as_deref().filter(|c| !c.trim().is_empty()).unwrap_or(q.speaker.trim());
        (!name.is_empty()).then(|| self.canonical(name))
    }

    /// Whether two names stand for the same person.
    pub fn same(&self, a: &str, b: &str) -> bool {
        name_key(&self.canonical(a)) == name_key(&self.canonical(b))
    }

    /// Every person's fullest form, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.persons.iter().map(String::as_str).collect();
        crate::order::sort_by_key(&mut out, |n| n.to_lowercase());
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_with_and_without_its_accents_is_one_person() {
        let people = super::People::from_names(["Recep Tayyip Erdoğan", "Erdogan", "Alberto Fernández"]);
        assert_eq!(people.canonical("Erdogan"), "Recep Tayyip Erdoğan");
        assert_eq!(people.canonical("Fernandez"), "Alberto Fernández");
        assert_eq!(super::name_key("Łukasz Żółw"), ["lukasz", "zolw"]);
    }

    use super::*;

    #[test]
    fn keys_drop_titles_case_and_punctuation() {
        assert_eq!(name_key("Dr. Maria Lopez-Garcia’s"), ["maria", "lopez-garcia"]);
        assert_eq!(name_key("President Donald Trump"), ["donald", "trump"]);
        assert_eq!(name_key("President"), ["president"]);
        assert_eq!(name_key("  "), Vec::<String>::new());
    }

    #[test]
    fn short_forms_of_one_person_merge() {
        let p = People::from_names(["Garcia", "Maria Lopez Garcia", "Ms Lopez Garcia", "Maria Garcia", "Lopez Garcia"]);
        for form in ["Garcia", "Ms Lopez Garcia", "Maria Garcia", "Lopez Garcia", "maria lopez garcia", "Prof. Garcia"] {
            assert_eq!(p.canonical(form), "Maria Lopez Garcia", "{form}");
        }
        assert_eq!(p.names(), ["Maria Lopez Garcia"]);
        assert!(p.same("Garcia", "Ms Lopez Garcia"));
    }

    #[test]
    fn middle_initials_and_titles() {
        let p = People::from_names(["John R. Bolton", "Bolton", "John Bolton", "national security advisor John Bolton"]);
        assert_eq!(p.names(), ["John R. Bolton"]);
        assert_eq!(p.canonical("Mr Bolton"), "John R. Bolton");
    }

    #[test]
    fn ambiguous_and_lone_first_names_stay_apart() {
        let p = People::from_names(["Anna Smith", "John Smith", "Smith", "Anna", "John Brown", "John"]);
        assert_eq!(p.canonical("Smith"), "Smith");
        // A first name shared by two people is nobody's in particular.
        assert_eq!(p.canonical("John"), "John");
        // One that only one person has is theirs.
        assert_eq!(p.canonical("Anna"), "Anna Smith");
        assert_eq!(p.names(), ["Anna Smith", "John", "John Brown", "John Smith", "Smith"]);
        // Lists of names are nobody's form.
        let lists = People::from_names(["Facebook, Google, and Twitter", "Twitter"]);
        assert_eq!(lists.canonical("Twitter"), "Twitter");
        assert_eq!(lists.canonical("Facebook, Google, and Twitter"), "Facebook, Google, and Twitter");
        // Unknown names are returned without titles.
        assert_eq!(p.canonical("Dr Jones"), "Jones");
        assert_eq!(People::default().canonical("Ms Lopez"), "Lopez");
    }

    #[test]
    fn quotations_speak_for_their_fullest_name() {
        use crate::model::{Annotation, AnnotationId, Kind, Quote, Target, Timestamp};
        let quote = |speaker: &str, canonical: Option<&str>| {
            let q = Quote { speaker: speaker.into(), speaker_canonical: canonical.map(Into::into), ..Quote::default() };
            Annotation::new(AnnotationId::from_random_bytes([speaker.len() as u8; 16]), Target::new("doc", 0, 1, "x", "", ""), Kind::Quote(q), Timestamp(0))
        };
        let set = [quote("Ms Lopez Garcia", Some("Maria Lopez Garcia")), quote("Garcia", None), quote("", None)];
        let people = People::of_annotations(&set);
        let Kind::Quote(short) = &set[1].kind else { unreachable!() };
        assert_eq!(people.speaker_of(short).as_deref(), Some("Maria Lopez Garcia"));
        let Kind::Quote(none) = &set[2].kind else { unreachable!() };
        assert_eq!(people.speaker_of(none), None);
        assert_eq!(people.names(), ["Maria Lopez Garcia"]);
    }

    #[test]
    fn an_organisation_is_named_before_its_of() {
        let people = People::from_names(["Supreme Court of Puerto Rico", "Supreme Court", "Puerto Rico Senate"]);
        assert_eq!(people.canonical("Supreme Court"), "Supreme Court of Puerto Rico");
        assert_eq!(people.canonical("Puerto Rico Senate"), "Puerto Rico Senate");
    }

    #[test]
    fn organisations_and_people_do_not_mix() {
        let p = People::from_names(["World Health Organization", "Organization", "Tedros Adhanom Ghebreyesus", "Tedros"]);
        assert_eq!(p.canonical("Ghebreyesus"), "Tedros Adhanom Ghebreyesus");
        assert_eq!(p.canonical("Tedros"), "Tedros Adhanom Ghebreyesus");
        let spanish = People::from_names(["Wanda Vázquez Garced", "Vázquez"]);
        assert_eq!(spanish.canonical("Vázquez"), "Wanda Vázquez Garced");
        let qc = People::from_names(["Kama Melly QC", "Melly"]);
        assert_eq!(qc.canonical("Melly"), "Kama Melly");
        assert_eq!(qc.canonical("Kama Melly QC"), "Kama Melly");
        let acronym = People::from_names(["Syrian Democratic Forces", "SDF", "Kurdish-led forces"]);
        assert_eq!(acronym.canonical("SDF"), "Syrian Democratic Forces");
        let jr = People::from_names(["Robert Downey Jr.", "Downey"]);
        assert_eq!(jr.canonical("Downey"), "Robert Downey Jr.");
    }
}
