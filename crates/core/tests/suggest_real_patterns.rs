//! Speaker patterns met in real news (the errors the Wikinews set in `data/quotes-real/` showed),
//! each in a sentence of its own making: names with initials, suffixes and roles, people of
//! organisations, appositions, participles, definite roles, statements and one person under
//! several names.

use quotemark_core::suggest::{suggestions, Suggestion};

fn proposed(text: &str) -> Vec<Suggestion> {
    suggestions(text).quotes.into_iter().filter(Suggestion::is_proposed).collect()
}

/// The canonical speaker of each proposed quotation.
fn canonical(text: &str) -> Vec<Option<String>> {
    proposed(text).into_iter().map(|s| s.speaker_canonical).collect()
}

fn all(name: &str, n: usize) -> Vec<Option<String>> {
    vec![Some(name.to_string()); n]
}

#[test]
fn initials_and_generational_suffixes_stay_in_the_name() {
    let text = "United States Attorney Jessie K. Liu said, “The case is closed.” Later Liu said, “We are done.”";
    assert_eq!(canonical(text), all("Jessie K. Liu", 2));
    let jr = "Robert Downey Jr. spoke first. Downey said of him, “He was a friend.”";
    assert_eq!(canonical(jr), all("Robert Downey Jr.", 1));
}

#[test]
fn roles_before_a_name_are_not_the_name() {
    let of_place = "President of Argentina Alberto Fernández announced a bill. “It is time,” Fernández said. \
                    The president had called it “a matter of public health”.";
    assert_eq!(canonical(of_place), all("Alberto Fernández", 2));
    let demonym = "Indian Prime Minister Narendra Modi wrote, “My thoughts are with them.”";
    assert_eq!(canonical(demonym), all("Narendra Modi", 1));
    let capitalised_role = "Actor Denzel Washington, who paid for it, stated “He was a gentle soul.”";
    assert_eq!(canonical(capitalised_role), all("Denzel Washington", 1));
}

#[test]
fn an_organisation_and_a_role_before_a_name() {
    let text = "Assembly president Richard Ferrand in relaying the news to parliament said, “He is part of history.”";
    assert_eq!(canonical(text), all("Richard Ferrand", 1));
    let dash = "African Export–Import Bank president Okey Oramah said the rules “cost us billions,” adding more.";
    assert_eq!(canonical(dash), all("Okey Oramah", 1));
}

#[test]
fn the_person_of_an_organisation_speaks_not_the_organisation() {
    for (text, who) in [
        ("Jo Anne Val Tilburg of the University of California, Los Angeles disagreed with it: “The seeps are known.”", "Jo Anne Val Tilburg"),
        ("Professor Michael Siegel of Boston University, co-author of a new study, declared guns to be “the strongest predictor”.", "Michael Siegel"),
        ("Jennifer Daskal of American University and contributor to Slate wrote, “A single country could demand it.”", "Jennifer Daskal"),
        ("Steve Peers of the University of Essex, speaking to BBC, said, “There is a court order.”", "Steve Peers"),
        ("At the summit, President Abdel Fattah el-Sisi of Egypt said, “Success will be the test.”", "Abdel Fattah el-Sisi"),
    ] {
        assert_eq!(canonical(text), all(who, 1), "{text}");
    }
}

#[test]
fn appositions_and_possessives_after_an_inverted_verb() {
    let possessive = "“Heartbroken and numb,” writes Huber's longtime tag team partner Erick Rowan on Instagram.";
    assert_eq!(canonical(possessive), all("Erick Rowan", 1));
    let organisation = "“He was brilliant,” said University of California, San Diego's chancellor, Pradeep Khosla.";
    assert_eq!(canonical(organisation), all("Pradeep Khosla", 1));
    let role = "“This day is very hard for me,” said his father, Abdullah Kurdi, following the ceremony.";
    assert_eq!(canonical(role), all("Abdullah Kurdi", 1));
}

#[test]
fn a_participle_that_opens_the_sentence_takes_its_subject() {
    let text = "The plan was criticised by archbishop Jorge Scheinig. Calling it a “culture of death” the archbishop said \
                “We need to pray.”";
    assert_eq!(canonical(text), all("Jorge Scheinig", 2));
}

#[test]
fn a_definite_role_nobody_holds_is_the_previous_speaker() {
    let text = "“The water attacks the shelves,” said study co-author Karen Alley. The Wooster professor added, \
                “These effects matter.”";
    assert_eq!(canonical(text), all("Karen Alley", 2));
}

#[test]
fn statements_speak_for_who_issued_them() {
    let which = "Facebook released a statement which read, in part, “This judgment raises questions.”";
    assert_eq!(canonical(which), all("Facebook", 1));
    let release = "“He was respected in every way”, reads an AEW press release.";
    assert_eq!(canonical(release), all("AEW", 1));
}

#[test]
fn a_definite_name_is_not_another_organisation() {
    let text = "Sources within the United States Department of Defense said he was dead. The US State Department \
                described him as an “emerging” figure.";
    assert_eq!(canonical(text), all("US State Department", 1));
}

#[test]
fn a_pronoun_does_not_refer_to_the_object_of_a_preposition() {
    let text = "Crown Prince Mohammad bin Salman accepted responsibility. Speaking to Martin Smith of PBS, he said, \
                “It happened under my watch.”";
    assert_eq!(canonical(text), all("Mohammad bin Salman", 1));
}

#[test]
fn one_person_is_one_speaker_under_the_fullest_name() {
    let text = "“We will appeal,” said Maria Lopez Garcia, the group's lawyer.\n\n\
                “The ruling is wrong,” Ms Lopez Garcia said.\n\n\
                Garcia said the court had been “misled”.";
    assert_eq!(canonical(text), all("Maria Lopez Garcia", 3));
    let first_name_royal = "Princess Ubolratana Mahidol was nominated. Princess Ubolratana pointed out she had \
                            “relinquished my royal titles”.";
    assert_eq!(canonical(first_name_royal), all("Ubolratana Mahidol", 1));
}

#[test]
fn a_role_of_an_organisation_before_a_name_is_not_the_speaker() {
    for (text, who) in [
        ("Former US Ambassador to the United Nations Nikki Haley wrote on Twitter, “We must have the backs of our allies.”", "Nikki Haley"),
        ("Current Prime Minister of India Narendra Modi wrote, “India grieves his passing.”", "Narendra Modi"),
        ("“This announcement cannot change the fact,” Hong Kong director of Amnesty International Man-kei Tam said in a statement.", "Man-kei Tam"),
    ] {
        assert_eq!(canonical(text), all(who, 1), "{text}");
    }
}

#[test]
fn a_participle_after_a_quotation_is_not_an_inverted_attribution() {
    // "calling it": "it" is the participle's object, not a speaker after the verb.
    let text = "Sanders said in his live stream, “I do not make this decision lightly”, calling it a “difficult and painful decision”.";
    assert_eq!(canonical(text), all("Sanders", 2));
    let cues: Vec<Option<String>> = proposed(text).into_iter().map(|s| s.cue).collect();
    assert_eq!(cues[0].as_deref(), Some("said"));
}

#[test]
fn a_quoted_name_inside_the_subject_does_not_end_the_clause() {
    let text = "Wojciech Polak said, “I am sorry.” Calling it “just another apology”, Anna Franowska of “Have no fear”, \
                a victim support charity, told Reuters “it appears the statement was prepared before”.";
    let speakers: Vec<Option<String>> = proposed(text)
        .into_iter()
        .filter(|s| {
            let span = s.spans[0];
            text.chars().skip(span.start).take(span.end - span.start).collect::<String>() != "Have no fear"
        })
        .map(|s| s.speaker_canonical)
        .collect();
    assert_eq!(speakers, vec![Some("Wojciech Polak".to_string()), Some("Anna Franowska".into()), Some("Anna Franowska".into())]);
}

#[test]
fn the_person_an_apposition_describes_speaks_not_its_organisation() {
    let text = "The research was led by Mark Hay, a marine ecologist and Regents Professor at GT, who said “There is a lot of argument now.”";
    assert_eq!(canonical(text), all("Mark Hay", 1));
}

#[test]
fn organisation_words_make_an_organisation_and_its_acronym_one_speaker() {
    for text in [
        "The Syrian Democratic Forces (SDF) announced it. In a statement, the SDF said, “An agreement has been reached.”",
        "The Syrian Democratic Forces announced it. The SDF said, “An agreement has been reached.”",
    ] {
        assert_eq!(canonical(text), all("Syrian Democratic Forces", 1), "{text}");
    }
}

#[test]
fn a_naming_verb_in_the_passive_names_its_subject_and_the_agent_speaks() {
    // The person described is not the speaker: nobody is, unless "by" says who.
    assert_eq!(canonical("Mancini has been described as a “squirrel whisperer”, for the close affinity."), Vec::<Option<String>>::new());
    assert_eq!(canonical("The plan was called “a disaster” by Tom Becker on Monday."), all("Tom Becker", 1));
    assert_eq!(canonical("Mancini has been described by the Daily Hive as a “squirrel whisperer”."), all("Daily Hive", 1));
}

#[test]
fn the_person_quoted_as_saying_speaks_not_the_outlet_that_quotes_them() {
    let text = "Politico quoted Tim Manning, formerly a deputy administrator at FEMA, as saying “FEMA has a role in the response” and “FEMA needs to be involved.”";
    assert_eq!(canonical(text), all("Tim Manning", 2));
    // Quoted by an outlet in the passive: the subject still speaks.
    assert_eq!(canonical("Tom Becker was quoted as saying “the plan is dead”."), all("Tom Becker", 1));
}

#[test]
fn an_outlet_after_a_quotation_only_relays_the_sentence_speaker() {
    let text = "Pelosi called Trump's conduct a “breach of his Constitutional responsibilities,” according to NBC.";
    assert_eq!(canonical(text), all("Pelosi", 1));
    // With no speaker of its own, the sentence's source is the outlet.
    assert_eq!(canonical("The storm was “the worst in decades,” according to the BBC."), all("BBC", 1));
}

#[test]
fn a_verb_of_telling_in_the_passive_gives_the_quotation_to_its_agent() {
    let text = "President Vladimir Putin was briefed. He was told by Emergencies Minister Yevgeny Zinichev of “between 36 and 40 people under the rubble”.";
    assert_eq!(canonical(text), all("Yevgeny Zinichev", 1));
}

#[test]
fn an_inverted_attribution_may_follow_the_mark_without_a_comma() {
    let text = "Tristan Smith studies shipping. The association reports a price. “It is plausible that the transponder had been turned off by pirates” Smith told Wikinews yesterday.";
    assert_eq!(canonical(text), all("Tristan Smith", 1));
}

#[test]
fn a_name_and_a_role_word_before_a_person_lead_to_the_person() {
    let text = "“You have to work those seven days to earn a weekend,” quipped Valiant Entertainment editor Heather Antos.";
    assert_eq!(canonical(text), all("Heather Antos", 1));
}

#[test]
fn an_organisation_with_its_acronym_in_parentheses_speaks() {
    for text in [
        "The Iranian Revolutionary Guard Corps (IRGC) declared that he was “martyred” there.",
        "The Iranian Revolutionary Guard Corps (IRGC), which includes the Quds Force, declared that he was “martyred” there.",
    ] {
        assert_eq!(canonical(text), all("Iranian Revolutionary Guard Corps", 1), "{text}");
    }
}

#[test]
fn one_word_of_letters_and_digits_is_a_name_not_a_quotation() {
    let text = "The World Health Organization (WHO) announced the name: “COVID-19” is to replace the temporary designation “2019-nCoV.”";
    assert_eq!(canonical(text), Vec::<Option<String>>::new());
}

#[test]
fn a_first_name_after_and_ends_an_organisation_name() {
    let text = "The study was a project between the University of Miami and Chris Fallows of Apex Shark Expeditions. \
                Fallows remarked, “We had never seen sevengill sharks in our surveys.”";
    assert_eq!(canonical(text), all("Chris Fallows", 1));
}

#[test]
fn an_occupation_or_honorific_before_a_name_is_not_the_name() {
    let occupation = "Broadcaster Nadia Lenz commented, “The rescue was remarkable.”";
    assert_eq!(canonical(occupation), all("Nadia Lenz", 1));
    let honorific = "At the meeting, council president Swami Devananda said “The river will heal us.”";
    assert_eq!(canonical(honorific), all("Devananda", 1));
}

#[test]
fn a_title_and_a_surname_after_a_place_join_the_full_name() {
    let text = "Prosecutor Mara Quill, the U.S. Attorney for the district, opened the case. \
                According to U.S. Attorney Quill, the evidence is clear: “The key factor here is intent.”";
    assert_eq!(canonical(text), all("Mara Quill", 1));
    // An organisation's name that ends in a role-like word keeps it.
    let ministry = "The Turkish Ministry of Foreign Affairs denounced the summit, calling the deal “fully lawful”.";
    assert_eq!(canonical(ministry), all("Turkish Ministry of Foreign Affairs", 1));
}

#[test]
fn an_academic_degree_does_not_end_the_sentence() {
    let text = "Lead author Daniel Paluh, a Ph.D. candidate at the University of Florida, said, \
                “Frogs may look similar, but their skulls differ.”";
    assert_eq!(canonical(text), all("Daniel Paluh", 1));
}

#[test]
fn an_office_after_an_inverted_verb_is_not_the_speaker() {
    let text = "“I am in awe of the people who ran towards danger” tweeted Mayor of London Sadiq Khan.";
    assert_eq!(canonical(text), all("Sadiq Khan", 1));
}

#[test]
fn reports_name_no_speaker_but_keep_the_cue() {
    let text = "Reports said both were showing “mild symptoms”. Officials were tested.";
    let quotes = proposed(text);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].speaker_canonical, None);
    assert_eq!(quotes[0].cue.as_deref(), Some("said"));
}

// ----- the eighth round (holdout-6 as development) ----------------------------------------------

#[test]
fn a_verb_chain_before_a_participle_keeps_its_subject() {
    let text = "Governor Ann Vale has yet to concede, saying late on Monday, “The count is not over.”";
    assert_eq!(canonical(text), all("Ann Vale", 1));
    let refused = "Minister Tom Hale refused to comment, adding only, “We will see.”";
    assert_eq!(canonical(refused), all("Tom Hale", 1));
}

#[test]
fn an_abbreviated_state_after_a_place_is_no_speaker() {
    let text = "Ann Vale spoke to reporters outside Springfield, Ill. saying, “We are not finished.”";
    assert_eq!(canonical(text), all("Ann Vale", 1));
}

#[test]
fn a_role_keeps_the_organisation_it_belongs_to() {
    let text = "An official from the Port Authority stated: “We are reviewing the footage.”";
    assert_eq!(canonical(text), all("official from the Port Authority", 1));
}

#[test]
fn a_role_and_its_place_lead_to_the_name_in_apposition() {
    let text = "An official from TfL stated: “We are working with the police.”\n\n\
                The mayor of London, Sadiq Khan, gave his condolences, adding, “An enquiry is underway.”";
    let got = canonical(text);
    assert_eq!(got[1].as_deref(), Some("Sadiq Khan"));
}

#[test]
fn an_unnamed_role_is_not_carried_to_the_next_role() {
    // The mayor is not the official who spoke before; with no name, no speaker is better.
    let text = "An official from TfL stated: “We are working with the police.” \
                The mayor added: “An enquiry is underway.”";
    let got = canonical(text);
    assert_ne!(got[1].as_deref(), got[0].as_deref());
}

#[test]
fn an_organisation_and_its_acronym_are_one_speaker() {
    let text = "He died on Monday, according to the Catholic Bishops' Conference of the Philippines (CBCP). \
                He was described by the CBCP as “a strong advocate for the environment.”";
    assert_eq!(canonical(text), all("Catholic Bishops' Conference of the Philippines", 1));
}

#[test]
fn a_surname_spelt_with_another_vowel_is_the_same_person() {
    let text = "Military spokesperson Yahya Sarea said the attack used ten drones.\n\n\
                “These attacks are our right,” Saree said.";
    assert_eq!(canonical(text), all("Yahya Sarea", 1));
    // Two consonants apart are two people.
    let two = "Engineer Paula Carver said the bridge was sound.\n\n“It is not,” Carter said.";
    assert_eq!(canonical(two), all("Carter", 1));
}

#[test]
fn the_object_of_with_is_not_the_next_sentences_he() {
    let text = "Prime Minister Kyriakos Mitsotakis spoke on Monday. “We exclude nobody,” he said.\n\n\
                Later Mitsotakis met with the IMF, then with President Trump, where he denounced the deal. \
                On the zones, he noted “the agreement infringes our rights”.";
    assert_eq!(canonical(text), all("Kyriakos Mitsotakis", 2));
}

#[test]
fn a_name_and_verb_after_a_standalone_quotation_attribute_it() {
    let text = "“Our house is burning. Let's discuss this emergency!” Macron told the world on Thursday via Twitter.";
    let quotes = proposed(text);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].speaker_canonical.as_deref(), Some("Macron"));
    assert_eq!(quotes[0].cue.as_deref(), Some("told"));
    // A name that opens a sentence quoting someone else does not reach back.
    let next = "“We won!” Smith said: “Now we rest.”";
    assert_eq!(proposed(next).len(), 2);
}

#[test]
fn an_inverted_verb_between_two_parts_joins_them_without_commas() {
    let text = "“We stand ready” tweeted Johnson “to provide whatever help we can.”";
    let quotes = proposed(text);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].spans.len(), 2);
    assert_eq!(quotes[0].speaker_canonical.as_deref(), Some("Johnson"));
}

#[test]
fn a_list_after_a_partial_quotation_is_no_attribution() {
    let text = "Police detained eight people for “spreading rumors,” including doctor Li Wenliang, who tried to warn people.";
    let quotes = suggestions(text).quotes;
    assert!(quotes.iter().all(|q| q.speaker_canonical.as_deref() != Some("Li Wenliang")), "{quotes:?}");
}

/// The cue of each proposed quotation.
fn cues(text: &str) -> Vec<Option<String>> {
    proposed(text).into_iter().map(|s| s.cue).collect()
}

#[test]
fn a_document_speaks_for_its_author() {
    for (text, who, cue) in [
        ("The decree signed by Pope Francis read “The crimes of abuse harm the whole community of the faithful.”", "Francis", "read"),
        ("The opinion of the Supreme Court of Ruritania, released on Wednesday, read in part, “The oath of office is void and of no effect.”", "Supreme Court of Ruritania", "read"),
        ("Judge Gray Miller ruled on Friday. Part of the judge's statement reads “Combat roles no longer require sheer size or muscle.”", "Gray Miller", "reads"),
        ("The palace issued a statement on Monday. The statement from King Ramon said, “The princess keeps her place in the family.”", "Ramon", "said"),
        ("Facebook released a statement on Monday. The statement read, “We take the safety of our users very seriously, always.”", "Facebook", "read"),
    ] {
        let quotes = proposed(text);
        assert_eq!(quotes.len(), 1, "{text}");
        assert_eq!(quotes[0].speaker_canonical.as_deref(), Some(who), "{text}");
        assert_eq!(quotes[0].cue.as_deref(), Some(cue), "{text}");
    }
}

#[test]
fn a_verb_that_introduces_a_quotation_keeps_its_cue_when_no_one_is_named() {
    // Better a quotation with its cue and no speaker than a missed one, or a guessed name.
    let text = "Parents Ana and Rui Costa were sentenced on Friday. One of the children said, \
                “Sometimes I still have nightmares of what happened in that house.”";
    let quotes = proposed(text);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].cue.as_deref(), Some("said"));
    assert_eq!(quotes[0].speaker_canonical, None);
    // A document the article did not introduce is not the last speaker's: NBC only reported it.
    let proclamation = "The order was first reported by NBC News, which said it was signed on Friday.\n\n\
                        The proclamation specifically said “the outbreak in the United States constitutes a national emergency”.";
    assert_eq!(canonical(proclamation), vec![None]);
    let colon = "The palace issued the following statement from King Ramon: “The princess keeps her status and her place in the family.”";
    assert_eq!(canonical(colon), all("Ramon", 1));
    let description = "The event description read, “We will all meet at the gate and walk in together.”";
    assert_eq!(cues(description), vec![Some("read".to_string())]);
    assert_eq!(canonical(description), vec![None]);
}

#[test]
fn a_named_clause_and_a_comma_introduce_a_whole_utterance() {
    for (text, who, cue) in [
        ("Singer Mick Jagger of The Rolling Stones also reacted on Twitter, “Sad news today, I remember playing with him very early on.”", "Mick Jagger", "reacted"),
        ("Trump, also on Twitter, defended his decision, “As I have stated strongly before, they must watch over the fighters.”", "Trump", "defended"),
    ] {
        assert_eq!(canonical(text), all(who, 1), "{text}");
        assert_eq!(cues(text), vec![Some(cue.to_string())], "{text}");
    }
    // A phrase of time or place before the comma names no one.
    let time = "During the premiere on Sunday, “I felt like a guest at the ball, and I still do.”";
    assert_eq!(canonical(time).iter().flatten().count(), 0);
}

#[test]
fn a_reporting_verb_that_opens_its_sentence_inverts() {
    let text = "Remarked Center for Biological Diversity scientist Tierra Curry, “This reprieve is a thank-you from the butterflies.”";
    assert_eq!(canonical(text), all("Tierra Curry", 1));
    assert_eq!(cues(text), vec![Some("Remarked".to_string())]);
}

#[test]
fn a_whole_utterance_after_a_colon_is_proposed_even_when_no_one_is_named() {
    let text = "Earlier this week, an official government account made the following announcement: \
                “Latest update: 3,728 cases have been reported since the outbreak began. To date, 53 deaths have been recorded.”";
    let quotes = proposed(text);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].speaker_canonical, None);
    // A short phrase after a colon stays below the line: it may be a title or a scare quote.
    let short = "The sign at the gate: “Keep out.”";
    assert!(proposed(short).is_empty());
}

#[test]
fn a_shared_role_before_a_name_is_a_role() {
    let text = "Co-developer Jing Wang recounted, “When we put that coating on, nothing sticks to it.”";
    assert_eq!(canonical(text), all("Jing Wang", 1));
}

#[test]
fn a_role_of_a_place_then_a_known_first_name() {
    let of_state = "In a statement, Governor of Washington Chris Gregoire said, \"Seattle would have been a perfect fit.\"";
    assert_eq!(canonical(of_state), all("Chris Gregoire", 1));
    let three = "Governor of New South Wales Maria Lopez Garcia said, \"We will build it.\"";
    assert_eq!(canonical(three), all("Maria Lopez Garcia", 1));
    let for_office = "Undersecretary for Education Mr. Toccafondi says \"many schools will increase their fees or they will quit\".";
    assert_eq!(canonical(for_office), all("Toccafondi", 1));
}

#[test]
fn a_role_in_apposition_after_the_name() {
    let text = "After the match, Hernan Dario Gomez, Panama coach, said, \"We have learned a lot from today's game.\"";
    assert_eq!(canonical(text), all("Hernan Dario Gomez", 1));
    // With no name before it, the role itself stays the speaker.
    let role = "After the match, the Panama coach said, \"We have learned a lot from today's game.\"";
    assert_eq!(canonical(role).len(), 1);
    assert_ne!(canonical(role), all("Hernan Dario Gomez", 1));
}

#[test]
fn a_publication_is_not_a_titled_person() {
    // "PC" is also a police constable's title; before "World" it is part of a magazine's name.
    let text = "PC World's recent analysis of its own web traffic concluded, \"Internet Explorer is the #2 browser.\"";
    assert_eq!(canonical(text), all("PC World", 1));
}

#[test]
fn a_body_names_its_members() {
    let text = "Members of the House of Commons protested by shouting \"shame on you!\" during the final session.";
    assert_eq!(canonical(text), all("Members of the House of Commons", 1));
}

#[test]
fn the_subject_of_a_relative_clause_speaks() {
    let text = "Commerce Secretary Wilbur Ross refused to testify. Kerri Kupec, spokeswoman for the Department of Justice, \
                criticized the decision, which Ross has referred to as \"gamesmanship\".";
    assert_eq!(canonical(text), all("Wilbur Ross", 1));
}

#[test]
fn a_relayed_report_speaks_for_the_source_it_quotes() {
    let text = "According to Yonhap news agency, quoting North Korea's main news agency Korean Central News Agency (KCNA), \
                the military has been told to prepare a \"quasi-state of war\".";
    assert_eq!(canonical(text), all("Korean Central News Agency", 1));
    // Without "quoting", the relay speaks.
    let plain = "According to Yonhap news agency, the military has been told to prepare a \"quasi-state of war\".";
    assert_eq!(canonical(plain), all("Yonhap", 1));
}

#[test]
fn a_holiday_is_no_one() {
    // "Eve" is a first name; "Christmas Eve" is a day, and no one whose family speaks.
    let text = "Radio host Don Imus, known to fans as the I-Man, died on Friday at the Baylor Scott and White Medical Center \
                in College Station, Texas after being hospitalized since Christmas Eve, his family reported. He was 79.\n\n\
                Imus is survived by his second wife Dierdre Coleman, their two sons Wyatt and Zachary.\n\n\
                The family's statement on the death read: \"Don loved and adored Deirdre, and he will be missed.\"";
    assert!(canonical(text).iter().flatten().all(|s| !s.contains("Christmas")), "{:?}", canonical(text));
}

#[test]
fn an_eyewitness_is_a_role() {
    let text = "An eyewitness described for news agency PA Media how the attack unfolded, stating, \"I was crossing the road when I saw a man.\"";
    assert_eq!(canonical(text), all("eyewitness", 1));
}

#[test]
fn an_ordinal_in_the_name_before_an_attribution() {
    let text = "Four ships are searching. \"We will continue searching until we find it,\" 1st Fleet Command's \
                Navy Information Agency head Arba Agung told The Jakarta Post.";
    assert_eq!(canonical(text), all("Arba Agung", 1));
    assert_eq!(cues(text), vec![Some("told".to_string())]);
}
