//! The annotation side panel. Until something is tagged it explains how to start.

use leptos::prelude::*;

#[component]
pub fn AnnotationPanel() -> impl IntoView {
    view! {
        <aside class="panel" aria-labelledby="panel-title" data-testid="annotation-panel">
            <h2 id="panel-title" class="panel-title">"Annotations"</h2>
            <div class="empty-state" data-testid="empty-state">
                <p class="empty-lead">"Nothing tagged yet."</p>
                <ol class="empty-steps">
                    <li>"Select a passage in the article."</li>
                    <li>
                        "Press " <kbd>"Q"</kbd> " to tag it as a " <strong>"quote"</strong>
                        " — who said it, and how."
                    </li>
                    <li>
                        "Press " <kbd>"C"</kbd> " to tag it as a " <strong>"claim"</strong>
                        " — an assertion worth checking."
                    </li>
                </ol>
                <p class="empty-note">
                    "Your annotations are kept in this browser only, and you can share them as a file."
                </p>
            </div>
        </aside>
    }
}
