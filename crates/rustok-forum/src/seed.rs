//! Demo content for the embedded default: a forum category with two topics (one pinned, with a
//! reply), in English and German.

use rustok_content::{ContentContext, NodeFlags};
use rustok_core::EventBus;
use sea_orm::DatabaseConnection;

use crate::dto::{
    EditRight, ForumPatch, Listed, Listing, NewForum, NewReply, NewTopic, TopicPatch, Visibility,
};
use crate::{ForumError, ForumService};

/// Seeds the demo forum unless the tenant already has one. Returns whether it seeded.
/// `ctx.locales` should enable `de` (the German texts are skipped otherwise).
pub async fn seed_demo(
    db: &DatabaseConnection,
    events: &EventBus,
    ctx: &ContentContext,
) -> Result<bool, ForumError> {
    let service = ForumService::new(db, events);
    let existing = service
        .list(
            ctx,
            Listed::Forums,
            Listing {
                visibility: Visibility::All,
                locale: None,
                after: None,
                limit: 1,
            },
        )
        .await?;
    if !existing.items.is_empty() {
        return Ok(false);
    }
    let german = "de"
        .parse::<rustok_core::Locale>()
        .is_ok_and(|de| ctx.locales.allows(&de));
    let forum = service
        .create_forum(
            ctx,
            NewForum {
                locale: Some("en".into()),
                title: "General discussion".into(),
                slug: None,
                description: Some("Questions, ideas and feedback about the shop".into()),
                position: 0,
            },
        )
        .await?;
    if german {
        service
            .update_forum(
                ctx,
                forum.id,
                ForumPatch {
                    locale: Some("de".into()),
                    title: Some("Allgemeine Diskussion".into()),
                    description: Some("Fragen, Ideen und Rückmeldungen zum Shop".into()),
                    ..ForumPatch::default()
                },
            )
            .await?;
    }
    let topics = [
        (
            ("Forum rules", "Forenregeln"),
            (
                "Be kind, stay on topic, no spam. Moderators may lock or remove posts.",
                "Seid freundlich, bleibt beim Thema, kein Spam.",
            ),
        ),
        (
            (
                "Which size should I order?",
                "Welche Größe soll ich bestellen?",
            ),
            (
                "The T-shirts run a little small. Does anyone have experience with the **M**?",
                "Die T-Shirts fallen klein aus. Hat jemand Erfahrung mit **M**?",
            ),
        ),
    ];
    let mut created = Vec::new();
    for ((title_en, title_de), (body_en, body_de)) in topics {
        let topic = service
            .create_topic(
                ctx,
                forum.id,
                NewTopic {
                    locale: Some("en".into()),
                    title: title_en.into(),
                    body: body_en.into(),
                },
            )
            .await?;
        if german {
            service
                .update_topic(
                    ctx,
                    topic.id,
                    TopicPatch {
                        locale: Some("de".into()),
                        title: Some(title_de.into()),
                        body: Some(body_de.into()),
                        expected_version: None,
                    },
                    EditRight::Any,
                )
                .await?;
        }
        created.push(topic.id);
    }
    if let [rules, question] = created[..] {
        service
            .moderate_topic(
                ctx,
                rules,
                NodeFlags {
                    pinned: Some(true),
                    locked: Some(true),
                },
            )
            .await?;
        service
            .create_reply(
                ctx,
                question,
                NewReply {
                    locale: Some("en".into()),
                    body: "I ordered my usual size and it fits well.".into(),
                },
            )
            .await?;
    }
    Ok(true)
}
