//! Reports for people rather than programs: a CSV table of every annotation for spreadsheets
//! ([`to_csv`]), a Markdown summary of quotes by speaker and claims by status ([`to_markdown`]),
//! and a file name for either ([`file_stem`]).
//!
//! ```
//! use quotemark_core::anchor::describe;
//! use quotemark_core::document::Document;
//! use quotemark_core::model::*;
//! use quotemark_core::report::{file_stem, to_csv, to_markdown};
//!
//! let doc = Document::from_raw("date 2017-06-05 “We will act,” she said.");
//! let quote = Annotation::new(
//!     AnnotationId::from_random_bytes([1; 16]),
//!     describe(&doc.id.0, &doc.text, Span::new(0, 14)),
//!     Kind::Quote(Quote { speaker: "she".into(), cue: Some("said".into()), ..Quote::default() }),
//!     Timestamp(0),
//! );
//! let set: AnnotationSet = [quote].into_iter().collect();
//!
//! assert_eq!(
//!     to_csv(&doc, &set).split("\r\n").nth(1),
//!     Some("quote,\"“We will act,”\",she,said,direct,,,,,,0,14")
//! );
//! assert!(to_markdown(&doc, &set).contains("### she\n\n- “We will act,” — said\n"));
//! assert_eq!(file_stem(&doc), "2017-06-05-we-will-act-she-said");
//! ```

use crate::document::Document;
use crate::model::{Annotation, AnnotationSet, Claim, ClaimStatus, Evidence, Kind, Quote};

/// The CSV header row (without its line break).
pub const CSV_HEADER: &str = "kind,quoted text,speaker,cue,form,claim type,status,evidence,note,tags,start,end";

/// The longest name [`file_stem`] returns, in characters.
pub const MAX_STEM_CHARS: usize = 60;

/// The name [`file_stem`] falls back on when the document has neither a date nor a usable title.
pub const FALLBACK_STEM: &str = "quotemark-annotations";

/// Every annotation as a row of an RFC 4180 table ([`crate::table`]), in document order, under
/// [`CSV_HEADER`]: lines end in CRLF; a field containing `,`, `"`, CR or LF is quoted (`"` doubled).
///
/// * `speaker` is the speaker as written, with the canonical name in parentheses when it differs;
/// * `evidence` lists `url — note` items joined by ` | `; `tags` are joined by `; `;
/// * `quoted text` is the stored quote (or the text at the stored position when there is no quote),
///   `start` and `end` the stored code-point offsets (empty when there are none).
///
/// A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading `'`, so that opening the file runs nothing.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_core::model::*;
/// use quotemark_core::report::to_csv;
/// let doc = Document::from_raw("Costs rose by -5%.");
/// let mut claim = Annotation::new(
///     AnnotationId("c".into()),
///     Target::new(&doc.id.0, 14, 17, "-5%", "Costs rose by ", "."),
///     Kind::Claim(Claim { claim_type: ClaimType::Statistic, ..Claim::default() }),
///     Timestamp(0),
/// );
/// claim.note = "=HYPERLINK(\"x\")".into();
/// let csv = to_csv(&doc, &[claim].into_iter().collect());
/// assert_eq!(csv.split("\r\n").nth(1), Some("claim,'-5%,,,,statistic,unverified,,\"'=HYPERLINK(\"\"x\"\")\",,14,17"));
/// ```
pub fn to_csv(doc: &Document, set: &AnnotationSet) -> String {
    let header: Vec<&str> = CSV_HEADER.split(',').collect();
    let rows = set.in_document_order().into_iter().map(|a| {
        let quote = match &a.kind {
            Kind::Quote(q) => Some(q),
            Kind::Claim(_) => None,
        };
        let claim = match &a.kind {
            Kind::Claim(c) => Some(c),
            Kind::Quote(_) => None,
        };
        let position = a.target.position;
        [
            a.kind.name().to_string(),
            quoted_text(doc, a),
            quote.map(speaker_as_written).unwrap_or_default(),
            quote.and_then(|q| q.cue.as_deref()).unwrap_or_default().to_string(),
            quote.map(|q| q.form.key().to_string()).unwrap_or_default(),
            claim.map(|c| c.claim_type.key().to_string()).unwrap_or_default(),
            claim.map(|c| c.status.label().to_lowercase()).unwrap_or_default(),
            claim.map(|c| evidence_list(&c.evidence)).unwrap_or_default(),
            a.note.clone(),
            a.tags.join("; "),
            position.map(|p| p.start.to_string()).unwrap_or_default(),
            position.map(|p| p.end.to_string()).unwrap_or_default(),
        ]
    });
    crate::table::csv_table(&header, rows, false)
}

/// The stored quote, or the text at the stored position, or nothing.
pub(crate) fn quoted_text(doc: &Document, a: &Annotation) -> String {
    if let Some(exact) = a.target.exact() {
        return exact.to_string();
    }
    match a.target.position {
        Some(p) if p.start <= p.end => doc.text.chars().skip(p.start).take(p.end - p.start).collect(),
        _ => String::new(),
    }
}

pub(crate) fn speaker_as_written(q: &Quote) -> String {
    match q.speaker_canonical.as_deref().map(str::trim) {
        Some(canonical) if !canonical.is_empty() && canonical != q.speaker.trim() => {
            if q.speaker.trim().is_empty() {
                canonical.to_string()
            } else {
                format!("{} ({canonical})", q.speaker)
            }
        }
        _ => q.speaker.to_string(),
    }
}

pub(crate) fn evidence_list(evidence: &[Evidence]) -> String {
    let items: Vec<String> = evidence
        .iter()
        .map(|e| match (e.url.as_deref().filter(|u| !u.is_empty()), e.note.is_empty()) {
            (Some(url), true) => url.to_string(),
            (Some(url), false) => format!("{url} — {}", e.note),
            (None, _) => e.note.clone(),
        })
        .filter(|item| !item.is_empty())
        .collect();
    items.join(" | ")
}

/// The heading under which quotes without a speaker are listed, after every speaker.
pub const UNATTRIBUTED: &str = "Unattributed";

/// A Markdown summary: `# Title`, the date (and source) when known, then `## Quotes` grouped by
/// speaker (the canonical name where known, else as written; speakers in order of their first
/// quote, [`UNATTRIBUTED`] last), each as `- “quoted text” — cue` with its note on the next line,
/// and `## Claims` grouped by status (Unverified, Needs source, Supported, Disputed, False), each
/// with its type, its evidence (links as `<url>`) and its note.
///
/// All article and reader text is escaped so that it renders literally: no emphasis, links, code,
/// headings, lists, tables or HTML can come from it, and the report never contains raw HTML.
///
/// ```
/// use quotemark_core::document::Document;
/// use quotemark_core::model::*;
/// use quotemark_core::report::to_markdown;
/// let doc = Document::from_raw("Officials said the <b>plan</b> costs *£5bn*.");
/// let mut claim = Annotation::new(
///     AnnotationId("c".into()),
///     Target::new(&doc.id.0, 15, 44, "the <b>plan</b> costs *£5bn*", "Officials said ", "."),
///     Kind::Claim(Claim {
///         claim_type: ClaimType::Statistic,
///         status: ClaimStatus::Disputed,
///         evidence: vec![Evidence { url: Some("https://obr.example/costs".into()), note: "OBR: £3bn".into() }],
///     }),
///     Timestamp(0),
/// );
/// claim.note = "# not a heading".into();
/// let md = to_markdown(&doc, &[claim].into_iter().collect());
/// assert!(md.contains(
///     "### Disputed\n\n\
///      - “the \\<b\\>plan\\</b\\> costs \\*£5bn\\*” — statistic\\\n  \
///      Evidence: <https://obr.example/costs> — OBR: £3bn\\\n  \
///      \\# not a heading\n"
/// ));
/// ```
pub fn to_markdown(doc: &Document, set: &AnnotationSet) -> String {
    let ordered = set.in_document_order();
    let quotes: Vec<(&Annotation, &Quote)> = ordered
        .iter()
        .filter_map(|a| match &a.kind {
            Kind::Quote(q) => Some((*a, q)),
            Kind::Claim(_) => None,
        })
        .collect();
    let claims: Vec<(&Annotation, &Claim)> = ordered
        .iter()
        .filter_map(|a| match &a.kind {
            Kind::Claim(c) => Some((*a, c)),
            Kind::Quote(_) => None,
        })
        .collect();

    let mut out = String::new();
    out.push_str("# ");
    out.push_str(&escape_inline(&doc.title));
    out.push_str("\n\n");
    if let Some(date) = doc.date {
        out.push_str(&date.to_long());
        out.push_str("\n\n");
    }
    if let Some(source) = doc.source.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str("Source: ");
        out.push_str(&link(source));
        out.push_str("\n\n");
    }
    out.push_str(&format!("{} and {}.\n\n", count(quotes.len(), "quote"), count(claims.len(), "claim")));

    out.push_str("## Quotes\n\n");
    if quotes.is_empty() {
        out.push_str("No quotes marked.\n\n");
    }
    let mut speakers: Vec<(String, Vec<(&Annotation, &Quote)>)> = Vec::new();
    let mut unattributed = Vec::new();
    for (a, q) in quotes {
        let name = q
            .speaker_canonical
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| q.speaker.trim());
        let name = collapse_whitespace(name);
        if name.is_empty() {
            unattributed.push((a, q));
        } else if let Some((_, group)) = speakers.iter_mut().find(|(n, _)| *n == name) {
            group.push((a, q));
        } else {
            speakers.push((name, vec![(a, q)]));
        }
    }
    if !unattributed.is_empty() {
        speakers.push((String::new(), unattributed));
    }
    for (name, group) in &speakers {
        let heading = if name.is_empty() { UNATTRIBUTED.to_string() } else { escape_inline(name) };
        out.push_str(&format!("### {heading}\n\n"));
        for (a, q) in group {
            let mut lines = vec![format!("- {}", quotation(doc, a))];
            if let Some(cue) = q.cue.as_deref().map(collapse_whitespace).filter(|c| !c.is_empty()) {
                lines[0].push_str(" — ");
                lines[0].push_str(&escape_inline(&cue));
            }
            lines.extend(block_lines(&a.note));
            push_item(&mut out, &lines);
        }
        out.push('\n');
    }

    out.push_str("## Claims\n\n");
    if claims.is_empty() {
        out.push_str("No claims marked.\n\n");
    }
    for status in ClaimStatus::ALL {
        let group: Vec<_> = claims.iter().filter(|(_, c)| c.status == status).collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("### {}\n\n", status.label()));
        for (a, c) in group {
            let mut lines = vec![format!("- {} — {}", quotation(doc, a), c.claim_type.key())];
            for e in &c.evidence {
                let url = e.url.as_deref().filter(|u| !u.trim().is_empty()).map(link);
                let note = block_lines(&e.note).join(" ");
                let item = match (url, note.is_empty()) {
                    (Some(url), true) => url,
                    (Some(url), false) => format!("{url} — {note}"),
                    (None, false) => note,
                    (None, true) => continue,
                };
                lines.push(format!("Evidence: {item}"));
            }
            lines.extend(block_lines(&a.note));
            push_item(&mut out, &lines);
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A list item: its first line, then each further line indented under it after a hard break.
fn push_item(out: &mut String, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\\n  ");
        }
        out.push_str(line);
    }
    out.push('\n');
}

/// The quoted text in curly quotation marks (one pair of marks around the whole quote is not
/// doubled), on one line.
fn quotation(doc: &Document, a: &Annotation) -> String {
    let text = collapse_whitespace(&quoted_text(doc, a));
    let inner = ['“', '"']
        .iter()
        .zip(['”', '"'])
        .find_map(|(&open, close)| {
            let rest = text.strip_prefix(open)?.strip_suffix(close)?;
            (!rest.is_empty()).then_some(rest)
        })
        .unwrap_or(&text);
    format!("“{}”", escape_inline(inner))
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reader text that may span lines, as escaped lines with no blank ones.
fn block_lines(text: &str) -> Vec<String> {
    text.lines().map(collapse_whitespace).filter(|l| !l.is_empty()).map(|l| escape_line(&l)).collect()
}

/// Escapes text for use inside a line of Markdown: every character that could start emphasis, code,
/// a link, an image, an HTML tag or entity, a table cell, strikethrough, math, super- or subscript
/// or heading attributes is backslash-escaped.
pub(crate) fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '!' | '^' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text that starts a line: as [`escape_inline`], and a leading list marker, ordered-list
/// number, setext underline or definition is escaped too (`#`, `>` and fences are escaped anywhere).
fn escape_line(s: &str) -> String {
    let escaped = escape_inline(s);
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    if escaped.starts_with(['-', '+', '=', ':']) {
        format!("\\{escaped}")
    } else if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else {
        escaped
    }
}

/// `<url>` for an `http(s)` URL that can be an autolink; otherwise the escaped text.
fn link(url: &str) -> String {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme = lower.starts_with("https://") || lower.starts_with("http://");
    let autolinkable = url.chars().all(|c| !c.is_whitespace() && !c.is_control() && c != '<' && c != '>');
    if scheme && autolinkable && url.len() > 8 {
        format!("<{url}>")
    } else {
        escape_inline(url)
    }
}

/// A file name (without extension) for reports and exports: the date if known, then an ASCII slug
/// of the title, at most [`MAX_STEM_CHARS`] characters, cut at a word; never empty
/// ([`FALLBACK_STEM`]).
///
/// ```
/// use quotemark_core::document::{Date, Document};
/// use quotemark_core::report::file_stem;
/// let doc = Document::from_raw(quotemark_core::SAMPLE_ARTICLE);
/// assert_eq!(file_stem(&doc), "2017-06-05-the-open-rights-group-said-it-was-short-sighted");
/// let mut doc = Document::new("Ça coûte 5 € — l’État paie", None, "x");
/// assert_eq!(file_stem(&doc), "ca-coute-5-letat-paie");
/// doc.title = "“…”".into();
/// assert_eq!(file_stem(&doc), "quotemark-annotations");
/// doc.date = Date::parse_iso("2020-02-29");
/// assert_eq!(file_stem(&doc), "2020-02-29");
/// ```
pub fn file_stem(doc: &Document) -> String {
    let mut stem = doc.date.map(|d| d.to_iso()).unwrap_or_default();
    let slug = slug(&doc.title);
    if !slug.is_empty() {
        let budget = MAX_STEM_CHARS - if stem.is_empty() { 0 } else { stem.len() + 1 };
        let cut = if slug.len() <= budget {
            &slug[..]
        } else {
            // At the last word boundary that fits; a single long word is cut where it must be.
            match slug[..=budget].rfind('-') {
                Some(i) if i > 0 => &slug[..i],
                _ => slug[..budget].trim_end_matches('-'),
            }
        };
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(cut);
    }
    if stem.is_empty() {
        FALLBACK_STEM.to_string()
    } else {
        stem
    }
}

/// Lowercase ASCII letters and digits, words joined by single `-`; apostrophes join, accents are
/// dropped from common Latin letters, other characters separate words.
fn slug(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut pending_dash = false;
    for c in title.chars() {
        if matches!(c, '\'' | '’' | 'ʼ') {
            continue;
        }
        let folded = fold(c);
        if folded.is_empty() {
            pending_dash = !out.is_empty();
            continue;
        }
        if pending_dash {
            out.push('-');
            pending_dash = false;
        }
        out.push_str(folded);
    }
    out
}

/// A lowercase ASCII spelling of a letter or digit, or `""` for anything else.
fn fold(c: char) -> &'static str {
    const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    if c.is_ascii_alphanumeric() {
        let i = ASCII.find(c.to_ascii_lowercase()).unwrap_or(0);
        return &ASCII[i..=i];
    }
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'ð' | 'Ď' | 'Đ' | 'Ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "i",
        'ł' | 'ľ' | 'ĺ' | 'Ł' | 'Ľ' | 'Ĺ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'ŕ' | 'Ř' | 'Ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'þ' | 'Þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => "",
    }
}
