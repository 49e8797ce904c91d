//! Demo content for the embedded default: a few posts in English and German with a category,
//! tags and an approved comment.

use rustok_content::dto::{
    BodyFormat, BodyInput, CategoryTranslationInput, NewCategory, NodeFilter, NodePatch,
    TranslationInput,
};
use rustok_content::{CategoryService, ContentContext, NodeService, Transition};
use rustok_core::EventBus;
use sea_orm::DatabaseConnection;

use crate::dto::{NewComment, NewPost};
use crate::{BlogError, BlogService, POST};

struct DemoPost {
    title: (&'static str, &'static str),
    body: (&'static str, &'static str),
    tags: &'static [&'static str],
}

const POSTS: &[DemoPost] = &[
    DemoPost {
        title: ("Welcome to RusToK", "Willkommen bei RusToK"),
        body: (
            "This demo shop runs on **RusToK**: content, commerce and events in one Rust binary.\n\n\
             Sign in to the admin with the credentials printed at first start.",
            "Dieser Demo-Shop läuft mit **RusToK**: Inhalte, Shop und Ereignisse in einem \
             Rust-Programm.\n\nMelden Sie sich mit den Zugangsdaten vom ersten Start an.",
        ),
        tags: &["news"],
    },
    DemoPost {
        title: ("Writing in two languages", "Schreiben in zwei Sprachen"),
        body: (
            "Every post can have a translation per enabled locale. Readers asking for a locale \
             the post lacks get the tenant's default language.",
            "Jeder Beitrag kann eine Übersetzung je Sprache haben. Fehlt sie, kommt die \
             Standardsprache des Mandanten.",
        ),
        tags: &["guides", "i18n"],
    },
    DemoPost {
        title: ("Comments are moderated", "Kommentare werden moderiert"),
        body: (
            "Comments wait for a moderator before they appear. Moderators can approve them or \
             mark them as spam.",
            "Kommentare erscheinen erst nach der Freigabe durch die Moderation.",
        ),
        tags: &["guides"],
    },
];

/// Seeds the demo posts unless the tenant already has posts. Returns whether it seeded.
/// `ctx.locales` should enable `de` (the German texts are skipped otherwise).
pub async fn seed_demo(
    db: &DatabaseConnection,
    events: &EventBus,
    ctx: &ContentContext,
) -> Result<bool, BlogError> {
    let existing = NodeService::new(db, events)
        .list(
            ctx,
            NodeFilter {
                kind: Some(POST.into()),
                limit: 1,
                ..NodeFilter::default()
            },
            None,
        )
        .await?;
    if !existing.items.is_empty() {
        return Ok(false);
    }
    let german = "de"
        .parse::<rustok_core::Locale>()
        .is_ok_and(|de| ctx.locales.allows(&de));
    let category = CategoryService::new(db, events)
        .create(
            ctx,
            NewCategory {
                parent_id: None,
                position: 0,
                translation: CategoryTranslationInput {
                    locale: ctx.locales.default.to_string(),
                    name: "News".into(),
                    slug: None,
                    description: Some("What is new in the demo shop".into()),
                },
            },
        )
        .await?;
    let blog = BlogService::new(db, events);
    let nodes = NodeService::new(db, events);
    let mut first = None;
    for post in POSTS {
        let created = blog
            .create_post(
                ctx,
                NewPost {
                    translation: text("en", post.title.0),
                    body: Some(markdown("en", post.body.0)),
                    category_id: Some(category.id),
                    tags: post.tags.iter().map(|t| t.to_string()).collect(),
                    metadata: None,
                },
            )
            .await?;
        if german {
            nodes
                .update(
                    ctx,
                    created.id,
                    NodePatch {
                        translation: Some(text("de", post.title.1)),
                        body: Some(markdown("de", post.body.1)),
                        ..NodePatch::default()
                    },
                )
                .await?;
        }
        blog.transition_post(ctx, created.id, Transition::Publish, None)
            .await?;
        first.get_or_insert(created.id);
    }
    if let Some(post) = first {
        blog.add_comment(
            ctx,
            post,
            NewComment {
                body: "Looks great. Looking forward to the first products!".into(),
                locale: None,
                reply_to: None,
            },
            true,
        )
        .await?;
    }
    Ok(true)
}

fn text(locale: &str, title: &str) -> TranslationInput {
    TranslationInput {
        locale: locale.into(),
        title: title.into(),
        slug: None,
        excerpt: None,
        seo_title: None,
        seo_description: None,
    }
}

fn markdown(locale: &str, source: &str) -> BodyInput {
    BodyInput {
        locale: locale.into(),
        format: BodyFormat::Markdown,
        source: source.into(),
        blocks: None,
    }
}
