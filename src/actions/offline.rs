//! Offline use: a release build registers its service worker (assets/pwa/sw.js, which keeps the
//! build's files so the app opens without the network); a development build (trunk serve)
//! unregisters any, so nothing stale is served. When the build differs from the one that last
//! ran here, a quiet toast says the app was updated.

use super::{save, Ctx};
use crate::browser;
use crate::persist::settings;

/// Starts offline use and says once when the app was updated.
pub fn start(ctx: &Ctx) {
    if cfg!(debug_assertions) {
        browser::unregister_service_workers();
    } else {
        browser::register_service_worker("sw.js");
    }
    let Some(build) = browser::build_version() else { return };
    let store = ctx.saving.store();
    let last = settings::last_build(&*store);
    if last.as_deref() == Some(build.as_str()) {
        return;
    }
    if last.is_some() {
        ctx.notices.toast("Quotemark was updated to a new version.");
    }
    save::report_other(ctx, "The app's version", settings::save_build(&*store, &build));
}
