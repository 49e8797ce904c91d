//! GraphQL queries and mutations, merged into the server's schema. Same services and the same
//! checks (`access.rs`) as REST; errors carry the same codes in `extensions`.

use async_graphql::{Context, ID, MaybeUndefined, Object};
use chrono::{DateTime, Utc};
use rustok_api::{GraphqlScope, PlatformState, graphql_error, parse_gql_id, require_module};

use crate::access::{
    MODULE, authorize, can_read_drafts, context, listing_status, requested_locale, service,
    transition_permission,
};
use crate::dto::{
    CategoryPatch, CategoryView, NewCategory, NewNode, NodeFilter, NodePage, NodePatch, NodeSort,
    NodeView, RevisionView, TagView,
};
use crate::{CategoryService, ContentContext, NodeService, NodeStatus, Transition};

type GqlResult<T> = async_graphql::Result<T>;

fn platform<'a>(ctx: &'a Context<'_>) -> GqlResult<&'a PlatformState> {
    ctx.data::<PlatformState>()
}

/// A signed-in caller holding `permission` in a tenant with the module on: their write context
/// and the service.
async fn authorized<'a>(
    ctx: &'a Context<'_>,
    permission: &str,
) -> GqlResult<(ContentContext, NodeService<'a>)> {
    let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
    let principal = scope.signed_in()?;
    let content = authorize(platform, &scope.tenant, principal, permission)
        .await
        .map_err(graphql_error)?;
    Ok((content, service(platform)))
}

#[derive(Default)]
pub struct ContentQuery;

#[Object]
impl ContentQuery {
    /// A node; unpublished ones are null for readers without `content:read`.
    async fn node(
        &self,
        ctx: &Context<'_>,
        id: ID,
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
        require_module(platform.as_ref(), scope.tenant.id, MODULE)
            .await
            .map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let content = context(&scope.tenant, scope.principal.as_ref());
        let found = service(platform)
            .get(&content, parse_gql_id(&id)?, locale.as_ref())
            .await;
        let node = match found {
            Ok(node) => node,
            Err(crate::ContentError::NotFound) => return Ok(None),
            Err(err) => return Err(graphql_error(err)),
        };
        if node.status != NodeStatus::Published.as_str()
            && !can_read_drafts(platform, scope.principal.as_ref()).await
        {
            return Ok(None);
        }
        Ok(Some(node))
    }

    /// The node of `kind` with this slug (in any locale), in the requested locale or the
    /// fallback; unpublished ones are null for readers without `content:read`.
    async fn node_by_slug(
        &self,
        ctx: &Context<'_>,
        kind: String,
        slug: String,
        locale: Option<String>,
    ) -> GqlResult<Option<NodeView>> {
        let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
        require_module(platform.as_ref(), scope.tenant.id, MODULE)
            .await
            .map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let content = context(&scope.tenant, scope.principal.as_ref());
        let found = service(platform)
            .get_by_slug(&content, &kind, &slug, locale.as_ref())
            .await;
        let node = match found {
            Ok(node) => node,
            Err(crate::ContentError::NotFound) => return Ok(None),
            Err(err) => return Err(graphql_error(err)),
        };
        if node.status != NodeStatus::Published.as_str()
            && !can_read_drafts(platform, scope.principal.as_ref()).await
        {
            return Ok(None);
        }
        Ok(Some(node))
    }

    /// Nodes in `sort` order (newest first by default); readers without `content:read` get published ones only.
    #[allow(clippy::too_many_arguments)]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        kind: Option<String>,
        status: Option<String>,
        parent_id: Option<ID>,
        tag: Option<String>,
        category_id: Option<ID>,
        author_id: Option<ID>,
        translated_into: Option<String>,
        #[graphql(default)] sort: NodeSort,
        #[graphql(default)] pinned_first: bool,
        locale: Option<String>,
        first: Option<u64>,
        after: Option<String>,
    ) -> GqlResult<NodePage> {
        let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
        require_module(platform.as_ref(), scope.tenant.id, MODULE)
            .await
            .map_err(graphql_error)?;
        let status = listing_status(platform, scope.principal.as_ref(), status.as_deref())
            .await
            .map_err(graphql_error)?;
        let filter = NodeFilter {
            author_id: author_id.as_ref().map(parse_gql_id).transpose()?,
            translated_into,
            sort,
            pinned_first,
            tag,
            category_id: category_id.as_ref().map(parse_gql_id).transpose()?,
            kind,
            status,
            parent_id: parent_id.as_ref().map(parse_gql_id).transpose()?,
            after,
            limit: first.unwrap_or(20).clamp(1, 100),
        };
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let content = context(&scope.tenant, scope.principal.as_ref());
        service(platform)
            .list(&content, filter, locale.as_ref())
            .await
            .map_err(graphql_error)
    }

    /// The tenant's category tree, flat (nest by `parentId`).
    async fn content_categories(
        &self,
        ctx: &Context<'_>,
        locale: Option<String>,
    ) -> GqlResult<Vec<CategoryView>> {
        let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
        require_module(platform.as_ref(), scope.tenant.id, MODULE)
            .await
            .map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let content = context(&scope.tenant, None);
        CategoryService::new(platform.db(), platform.events())
            .list(&content, locale.as_ref())
            .await
            .map_err(graphql_error)
    }

    /// The tenant's tags.
    async fn content_tags(&self, ctx: &Context<'_>) -> GqlResult<Vec<TagView>> {
        let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
        require_module(platform.as_ref(), scope.tenant.id, MODULE)
            .await
            .map_err(graphql_error)?;
        let content = context(&scope.tenant, None);
        service(platform)
            .tags(&content)
            .await
            .map_err(graphql_error)
    }

    /// Earlier versions of a node (`content:read`).
    async fn node_revisions(&self, ctx: &Context<'_>, id: ID) -> GqlResult<Vec<RevisionView>> {
        let (content, service) = authorized(ctx, "content:read").await?;
        service
            .revisions(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)
    }
}

#[derive(Default)]
pub struct ContentMutation;

#[Object]
impl ContentMutation {
    async fn create_node(&self, ctx: &Context<'_>, input: NewNode) -> GqlResult<NodeView> {
        let (content, service) = authorized(ctx, "content:create").await?;
        service.create(&content, input).await.map_err(graphql_error)
    }

    async fn create_category(
        &self,
        ctx: &Context<'_>,
        input: NewCategory,
    ) -> GqlResult<CategoryView> {
        let (content, _) = authorized(ctx, "content:create").await?;
        let platform = platform(ctx)?;
        CategoryService::new(platform.db(), platform.events())
            .create(&content, input)
            .await
            .map_err(graphql_error)
    }

    async fn update_category(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CategoryPatch,
    ) -> GqlResult<CategoryView> {
        let (content, _) = authorized(ctx, "content:update").await?;
        let platform = platform(ctx)?;
        CategoryService::new(platform.db(), platform.events())
            .update(&content, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn delete_category(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (content, _) = authorized(ctx, "content:delete").await?;
        let platform = platform(ctx)?;
        CategoryService::new(platform.db(), platform.events())
            .delete(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    /// Edits a node. `categoryId`: absent leaves the category, `null` clears it, an id sets it.
    async fn update_node(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: NodePatch,
        #[graphql(default)] category_id: MaybeUndefined<ID>,
    ) -> GqlResult<NodeView> {
        let (content, service) = authorized(ctx, "content:update").await?;
        let input = with_category(input, category_id)?;
        service
            .update(&content, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// `SUBMIT`/`REJECT` need `content:update`, the other transitions `content:publish`.
    async fn transition_node(
        &self,
        ctx: &Context<'_>,
        id: ID,
        transition: Transition,
        publish_at: Option<DateTime<Utc>>,
    ) -> GqlResult<NodeView> {
        let (content, service) = authorized(ctx, transition_permission(transition)).await?;
        service
            .transition(&content, parse_gql_id(&id)?, transition, publish_at)
            .await
            .map_err(graphql_error)
    }

    async fn delete_node(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (content, service) = authorized(ctx, "content:delete").await?;
        service
            .delete(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    async fn restore_node_revision(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
    ) -> GqlResult<NodeView> {
        let (content, service) = authorized(ctx, "content:update").await?;
        service
            .restore_revision(&content, parse_gql_id(&id)?, version)
            .await
            .map_err(graphql_error)
    }
}

/// Puts a GraphQL `categoryId` argument (absent, `null` or an id) into a patch.
pub fn with_category(
    mut patch: NodePatch,
    category_id: MaybeUndefined<ID>,
) -> GqlResult<NodePatch> {
    patch.category_id = match category_id {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(id) => Some(Some(parse_gql_id(&id)?)),
    };
    Ok(patch)
}
