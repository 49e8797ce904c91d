//! GraphQL queries and mutations, merged into the server's schema; every field is prefixed
//! `forum`. Same service and the same checks (`access.rs`) as REST; errors carry the same
//! codes in `extensions`.

use async_graphql::{Context, ID, Object};
use rustok_api::{GraphqlScope, PlatformState, graphql_error, parse_gql_id};
use rustok_content::ContentContext;
use rustok_content::access::requested_locale;
use uuid::Uuid;

use crate::access::{MODERATE, POST, authorize, authorize_edit, forums, reader};
use crate::dto::{
    EditRight, ForumPatch, Listing, NewForum, NewReply, NewTopic, NodeFlags, NodePage, NodeView,
    ReplyPatch, TopicPatch, Visibility,
};
use crate::{ForumError, ForumService};

type GqlResult<T> = async_graphql::Result<T>;

fn platform<'a>(ctx: &'a Context<'_>) -> GqlResult<&'a PlatformState> {
    ctx.data::<PlatformState>()
}

/// Any caller in a tenant with content and forum on: their read context and visibility.
async fn reading<'a>(
    ctx: &'a Context<'_>,
) -> GqlResult<(ContentContext, Visibility, ForumService<'a>)> {
    let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
    let (content, visibility) = reader(platform, &scope.tenant, scope.principal.as_ref())
        .await
        .map_err(graphql_error)?;
    Ok((content, visibility, forums(platform)))
}

/// A signed-in caller holding `permission`: their write context and the service.
async fn authorized<'a>(
    ctx: &'a Context<'_>,
    permission: &str,
) -> GqlResult<(ContentContext, ForumService<'a>)> {
    let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
    let principal = scope.signed_in()?;
    let content = authorize(platform, &scope.tenant, principal, permission)
        .await
        .map_err(graphql_error)?;
    Ok((content, forums(platform)))
}

/// A signed-in caller who may edit posts (their own, or any as a moderator).
async fn editing<'a>(
    ctx: &'a Context<'_>,
) -> GqlResult<(ContentContext, EditRight, ForumService<'a>)> {
    let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
    let principal = scope.signed_in()?;
    let (content, right) = authorize_edit(platform, &scope.tenant, principal)
        .await
        .map_err(graphql_error)?;
    Ok((content, right, forums(platform)))
}

/// Missing or invisible is `null` for single-node queries, as in content's `node`.
fn found(result: Result<NodeView, ForumError>) -> GqlResult<Option<NodeView>> {
    match result {
        Ok(node) => Ok(Some(node)),
        Err(ForumError::NotFound(_)) => Ok(None),
        Err(err) => Err(graphql_error(err)),
    }
}

/// A node asked for by id or by slug.
enum IdOrSlug {
    Id(Uuid),
    Slug(String),
}

/// Exactly one of `id` and `slug`.
fn by_id_or_slug(id: Option<ID>, slug: Option<String>) -> GqlResult<IdOrSlug> {
    match (id, slug) {
        (Some(id), None) => Ok(IdOrSlug::Id(parse_gql_id(&id)?)),
        (None, Some(slug)) => Ok(IdOrSlug::Slug(slug)),
        _ => Err(graphql_error(ForumError::invalid(
            "id",
            "give exactly one of `id` and `slug`",
        ))),
    }
}

fn listing(
    visibility: Visibility,
    locale: Option<String>,
    first: Option<u64>,
    after: Option<String>,
) -> GqlResult<Listing> {
    Ok(Listing {
        visibility,
        locale: requested_locale(locale.as_deref()).map_err(graphql_error)?,
        after,
        limit: first.unwrap_or(20),
    })
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
        let (content, visibility, service) = reading(ctx).await?;
        service
            .forums(&content, listing(visibility, locale, first, after)?)
            .await
            .map_err(graphql_error)
    }

    /// A forum category by id or by slug (in any locale); null when absent.
    async fn forum(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        let (content, visibility, service) = reading(ctx).await?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let locale = locale.as_ref();
        found(match by_id_or_slug(id, slug)? {
            IdOrSlug::Id(id) => service.forum(&content, id, locale, visibility).await,
            IdOrSlug::Slug(slug) => {
                service
                    .forum_by_slug(&content, &slug, locale, visibility)
                    .await
            }
        })
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
        let (content, visibility, service) = reading(ctx).await?;
        service
            .topics(
                &content,
                parse_gql_id(&forum_id)?,
                listing(visibility, locale, first, after)?,
            )
            .await
            .map_err(graphql_error)
    }

    /// A topic by id or by slug (in any locale); null when absent.
    async fn forum_topic(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        let (content, visibility, service) = reading(ctx).await?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let locale = locale.as_ref();
        found(match by_id_or_slug(id, slug)? {
            IdOrSlug::Id(id) => service.topic(&content, id, locale, visibility).await,
            IdOrSlug::Slug(slug) => {
                service
                    .topic_by_slug(&content, &slug, locale, visibility)
                    .await
            }
        })
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
        let (content, visibility, service) = reading(ctx).await?;
        service
            .replies(
                &content,
                parse_gql_id(&topic_id)?,
                listing(visibility, locale, first, after)?,
            )
            .await
            .map_err(graphql_error)
    }
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
        let (content, service) = authorized(ctx, MODERATE).await?;
        service
            .delete_forum(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
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
        let (content, service) = authorized(ctx, MODERATE).await?;
        service
            .delete_topic(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
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
        let (content, service) = authorized(ctx, MODERATE).await?;
        service
            .delete_reply(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }
}
