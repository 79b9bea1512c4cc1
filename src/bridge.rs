//! The DOM bridge: browser `Selection`/`Range` positions ↔ code-point offsets into the document text.
//!
//! The article body renders each paragraph as an element with `data-start`/`data-end` (its code-point
//! range in the document text) whose text content is exactly that slice of the text, split across
//! text nodes and highlight spans. DOM positions count UTF-16 code units; this module is the only
//! place that converts them (through [`quotemark_core::offsets`]).

use quotemark_core::model::Span;
use quotemark_core::offsets::OffsetIndex;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Range};

/// The selector of a paragraph element inside the article body.
pub const PARAGRAPH_SELECTOR: &str = "p[data-start][data-end]";

/// The current selection in `body` as a span of the document text, trimmed of white space at both
/// ends. `None` when nothing is selected, the selection is collapsed or only white space, or it lies
/// wholly outside `body`.
pub fn selection_span(body: &Element, text: &str) -> Option<Span> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.range_count() == 0 || selection.is_collapsed() {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    range_to_span(body, &range, text)
}

/// Maps a DOM range to a trimmed span of the document text. Endpoints outside `body` are clamped to
/// its start or end when the range still crosses it.
pub fn range_to_span(body: &Element, range: &Range, text: &str) -> Option<Span> {
    let total = text.chars().count();
    let body_node: &Node = body.as_ref();
    if !range.intersects_node(body_node).unwrap_or(false) {
        return None;
    }
    let start_node = range.start_container().ok()?;
    let end_node = range.end_container().ok()?;
    let start = if body_node.contains(Some(&start_node)) {
        point_to_offset(body, &start_node, range.start_offset().ok()?)?
    } else {
        0
    };
    let end = if body_node.contains(Some(&end_node)) {
        point_to_offset(body, &end_node, range.end_offset().ok()?)?
    } else {
        total
    };
    trim(text, start.min(total), end.min(total))
}

/// The selection inside `body` as offsets, untrimmed and without the document text: used to carry
/// a selection made in the pre-rendered article (index.html) over to the app's.
pub fn selected_offsets(body: &Element) -> Option<Span> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.range_count() == 0 || selection.is_collapsed() {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let body_node: &Node = body.as_ref();
    let (start_node, end_node) = (range.start_container().ok()?, range.end_container().ok()?);
    if !body_node.contains(Some(&start_node)) || !body_node.contains(Some(&end_node)) {
        return None;
    }
    let start = point_to_offset(body, &start_node, range.start_offset().ok()?)?;
    let end = point_to_offset(body, &end_node, range.end_offset().ok()?)?;
    (start < end).then(|| Span::new(start, end))
}

/// Selects `span` of the document text inside `body` (nothing happens if it is not rendered there).
pub fn select_span(body: &Element, span: Span) {
    let Some(range) = span_to_range(body, span) else { return };
    if let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.remove_all_ranges();
        let _ = selection.add_range(&range);
    }
}

/// Narrows `[start, end)` past white space at both ends; `None` if nothing is left.
pub fn trim(text: &str, start: usize, end: usize) -> Option<Span> {
    if start >= end {
        return None;
    }
    let chars: Vec<char> = text.chars().skip(start).take(end - start).collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    if lead == chars.len() {
        return None;
    }
    let trail = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    Some(Span::new(start + lead, end - trail))
}

/// The paragraph element that holds `node`, if it is inside `body`.
fn paragraph_of(body: &Element, node: &Node) -> Option<Element> {
    let element = match node.dyn_ref::<Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    let paragraph = element.closest(PARAGRAPH_SELECTOR).ok()??;
    body.contains(Some(paragraph.as_ref())).then_some(paragraph)
}

fn data_offset(element: &Element, name: &str) -> Option<usize> {
    element.get_attribute(name)?.parse().ok()
}

/// The document offset of the DOM point (`node`, `offset`) inside `body`.
fn point_to_offset(body: &Element, node: &Node, offset: u32) -> Option<usize> {
    if let Some(paragraph) = paragraph_of(body, node) {
        let base = data_offset(&paragraph, "data-start")?;
        // Everything from the paragraph's start to the point, as the DOM counts it (UTF-16).
        let before = web_sys::window()?.document()?.create_range().ok()?;
        before.set_start(paragraph.as_ref(), 0).ok()?;
        before.set_end(node, offset).ok()?;
        let utf16 = before.to_string().length() as usize;
        let paragraph_text = paragraph.text_content().unwrap_or_default();
        return Some(base + OffsetIndex::new(&paragraph_text).utf16_to_char(utf16));
    }
    // A point between paragraphs (in the body or a wrapper): the start of the next paragraph, or the
    // end of the last one before it.
    let paragraphs = body.query_selector_all(PARAGRAPH_SELECTOR).ok()?;
    let point = web_sys::window()?.document()?.create_range().ok()?;
    point.set_start(node, offset).ok()?;
    let mut last_end = 0;
    for i in 0..paragraphs.length() {
        let p: Element = paragraphs.item(i)?.unchecked_into();
        // Is the point before this paragraph's start?
        let p_range = web_sys::window()?.document()?.create_range().ok()?;
        p_range.select_node_contents(p.as_ref()).ok()?;
        if point.compare_boundary_points(Range::START_TO_START, &p_range).ok()? <= 0 {
            return data_offset(&p, "data-start");
        }
        last_end = data_offset(&p, "data-end")?;
    }
    Some(last_end)
}

/// A DOM range covering `span` of the document text inside `body`, or `None` if the span is not
/// rendered there.
pub fn span_to_range(body: &Element, span: Span) -> Option<Range> {
    let document = web_sys::window()?.document()?;
    let range = document.create_range().ok()?;
    let (start_node, start_offset) = offset_to_point(body, span.start, false)?;
    let (end_node, end_offset) = offset_to_point(body, span.end, true)?;
    range.set_start(&start_node, start_offset).ok()?;
    range.set_end(&end_node, end_offset).ok()?;
    Some(range)
}

/// The DOM point (text node, UTF-16 offset) for a document offset. At a paragraph boundary, `at_end`
/// picks the end of the earlier paragraph rather than the start of the later one.
fn offset_to_point(body: &Element, offset: usize, at_end: bool) -> Option<(Node, u32)> {
    let paragraphs = body.query_selector_all(PARAGRAPH_SELECTOR).ok()?;
    let mut chosen = None;
    for i in 0..paragraphs.length() {
        let p: Element = paragraphs.item(i)?.unchecked_into();
        let (start, end) = (data_offset(&p, "data-start")?, data_offset(&p, "data-end")?);
        let inside = if at_end { start < offset && offset <= end } else { start <= offset && offset < end };
        if inside {
            chosen = Some((p, offset - start));
            break;
        }
        if !at_end && offset < start {
            // Between paragraphs: the start of the next one.
            chosen = Some((p, 0));
            break;
        }
        if at_end && offset <= start {
            break;
        }
        chosen = at_end.then_some((p, end - start));
    }
    let (paragraph, local) = chosen?;
    let text = paragraph.text_content().unwrap_or_default();
    let mut remaining = OffsetIndex::new(&text).char_to_utf16(local) as u32;
    let mut last_text = None;
    let mut stack = vec![Node::from(paragraph)];
    // Depth-first, in document order, over the paragraph's text nodes.
    while let Some(node) = stack.pop() {
        if node.node_type() == Node::TEXT_NODE {
            let len = node.text_content().map(|t| t.encode_utf16().count() as u32).unwrap_or(0);
            if remaining < len || (remaining == len && at_end) {
                return Some((node, remaining));
            }
            remaining -= len;
            last_text = Some(node);
            continue;
        }
        let children = node.child_nodes();
        for i in (0..children.length()).rev() {
            stack.push(children.item(i)?);
        }
    }
    last_text.map(|n| {
        let len = n.text_content().map(|t| t.encode_utf16().count() as u32).unwrap_or(0);
        (n, len)
    })
}
