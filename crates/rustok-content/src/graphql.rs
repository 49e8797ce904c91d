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
        #[graphql(desc = "Node id.")] id: ID,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
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
        #[graphql(desc = "Node kind, e.g. `post`.")] kind: String,
        #[graphql(desc = "The slug in any of the tenant's locales.")] slug: String,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
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
        #[graphql(
            desc = "Search: any text, at most 200 characters; the published nodes matching it, best first (see `contentSearch` for snippets, totals and facets)."
        )]
        q: Option<String>,
        #[graphql(desc = "Node kind, e.g. `post`, `page`.")] kind: Option<String>,
        #[graphql(
            desc = "`draft`, `review`, `scheduled`, `published` or `archived` (readers without `content:read` always get `published`)."
        )]
        status: Option<String>,
        #[graphql(desc = "Children of this node (comments, replies).")] parent_id: Option<ID>,
        #[graphql(desc = "Nodes carrying the tag with this slug.")] tag: Option<String>,
        #[graphql(desc = "Nodes in this category.")] category_id: Option<ID>,
        #[graphql(desc = "Nodes written by this user.")] author_id: Option<ID>,
        #[graphql(
            desc = "Only nodes translated into exactly this locale (no fallback; refused with `q`)."
        )]
        translated_into: Option<String>,
        #[graphql(default, desc = "The order (default `NEWEST`); ignored with `q`.")]
        sort: NodeSort,
        #[graphql(
            default,
            desc = "Pinned nodes first, then `sort` within each group (default false); ignored with `q`."
        )]
        pinned_first: bool,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
        locale: Option<String>,
        #[graphql(desc = "Page size, 1-100 (default 20).")] first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<String>,
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
        #[graphql(desc = "Any text, at most 200 characters; blank matches nothing.")] q: String,
        #[graphql(desc = "Count the matches by kind, category and tag (default false).")]
        facets: Option<bool>,
        #[graphql(desc = "Node kind, e.g. `post`, `page`, `topic`.")] kind: Option<String>,
        #[graphql(desc = "Children of this node (comments, replies).")] parent_id: Option<ID>,
        #[graphql(desc = "Nodes carrying the tag with this slug.")] tag: Option<String>,
        #[graphql(desc = "Nodes in this category.")] category_id: Option<ID>,
        #[graphql(desc = "Nodes written by this user.")] author_id: Option<ID>,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
        locale: Option<String>,
        #[graphql(desc = "Page size, 1-100 (default 20).")] first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<String>,
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
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
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

    /// Earlier versions of a node, newest first (`content:read`).
    async fn node_revisions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Node id.")] id: ID,
    ) -> GqlResult<Vec<RevisionView>> {
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
    /// Creates a draft node with its first translation and body (`content:create`). Errors:
    /// `slug_taken`, `node_locked` (a locked parent), `validation_failed`.
    async fn create_node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The node.")] input: NewNode,
    ) -> GqlResult<NodeView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:create").await?;
            Ok(service(&api.platform).create(&content, input).await?)
        })
        .await
    }

    /// Creates a category (`content:create`). Errors: `slug_taken`, `validation_failed`.
    async fn create_category(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The category.")] input: NewCategory,
    ) -> GqlResult<CategoryView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:create").await?;
            Ok(categories(&api.platform).create(&content, input).await?)
        })
        .await
    }

    /// Renames, translates or moves a category (`content:update`), never under its own
    /// subtree. Errors: `slug_taken`, `validation_failed`.
    async fn update_category(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Category id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: CategoryPatch,
        #[graphql(
            default,
            desc = "Absent: the parent stays; `null`: make it a root; an id: move it under that category."
        )]
        parent_id: MaybeUndefined<ID>,
    ) -> GqlResult<CategoryView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:update").await?;
            let mut input = input;
            input.parent_id = match parent_id {
                MaybeUndefined::Undefined => None,
                MaybeUndefined::Null => Some(None),
                MaybeUndefined::Value(id) => Some(Some(parse_id(&id)?)),
            };
            Ok(categories(&api.platform)
                .update(&content, parse_id(&id)?, input)
                .await?)
        })
        .await
    }

    /// Deletes a category and its subtree; their nodes lose the category (`content:delete`).
    /// Always true.
    async fn delete_category(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Category id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:delete").await?;
            categories(&api.platform)
                .delete(&content, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Edits a node; the previous state becomes a revision (`content:update`). Errors:
    /// `version_conflict`, `slug_taken`, `validation_failed`.
    async fn update_node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Node id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: NodePatch,
        #[graphql(
            default,
            desc = "Absent: the category stays; `null`: clear it; an id: a category of the tenant."
        )]
        category_id: MaybeUndefined<ID>,
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

    /// Moves a node through the workflow. `SUBMIT`/`REJECT` need `content:update`, the other
    /// transitions `content:publish`. Errors: `invalid_transition`, `validation_failed`.
    async fn transition_node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Node id.")] id: ID,
        #[graphql(desc = "What to do.")] transition: Transition,
        #[graphql(desc = "Required by `SCHEDULE`: when to publish, in the future.")]
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

    /// Deletes a node with its texts, revisions and replies (`content:delete`). Always true.
    async fn delete_node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Node id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:delete").await?;
            service(&api.platform)
                .delete(&content, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Restores a node as it was at `version`, recorded as a new version
    /// (`content:update`). Errors: `not_found` (no such revision), `slug_taken`.
    async fn restore_node_revision(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Node id.")] id: ID,
        #[graphql(desc = "The revision's version (see `nodeRevisions`).")] version: i32,
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
