//! GraphQL queries and mutations, merged into the server's schema; every field is prefixed
//! `forum`. Same service and the same checks (`access.rs`) as REST; errors carry the same
//! codes in `extensions`.

use async_graphql::{Context, ID, Object};
use rustok_api::{ApiContext, PlatformState, graphql_error, parse_gql_id};
use rustok_content::ContentContext;

use crate::access::{MODERATE, POST, authorize, authorize_edit, forums, reader, requested_locale};
use crate::dto::{
    EditRight, ForumPatch, Listed, Listing, Lookup, NewForum, NewReply, NewTopic, NodeFlags,
    NodeKind, NodePage, NodeView, ReplyPatch, TopicPatch, Visibility,
};
use crate::{ForumError, ForumService};

type GqlResult<T> = async_graphql::Result<T>;

/// The forum service over the platform the endpoint put in.
fn service<'a>(ctx: &'a Context<'_>) -> GqlResult<ForumService<'a>> {
    Ok(forums(ctx.data::<PlatformState>()?))
}

/// Any caller in a tenant with content and forum on: their read context and visibility.
async fn reading<'a>(
    ctx: &'a Context<'_>,
) -> GqlResult<(ContentContext, Visibility, ForumService<'a>)> {
    let (content, visibility) = reader(&ApiContext::of(ctx)?).await.map_err(graphql_error)?;
    Ok((content, visibility, service(ctx)?))
}

/// A signed-in caller holding `permission`: their write context and the service.
async fn authorized<'a>(
    ctx: &'a Context<'_>,
    permission: &str,
) -> GqlResult<(ContentContext, ForumService<'a>)> {
    let content = authorize(&ApiContext::of(ctx)?, permission)
        .await
        .map_err(graphql_error)?;
    Ok((content, service(ctx)?))
}

/// A signed-in caller who may edit posts (their own, or any as a moderator).
async fn editing<'a>(
    ctx: &'a Context<'_>,
) -> GqlResult<(ContentContext, EditRight, ForumService<'a>)> {
    let (content, right) = authorize_edit(&ApiContext::of(ctx)?)
        .await
        .map_err(graphql_error)?;
    Ok((content, right, service(ctx)?))
}

/// Missing or invisible is `null` for single-node queries, as in content's `node`.
fn found(result: Result<NodeView, ForumError>) -> GqlResult<Option<NodeView>> {
    match result {
        Ok(node) => Ok(Some(node)),
        Err(ForumError::NotFound(_)) => Ok(None),
        Err(err) => Err(graphql_error(err)),
    }
}

/// Exactly one of `id` and `slug`.
fn lookup(id: Option<ID>, slug: Option<String>) -> GqlResult<Lookup> {
    match (id, slug) {
        (Some(id), None) => Ok(Lookup::Id(parse_gql_id(&id)?)),
        (None, Some(slug)) => Ok(Lookup::Slug(slug)),
        _ => Err(graphql_error(ForumError::invalid(
            "id",
            "give exactly one of `id` and `slug`",
        ))),
    }
}

/// A node of `kind` by id or by slug (in any locale), in `locale`; null when absent.
async fn single(
    ctx: &Context<'_>,
    kind: NodeKind,
    id: Option<ID>,
    slug: Option<String>,
    locale: Option<String>,
) -> GqlResult<Option<NodeView>> {
    let (content, visibility, service) = reading(ctx).await?;
    let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
    let lookup = lookup(id, slug)?;
    found(
        service
            .node(&content, kind, &lookup, locale.as_ref(), visibility)
            .await,
    )
}

/// A page of what `listed` names (read once the caller may read the forum).
async fn page(
    ctx: &Context<'_>,
    listed: impl FnOnce() -> GqlResult<Listed>,
    locale: Option<String>,
    first: Option<u64>,
    after: Option<String>,
) -> GqlResult<NodePage> {
    let (content, visibility, service) = reading(ctx).await?;
    let listed = listed()?;
    let listing = Listing {
        visibility,
        locale: requested_locale(locale.as_deref()).map_err(graphql_error)?,
        after,
        limit: first.unwrap_or(20),
    };
    service
        .list(&content, listed, listing)
        .await
        .map_err(graphql_error)
}

#[derive(Default)]
pub struct ForumQuery;

#[Object]
impl ForumQuery {
    /// Forum categories by `position`.
    async fn forums(
        &self,
        ctx: &Context<'_>,
        locale: Option<String>,
        first: Option<u64>,
        after: Option<String>,
    ) -> GqlResult<NodePage> {
        page(ctx, || Ok(Listed::Forums), locale, first, after).await
    }

    /// A forum category by id or by slug (in any locale); null when absent.
    async fn forum(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        single(ctx, NodeKind::Forum, id, slug, locale).await
    }

    /// Topics of a forum: pinned first, then by latest activity.
    async fn forum_topics(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        locale: Option<String>,
        first: Option<u64>,
        after: Option<String>,
    ) -> GqlResult<NodePage> {
        let listed = || {
            Ok(Listed::Topics {
                forum_id: parse_gql_id(&forum_id)?,
            })
        };
        page(ctx, listed, locale, first, after).await
    }

    /// A topic by id or by slug (in any locale); null when absent.
    async fn forum_topic(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        single(ctx, NodeKind::Topic, id, slug, locale).await
    }

    /// Replies of a topic, oldest first.
    async fn forum_replies(
        &self,
        ctx: &Context<'_>,
        topic_id: ID,
        locale: Option<String>,
        first: Option<u64>,
        after: Option<String>,
    ) -> GqlResult<NodePage> {
        let listed = || {
            Ok(Listed::Replies {
                topic_id: parse_gql_id(&topic_id)?,
            })
        };
        page(ctx, listed, locale, first, after).await
    }
}

/// Deletes the node of `kind` with everything under it (`forum:moderate`).
async fn remove(ctx: &Context<'_>, kind: NodeKind, id: &ID) -> GqlResult<bool> {
    let (content, service) = authorized(ctx, MODERATE).await?;
    service
        .delete(&content, kind, parse_gql_id(id)?)
        .await
        .map_err(graphql_error)?;
    Ok(true)
}

#[derive(Default)]
pub struct ForumMutation;

#[Object]
impl ForumMutation {
    /// Creates a forum category, published at once (`forum:moderate`).
    async fn forum_create(&self, ctx: &Context<'_>, input: NewForum) -> GqlResult<NodeView> {
        let (content, service) = authorized(ctx, MODERATE).await?;
        service
            .create_forum(&content, input)
            .await
            .map_err(graphql_error)
    }

    /// `forum:moderate`.
    async fn forum_update(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ForumPatch,
    ) -> GqlResult<NodeView> {
        let (content, service) = authorized(ctx, MODERATE).await?;
        service
            .update_forum(&content, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// Deletes a forum category with its topics and replies (`forum:moderate`).
    async fn forum_delete(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        remove(ctx, NodeKind::Forum, &id).await
    }

    /// Opens a topic, published at once (`forum:post`).
    async fn forum_create_topic(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
        input: NewTopic,
    ) -> GqlResult<NodeView> {
        let (content, service) = authorized(ctx, POST).await?;
        service
            .create_topic(&content, parse_gql_id(&forum_id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// The author while the topic is open, moderators always.
    async fn forum_update_topic(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: TopicPatch,
    ) -> GqlResult<NodeView> {
        let (content, right, service) = editing(ctx).await?;
        service
            .update_topic(&content, parse_gql_id(&id)?, input, right)
            .await
            .map_err(graphql_error)
    }

    /// Locks and/or pins a topic (`forum:moderate`).
    async fn forum_moderate_topic(
        &self,
        ctx: &Context<'_>,
        id: ID,
        flags: NodeFlags,
    ) -> GqlResult<NodeView> {
        let (content, service) = authorized(ctx, MODERATE).await?;
        service
            .moderate_topic(&content, parse_gql_id(&id)?, flags)
            .await
            .map_err(graphql_error)
    }

    /// Deletes a topic with its replies (`forum:moderate`).
    async fn forum_delete_topic(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        remove(ctx, NodeKind::Topic, &id).await
    }

    /// Replies to a topic, published at once (`forum:post`); `node_locked` when it is locked.
    async fn forum_create_reply(
        &self,
        ctx: &Context<'_>,
        topic_id: ID,
        input: NewReply,
    ) -> GqlResult<NodeView> {
        let (content, service) = authorized(ctx, POST).await?;
        service
            .create_reply(&content, parse_gql_id(&topic_id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// The author while the topic is open, moderators always.
    async fn forum_update_reply(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ReplyPatch,
    ) -> GqlResult<NodeView> {
        let (content, right, service) = editing(ctx).await?;
        service
            .update_reply(&content, parse_gql_id(&id)?, input, right)
            .await
            .map_err(graphql_error)
    }

    /// Deletes a reply (`forum:moderate`).
    async fn forum_delete_reply(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        remove(ctx, NodeKind::Reply, &id).await
    }
}
