//! One W3C annotation, ours or another tool's: its id, times and bodies (the kind and its fields,
//! tags, comments, links) and its target with selectors. Uses [`super::fields`] and
//! [`super::collector::Ctx`].

use super::collector::Ctx;
use super::error::{quoted, ImportError, Path};
use super::fields::{
    check_span, evidence_url, has_type, offset, opt_enum, opt_str, opt_strings, opt_time, req_str,
    R,
};
use super::json::{Json as Value, Object};
use crate::model::{
    Annotation, AnnotationId, Claim, ClaimStatus, ClaimType, Evidence, Kind, Quote, QuoteForm,
    Substr, Target, TextPositionSelector, TextQuoteSelector, Timestamp,
};

/// Whether a string body looks like an IRI (a scheme and no white space) rather than text.
fn looks_like_iri(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !s.chars().any(char::is_whitespace)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum KindName {
    Quote,
    Claim,
}

/// What the bodies of one annotation say, gathered before the kind is decided.
#[derive(Default)]
struct Bodies {
    kind: Option<KindName>,
    tags: Vec<String>,
    quote: Option<Quote>,
    claim: Option<(ClaimType, ClaimStatus)>,
    links: Vec<Evidence>,
    comments: Vec<String>,
}

const QUOTE_KEYS: [&str; 4] = ["qm:speaker", "qm:canonicalSpeaker", "qm:cue", "qm:form"];
const CLAIM_KEYS: [&str; 2] = ["qm:claimType", "qm:status"];

/// One W3C annotation (ours or another tool's).
pub(crate) fn annotation(v: &Value, p: &Path, ctx: &Ctx) -> R<Annotation> {
    let m = v
        .as_object()
        .ok_or_else(|| p.expected("an annotation (an object)", v))?;
    if let Some(t) = m.get("type") {
        if !has_type(t, "Annotation") {
            return Err(p.key("type").expected("\"Annotation\"", t));
        }
    }
    let id = match m.get("id") {
        Some(Value::Str(s)) if s.is_empty() => return Err(p.key("id").invalid("the id is empty")),
        Some(Value::Str(s)) => s.to_string(),
        None | Some(Value::Null) if !ctx.strict => String::new(),
        None | Some(Value::Null) => return Err(p.invalid("missing \"id\"")),
        Some(other) => return Err(p.key("id").expected("a string", other)),
    };
    let target_value = m
        .get("target")
        .ok_or_else(|| p.invalid("missing \"target\""))?;
    let target = target(target_value, &p.key("target"), ctx)?;

    let created = opt_time(m, "created", p)?;
    let modified = match opt_time(m, "modified", p)? {
        Some(t) => Some(t),
        None => opt_time(m, "updated", p)?,
    };
    if ctx.strict {
        if created.is_none() {
            return Err(p.invalid("missing \"created\""));
        }
        if modified.is_none() {
            return Err(p.invalid("missing \"modified\""));
        }
    }
    let created_ts = created.or(modified).unwrap_or(Timestamp(0));
    let modified_ts = modified.unwrap_or(created_ts);

    let mut b = Bodies::default();
    for key in ["body", "bodies"] {
        match m.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                let at = p.key(key);
                for (i, item) in items.iter().enumerate() {
                    body(item, &at.index(i), &mut b)?;
                }
            }
            Some(one) => body(one, &p.key(key), &mut b)?,
        }
    }
    if let Some(s) = opt_str(m, "bodyValue", p)? {
        b.comments.push(s.to_string());
    }
    // Hypothesis keeps the comment in `text` and the tags in `tags`.
    if let Some(s) = opt_str(m, "text", p)? {
        b.comments.push(s.to_string());
    }
    b.tags.extend(opt_strings(m, "tags", p)?);

    let kind = match (b.kind, b.quote.is_some(), b.claim.is_some()) {
        (_, true, true) => {
            return Err(p.invalid(
                "has both quote fields (qm:speaker, qm:cue, qm:form) and claim fields (qm:claimType, qm:status)",
            ))
        }
        (Some(KindName::Quote), _, true) => {
            return Err(p.invalid("is a quote but has claim fields (qm:claimType, qm:status)"))
        }
        (Some(KindName::Claim), true, _) => {
            return Err(p.invalid("is a claim but has quote fields (qm:speaker, qm:cue, qm:form)"))
        }
        (Some(k), _, _) => k,
        (None, true, false) => KindName::Quote,
        (None, false, true) => KindName::Claim,
        (None, false, false) if ctx.strict => {
            return Err(p.invalid("has no kind (a tagging body with \"qm:kind\": \"quote\" or \"claim\")"))
        }
        (None, false, false) => {
            // Other tools' annotations: a `claim` tag makes a claim, anything else is a quote. The
            // tag that decided it is consumed.
            let is_claim = b.tags.iter().any(|t| t.trim().eq_ignore_ascii_case("claim"));
            let name = if is_claim { "claim" } else { "quote" };
            b.tags.retain(|t| !t.trim().eq_ignore_ascii_case(name));
            if is_claim {
                KindName::Claim
            } else {
                KindName::Quote
            }
        }
    };
    let kind = match kind {
        KindName::Quote => {
            // A quote has no evidence: links from other tools are kept in the note.
            for link in b.links.drain(..) {
                let line = match (link.url, link.note.is_empty()) {
                    (Some(url), true) => url,
                    (Some(url), false) => format!("{} {url}", link.note),
                    (None, _) => link.note,
                };
                b.comments.push(line);
            }
            Kind::Quote(b.quote.unwrap_or_default())
        }
        KindName::Claim => {
            let (claim_type, status) = b.claim.unwrap_or_default();
            Kind::Claim(Claim {
                claim_type,
                status,
                evidence: b.links,
            })
        }
    };
    b.comments.retain(|c| !c.is_empty());
    let note = b.comments.join("\n\n");
    Ok(Annotation {
        id: AnnotationId(id.into()),
        target,
        kind,
        note,
        tags: b.tags.into_iter().map(Substr::from).collect(),
        created: created_ts,
        modified: modified_ts,
    })
}

/// The first string of a `purpose` (a string or an array of them).
fn purpose<'v>(m: &'v Object, p: &Path) -> R<Option<&'v str>> {
    match m.get("purpose") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s)),
        Some(Value::Array(a)) => Ok(a.iter().find_map(Value::as_str)),
        Some(other) => Err(p.key("purpose").expected("a string", other)),
    }
}

/// One body: a string (text, or an IRI that is read as a link) or an object.
fn body(v: &Value, p: &Path, b: &mut Bodies) -> R<()> {
    let m = match v {
        Value::Str(s) if looks_like_iri(s) => {
            let url = evidence_url(s, p)?;
            b.links.push(Evidence {
                url: Some(url),
                note: String::new(),
            });
            return Ok(());
        }
        Value::Str(s) => {
            b.comments.push(s.to_string());
            return Ok(());
        }
        Value::Object(m) => m,
        other => return Err(p.expected("a body (an object or a string)", other)),
    };
    if let Some(k) = m.get("qm:kind") {
        let at = p.key("qm:kind");
        let kind = match k.as_str() {
            Some("quote") => KindName::Quote,
            Some("claim") => KindName::Claim,
            _ => return Err(at.expected("\"quote\" or \"claim\"", k)),
        };
        if b.kind.is_some_and(|earlier| earlier != kind) {
            return Err(p.invalid("a second, different \"qm:kind\""));
        }
        b.kind = Some(kind);
        return Ok(());
    }
    if QUOTE_KEYS.iter().any(|k| m.contains_key(k)) {
        if b.quote.is_some() {
            return Err(p.invalid("a second body with quote fields (qm:speaker, qm:cue, qm:form)"));
        }
        b.quote = Some(Quote {
            speaker: opt_str(m, "qm:speaker", p)?.unwrap_or("").into(),
            speaker_canonical: opt_str(m, "qm:canonicalSpeaker", p)?.map(Substr::from),
            cue: opt_str(m, "qm:cue", p)?.map(Substr::from),
            form: opt_enum::<QuoteForm>(m, "qm:form", p)?.unwrap_or_default(),
        });
        return Ok(());
    }
    if CLAIM_KEYS.iter().any(|k| m.contains_key(k)) {
        if b.claim.is_some() {
            return Err(p.invalid("a second body with claim fields (qm:claimType, qm:status)"));
        }
        b.claim = Some((
            opt_enum::<ClaimType>(m, "qm:claimType", p)?.unwrap_or_default(),
            opt_enum::<ClaimStatus>(m, "qm:status", p)?.unwrap_or_default(),
        ));
        return Ok(());
    }
    let is_textual = m.get("type").is_some_and(|t| has_type(t, "TextualBody"));
    match purpose(m, p)? {
        Some("tagging") => {
            // A textual tag, or a semantic tag (a resource) whose IRI becomes the tag.
            let tag = match opt_str(m, "value", p)? {
                Some(v) => v,
                None => match opt_str(m, "source", p)? {
                    Some(s) => s,
                    None => opt_str(m, "id", p)?
                        .ok_or_else(|| p.invalid("a tagging body needs a \"value\""))?,
                },
            };
            b.tags.push(tag.to_string());
        }
        Some("linking") => link(m, p, b, is_textual)?,
        _ => {
            if let Some(v) = m.get("value") {
                let s = v
                    .as_str()
                    .ok_or_else(|| p.key("value").expected("a string", v))?;
                b.comments.push(s.to_string());
            } else if m.contains_key("source") || m.contains_key("id") {
                link(m, p, b, false)?;
            } else {
                return Err(
                    p.invalid("unsupported body: it has no \"value\", \"source\" or \"id\"")
                );
            }
        }
    }
    Ok(())
}

/// A link body: a resource (`source` or `id`, optional `qm:note`) or, for evidence without a URL,
/// a `TextualBody` whose value is the note.
fn link(m: &Object, p: &Path, b: &mut Bodies, is_textual: bool) -> R<()> {
    let key = if is_textual {
        None
    } else if m.contains_key("source") {
        Some("source")
    } else if m.contains_key("id") {
        Some("id")
    } else {
        None
    };
    let evidence = match key {
        Some(key) => {
            let url = req_str(m, key, p)?;
            let url = evidence_url(url, &p.key(key))?;
            let note = match opt_str(m, "qm:note", p)? {
                Some(n) => n,
                None => opt_str(m, "value", p)?.unwrap_or(""),
            };
            Evidence {
                url: Some(url),
                note: note.to_string(),
            }
        }
        None => {
            let note = opt_str(m, "value", p)?
                .ok_or_else(|| p.invalid("a linking body needs a \"source\" or a \"value\""))?;
            Evidence {
                url: None,
                note: note.to_string(),
            }
        }
    };
    b.links.push(evidence);
    Ok(())
}

/// A target: an object with selectors, or an array of targets (the first usable one wins). A bare
/// IRI annotates the whole document, which Quotemark cannot show.
fn target(v: &Value, p: &Path, ctx: &Ctx) -> R<Target> {
    match v {
        Value::Object(m) => target_object(m, p, ctx)?.ok_or_else(|| no_selector(m, p)),
        Value::Array(targets) => {
            for (i, t) in targets.iter().enumerate() {
                match t {
                    Value::Object(m) => {
                        if let Some(found) = target_object(m, &p.index(i), ctx)? {
                            return Ok(found);
                        }
                    }
                    Value::Str(_) => {}
                    other => return Err(p.index(i).expected("a target (an object or an IRI)", other)),
                }
            }
            Err(p.invalid(
                "no usable selector in any target (Quotemark needs a TextQuoteSelector or a TextPositionSelector)",
            ))
        }
        Value::Str(iri) => Err(p.invalid(format!(
            "no usable selector: the target is only an IRI ({}), which annotates the whole document; \
             Quotemark needs a TextQuoteSelector or a TextPositionSelector",
            quoted(iri)
        ))),
        other => Err(p.expected("a target (an object, an array or an IRI)", other)),
    }
}

fn no_selector(m: &Object, p: &Path) -> ImportError {
    let found: Vec<&str> = match m.get("selector") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|s| s.get("type").and_then(Value::as_str))
            .collect(),
        Some(Value::Object(s)) => s.get("type").and_then(Value::as_str).into_iter().collect(),
        _ => Vec::new(),
    };
    if m.get("selector").is_none_or(Value::is_null) {
        p.invalid("no usable selector: the target has no \"selector\" (Quotemark needs a TextQuoteSelector or a TextPositionSelector)")
    } else if found.is_empty() {
        p.key("selector").invalid(
            "no usable selector (Quotemark needs a TextQuoteSelector or a TextPositionSelector)",
        )
    } else {
        p.key("selector").invalid(format!(
            "no usable selector (Quotemark needs a TextQuoteSelector or a TextPositionSelector; found {})",
            found.join(", ")
        ))
    }
}

/// A target object; `None` when it has no selector Quotemark can use.
fn target_object(m: &Object, p: &Path, ctx: &Ctx) -> R<Option<Target>> {
    let source = match opt_str(m, "source", p)? {
        Some(s) => s.to_string(),
        None if ctx.strict => return Err(p.invalid("missing \"source\"")),
        None => String::new(),
    };
    let mut position = None;
    let mut quote = None;
    // Positions on another source than the embedded document are not checked against its text.
    let elsewhere = Ctx {
        strict: ctx.strict,
        text_len: None,
        doc_id: None,
    };
    let ctx = match &ctx.doc_id {
        Some(id) if *id != source => &elsewhere,
        _ => ctx,
    };
    match m.get("selector") {
        None | Some(Value::Null) => {}
        Some(Value::Array(selectors)) => {
            let at = p.key("selector");
            for (i, s) in selectors.iter().enumerate() {
                selector(s, &at.index(i), ctx, &mut position, &mut quote)?;
            }
        }
        Some(one) => selector(one, &p.key("selector"), ctx, &mut position, &mut quote)?,
    }
    if position.is_none() && quote.is_none() {
        return Ok(None);
    }
    Ok(Some(Target {
        source: source.into(),
        position,
        quote,
    }))
}

/// One selector; the first `TextPositionSelector` and the first `TextQuoteSelector` are kept,
/// other types (RangeSelector, XPathSelector, …) are skipped.
fn selector(
    v: &Value,
    p: &Path,
    ctx: &Ctx,
    position: &mut Option<TextPositionSelector>,
    quote: &mut Option<TextQuoteSelector>,
) -> R<()> {
    let m = v
        .as_object()
        .ok_or_else(|| p.expected("a selector (an object)", v))?;
    let kind = match m.get("type") {
        Some(Value::Str(s)) => s.as_ref(),
        Some(other) => return Err(p.key("type").expected("a string", other)),
        None => return Err(p.invalid("missing \"type\"")),
    };
    match kind {
        "TextPositionSelector" => {
            let what = "TextPositionSelector ";
            let start = offset(m, "start", p, what)?;
            let end = offset(m, "end", p, what)?;
            check_span(start, end, p, what, ctx.text_len)?;
            if position.is_none() {
                *position = Some(TextPositionSelector { start, end });
            }
        }
        "TextQuoteSelector" => {
            let exact = opt_str(m, "exact", p)?
                .ok_or_else(|| p.invalid("TextQuoteSelector is missing \"exact\""))?;
            let prefix = opt_str(m, "prefix", p)?.unwrap_or("");
            let suffix = opt_str(m, "suffix", p)?.unwrap_or("");
            if quote.is_none() {
                *quote = Some(TextQuoteSelector {
                    exact: exact.into(),
                    prefix: prefix.into(),
                    suffix: suffix.into(),
                });
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iri_detection_for_string_bodies() {
        assert!(looks_like_iri("https://a.example"));
        assert!(looks_like_iri("urn:isbn:123"));
        assert!(!looks_like_iri("Note: see below"));
        assert!(!looks_like_iri("plain text"));
        assert!(!looks_like_iri("1a:b"));
    }
}
