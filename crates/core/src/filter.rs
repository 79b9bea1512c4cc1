//! The annotation list's filters and search: by kind, speaker (a person under the fullest form
//! of their name, or nobody), speaker role, cue verb, quote form, claim status, claim type,
//! claims without evidence and tag, and a search over every field a reader writes. The insights'
//! bars set the same filters.

use crate::insights::Roles;
use crate::model::{Annotation, ClaimType, Kind, Quote, QuoteForm, SpeakerRole};
use crate::people::People;
use std::borrow::Cow;
use std::collections::HashMap;

/// The `speaker` filter's value for quotes nobody is named for.
pub const UNATTRIBUTED: &str = "(unattributed)";

/// The `role` filter's value for people with no role.
pub const NO_ROLE: &str = "(none)";

/// The filters of the annotation list; an empty field filters nothing. `kind`, `status`, `role`,
/// `form` and `claim_type` hold keys (`quote`, `needs-source`, `official`), `speaker` a person's
/// fullest name (or [`UNATTRIBUTED`]), `cue` a cue verb in lowercase.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub kind: String,
    pub speaker: String,
    pub status: String,
    pub tag: String,
    pub search: String,
    pub role: String,
    pub cue: String,
    pub form: String,
    pub claim_type: String,
    /// Only claims without evidence.
    pub unevidenced: bool,
}

/// The filters that have no control of their own in the panel (the insights set them), shown as
/// removable chips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extra {
    Role,
    Cue,
    Form,
    ClaimType,
    Unevidenced,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The filter with only the fields `set` sets (what a bar of the insights asks for; a quote's
    /// fields leave the claims out and a claim's the quotes, so no kind is needed).
    pub fn only(set: impl FnOnce(&mut Filter)) -> Filter {
        let mut f = Filter::default();
        set(&mut f);
        f
    }

    /// The chip-only filters that are set, each with its label (`Role: Official`).
    pub fn extras(&self) -> Vec<(Extra, String)> {
        let mut out = Vec::new();
        if !self.role.is_empty() {
            let name = SpeakerRole::from_key(&self.role).map_or("No role set", SpeakerRole::label);
            out.push((Extra::Role, format!("Role: {name}")));
        }
        if !self.cue.is_empty() {
            out.push((Extra::Cue, format!("Cue: {}", self.cue)));
        }
        if let Some(form) = QuoteForm::from_key(&self.form) {
            out.push((Extra::Form, format!("Form: {}", form.label())));
        }
        if let Some(t) = ClaimType::from_key(&self.claim_type) {
            out.push((Extra::ClaimType, format!("Type: {}", t.label())));
        }
        if self.unevidenced {
            out.push((Extra::Unevidenced, "No evidence yet".to_string()));
        }
        out
    }

    /// Clears one chip-only filter.
    pub fn clear(&mut self, extra: Extra) {
        match extra {
            Extra::Role => self.role.clear(),
            Extra::Cue => self.cue.clear(),
            Extra::Form => self.form.clear(),
            Extra::ClaimType => self.claim_type.clear(),
            Extra::Unevidenced => self.unevidenced = false,
        }
    }

    /// Whether an annotation passes every filter (the search matches quoted text, speaker, cue,
    /// note, tags and evidence, ignoring case); the speaker filter names a person by the fullest
    /// form of the name (`Garcia` is `Maria Lopez Garcia`), the role filter a person's role as the
    /// insights count it. To test many annotations, [`Filter::matcher`] does the shared work once.
    pub fn matches(&self, a: &Annotation, people: &People, roles: &Roles) -> bool {
        self.matcher(people, roles).matches(a)
    }

    /// This filter ready to test many annotations: the search lowercased once, and each written
    /// speaker's person looked up once (a lookup allocates; a list has few speakers and many
    /// quotes).
    pub fn matcher<'a>(&'a self, people: &'a People, roles: &'a Roles) -> Matcher<'a> {
        Matcher { filter: self, needle: self.search.trim().to_lowercase(), people, roles, persons: HashMap::new() }
    }
}

/// A [`Filter`] with what it needs to test annotations (see [`Filter::matcher`]).
pub struct Matcher<'a> {
    filter: &'a Filter,
    needle: String,
    people: &'a People,
    roles: &'a Roles,
    persons: HashMap<(Option<&'a str>, &'a str), Option<Cow<'a, str>>>,
}

impl<'a> Matcher<'a> {
    /// The person a quote is by (as [`People::speaker_of`] says), looked up once per written name.
    fn person(&mut self, q: &'a Quote) -> Option<&str> {
        let people = self.people;
        self.persons.entry((q.speaker_canonical.as_deref(), q.speaker.as_str())).or_insert_with(|| people.speaker_of(q)).as_deref()
    }

    /// Whether an annotation passes every filter (see [`Filter::matches`]).
    pub fn matches(&mut self, a: &'a Annotation) -> bool {
        let f = self.filter;
        if !f.kind.is_empty() && a.kind.name() != f.kind {
            return false;
        }
        match &a.kind {
            Kind::Quote(q) => {
                if !f.status.is_empty() || !f.claim_type.is_empty() || f.unevidenced {
                    return false;
                }
                if !f.form.is_empty() && q.form.key() != f.form {
                    return false;
                }
                if !f.cue.is_empty() && q.cue.as_deref().map(|c| c.trim().to_lowercase()).as_deref() != Some(f.cue.as_str()) {
                    return false;
                }
                if !f.speaker.is_empty() || !f.role.is_empty() {
                    let roles = self.roles;
                    let wanted = match self.person(q) {
                        // Nobody named: only the unattributed filter wants it (the roles are of people).
                        None => f.speaker == UNATTRIBUTED && f.role.is_empty(),
                        Some(p) => {
                            let speaker_ok = f.speaker.is_empty() || f.speaker == p;
                            let role = roles.effective(p);
                            let role_ok = f.role.is_empty() || role.map_or(NO_ROLE, SpeakerRole::key) == f.role;
                            speaker_ok && role_ok
                        }
                    };
                    if !wanted {
                        return false;
                    }
                }
            }
            Kind::Claim(c) => {
                if !f.speaker.is_empty() || !f.role.is_empty() || !f.cue.is_empty() || !f.form.is_empty() {
                    return false;
                }
                if (!f.status.is_empty() && c.status.key() != f.status)
                    || (!f.claim_type.is_empty() && c.claim_type.key() != f.claim_type)
                    || (f.unevidenced && !c.evidence.is_empty())
                {
                    return false;
                }
            }
        }
        if !f.tag.is_empty() && !a.tags.iter().any(|t| *t == f.tag) {
            return false;
        }
        if self.needle.is_empty() {
            return true;
        }
        let needle = std::mem::take(&mut self.needle);
        let found = |field: &str| contains_ignoring_case(field, &needle);
        let hit = found(a.target.exact().unwrap_or(""))
            || found(&a.note)
            || a.tags.iter().any(|t| found(t))
            || match &a.kind {
                Kind::Quote(q) => {
                    found(&q.speaker) || found(q.cue.as_deref().unwrap_or("")) || self.person(q).is_some_and(found)
                }
                Kind::Claim(c) => c.evidence.iter().any(|e| found(e.url.as_deref().unwrap_or("")) || found(&e.note)),
            };
        self.needle = needle;
        hit
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

    fn roles() -> Roles {
        let mut roles = Roles::default();
        roles.set("Maria Lopez Garcia", Some(SpeakerRole::Expert));
        roles
    }

    fn ids(filter: &Filter) -> Vec<String> {
        let (all, people) = fixture();
        all.iter().filter(|a| filter.matches(a, &people, &roles())).map(|a| a.id.0.to_string()).collect()
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
    fn the_insights_filters_role_cue_form_type_evidence_and_nobody() {
        let f = |set: fn(&mut Filter)| ids(&Filter::only(set));
        assert_eq!(f(|f| f.role = "expert".into()), ["q1", "q2"]);
        assert!(f(|f| f.role = "official".into()).is_empty());
        assert!(f(|f| f.role = NO_ROLE.into()).is_empty());
        assert_eq!(f(|f| f.cue = "added".into()), ["q2"]);
        assert_eq!(f(|f| f.form = "direct".into()), ["q1", "q2"]);
        assert_eq!(f(|f| f.claim_type = "other".into()), ["c1"]);
        // c1 has evidence.
        assert!(f(|f| f.unevidenced = true).is_empty());
        assert!(f(|f| f.speaker = UNATTRIBUTED.into()).is_empty());
        let mut filter = Filter::only(|f| f.role = "expert".into());
        assert_eq!(filter.extras(), [(Extra::Role, "Role: Expert".to_string())]);
        filter.clear(Extra::Role);
        assert!(filter.is_empty());
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
