//! Speakers and cues: one test per pattern of the detector's speaker bullet.

use quotemark_core::suggest::{reporting_verb, reporting_verb_count, suggestions, Suggestion};

/// (speaker as written, canonical speaker, cue) of each proposed quotation.
fn who(text: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    proposed(text).into_iter().map(|s| (s.speaker, s.speaker_canonical, s.cue)).collect()
}

fn proposed(text: &str) -> Vec<Suggestion> {
    suggestions(text).quotes.into_iter().filter(Suggestion::is_proposed).collect()
}

fn canonical(text: &str) -> Vec<Option<String>> {
    proposed(text).into_iter().map(|s| s.speaker_canonical).collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn said_title_name_after_the_quote() {
    let text = "\"Working families cannot pay more,\" said Council President Marcus Hale, who sponsored it.";
    assert_eq!(who(text), [(some("Council President Marcus Hale"), some("Marcus Hale"), some("said"))]);
    let dr = "“It is contagious,” said Dr. Priya Raman, the county's health officer.";
    assert_eq!(canonical(dr), [some("Priya Raman")]);
    let role_first = "“He looked pleased,” said assistant manager Kerry Dunn.";
    assert_eq!(canonical(role_first), [some("Kerry Dunn")]);
}

#[test]
fn name_said_after_the_quote() {
    assert_eq!(
        who("“It is a first step,” Paolo Zanetti said."),
        [(some("Paolo Zanetti"), some("Paolo Zanetti"), some("said"))]
    );
    let wire = "\"Nobody expects a breakthrough,\" U.N. special envoy Henrik Sandvik told reporters.";
    assert_eq!(who(wire), [(some("Henrik Sandvik"), some("Henrik Sandvik"), some("told"))]);
    let uk = "“We need to act”, the Prime Minister said.";
    assert_eq!(who(uk), [(some("the Prime Minister"), some("Prime Minister"), some("said"))]);
}

#[test]
fn name_said_colon_before_the_quote() {
    let text = "Its director, Paul Kendrick, said: “For a typical earner, that is arithmetic.”";
    assert_eq!(who(text), [(some("Paul Kendrick"), some("Paul Kendrick"), some("said"))]);
    let apposition =
        "Professor Peter Neumann, director of the Centre at King’s College London, slammed the plan: “It will fail.”";
    assert_eq!(who(apposition), [(some("Professor Peter Neumann"), some("Peter Neumann"), some("slammed"))]);
    let partial = "Raman said that number “should worry all of us.”";
    assert_eq!(who(partial), [(some("Raman"), some("Raman"), some("said"))]);
    let no_verb = "Colin Yeo was sceptical. His verdict now: “The sheep like the shade.”";
    assert_eq!(who(no_verb), [(some("His"), some("Colin Yeo"), None)]);
}

#[test]
fn according_to_name() {
    let text = "Hanna de Vries led the study. According to de Vries, those pupils “have to work harder.”";
    assert_eq!(who(text), [(some("de Vries"), some("Hanna de Vries"), some("According to"))]);
}

#[test]
fn name_told_an_outlet_makes_the_subject_the_speaker() {
    let text = "“For now, stay away,” Luis Ayala told local radio station Radio Sur.";
    assert_eq!(who(text), [(some("Luis Ayala"), some("Luis Ayala"), some("told"))]);
    let pronoun = "Mick Doran leads the union. “We were reasonable,” he told the BBC’s Today programme.";
    assert_eq!(canonical(pronoun), [some("Mick Doran")]);
}

#[test]
fn a_quote_only_paragraph_inherits_the_previous_speaker() {
    let text = "“We raised the deck,” said Councillor Mark Ellery.\n\n“The old bridge was 120 years old.”\n\n“This one will last.”";
    assert_eq!(canonical(text), vec![some("Mark Ellery"); 3]);
    let after_reported_speech =
        "Shopkeeper Raj Patel said the closure cost him customers.\n\n“People got used to shopping elsewhere.”";
    assert_eq!(canonical(after_reported_speech), [some("Raj Patel")]);
    let introduced = "Local resident Janet Okoro, 71, was first to cross.\n\n“I used to walk across it every morning.”";
    assert_eq!(canonical(introduced), [some("Janet Okoro")]);
    // Nothing to inherit: the quotation stays unattributed.
    assert_eq!(canonical("The bridge opened.\n\n“This could be a very risky approach.”"), [None]);
}

#[test]
fn about_a_hundred_reporting_verbs_with_inflections() {
    assert!((90..=130).contains(&reporting_verb_count()));
    for (form, lemma) in [
        ("insists", "insist"),
        ("warned", "warn"),
        ("arguing", "argue"),
        ("claimed", "claim"),
        ("tells", "tell"),
        ("adding", "add"),
        ("conceded", "concede"),
        ("quipped", "quip"),
        ("wrote", "write"),
        ("replies", "reply"),
    ] {
        assert_eq!(reporting_verb(form), Some(lemma), "{form}");
    }
    for (verb, text) in [
        ("insisted", "“We did our best,” Ann Lee insisted."),
        ("warned", "Gary Penn warned: ‘He will need time.’"),
        ("argues", "“It cannot work,” argues Sam Ortiz, an economist."),
        ("conceded", "“We got it wrong,” Ben Achterberg conceded."),
        ("put", "A former officer put it bluntly: ‘Now you have a prayer.’"),
    ] {
        assert_eq!(proposed(text)[0].cue.as_deref(), Some(verb), "{text}");
    }
}

#[test]
fn titles_and_roles() {
    let text = "Sentencing, Judge Rebecca Lowe said Doyle had shown “a complete disregard”.\n\n“You were not paying attention,” the judge said.";
    assert_eq!(canonical(text), vec![some("Rebecca Lowe"); 2]);
    let mayor = "Mayor Elena Dobre of the village of Pechea told reporters: “People have lost everything.”";
    assert_eq!(canonical(mayor), [some("Elena Dobre")]);
    let spokesperson = "“We remain available for talks,” a spokesperson for the group said.";
    assert_eq!(
        who(spokesperson),
        [(some("a spokesperson for the group"), some("spokesperson for the group"), some("said"))]
    );
    let org = "Health officials urged calm. In a statement, the Marlow County Health Department said it was “working closely with partners.”";
    assert_eq!(canonical(org), [some("Marlow County Health Department")]);
    let definite_org = "Branscombe Zoo reopened. The zoo says it is reviewing its “storm protocol”.";
    assert_eq!(canonical(definite_org), [some("Branscombe Zoo")]);
    let mr = "“Processed doesn’t mean paid,” Ms Tregothnan said. Sarah Tregothnan chairs the branch.";
    assert_eq!(canonical(mr), [some("Sarah Tregothnan")]);
}

#[test]
fn pronouns_resolve_to_the_nearest_compatible_named_person_outside_quotes() {
    let she = "Tom Reed met Anna Cole. “It went well,” she said.";
    assert_eq!(canonical(she), [some("Anna Cole")]);
    let he = "Anna Cole met Tom Reed on Monday. “It went well,” he said.";
    assert_eq!(canonical(he), [some("Tom Reed")]);
    // A name inside a quotation is not a candidate.
    let inside = "Kevin Marsh swam for Evelyn Hart. “Coach Maria Lopez was tough,” he said.";
    assert_eq!(canonical(inside), [some("Kevin Marsh")]);
    // An earlier speaker of the paragraph is preferred to a person merely named.
    let speaker_first = "Prosecutor Miriam Shah told the court that Kieran Doyle had been watching videos. “This was no lapse,” she said.";
    assert_eq!(canonical(speaker_first), [some("Miriam Shah")]);
    let they = "The faculty union condemned the plan. In a statement, they called it “an assault on the university.”";
    assert_eq!(canonical(they), [some("faculty union")]);
    // No antecedent: the pronoun stays, without a canonical name.
    assert_eq!(who("“We tried,” she said."), [(some("she"), None, some("said"))]);
}

#[test]
fn a_surname_maps_to_the_earliest_full_name() {
    let text = "Tom Becker chairs finance. Later Becker insisted. “We listened,” Mr Becker said. “Yes,” Becker added.";
    assert_eq!(canonical(text), vec![some("Tom Becker"); 2]);
    let hyphen = "Her daughter, Laura Hart-Simmons, spoke. “Mom never turned anyone away,” Hart-Simmons said.";
    assert_eq!(canonical(hyphen), [some("Laura Hart-Simmons")]);
}

#[test]
fn never_i_or_we() {
    assert_eq!(who("“Start slower,” I said."), [(None, None, some("said"))]);
    assert_eq!(who("We told them: “No deal.”"), [(None, None, some("told"))]);
    let author = "When I spoke to Cal Morrison, he was blunt: “It is theater.”";
    assert_eq!(canonical(author), [some("Cal Morrison")]);
}

#[test]
fn colon_introductions_after_an_apposition_and_unnamed_speakers() {
    // Found on the held-out set: the subject sits before an age apposition.
    let blunt = "Senior Maya Chen, 17, was blunt: \"Ask the students. We're the ones falling asleep.\"";
    assert_eq!(canonical(blunt), [some("Maya Chen")]);
    let anonymous = "As one software engineer put it to me: \"If you can only tell I'm working by seeing me, you don't know my job.\"";
    assert_eq!(who(anonymous), [(some("one software engineer"), some("software engineer"), some("put"))]);
}
