//! Claims: check-worthy sentences, their type, score and reasons.

use quotemark_core::model::{ClaimType, Kind};
use quotemark_core::suggest::{suggest, suggestions, Suggestion, SuggestionKind, CLAIM_THRESHOLD};

fn claims(text: &str) -> Vec<Suggestion> {
    suggestions(text).claims
}

fn one(text: &str) -> Suggestion {
    let c = claims(text);
    assert_eq!(c.len(), 1, "{c:#?}");
    c.into_iter().next().unwrap()
}

fn has_reason(s: &Suggestion, prefix: &str) -> bool {
    s.reasons.iter().any(|r| r.starts_with(prefix))
}

#[test]
fn numbers_percentages_money_and_units_make_statistics() {
    let pct = one("Pupils in the noisiest rooms gained about 20 percent less in reading.");
    assert_eq!(pct.claim_type, Some(ClaimType::Statistic));
    assert!(pct.reasons.contains(&"percentage: 20 percent".to_string()), "{:?}", pct.reasons);
    let money = one("The council will save an estimated £1.2 million a year from the closures.");
    assert!(money.reasons.contains(&"money: £1.2 million".to_string()), "{:?}", money.reasons);
    let crowns = one("The cuts will save about 400 million crowns a year, the company said.");
    assert!(crowns.reasons.contains(&"money: 400 million crowns".to_string()), "{:?}", crowns.reasons);
    let unit = one("The town of Montoro in Cordoba province reached 44.6C on Tuesday afternoon.");
    assert!(has_reason(&unit, "unit: 44.6C"), "{:?}", unit.reasons);
    let count = one("A van went on to hit pedestrians, leaving seven dead and injuring 48 people.");
    assert!(has_reason(&count, "several figures (2)"), "{:?}", count.reasons);
}

#[test]
fn comparatives_and_superlatives_make_comparisons() {
    let c = one("Employees who took a lunch break made fewer errors than those who did not.");
    assert_eq!(c.claim_type, Some(ClaimType::Comparison));
    assert!(has_reason(&c, "comparison: fewer"));
    let s = one("Farmers have had the wettest autumn that most of them can remember.");
    assert!(has_reason(&s, "superlative: wettest"), "{:?}", s.reasons);
}

#[test]
fn causal_markers_make_causal_claims() {
    let c = one("Profits fell sharply because shoppers switched to cheaper own-label products.");
    assert_eq!(c.claim_type, Some(ClaimType::Causal));
    assert!(has_reason(&c, "causal marker: because"));
    let two = one("Scientists say the heatwave was driven by the burning of fossil fuels.");
    assert!(has_reason(&two, "causal marker: driven by"), "{:?}", two.reasons);
}

#[test]
fn predictions() {
    let c = one("Officials say aftershocks are expected to continue over the coming days.");
    assert_eq!(c.claim_type, Some(ClaimType::Prediction));
    assert!(has_reason(&c, "prediction: expected to"));
}

#[test]
fn claims_are_ranked_by_check_worthiness_with_reasons() {
    let text = "The council met on Tuesday evening in the town hall. \
                Library visits rose 12% last year, more than in any other borough. \
                The closures will save money, officials said. \
                The weather was pleasant for most of the afternoon.";
    let c = claims(text);
    assert_eq!(c.len(), 2, "{c:#?}");
    assert!(c[0].confidence >= c[1].confidence);
    assert!(c[0].reasons.iter().any(|r| r.starts_with("percentage")));
    assert!(c.iter().all(|s| s.confidence >= CLAIM_THRESHOLD && s.confidence <= 1.0));
    // Every returned claim is proposed, also those below the quotation threshold.
    assert!(c.iter().all(Suggestion::is_proposed));
    assert!(c[1].confidence < quotemark_core::suggest::PROPOSE_THRESHOLD, "{c:#?}");
    assert!(c.iter().all(|s| s.id.starts_with("claim:") && s.kind == SuggestionKind::Claim));
    // suggest() gives the same claims in document order.
    let ordered: Vec<String> = suggest(text).into_iter().map(|s| s.id).collect();
    let mut ids: Vec<String> = c.iter().map(|s| s.id.clone()).collect();
    ids.sort_by_key(|id| id[6..].split('-').next().unwrap().parse::<usize>().unwrap());
    assert_eq!(ordered, ids);
}

#[test]
fn questions_short_sentences_and_opinions_are_not_claims() {
    assert!(claims("Will the council raise taxes by 5% next year?").is_empty());
    assert!(claims("It rose 5%.").is_empty());
    assert!(claims("I think the plan will fail within two years.").is_empty());
    assert!(claims("The mayor opened the bridge on a sunny morning.").is_empty());
}

#[test]
fn claims_inside_quotations_count_and_convert_to_a_claim_annotation() {
    let text = "“Our grant has fallen by 40 per cent since 2010,” Mr Becker said.";
    let c = one(text);
    assert!(has_reason(&c, "percentage: 40 per"), "{:?}", c.reasons);
    match c.to_kind() {
        Kind::Claim(claim) => assert_eq!(claim.claim_type, ClaimType::Statistic),
        Kind::Quote(_) => panic!("a claim"),
    }
}
