//! Entry point: mounts the Quotemark app on the page body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(quotemark::App);
}
