//! Demo content for the embedded default: an About page and the `main` menu, in English and
//! German.

use rustok_content::dto::TranslationInput;
use rustok_content::{ContentContext, Transition};
use rustok_core::EventBus;
use sea_orm::DatabaseConnection;

use crate::dto::{Json, MenuLabelInput, NewMenu, NewMenuItem, NewPage, PageLayoutInput, PagePatch};
use crate::{Block, MenuService, PageService, PagesError};

/// Seeds the About page and the main menu unless the tenant already has menus. Returns whether
/// it seeded. `ctx.locales` should enable `de` (the German texts are skipped otherwise).
pub async fn seed_demo(
    db: &DatabaseConnection,
    events: &EventBus,
    ctx: &ContentContext,
) -> Result<bool, PagesError> {
    let menus = MenuService::new(db, events);
    if !menus.list(ctx).await?.is_empty() {
        return Ok(false);
    }
    let german = "de"
        .parse::<rustok_core::Locale>()
        .is_ok_and(|de| ctx.locales.allows(&de));
    let pages = PageService::new(db, events);
    let about = pages
        .create(
            ctx,
            NewPage {
                translation: texts("en", "About us", "about"),
                blocks: Json(vec![
                    Block::Heading {
                        level: 1,
                        text: "About us".into(),
                    },
                    Block::Text {
                        markdown: "We are a small demo shop running on **RusToK**: the pages, \
                                   the blog, the forum and the shop all come from one server."
                            .into(),
                    },
                    Block::Button {
                        label: "Visit the shop".into(),
                        url: "/products".into(),
                    },
                ]),
                position: 0,
            },
        )
        .await?;
    if german {
        pages
            .update(
                ctx,
                about.id,
                PagePatch {
                    translation: Some(texts("de", "Über uns", "ueber-uns")),
                    layout: Some(PageLayoutInput {
                        locale: "de".into(),
                        blocks: Json(vec![
                            Block::Heading {
                                level: 1,
                                text: "Über uns".into(),
                            },
                            Block::Text {
                                markdown: "Wir sind ein kleiner Demo-Shop mit **RusToK**: Seiten, \
                                           Blog, Forum und Shop kommen aus einem Server."
                                    .into(),
                            },
                            Block::Button {
                                label: "Zum Shop".into(),
                                url: "/products".into(),
                            },
                        ]),
                    }),
                    ..PagePatch::default()
                },
            )
            .await?;
    }
    pages
        .transition(ctx, about.id, Transition::Publish, None)
        .await?;

    let main = menus
        .create(
            ctx,
            NewMenu {
                handle: "main".into(),
                name: "Main navigation".into(),
            },
        )
        .await?;
    let links: [(&str, &str, Option<&str>); 4] = [
        ("Shop", "Shop", Some("/products")),
        ("Blog", "Blog", Some("/blog")),
        ("Forum", "Forum", Some("/forum")),
        ("About us", "Über uns", None),
    ];
    for (position, (en, de, url)) in links.into_iter().enumerate() {
        let mut labels = vec![MenuLabelInput {
            locale: "en".into(),
            label: en.into(),
        }];
        if german {
            labels.push(MenuLabelInput {
                locale: "de".into(),
                label: de.into(),
            });
        }
        menus
            .add_item(
                ctx,
                main.id,
                NewMenuItem {
                    parent_id: None,
                    position: position as i32,
                    page_id: url.is_none().then_some(about.id),
                    url: url.map(str::to_string),
                    labels,
                },
            )
            .await?;
    }
    Ok(true)
}

fn texts(locale: &str, title: &str, slug: &str) -> TranslationInput {
    TranslationInput {
        locale: locale.into(),
        title: title.into(),
        slug: Some(slug.into()),
        excerpt: None,
        seo_title: None,
        seo_description: None,
    }
}
