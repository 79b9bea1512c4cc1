//! The page header: the app's name and what it is for.

use crate::components::compare::CompareButton;
use crate::components::insights::InsightsButton;
use crate::components::io::ShareMenu;
use crate::components::library::LibraryButtons;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="app-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"“"</span>
                <span class="brand-name">"Quotemark"</span>
            </div>
            <p class="brand-tagline">"Tag quotes and claims. Everything stays in your browser."</p>
            <div class="header-actions">
                <LibraryButtons />
                <InsightsButton />
                <CompareButton />
                <ShareMenu />
            </div>
        </header>
    }
}
