//! Offline use: a release build registers its service worker (assets/pwa/sw.js, which keeps the
//! build's files so the app opens without the network); a development build (trunk serve)
//! unregisters any, so nothing stale is served. When the build differs from the one that last
//! ran here, a quiet toast says the app was updated. Once the library holds more than a few
//! articles, the browser is asked to keep them until the reader deletes them (persistent
//! storage), and the library shows what is stored.

use super::{save, Ctx};
use crate::browser;
use leptos::prelude::Update;
use crate::persist::mirror::{self, BringBackError, Status};
use crate::persist::settings;
use crate::persist::vault::VaultError;

/// Starts offline use and says once when the app was updated.
pub fn start(ctx: &Ctx) {
    // After the first paint, when the page is idle: the worker's install fetches the build's
    // files, which should not compete with the page's own first load.
    leptos::prelude::request_idle_callback(|| {
        if cfg!(debug_assertions) {
            browser::unregister_service_workers();
        } else {
            browser::register_service_worker("sw.js");
        }
    });
    if ctx.saving.store().persistent() {
        let notices = ctx.notices;
        leptos::task::spawn_local(mirror::start(move |status| {
            notices.vault_steps.try_update(|n| *n += 1);
            match status {
                Status::Ready { .. } => browser::mark("quotemark:vault-ready"),
                Status::Blocked => notices.toast(
                    "Another Quotemark tab runs an older version: close it to finish upgrading the library's storage. Nothing is lost meanwhile.",
                ),
                Status::Failed(VaultError::QuotaExceeded) => notices.toast(
                    "The browser's storage is full, so the second copy of your articles could not be written. Everything is still kept in local storage.",
                ),
                _ => {}
            }
        }));
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

/// Follows another tab's move of an article to or from the browser's database (the library lists
/// it again once this tab's view has followed).
pub fn apply_external(ctx: &Ctx, key: &str, value: Option<&str>) {
    let steps = ctx.notices.vault_steps;
    mirror::another_tab(key, value, move || {
        steps.try_update(|n| *n += 1);
    });
}

/// More articles than this, and the browser is asked to keep them (persistent storage).
pub const KEEP_AFTER: usize = 3;

/// What the browser keeps for Quotemark, for the library.
#[derive(Clone, Debug, PartialEq)]
pub struct StorageUse {
    /// Bytes of Quotemark's records in local storage (UTF-16, as browsers count them).
    pub local: usize,
    /// Bytes of all the site's data and the quota (`navigator.storage.estimate`), where the
    /// browser says.
    pub estimate: Option<(f64, f64)>,
    /// Whether the browser keeps it until the reader deletes it.
    pub persisted: Option<bool>,
    /// How the second copy in the browser's database is doing.
    pub vault: Option<Status>,
}

fn size(bytes: f64) -> String {
    match bytes {
        b if b >= 1e9 => format!("{:.1} GB", b / 1e9),
        b if b >= 1e6 => format!("{:.1} MB", b / 1e6),
        b => format!("{:.0} KB", (b / 1e3).max(1.0)),
    }
}

impl StorageUse {
    /// The sentence the library shows.
    pub fn describe(&self) -> String {
        let mut out = format!("Articles and annotations: {} of local storage (browsers allow about 5 MB).", size(self.local as f64));
        if let Some((usage, quota)) = self.estimate {
            out.push_str(&format!(" All this site's data, app files included: {} of {}.", size(usage), size(quota)));
        }
        match &self.vault {
            Some(Status::Ready { documents, missing }) => {
                out.push_str(&format!(
                    " A second copy of every article and its annotations is kept in the browser's database ({documents} stored)."
                ));
                let (away, _) = crate::persist::away::count();
                if away > 0 {
                    let n = crate::text::count(away, "article is", "articles are");
                    out.push_str(&format!(
                        " {n} kept only there, the least recently opened, to leave room in local storage; they open as the others do."
                    ));
                }
                if *missing > 0 {
                    let n = crate::text::count(*missing, "more article is", "more articles are");
                    out.push_str(&format!(" {n} kept there but missing from this library, as after clearing local storage."));
                }
            }
            Some(Status::Opening) => out.push_str(" Copying the articles to the browser's database…"),
            Some(Status::Blocked) => out.push_str(
                " The browser's database waits for another Quotemark tab on an older version to close.",
            ),
            Some(Status::Failed(e)) => out.push_str(&format!(" No second copy in the browser's database: {e}.")),
            None => {}
        }
        match self.persisted {
            Some(true) => out.push_str(" The browser keeps it until you delete it."),
            Some(false) => out.push_str(" The browser may clear it when space runs low or after weeks without a visit; download a backup to keep a copy."),
            None => {}
        }
        out
    }
}

/// Reads what the browser keeps and passes it to `show`.
pub fn storage_use(ctx: &Ctx, show: impl Fn(StorageUse) + 'static) {
    let local = crate::persist::storage::usage_bytes(&*ctx.saving.store());
    leptos::task::spawn_local(async move {
        let estimate = browser::storage_estimate().await;
        let persisted = browser::storage_persisted().await;
        show(StorageUse { local, estimate, persisted, vault: mirror::status() });
    });
}

/// Whether the vault holds articles local storage lost, to offer back.
pub fn can_bring_back(u: &StorageUse) -> bool {
    matches!(u.vault, Some(Status::Ready { missing, .. }) if missing > 0)
}

/// Brings back the articles only the vault holds (the library's button), says how it went, then
/// shows what the browser keeps; `changed` is bumped so that the library lists them.
pub fn bring_back(ctx: &Ctx, changed: leptos::prelude::RwSignal<u32>, show: impl Fn(StorageUse) + 'static) {
    let ctx = *ctx;
    leptos::task::spawn_local(async move {
        let articles = |n: usize| crate::text::count(n, "article", "articles");
        match mirror::bring_back().await {
            Ok(n) => ctx.notices.toast(&format!("{} brought back from the browser's database.", articles(n))),
            Err(BringBackError::Local { articles: 0, error }) => ctx.notices.toast(&format!(
                "Nothing could be brought back, because {error}; the articles stay in the browser's database."
            )),
            Err(BringBackError::Local { articles: n, error }) => ctx.notices.toast(&format!(
                "{} brought back; the rest stay in the browser's database, because {error}.",
                articles(n)
            )),
            Err(BringBackError::Vault(e)) => ctx.notices.toast(&format!("Nothing could be brought back: {e}.")),
        }
        changed.try_update(|n| *n += 1);
        storage_use(&ctx, show);
    });
}

/// Asks the browser to keep the library once it holds more than [`KEEP_AFTER`] articles (the
/// browser decides; Firefox asks the reader).
pub fn keep_if_large(ctx: &Ctx) {
    let count = crate::persist::library::document_count(&*ctx.saving.store());
    if count > KEEP_AFTER {
        leptos::task::spawn_local(async {
            if browser::storage_persisted().await == Some(false) {
                let _granted = browser::request_persistent_storage().await;
            }
        });
    }
}

/// Asks the browser to keep the library now (the library's button), then shows what it keeps.
pub fn keep_now(ctx: &Ctx, show: impl Fn(StorageUse) + 'static) {
    let ctx = *ctx;
    leptos::task::spawn_local(async move {
        let _granted = browser::request_persistent_storage().await;
        storage_use(&ctx, show);
    });
}
