//! The annotation list's filters and search: by kind, speaker (a person under the fullest form
//! of their name), claim status and tag, and a search over every field a reader writes.

use crate::model::{Annotation, Kind};
use crate::people::People;

/// The filters of the annotation list; an empty field filters nothing. `kind` and `status` hold
/// keys (`quote`, `needs-source`), `speaker` a person's fullest name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub kind: String,
    pub speaker: String,
    pub status: String,
    pub tag: String,
    pub search: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether an annotation passes every filter (the search matches quoted text, speaker, cue,
    /// note, tags and evidence, ignoring case); the speaker filter names a person by the fullest
    /// form of the name (`Garcia` is `Maria Lopez Garcia`).
    pub fn matches(&self, a: &Annotation, people: &People) -> bool {
        if !self.kind.is_empty() && a.kind.name() != self.kind {
            return false;
        }
        match &a.kind {
            Kind::Quote(q) => {
                if !self.status.is_empty()
                    || (!self.speaker.is_empty() && people.speaker_of(q).as_deref() != Some(self.speaker.as_str()))
                {
                    return false;
                }
            }
            Kind::Claim(c) => {
                if !self.speaker.is_empty() || (!self.status.is_empty() && c.status.key() != self.status) {
                    return false;
                }
            }
        }
        if !self.tag.is_empty() && !a.tags.iter().any(|t| *t == self.tag) {
            return false;
        }
        let needle = self.search.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        let found = |field: &str| contains_ignoring_case(field, &needle);
        found(a.target.exact().unwrap_or(""))
            || found(&a.note)
            || a.tags.iter().any(|t| found(t))
            || match &a.kind {
                Kind::Quote(q) => {
                    found(&q.speaker)
                        || people.speaker_of(q).is_some_and(|p| found(&p))
                        || found(q.cue.as_deref().unwrap_or(""))
                }
                Kind::Claim(c) => c.evidence.iter().any(|e| found(e.url.as_deref().unwrap_or("")) || found(&e.note)),
            }
    }
}

/// Whether `hay` contains `needle` (already lowercase), ignoring case; allocation-free for ASCII.
fn contains_ignoring_case(hay: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let n = needle.as_bytes();
        hay.len() >= n.len() && hay.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().contains(needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::describe;
    use crate::model::{AnnotationId, Claim, ClaimStatus, Evidence, Quote, Span, Timestamp};

    const TEXT: &str = "“We will act,” said Maria Lopez Garcia. Garcia added that costs fell 12%. Crime doubled.";

    fn annotation(id: &str, span: Span, kind: Kind, tags: &[&str], note: &str) -> Annotation {
        let mut a = Annotation::new(AnnotationId(id.into()), describe("doc", TEXT, span), kind, Timestamp(1));
        a.tags = tags.iter().map(|t| (*t).into()).collect();
        a.note = note.into();
        a
    }

    fn quote(speaker: &str, cue: &str) -> Kind {
        Kind::Quote(Quote { speaker: speaker.into(), cue: Some(cue.into()), ..Quote::default() })
    }

    fn fixture() -> (Vec<Annotation>, People) {
        let claim = Kind::Claim(Claim {
            status: ClaimStatus::NeedsSource,
            evidence: vec![Evidence { url: Some("https://stats.example/crime".into()), note: "Police figures".into() }],
            ..Claim::default()
        });
        let all = vec![
            annotation("q1", Span::new(0, 14), quote("Maria Lopez Garcia", "said"), &["policy"], ""),
            annotation("q2", Span::new(40, 72), quote("Garcia", "added"), &[], "indirect"),
            annotation("c1", Span::new(74, 88), claim, &["crime", "policy"], "check the year"),
        ];
        let people = People::of_annotations(all.iter());
        (all, people)
    }

    fn ids(filter: &Filter) -> Vec<String> {
        let (all, people) = fixture();
        all.iter().filter(|a| filter.matches(a, &people)).map(|a| a.id.0.to_string()).collect()
    }

    #[test]
    fn an_empty_filter_keeps_everything() {
        assert!(Filter::default().is_empty());
        assert_eq!(ids(&Filter::default()), ["q1", "q2", "c1"]);
    }

    #[test]
    fn kind_status_and_tag_select_by_key() {
        assert_eq!(ids(&Filter { kind: "claim".into(), ..Filter::default() }), ["c1"]);
        assert_eq!(ids(&Filter { status: "needs-source".into(), ..Filter::default() }), ["c1"]);
        assert!(ids(&Filter { status: "supported".into(), ..Filter::default() }).is_empty());
        assert_eq!(ids(&Filter { tag: "policy".into(), ..Filter::default() }), ["q1", "c1"]);
    }

    #[test]
    fn the_speaker_filter_names_a_person_by_the_fullest_name() {
        // "Garcia" is the same person as "Maria Lopez Garcia"; claims have no speaker.
        assert_eq!(ids(&Filter { speaker: "Maria Lopez Garcia".into(), ..Filter::default() }), ["q1", "q2"]);
    }

    #[test]
    fn the_search_covers_text_speaker_cue_note_tags_and_evidence_ignoring_case() {
        let search = |s: &str| ids(&Filter { search: s.into(), ..Filter::default() });
        assert_eq!(search("WE WILL"), ["q1"]);
        assert_eq!(search("maria"), ["q1", "q2"]);
        assert_eq!(search("added"), ["q2"]);
        assert_eq!(search("Indirect"), ["q2"]);
        assert_eq!(search("crime"), ["c1"]);
        assert_eq!(search("stats.example"), ["c1"]);
        assert_eq!(search("police"), ["c1"]);
        assert_eq!(search("  "), ["q1", "q2", "c1"]);
        assert!(search("nowhere").is_empty());
        // Beyond ASCII, case is folded too.
        assert!(contains_ignoring_case("ZOË SAID", "zoë"));
    }
}
