//! GraphQL queries and mutations, merged into the server's schema. Same services and the same
//! checks (`access.rs`) as REST; errors carry the same codes in `extensions`.

use async_graphql::{Context, ID, MaybeUndefined, Object};
use chrono::{DateTime, Utc};
use rustok_api::{ApiContext, graphql_error, parse_gql_id, requested_locale};

use crate::access::{
    authorize, categories, reader, service, status_filter, transition_permission, visible, visitor,
};
use crate::dto::{
    CategoryPatch, CategoryView, NewCategory, NewNode, NodeFilter, NodePage, NodePatch, NodeSort,
    NodeView, RevisionView, TagView,
};
use crate::{ContentError, Transition};

type GqlResult<T> = async_graphql::Result<T>;

/// A node, or null when it does not exist or the caller may not see it.
fn found(node: Result<NodeView, ContentError>, drafts: bool) -> GqlResult<Option<NodeView>> {
    match node {
        Ok(node) if visible(&node.status, drafts) => Ok(Some(node)),
        Ok(_) | Err(ContentError::NotFound) => Ok(None),
        Err(err) => Err(graphql_error(err)),
    }
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
        let api = ApiContext::of(ctx)?;
        let (content, drafts) = reader(&api).await.map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let node = service(&api.platform)
            .get(&content, parse_gql_id(&id)?, locale.as_ref())
            .await;
        found(node, drafts)
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
        let api = ApiContext::of(ctx)?;
        let (content, drafts) = reader(&api).await.map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let node = service(&api.platform)
            .get_by_slug(&content, &kind, &slug, locale.as_ref())
            .await;
        found(node, drafts)
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
        let api = ApiContext::of(ctx)?;
        let (content, drafts) = reader(&api).await.map_err(graphql_error)?;
        let status = status_filter(drafts, status.as_deref()).map_err(graphql_error)?;
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
        service(&api.platform)
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
        let api = ApiContext::of(ctx)?;
        let content = visitor(&api).await.map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        categories(&api.platform)
            .list(&content, locale.as_ref())
            .await
            .map_err(graphql_error)
    }

    /// The tenant's tags.
    async fn content_tags(&self, ctx: &Context<'_>) -> GqlResult<Vec<TagView>> {
        let api = ApiContext::of(ctx)?;
        let content = visitor(&api).await.map_err(graphql_error)?;
        service(&api.platform)
            .tags(&content)
            .await
            .map_err(graphql_error)
    }

    /// Earlier versions of a node (`content:read`).
    async fn node_revisions(&self, ctx: &Context<'_>, id: ID) -> GqlResult<Vec<RevisionView>> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:read")
            .await
            .map_err(graphql_error)?;
        service(&api.platform)
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
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:create")
            .await
            .map_err(graphql_error)?;
        service(&api.platform)
            .create(&content, input)
            .await
            .map_err(graphql_error)
    }

    async fn create_category(
        &self,
        ctx: &Context<'_>,
        input: NewCategory,
    ) -> GqlResult<CategoryView> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:create")
            .await
            .map_err(graphql_error)?;
        categories(&api.platform)
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
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:update")
            .await
            .map_err(graphql_error)?;
        categories(&api.platform)
            .update(&content, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn delete_category(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:delete")
            .await
            .map_err(graphql_error)?;
        categories(&api.platform)
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
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:update")
            .await
            .map_err(graphql_error)?;
        let input = with_category(input, category_id)?;
        service(&api.platform)
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
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, transition_permission(transition))
            .await
            .map_err(graphql_error)?;
        service(&api.platform)
            .transition(&content, parse_gql_id(&id)?, transition, publish_at)
            .await
            .map_err(graphql_error)
    }

    async fn delete_node(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:delete")
            .await
            .map_err(graphql_error)?;
        service(&api.platform)
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
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:update")
            .await
            .map_err(graphql_error)?;
        service(&api.platform)
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
