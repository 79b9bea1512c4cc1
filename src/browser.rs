//! Browser glue: the clock, random ids, performance marks, the URL, downloads, the clipboard, focus,
//! scrolling and the service worker. Small wrappers over `web_sys` with no app state, so that actions and views say
//! what they want and this module says how the browser does it.

use quotemark_core::document::DocumentId;
use quotemark_core::model::{AnnotationId, Timestamp};
use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Now, as a model timestamp.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// A fresh random annotation id (UUID v4 from the browser's crypto).
pub fn new_id() -> AnnotationId {
    let mut bytes = [0u8; 16];
    let filled = window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = ((js_sys::Math::random() * 256.0) as u8).wrapping_add(i as u8);
        }
    }
    AnnotationId::from_random_bytes(bytes)
}

/// A performance mark for the page benchmark.
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A performance measure from a mark to now, for the page benchmark.
pub fn measure(name: &str, from: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, from);
    }
}

/// Sets the tab's title.
pub fn set_title(title: &str) {
    if let Some(doc) = window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// The URL's fragment without its `#`.
pub fn hash() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default().trim_start_matches('#').to_string()
}

/// The document the URL names (`#doc=<32 hex>`), whether or not it is stored here.
pub fn document_in_hash() -> Option<DocumentId> {
    let hash = hash();
    let hex = hash.split('&').find_map(|p| p.strip_prefix("doc="))?;
    Some(DocumentId(format!("sha256:{hex}")))
}

/// Names the open document in the URL (`#doc=<id>`), as a new history entry so that Back returns
/// to the one before.
pub fn set_document_hash(id: &DocumentId) {
    let Some(window) = window() else { return };
    let hash = format!("#doc={}", id.short());
    if window.location().hash().ok().as_deref() != Some(hash.as_str()) {
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&hash));
        }
    }
}

/// Removes the fragment from the URL without a new history entry (after reading a share link).
pub fn clear_hash() {
    let Some(window) = window() else { return };
    let location = window.location();
    let clean = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
    }
}

/// Loads the page again.
pub fn reload() {
    if let Some(window) = window() {
        let _ = window.location().reload();
    }
}

/// The page's URL without its fragment.
pub fn base_url() -> String {
    let Some(l) = window().map(|w| w.location()) else { return String::new() };
    format!("{}{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default(), l.search().unwrap_or_default())
}

/// Another document starts at its top.
pub fn scroll_to_top() {
    if let Some(window) = window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Clears the reader's text selection.
pub fn clear_selection() {
    if let Some(selection) = window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = selection.remove_all_ranges();
    }
}

/// Whether the page has a text selection that is not collapsed.
pub fn has_selection() -> bool {
    window().and_then(|w| w.get_selection().ok().flatten()).is_some_and(|s| !s.is_collapsed())
}

/// Moves keyboard focus to the first of these elements (by id) that exists.
pub fn focus_first(ids: &[&str]) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if let Some(el) = ids.iter().find_map(|id| doc.get_element_by_id(id)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Offers `contents` as a file download.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Writes `text` to the clipboard; whether the browser allowed it.
pub async fn copy_text(text: &str) -> bool {
    let Some(clipboard) = window().map(|w| w.navigator().clipboard()) else { return false };
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// Reads a file as text (`None`: it could not be read).
pub async fn file_text(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?.as_string()
}

/// Reads a file's bytes (`None`: it could not be read).
pub async fn file_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Waits for the next animation frame (so that the browser paints what changed before a long,
/// synchronous step).
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Whether a keyboard event happened in a text field (where letters are typing, not shortcuts).
pub fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
        matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || e.closest("[contenteditable]").ok().flatten().is_some()
    })
}

/// This build's version, from index.html's `<meta name="quotemark-build">` (filled in by the
/// build hook, scripts/service-worker.mjs); `None` when the page has none.
pub fn build_version() -> Option<String> {
    let meta = window()?.document()?.query_selector("meta[name=quotemark-build]").ok()??;
    meta.get_attribute("content").filter(|v| !v.is_empty())
}

/// The page's service worker container, where the browser has one (secure pages only).
fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?.then(|| navigator.service_worker())
}

/// Registers the service worker at `url`, quietly: where there is none, or it fails, the app
/// works as before, online.
pub fn register_service_worker(url: &str) {
    if let Some(sw) = service_workers() {
        let promise = sw.register(url);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Unregisters every service worker of this page's origin (a development build must not be
/// served from an earlier build's cache).
pub fn unregister_service_workers() {
    let Some(sw) = service_workers() else { return };
    let promise = sw.get_registrations();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(list) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        for r in js_sys::Array::from(&list).iter() {
            if let Ok(r) = r.dyn_into::<web_sys::ServiceWorkerRegistration>() {
                if let Ok(p) = r.unregister() {
                    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
                }
            }
        }
    });
}

/// The page's storage manager, where the browser has one (secure pages only).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).ok()?.then(|| navigator.storage())
}

async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise.ok()?).await.ok()
}

/// What the browser says this site stores and may store, in bytes (`navigator.storage.estimate`).
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let estimate = settle(storage_manager()?.estimate()).await?;
    let field = |name: &str| js_sys::Reflect::get(&estimate, &JsValue::from_str(name)).ok()?.as_f64();
    Some((field("usage")?, field("quota")?))
}

/// Whether the browser keeps this site's data until the reader deletes it.
pub async fn storage_persisted() -> Option<bool> {
    settle(storage_manager()?.persisted()).await?.as_bool()
}

/// Asks the browser to keep this site's data until the reader deletes it; whether it will.
pub async fn request_persistent_storage() -> Option<bool> {
    settle(storage_manager()?.persist()).await?.as_bool()
}
