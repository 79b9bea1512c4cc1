//! Entry point: mounts the Quotemark app on the page body.

fn main() {
    console_error_panic_hook::set_once();
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &performance {
        let _ = p.mark("quotemark:mount-start");
    }
    leptos::mount::mount_to_body(quotemark::App);
    // Marks for the page benchmark (scripts/page-bench.mjs): the article and every highlight are in the DOM.
    if let Some(p) = &performance {
        let _ = p.mark("quotemark:mounted");
    }
}
