//! PageService and MenuService against a real database: SQLite by default, PostgreSQL with
//! TEST_DATABASE_URL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

use rustok_content::dto::TranslationInput;
use rustok_content::{ContentContext, ContentError, NodeStatus, Transition};
use rustok_outbox::entities::sys_events;
use rustok_pages::dto::{
    Json, MaybeUndefined, MenuItemPatch, MenuLabelInput, MenuNode, MenuPatch, NewMenu, NewMenuItem,
    NewPage, PageLayoutInput, PagePatch,
};
use rustok_pages::{Block, MenuService, PageService, PagesError};
use rustok_testkit::content::{markdown_post, translation};
use rustok_testkit::{TestDb, locale};
use sea_orm::{EntityTrait, PaginatorTrait};
use uuid::Uuid;

/// A fresh database with a writer in tenant `acme` (English and German).
async fn acme() -> (TestDb, ContentContext) {
    TestDb::with_content_writer("pages", "acme").await
}

fn heading(text: &str) -> Block {
    Block::Heading {
        level: 1,
        text: text.into(),
    }
}

fn page(title: &str, blocks: Vec<Block>) -> NewPage {
    NewPage {
        translation: translation("en", title),
        blocks: Json(blocks),
        position: 0,
    }
}

fn new_menu(handle: &str, name: &str) -> NewMenu {
    NewMenu {
        handle: handle.into(),
        name: name.into(),
    }
}

fn label(locale: &str, text: &str) -> MenuLabelInput {
    MenuLabelInput {
        locale: locale.into(),
        label: text.into(),
    }
}

fn url_item(url: &str, labels: Vec<MenuLabelInput>) -> NewMenuItem {
    NewMenuItem {
        parent_id: None,
        position: 0,
        page_id: None,
        url: Some(url.into()),
        labels,
    }
}

fn page_item(page_id: Uuid, labels: Vec<MenuLabelInput>) -> NewMenuItem {
    NewMenuItem {
        parent_id: None,
        position: 0,
        page_id: Some(page_id),
        url: None,
        labels,
    }
}

async fn all_events(h: &TestDb) -> u64 {
    sys_events::Entity::find().count(&h.db).await.unwrap()
}

fn invalid<T: std::fmt::Debug>(field: &str, result: Result<T, PagesError>) {
    assert!(
        matches!(result, Err(PagesError::Invalid { field: f, .. }) if f == field),
        "{field}: {result:?}"
    );
}

fn labels_of(nodes: &[MenuNode]) -> Vec<&str> {
    nodes.iter().map(|n| n.label.as_str()).collect()
}

#[tokio::test]
async fn a_page_stores_its_blocks_and_their_rendering() {
    let (h, ctx) = acme().await;
    let pages = PageService::new(&h.db, &h.events);
    let blocks = vec![
        heading("About us"),
        Block::Text {
            markdown: "We **build** things.".into(),
        },
        Block::Columns {
            columns: vec![
                vec![Block::Image {
                    url: "/img/team.jpg".into(),
                    alt: "Team".into(),
                }],
                vec![Block::Button {
                    label: "Contact".into(),
                    url: "https://example.test/contact".into(),
                }],
            ],
        },
    ];
    let created = pages
        .create(&ctx, page("About", blocks.clone()))
        .await
        .unwrap();
    assert_eq!(
        (
            created.slug.as_str(),
            created.status.as_str(),
            created.locale.as_str()
        ),
        ("about", "draft", "en")
    );
    assert_eq!(created.blocks.0, blocks);
    assert!(
        created.html.contains("<h1>About us</h1>"),
        "{}",
        created.html
    );
    assert!(created.html.contains("<strong>build</strong>"));
    assert!(created.html.contains("src=\"/img/team.jpg\""));

    let read = pages.get(&ctx, created.id, None).await.unwrap();
    assert_eq!(read, created);

    let updated = pages
        .update(
            &ctx,
            created.id,
            PagePatch {
                layout: Some(PageLayoutInput {
                    locale: "en".into(),
                    blocks: Json(vec![heading("Who we are")]),
                }),
                expected_version: Some(1),
                ..PagePatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.version, 2);
    assert_eq!(updated.blocks.0, vec![heading("Who we are")]);

    pages.delete(&ctx, created.id).await.unwrap();
    assert!(matches!(
        pages.get(&ctx, created.id, None).await,
        Err(PagesError::PageNotFound)
    ));
}

#[tokio::test]
async fn scripts_and_javascript_urls_never_get_in() {
    let (h, ctx) = acme().await;
    let pages = PageService::new(&h.db, &h.events);
    let hostile = vec![
        Block::Html {
            html: "<script>alert(1)</script><p onclick=\"x()\">hi</p><iframe src=\"https://evil.test\"></iframe>".into(),
        },
        Block::Text {
            markdown: "[click](javascript:alert(1)) <img src=x onerror=alert(1)>".into(),
        },
        heading("<script>alert(1)</script>"),
    ];
    let created = pages.create(&ctx, page("Hostile", hostile)).await.unwrap();
    let html = created.html.to_lowercase();
    for bad in ["<script", "onclick", "onerror", "javascript:", "<iframe"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }

    for url in ["javascript:alert(1)", "data:text/html,x", "//evil.test"] {
        let button = Block::Button {
            label: "x".into(),
            url: url.into(),
        };
        let refused = pages.create(&ctx, page("Bad link", vec![button])).await;
        assert!(
            matches!(refused, Err(PagesError::Invalid { field: "url", .. })),
            "{url}: {refused:?}"
        );
    }
    let too_many = vec![heading("x"); rustok_pages::blocks::MAX_BLOCKS + 1];
    invalid("blocks", pages.create(&ctx, page("Huge", too_many)).await);
}

#[tokio::test]
async fn translations_fall_back_and_slugs_find_pages_in_any_locale() {
    let (h, ctx) = acme().await;
    let pages = PageService::new(&h.db, &h.events);
    let about = pages
        .create(&ctx, page("About", vec![heading("About")]))
        .await
        .unwrap();
    let german = pages
        .update(
            &ctx,
            about.id,
            PagePatch {
                translation: Some(TranslationInput {
                    slug: Some("ueber-uns".into()),
                    ..translation("de", "Über uns")
                }),
                layout: Some(PageLayoutInput {
                    locale: "de".into(),
                    blocks: Json(vec![heading("Über uns")]),
                }),
                ..PagePatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (german.locale.as_str(), german.slug.as_str()),
        ("de", "ueber-uns")
    );
    assert_eq!(german.blocks.0, vec![heading("Über uns")]);

    // By the German slug, in German; by the English slug, asked in German, still German.
    let by_de = pages
        .get_by_slug(&ctx, "ueber-uns", Some(&locale("de")))
        .await
        .unwrap();
    assert_eq!((by_de.id, by_de.title.as_str()), (about.id, "Über uns"));
    let by_en = pages
        .get_by_slug(&ctx, "about", Some(&locale("de")))
        .await
        .unwrap();
    assert_eq!(by_en.locale, "de");
    // No French: the tenant default.
    let fallback = pages
        .get(&ctx, about.id, Some(&locale("fr")))
        .await
        .unwrap();
    assert_eq!(
        (fallback.locale.as_str(), fallback.title.as_str()),
        ("en", "About")
    );
    assert!(matches!(
        pages.get_by_slug(&ctx, "nope", None).await,
        Err(PagesError::PageNotFound)
    ));
}

#[tokio::test]
async fn the_workflow_and_listing_follow_content() {
    let (h, ctx) = acme().await;
    let pages = PageService::new(&h.db, &h.events);
    let draft = pages.create(&ctx, page("Draft", vec![])).await.unwrap();
    let live = pages.create(&ctx, page("Live", vec![])).await.unwrap();
    let published = pages
        .transition(&ctx, live.id, Transition::Publish, None)
        .await
        .unwrap();
    assert_eq!(published.status, "published");
    assert!(published.published_at.is_some());
    assert!(matches!(
        pages
            .transition(&ctx, draft.id, Transition::Restore, None)
            .await,
        Err(PagesError::Content(ContentError::InvalidTransition { .. }))
    ));

    let public = pages
        .list(&ctx, Some(NodeStatus::Published), None, None, 20)
        .await
        .unwrap();
    assert_eq!(
        public.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![live.id]
    );
    // Everything, one per page, with an opaque cursor.
    let first = pages.list(&ctx, None, None, None, 1).await.unwrap();
    assert_eq!(first.items.len(), 1);
    let second = pages
        .list(&ctx, None, None, first.next_cursor.clone(), 1)
        .await
        .unwrap();
    assert_eq!(second.items.len(), 1);
    assert_ne!(first.items[0].id, second.items[0].id);
    assert!(second.next_cursor.is_none());
}

#[tokio::test]
async fn other_node_kinds_are_not_pages() {
    let (h, ctx) = acme().await;
    let nodes = rustok_content::NodeService::new(&h.db, &h.events);
    let post = nodes
        .create(
            &ctx,
            rustok_content::dto::NewNode {
                body: None,
                ..markdown_post("A post", "")
            },
        )
        .await
        .unwrap();
    let pages = PageService::new(&h.db, &h.events);
    assert!(matches!(
        pages.get(&ctx, post.id, None).await,
        Err(PagesError::PageNotFound)
    ));
    assert!(matches!(
        pages.delete(&ctx, post.id).await,
        Err(PagesError::PageNotFound)
    ));
    assert!(matches!(
        pages.get_by_slug(&ctx, "a-post", None).await,
        Err(PagesError::PageNotFound)
    ));
    let menus = MenuService::new(&h.db, &h.events);
    let menu = menus.create(&ctx, new_menu("main", "Main")).await.unwrap();
    invalid(
        "page_id",
        menus
            .add_item(&ctx, menu.id, page_item(post.id, vec![label("en", "Post")]))
            .await,
    );
}

#[tokio::test]
async fn menus_nest_link_and_translate() {
    let (h, ctx) = acme().await;
    let pages = PageService::new(&h.db, &h.events);
    let menus = MenuService::new(&h.db, &h.events);
    let about = pages.create(&ctx, page("About", vec![])).await.unwrap();
    pages
        .update(
            &ctx,
            about.id,
            PagePatch {
                translation: Some(TranslationInput {
                    slug: Some("ueber-uns".into()),
                    ..translation("de", "Über uns")
                }),
                ..PagePatch::default()
            },
        )
        .await
        .unwrap();
    pages
        .transition(&ctx, about.id, Transition::Publish, None)
        .await
        .unwrap();
    let secret = pages.create(&ctx, page("Secret", vec![])).await.unwrap();

    let menu = menus
        .create(&ctx, new_menu("main", "Main menu"))
        .await
        .unwrap();
    let company = menus
        .add_item(
            &ctx,
            menu.id,
            url_item(
                "/company",
                vec![label("en", "Company"), label("de", "Firma")],
            ),
        )
        .await
        .unwrap();
    let mut about_item = page_item(about.id, vec![label("en", "About us")]);
    about_item.parent_id = Some(company.id);
    menus.add_item(&ctx, menu.id, about_item).await.unwrap();
    let mut secret_item = page_item(secret.id, vec![label("en", "Secret")]);
    secret_item.parent_id = Some(company.id);
    secret_item.position = 1;
    menus.add_item(&ctx, menu.id, secret_item).await.unwrap();
    let mut blog = url_item("https://blog.example.test", vec![label("en", "Blog")]);
    blog.position = 1;
    menus.add_item(&ctx, menu.id, blog).await.unwrap();

    // Readers: German labels with fallback, page slugs in German, the draft page left out.
    let tree = menus
        .tree(&ctx, "main", Some(&locale("de")), false)
        .await
        .unwrap();
    assert_eq!(labels_of(&tree.items), vec!["Firma", "Blog"]);
    assert_eq!(tree.items[1].locale, "en", "no German label: fallback");
    let children = &tree.items[0].children;
    assert_eq!(labels_of(children), vec!["About us"]);
    assert_eq!(children[0].page_slug.as_deref(), Some("ueber-uns"));
    assert_eq!(children[0].url, None);
    // Staff see the item of the draft page too.
    let staff = menus.tree(&ctx, "main", None, true).await.unwrap();
    assert_eq!(
        labels_of(&staff.items[0].children),
        vec!["About us", "Secret"]
    );

    // Relabel, relink and move.
    let blog_id = menus
        .get(&ctx, menu.id)
        .await
        .unwrap()
        .items
        .iter()
        .find(|i| i.url.as_deref() == Some("https://blog.example.test"))
        .unwrap()
        .id;
    menus
        .update_item(
            &ctx,
            menu.id,
            blog_id,
            MenuItemPatch {
                parent_id: MaybeUndefined::Value(company.id),
                position: Some(5),
                url: Some("/blog".into()),
                labels: Some(vec![label("de", "Blog (de)")]),
                ..MenuItemPatch::default()
            },
        )
        .await
        .unwrap();
    let tree = menus
        .tree(&ctx, "main", Some(&locale("de")), false)
        .await
        .unwrap();
    assert_eq!(labels_of(&tree.items), vec!["Firma"]);
    assert_eq!(
        labels_of(&tree.items[0].children),
        vec!["About us", "Blog (de)"]
    );
    assert_eq!(tree.items[0].children[1].url.as_deref(), Some("/blog"));
    // An item cannot move under its own child.
    invalid(
        "parent_id",
        menus
            .update_item(
                &ctx,
                menu.id,
                company.id,
                MenuItemPatch {
                    parent_id: MaybeUndefined::Value(blog_id),
                    ..MenuItemPatch::default()
                },
            )
            .await,
    );

    // Deleting the parent takes the children with it; a deleted page drops its item.
    pages.delete(&ctx, about.id).await.unwrap();
    let view = menus.get(&ctx, menu.id).await.unwrap();
    assert_eq!(view.items.len(), 4, "items stay until edited");
    assert!(
        menus.tree(&ctx, "main", None, true).await.unwrap().items[0]
            .children
            .iter()
            .all(|c| c.page_id != Some(about.id))
    );
    menus.delete_item(&ctx, menu.id, company.id).await.unwrap();
    assert!(menus.get(&ctx, menu.id).await.unwrap().items.is_empty());
}

#[tokio::test]
async fn menu_input_is_checked() {
    let (h, ctx) = acme().await;
    let menus = MenuService::new(&h.db, &h.events);
    let menu = menus.create(&ctx, new_menu("main", "Main")).await.unwrap();
    let taken = menus.create(&ctx, new_menu("main", "Again")).await;
    assert!(
        matches!(taken, Err(PagesError::HandleTaken(ref h)) if h == "main"),
        "{taken:?}"
    );
    invalid(
        "url",
        menus
            .add_item(
                &ctx,
                menu.id,
                url_item("javascript:alert(1)", vec![label("en", "x")]),
            )
            .await,
    );
    let mut both = url_item("/x", vec![label("en", "x")]);
    both.page_id = Some(Uuid::new_v4());
    invalid("link", menus.add_item(&ctx, menu.id, both).await);
    invalid(
        "labels",
        menus.add_item(&ctx, menu.id, url_item("/x", vec![])).await,
    );
    invalid(
        "locale",
        menus
            .add_item(&ctx, menu.id, url_item("/x", vec![label("fr", "x")]))
            .await,
    );
    invalid(
        "label",
        menus
            .add_item(&ctx, menu.id, url_item("/x", vec![label("en", " ")]))
            .await,
    );
    invalid(
        "page_id",
        menus
            .add_item(
                &ctx,
                menu.id,
                page_item(Uuid::new_v4(), vec![label("en", "x")]),
            )
            .await,
    );
    invalid(
        "handle",
        menus.create(&ctx, new_menu("Not A Handle", "x")).await,
    );

    // Nesting stops at the depth limit.
    let mut parent = None;
    for level in 1..=rustok_pages::MAX_MENU_DEPTH {
        let mut item = url_item("/x", vec![label("en", &format!("level {level}"))]);
        item.parent_id = parent;
        parent = Some(menus.add_item(&ctx, menu.id, item).await.unwrap().id);
    }
    let mut too_deep = url_item("/x", vec![label("en", "too deep")]);
    too_deep.parent_id = parent;
    invalid("parent_id", menus.add_item(&ctx, menu.id, too_deep).await);
}

#[tokio::test]
async fn every_write_emits_one_event_and_a_failed_one_none() {
    let (h, ctx) = acme().await;
    let pages = PageService::new(&h.db, &h.events);
    let menus = MenuService::new(&h.db, &h.events);

    let about = pages.create(&ctx, page("About", vec![])).await.unwrap();
    pages
        .transition(&ctx, about.id, Transition::Publish, None)
        .await
        .unwrap();
    assert_eq!(h.events_of("content.node_created").await, 1);
    assert_eq!(h.events_of("content.node_published").await, 1);

    let menu = menus.create(&ctx, new_menu("main", "Main")).await.unwrap();
    assert_eq!(h.events_of("pages.menu_created").await, 1);
    menus
        .update(
            &ctx,
            menu.id,
            MenuPatch {
                name: Some("Main navigation".into()),
                ..MenuPatch::default()
            },
        )
        .await
        .unwrap();
    let item = menus
        .add_item(
            &ctx,
            menu.id,
            page_item(about.id, vec![label("en", "About")]),
        )
        .await
        .unwrap();
    menus
        .update_item(
            &ctx,
            menu.id,
            item.id,
            MenuItemPatch {
                position: Some(2),
                ..MenuItemPatch::default()
            },
        )
        .await
        .unwrap();
    menus.delete_item(&ctx, menu.id, item.id).await.unwrap();
    assert_eq!(h.events_of("pages.menu_updated").await, 4);

    // Refused writes leave no event behind.
    let before = all_events(&h).await;
    let _ = menus
        .create(&ctx, new_menu("main", "Clash"))
        .await
        .unwrap_err();
    let _ = menus
        .add_item(
            &ctx,
            menu.id,
            url_item("javascript:x", vec![label("en", "x")]),
        )
        .await
        .unwrap_err();
    let _ = menus.delete_item(&ctx, menu.id, item.id).await.unwrap_err();
    let _ = pages.create(&ctx, page("About", vec![])).await.unwrap_err();
    assert_eq!(all_events(&h).await, before);

    menus.delete(&ctx, menu.id).await.unwrap();
    assert_eq!(h.events_of("pages.menu_deleted").await, 1);
    assert!(matches!(
        menus.get(&ctx, menu.id).await,
        Err(PagesError::MenuNotFound)
    ));
}

#[tokio::test]
async fn tenants_never_reach_each_others_pages_and_menus() {
    let (h, acme) = acme().await;
    let globex = h.content_writer("globex").await;
    let pages = PageService::new(&h.db, &h.events);
    let menus = MenuService::new(&h.db, &h.events);
    let about = pages.create(&acme, page("About", vec![])).await.unwrap();
    pages
        .transition(&acme, about.id, Transition::Publish, None)
        .await
        .unwrap();
    let menu = menus.create(&acme, new_menu("main", "Main")).await.unwrap();
    let item = menus
        .add_item(&acme, menu.id, url_item("/x", vec![label("en", "X")]))
        .await
        .unwrap();

    assert!(matches!(
        pages.get(&globex, about.id, None).await,
        Err(PagesError::PageNotFound)
    ));
    assert!(matches!(
        pages.get_by_slug(&globex, "about", None).await,
        Err(PagesError::PageNotFound)
    ));
    assert!(matches!(
        pages.delete(&globex, about.id).await,
        Err(PagesError::PageNotFound)
    ));
    assert!(matches!(
        menus.get(&globex, menu.id).await,
        Err(PagesError::MenuNotFound)
    ));
    assert!(matches!(
        menus.tree(&globex, "main", None, true).await,
        Err(PagesError::MenuNotFound)
    ));
    assert!(matches!(
        menus.delete(&globex, menu.id).await,
        Err(PagesError::MenuNotFound)
    ));
    assert!(matches!(
        menus.delete_item(&globex, menu.id, item.id).await,
        Err(PagesError::MenuNotFound)
    ));
    // Globex's own menu cannot link to acme's page or adopt acme's item.
    let theirs = menus
        .create(&globex, new_menu("main", "Main"))
        .await
        .unwrap();
    invalid(
        "page_id",
        menus
            .add_item(
                &globex,
                theirs.id,
                page_item(about.id, vec![label("en", "Stolen")]),
            )
            .await,
    );
    let mut adopt = url_item("/y", vec![label("en", "Y")]);
    adopt.parent_id = Some(item.id);
    invalid("parent_id", menus.add_item(&globex, theirs.id, adopt).await);
    assert!(matches!(
        menus
            .update_item(&globex, theirs.id, item.id, MenuItemPatch::default())
            .await,
        Err(PagesError::MenuItemNotFound)
    ));
    assert_eq!(menus.get(&acme, menu.id).await.unwrap().items.len(), 1);
}
