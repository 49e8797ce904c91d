//! GraphQL queries and mutations, merged into the server's schema; every field is prefixed
//! `forum`. Same service and the same checks (`access.rs`) as REST; errors carry the same
//! codes in `extensions`.

use async_graphql::{Context, ID, Object};
use rustok_api::{MAX_PAGE_SIZE, page_limit, resolve};
use rustok_core::Error;

use crate::ForumError;
use crate::access::{
    MODERATE, POST, authorize, authorize_edit, forums, node_id, reader, reading, requested_locale,
};
use crate::dto::{
    ForumPatch, Listed, Listing, Lookup, NewForum, NewReply, NewTopic, NodeFlags, NodeKind,
    NodePage, NodeView, ReplyPatch, TopicPatch,
};

type GqlResult<T> = async_graphql::Result<T>;

/// Exactly one of `id` and `slug`.
fn lookup(id: Option<ID>, slug: Option<String>) -> Result<Lookup, Error> {
    match (id, slug) {
        (Some(id), None) => Ok(Lookup::Id(node_id(&id)?)),
        (None, Some(slug)) => Ok(Lookup::Slug(slug)),
        _ => Err(ForumError::invalid("id", "give exactly one of `id` and `slug`").into()),
    }
}

/// A node of `kind` by id or by slug (in any locale), in `locale`; null when absent or
/// invisible, as in content's `node`.
async fn single(
    ctx: &Context<'_>,
    kind: NodeKind,
    id: Option<ID>,
    slug: Option<String>,
    locale: Option<String>,
) -> GqlResult<Option<NodeView>> {
    resolve(ctx, |api| async move {
        let (content, visibility) = reader(&api).await?;
        let locale = requested_locale(locale.as_deref())?;
        let lookup = lookup(id, slug)?;
        let found = reading(&api.platform, visibility)
            .node(&content, kind, &lookup, locale.as_ref(), visibility)
            .await;
        match found {
            Ok(node) => Ok(Some(node)),
            Err(ForumError::NotFound(_)) => Ok(None),
            Err(err) => Err(err.into()),
        }
    })
    .await
}

/// A page of what `listed` names (read once the caller may read the forum).
async fn page(
    ctx: &Context<'_>,
    listed: impl FnOnce() -> Result<Listed, Error>,
    locale: Option<String>,
    first: Option<u64>,
    after: Option<String>,
) -> GqlResult<NodePage> {
    resolve(ctx, |api| async move {
        let (content, visibility) = reader(&api).await?;
        let listed = listed()?;
        let listing = Listing {
            visibility,
            locale: requested_locale(locale.as_deref())?,
            after,
            limit: page_limit(first, 20, MAX_PAGE_SIZE)?,
        };
        Ok(reading(&api.platform, visibility)
            .list(&content, listed, listing)
            .await?)
    })
    .await
}

/// Deletes the node of `kind` with everything under it (`forum:moderate`).
async fn remove(ctx: &Context<'_>, kind: NodeKind, id: ID) -> GqlResult<bool> {
    resolve(ctx, |api| async move {
        let content = authorize(&api, MODERATE).await?;
        forums(&api.platform)
            .delete(&content, kind, node_id(&id)?)
            .await?;
        Ok(true)
    })
    .await
}

#[derive(Default)]
pub struct ForumQuery;

#[Object]
impl ForumQuery {
    /// Forum categories by `position`.
    async fn forums(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (each node says which it is in)."
        )]
        locale: Option<String>,
        #[graphql(desc = "Page size, 1-100 (default 20).")] first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<String>,
    ) -> GqlResult<NodePage> {
        page(ctx, || Ok(Listed::Forums), locale, first, after).await
    }

    /// A forum category by id or by slug (in any locale); null when absent.
    async fn forum(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The id; give exactly one of `id` and `slug`.")] id: Option<ID>,
        #[graphql(
            desc = "The slug in any of the tenant's locales; give exactly one of `id` and `slug`."
        )]
        slug: Option<String>,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        single(ctx, NodeKind::Forum, id, slug, locale).await
    }

    /// Topics of a forum: pinned first, then by latest activity.
    async fn forum_topics(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Forum id.")] forum_id: ID,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (each node says which it is in)."
        )]
        locale: Option<String>,
        #[graphql(desc = "Page size, 1-100 (default 20).")] first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<String>,
    ) -> GqlResult<NodePage> {
        let listed = || {
            Ok(Listed::Topics {
                forum_id: node_id(&forum_id)?,
            })
        };
        page(ctx, listed, locale, first, after).await
    }

    /// A topic by id or by slug (in any locale); null when absent.
    async fn forum_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The id; give exactly one of `id` and `slug`.")] id: Option<ID>,
        #[graphql(
            desc = "The slug in any of the tenant's locales; give exactly one of `id` and `slug`."
        )]
        slug: Option<String>,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        single(ctx, NodeKind::Topic, id, slug, locale).await
    }

    /// Replies of a topic, oldest first.
    async fn forum_replies(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Topic id.")] topic_id: ID,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (each node says which it is in)."
        )]
        locale: Option<String>,
        #[graphql(desc = "Page size, 1-100 (default 20).")] first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<String>,
    ) -> GqlResult<NodePage> {
        let listed = || {
            Ok(Listed::Replies {
                topic_id: node_id(&topic_id)?,
            })
        };
        page(ctx, listed, locale, first, after).await
    }
}

#[derive(Default)]
pub struct ForumMutation;

#[Object]
impl ForumMutation {
    /// Creates a forum category, published at once (`forum:moderate`). Errors: `slug_taken`,
    /// `validation_failed`.
    async fn forum_create(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The forum category.")] input: NewForum,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, MODERATE).await?;
            Ok(forums(&api.platform).create_forum(&content, input).await?)
        })
        .await
    }

    /// Renames, translates, describes or reorders a forum category (`forum:moderate`).
    /// Errors: `version_conflict`, `slug_taken`, `validation_failed`.
    async fn forum_update(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Forum id.")] id: ID,
        #[graphql(desc = "The changes; absent fields keep their value.")] input: ForumPatch,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, MODERATE).await?;
            Ok(forums(&api.platform)
                .update_forum(&content, node_id(&id)?, input)
                .await?)
        })
        .await
    }

    /// Deletes a forum category with its topics and replies (`forum:moderate`). Always true.
    async fn forum_delete(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Forum id.")] id: ID,
    ) -> GqlResult<bool> {
        remove(ctx, NodeKind::Forum, id).await
    }

    /// Opens a topic in a published forum, published at once (`forum:post`). Errors:
    /// `not_found`, `validation_failed`.
    async fn forum_create_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Forum id.")] forum_id: ID,
        #[graphql(desc = "The topic.")] input: NewTopic,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, POST).await?;
            Ok(forums(&api.platform)
                .create_topic(&content, node_id(&forum_id)?, input)
                .await?)
        })
        .await
    }

    /// Edits a topic's title or body in one locale: its author while the topic is open
    /// (`forum:post`), moderators always (`forum:moderate`). Errors: `forbidden` (not the
    /// author), `node_locked`, `version_conflict`, `validation_failed`.
    async fn forum_update_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Topic id.")] id: ID,
        #[graphql(desc = "The changes; absent fields keep their value.")] input: TopicPatch,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let (content, right) = authorize_edit(&api).await?;
            Ok(forums(&api.platform)
                .update_topic(&content, node_id(&id)?, input, right)
                .await?)
        })
        .await
    }

    /// Locks (no new replies) and/or pins (listed first) a topic (`forum:moderate`).
    async fn forum_moderate_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Topic id.")] id: ID,
        #[graphql(desc = "The flags to set; absent ones stay as they are.")] flags: NodeFlags,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, MODERATE).await?;
            Ok(forums(&api.platform)
                .moderate_topic(&content, node_id(&id)?, flags)
                .await?)
        })
        .await
    }

    /// Deletes a topic with its replies (`forum:moderate`). Always true.
    async fn forum_delete_topic(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Topic id.")] id: ID,
    ) -> GqlResult<bool> {
        remove(ctx, NodeKind::Topic, id).await
    }

    /// Replies to a topic, published at once (`forum:post`). Errors: `not_found`,
    /// `node_locked` (the topic is locked), `validation_failed`.
    async fn forum_create_reply(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Topic id.")] topic_id: ID,
        #[graphql(desc = "The reply.")] input: NewReply,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, POST).await?;
            Ok(forums(&api.platform)
                .create_reply(&content, node_id(&topic_id)?, input)
                .await?)
        })
        .await
    }

    /// Edits a reply's body: its author while the topic is open (`forum:post`), moderators
    /// always (`forum:moderate`). Errors: `forbidden` (not the author), `node_locked`,
    /// `version_conflict`, `validation_failed`.
    async fn forum_update_reply(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Reply id.")] id: ID,
        #[graphql(desc = "The new body.")] input: ReplyPatch,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let (content, right) = authorize_edit(&api).await?;
            Ok(forums(&api.platform)
                .update_reply(&content, node_id(&id)?, input, right)
                .await?)
        })
        .await
    }

    /// Deletes a reply (`forum:moderate`); the topic's `replyCount` drops by one. Always true.
    async fn forum_delete_reply(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Reply id.")] id: ID,
    ) -> GqlResult<bool> {
        remove(ctx, NodeKind::Reply, id).await
    }
}
