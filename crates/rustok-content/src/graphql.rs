//! GraphQL queries and mutations, merged into the server's schema. Same services and the same
//! checks (`access.rs`) as REST; errors carry the same codes in `extensions`.

use async_graphql::{Context, ID, MaybeUndefined, Object};
use chrono::{DateTime, Utc};
use rustok_api::{MAX_PAGE_SIZE, optional_id, page_limit, requested_locale, resolve};
use rustok_core::search::normalize_query;
use rustok_core::{Error, parse_id};

use crate::access::{
    authorize, categories, reader, reading, searching, service, status_filter,
    transition_permission, visible, visitor,
};
use crate::dto::{
    CategoryPatch, CategoryView, NewCategory, NewNode, NodeFilter, NodePage, NodePatch,
    NodeSearchPage, NodeSort, NodeView, RevisionView, TagView,
};
use crate::{ContentError, NodeSearch, Transition};

type GqlResult<T> = async_graphql::Result<T>;

/// A node, or null when it does not exist or the caller may not see it.
fn found(node: Result<NodeView, ContentError>, drafts: bool) -> Result<Option<NodeView>, Error> {
    match node {
        Ok(node) if visible(&node.status, drafts) => Ok(Some(node)),
        Ok(_) | Err(ContentError::NotFound) => Ok(None),
        Err(err) => Err(err.into()),
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
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let locale = requested_locale(locale.as_deref())?;
            let node = reading(&api.platform, drafts)
                .get(&content, parse_id(&id)?, locale.as_ref())
                .await;
            found(node, drafts)
        })
        .await
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
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let locale = requested_locale(locale.as_deref())?;
            let node = reading(&api.platform, drafts)
                .get_by_slug(&content, &kind, &slug, locale.as_ref())
                .await;
            found(node, drafts)
        })
        .await
    }

    /// Nodes in `sort` order (newest first by default); readers without `content:read` get
    /// published ones only. With `q`, the published nodes matching it, best first, for every
    /// caller (`sort`, `pinnedFirst` do not apply; `translatedInto` is refused).
    #[allow(clippy::too_many_arguments)]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        q: Option<String>,
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
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let status = status_filter(drafts, status.as_deref())?;
            let filter = NodeFilter {
                author_id: optional_id(author_id.as_ref())?,
                translated_into,
                sort,
                pinned_first,
                tag,
                category_id: optional_id(category_id.as_ref())?,
                kind,
                status,
                parent_id: optional_id(parent_id.as_ref())?,
                after,
                limit: page_limit(first, 20, MAX_PAGE_SIZE)?,
            };
            let locale = requested_locale(locale.as_deref())?;
            if let Some(q) = normalize_query(q.as_deref())? {
                let (backend, nodes) = searching(&api.platform)?;
                return Ok(nodes
                    .search_listing(backend.as_ref(), &content, q, filter, locale.as_ref())
                    .await?);
            }
            Ok(reading(&api.platform, drafts)
                .list(&content, filter, locale.as_ref())
                .await?)
        })
        .await
    }

    /// Published nodes matching `q` (any text, at most 200 characters; every word of the
    /// title, excerpt or body text must match, each also as a prefix; typo-tolerant on titles
    /// and slugs when nothing matches), best first, with snippets and the total. Filters
    /// combine with it; `facets` counts the matches by kind, category and tag. A blank `q`
    /// matches nothing. Errors: `query_too_long`, `invalid_cursor`, `unavailable` while the
    /// site's index is being built.
    #[allow(clippy::too_many_arguments)]
    async fn content_search(
        &self,
        ctx: &Context<'_>,
        q: String,
        facets: Option<bool>,
        kind: Option<String>,
        parent_id: Option<ID>,
        tag: Option<String>,
        category_id: Option<ID>,
        author_id: Option<ID>,
        locale: Option<String>,
        first: Option<u64>,
        after: Option<String>,
    ) -> GqlResult<NodeSearchPage> {
        resolve(ctx, |api| async move {
            let content = visitor(&api).await?;
            let q = normalize_query(Some(&q))?;
            let filter = NodeFilter {
                kind,
                parent_id: optional_id(parent_id.as_ref())?,
                tag,
                category_id: optional_id(category_id.as_ref())?,
                author_id: optional_id(author_id.as_ref())?,
                after,
                limit: page_limit(first, 20, MAX_PAGE_SIZE)?,
                ..NodeFilter::default()
            };
            let locale = requested_locale(locale.as_deref())?;
            let facets = facets == Some(true);
            let Some(q) = q else {
                return Ok(NodeSearchPage::empty(facets));
            };
            let (backend, nodes) = searching(&api.platform)?;
            let search = NodeSearch { q, filter, facets };
            Ok(nodes
                .search(backend.as_ref(), &content, search, locale.as_ref())
                .await?)
        })
        .await
    }

    /// The tenant's category tree, flat (nest by `parentId`).
    async fn content_categories(
        &self,
        ctx: &Context<'_>,
        locale: Option<String>,
    ) -> GqlResult<Vec<CategoryView>> {
        resolve(ctx, |api| async move {
            let content = visitor(&api).await?;
            let locale = requested_locale(locale.as_deref())?;
            Ok(categories(&api.platform)
                .list(&content, locale.as_ref())
                .await?)
        })
        .await
    }

    /// The tenant's tags.
    async fn content_tags(&self, ctx: &Context<'_>) -> GqlResult<Vec<TagView>> {
        resolve(ctx, |api| async move {
            let content = visitor(&api).await?;
            Ok(service(&api.platform).tags(&content).await?)
        })
        .await
    }

    /// Earlier versions of a node (`content:read`).
    async fn node_revisions(&self, ctx: &Context<'_>, id: ID) -> GqlResult<Vec<RevisionView>> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:read").await?;
            Ok(service(&api.platform)
                .revisions(&content, parse_id(&id)?)
                .await?)
        })
        .await
    }
}

#[derive(Default)]
pub struct ContentMutation;

#[Object]
impl ContentMutation {
    async fn create_node(&self, ctx: &Context<'_>, input: NewNode) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:create").await?;
            Ok(service(&api.platform).create(&content, input).await?)
        })
        .await
    }

    async fn create_category(
        &self,
        ctx: &Context<'_>,
        input: NewCategory,
    ) -> GqlResult<CategoryView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:create").await?;
            Ok(categories(&api.platform).create(&content, input).await?)
        })
        .await
    }

    async fn update_category(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CategoryPatch,
    ) -> GqlResult<CategoryView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:update").await?;
            Ok(categories(&api.platform)
                .update(&content, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    async fn delete_category(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:delete").await?;
            categories(&api.platform)
                .delete(&content, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Edits a node. `categoryId`: absent leaves the category, `null` clears it, an id sets it.
    async fn update_node(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: NodePatch,
        #[graphql(default)] category_id: MaybeUndefined<ID>,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:update").await?;
            let input = category_patch(input, category_id)?;
            Ok(service(&api.platform)
                .update(&content, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    /// `SUBMIT`/`REJECT` need `content:update`, the other transitions `content:publish`.
    async fn transition_node(
        &self,
        ctx: &Context<'_>,
        id: ID,
        transition: Transition,
        publish_at: Option<DateTime<Utc>>,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, transition_permission(transition)).await?;
            Ok(service(&api.platform)
                .transition(&content, parse_id(&id)?, transition, publish_at)
                .await?)
        })
        .await
    }

    async fn delete_node(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:delete").await?;
            service(&api.platform)
                .delete(&content, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    async fn restore_node_revision(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:update").await?;
            Ok(service(&api.platform)
                .restore_revision(&content, parse_id(&id)?, version)
                .await?)
        })
        .await
    }
}

/// Puts a GraphQL `categoryId` argument (absent, `null` or an id) into a patch.
pub fn category_patch(
    mut patch: NodePatch,
    category_id: MaybeUndefined<ID>,
) -> Result<NodePatch, Error> {
    patch.category_id = match category_id {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(id) => Some(Some(parse_id(&id)?)),
    };
    Ok(patch)
}
