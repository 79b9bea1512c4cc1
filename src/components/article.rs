//! The article column: title, date and paragraphs of the open document.

use crate::OpenDocument;
use leptos::prelude::*;

#[component]
pub fn ArticleView() -> impl IntoView {
    let OpenDocument(document) = expect_context::<OpenDocument>();
    let title = move || document.with(|d| d.title.clone());
    let date = move || document.with(|d| d.date);
    // Each paragraph is rendered as plain text (never as HTML), keyed by its code-point range so the
    // DOM bridge can map selections back to document offsets.
    let paragraphs = move || {
        document.with(|d| {
            let chars: Vec<char> = d.text.chars().collect();
            d.paragraphs()
                .into_iter()
                .map(|r| (r.start, r.end, chars[r].iter().collect::<String>()))
                .collect::<Vec<_>>()
        })
    };

    view! {
        <main id="article" class="article-column" tabindex="-1">
            <article class="article" aria-labelledby="article-title">
                <header class="article-header">
                    <h1 id="article-title" data-testid="article-title">{title}</h1>
                    {move || {
                        date()
                            .map(|d| {
                                view! {
                                    <p class="article-date">
                                        <time datetime=d.to_iso() data-testid="article-date">
                                            {d.to_long()}
                                        </time>
                                    </p>
                                }
                            })
                    }}
                </header>
                <div class="article-body" data-testid="article-body">
                    <For each=paragraphs key=|(start, end, _)| (*start, *end) let:paragraph>
                        <p
                            class="paragraph"
                            data-testid="paragraph"
                            data-start=paragraph.0
                            data-end=paragraph.1
                        >
                            {paragraph.2}
                        </p>
                    </For>
                </div>
            </article>
        </main>
    }
}
