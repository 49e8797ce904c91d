//! The GraphQL schema (`/api/graphql`). Resolvers call the same services as REST, so permission
//! checks and errors are identical; errors carry the REST problem `code` in `extensions`.

use async_graphql::{Context, EmptySubscription, ID, MergedObject, Object, Schema, SimpleObject};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::services::audit::{self, AuditPage};
use crate::services::auth::UserView;
use crate::services::events::{
    self, DeadEventPage, ReplayInput, ReplayResult, RetryResult, StoredEventView,
};
use crate::services::index::{self, IndexStatusView};
use crate::services::modules::{self, ModuleView};
use crate::services::roles::{self, RoleView};
use crate::services::tenant_admin::{
    self, AddDomainInput, CreateTenantInput, CreatedTenant, DomainView, TenantPage, TenantView,
    UpdateTenantInput,
};
use crate::state::SharedState;
use rustok_api::error::graphql_error;
use rustok_api::graphql::{GraphqlScope, parse_gql_id};

pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Guards against hostile queries; generous for real admin screens. The depth must admit the
/// standard introspection query (GraphiQL's `TypeRef` nests `ofType` nine levels deep).
const MAX_DEPTH: usize = 20;
const MAX_COMPLEXITY: usize = 1_000;

/// The schema: the platform's operations merged with those of each built-in module.
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    PlatformQuery,
    rustok_content::graphql::ContentQuery,
    rustok_blog::graphql::BlogQuery,
    rustok_forum::graphql::ForumQuery,
    rustok_pages::graphql::PagesQuery,
    rustok_commerce::graphql::CommerceQuery,
);

#[derive(MergedObject, Default)]
pub struct MutationRoot(
    PlatformMutation,
    rustok_content::graphql::ContentMutation,
    rustok_blog::graphql::BlogMutation,
    rustok_forum::graphql::ForumMutation,
    rustok_pages::graphql::PagesMutation,
    rustok_commerce::graphql::CommerceMutation,
);

pub fn build_schema() -> AppSchema {
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .limit_depth(MAX_DEPTH)
    .limit_complexity(MAX_COMPLEXITY)
    .finish()
}

/// Per-request data, set by the HTTP handler.
/// The platform's view of one request: its state plus the shared [`GraphqlScope`].
struct RequestScope<'a> {
    state: &'a SharedState,
    tenant: &'a TenantContext,
    principal: Option<&'a Principal>,
}

type GqlResult<T> = async_graphql::Result<T>;

fn scope<'a>(ctx: &'a Context<'_>) -> GqlResult<RequestScope<'a>> {
    let shared = GraphqlScope::of(ctx)?;
    Ok(RequestScope {
        state: ctx.data::<SharedState>()?,
        tenant: &shared.tenant,
        principal: shared.principal.as_ref(),
    })
}

fn signed_in<'a>(ctx: &'a Context<'_>) -> GqlResult<(RequestScope<'a>, &'a Principal)> {
    let principal = GraphqlScope::of(ctx)?.signed_in()?;
    Ok((scope(ctx)?, principal))
}

fn id(value: &ID) -> GqlResult<Uuid> {
    parse_gql_id(value)
}

#[derive(SimpleObject)]
pub struct TenantInfo {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
}

#[derive(Default)]
pub struct PlatformQuery;

#[Object]
impl PlatformQuery {
    /// The signed-in user, or null for anonymous callers.
    async fn me(&self, ctx: &Context<'_>) -> GqlResult<Option<UserView>> {
        let scope = scope(ctx)?;
        match scope.principal {
            Some(principal) => Ok(Some(
                scope
                    .state
                    .auth
                    .me(principal)
                    .await
                    .map_err(graphql_error)?,
            )),
            None => Ok(None),
        }
    }

    /// The tenant this request runs in.
    async fn tenant(&self, ctx: &Context<'_>) -> GqlResult<TenantInfo> {
        let tenant = &scope(ctx)?.tenant;
        Ok(TenantInfo {
            id: tenant.id.as_uuid(),
            slug: tenant.slug.clone(),
            name: tenant.name.clone(),
        })
    }

    /// Modules of this server and whether each is enabled for this tenant.
    async fn modules(&self, ctx: &Context<'_>) -> GqlResult<Vec<ModuleView>> {
        let scope = scope(ctx)?;
        modules::list_modules(scope.state, scope.tenant.id)
            .await
            .map_err(graphql_error)
    }

    /// All tenants (super admin).
    async fn tenants(
        &self,
        ctx: &Context<'_>,
        first: Option<u64>,
        after: Option<ID>,
    ) -> GqlResult<TenantPage> {
        let (scope, principal) = signed_in(ctx)?;
        let after = after.as_ref().map(id).transpose()?;
        tenant_admin::list_tenants(scope.state, principal, after, first)
            .await
            .map_err(graphql_error)
    }

    async fn tenant_by_id(&self, ctx: &Context<'_>, id: ID) -> GqlResult<TenantView> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::get_tenant(scope.state, principal, self::id(&id)?)
            .await
            .map_err(graphql_error)
    }

    async fn tenant_domains(&self, ctx: &Context<'_>, tenant_id: ID) -> GqlResult<Vec<DomainView>> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::list_domains(scope.state, principal, id(&tenant_id)?)
            .await
            .map_err(graphql_error)
    }

    /// Role → permission matrix of this tenant.
    async fn roles(&self, ctx: &Context<'_>) -> GqlResult<Vec<RoleView>> {
        let (scope, principal) = signed_in(ctx)?;
        roles::list_roles(scope.state, principal)
            .await
            .map_err(graphql_error)
    }

    /// This tenant's audit trail, newest first.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        first: Option<u64>,
        after: Option<ID>,
    ) -> GqlResult<AuditPage> {
        let (scope, principal) = signed_in(ctx)?;
        let after = after.as_ref().map(id).transpose()?;
        audit::list(scope.state, principal, after, first)
            .await
            .map_err(graphql_error)
    }

    /// Events in the dead-letter queue (platform operators).
    async fn dead_events(
        &self,
        ctx: &Context<'_>,
        first: Option<u64>,
        after: Option<ID>,
    ) -> GqlResult<DeadEventPage> {
        let (scope, principal) = signed_in(ctx)?;
        let after = after.as_ref().map(id).transpose()?;
        events::list_dead(scope.state, principal, after, first)
            .await
            .map_err(graphql_error)
    }

    /// Event consumers a replay can target.
    async fn event_consumers(&self, ctx: &Context<'_>) -> GqlResult<Vec<String>> {
        let (scope, principal) = signed_in(ctx)?;
        events::consumers(scope.state, principal)
            .await
            .map_err(graphql_error)
    }

    /// Where the tenant's storefront index of `kind` (`products`, the default, or `content`)
    /// stands (`index:manage`).
    async fn index_status(
        &self,
        ctx: &Context<'_>,
        kind: Option<String>,
    ) -> GqlResult<IndexStatusView> {
        let (scope, principal) = signed_in(ctx)?;
        index::status(scope.state, principal, kind.as_deref())
            .await
            .map_err(graphql_error)
    }

    /// Where every kind of the tenant's storefront index stands (`index:manage`).
    async fn index_statuses(&self, ctx: &Context<'_>) -> GqlResult<Vec<IndexStatusView>> {
        let (scope, principal) = signed_in(ctx)?;
        index::statuses(scope.state, principal)
            .await
            .map_err(graphql_error)
    }
}

#[derive(Default)]
pub struct PlatformMutation;

#[Object]
impl PlatformMutation {
    async fn create_tenant(
        &self,
        ctx: &Context<'_>,
        input: CreateTenantInput,
    ) -> GqlResult<CreatedTenant> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::create_tenant(scope.state, principal, input)
            .await
            .map_err(graphql_error)
    }

    async fn update_tenant(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateTenantInput,
    ) -> GqlResult<TenantView> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::update_tenant(scope.state, principal, self::id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn deactivate_tenant(&self, ctx: &Context<'_>, id: ID) -> GqlResult<TenantView> {
        let (scope, principal) = signed_in(ctx)?;
        let input = UpdateTenantInput {
            is_active: Some(false),
            ..UpdateTenantInput::default()
        };
        tenant_admin::update_tenant(scope.state, principal, self::id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn add_tenant_domain(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        input: AddDomainInput,
    ) -> GqlResult<DomainView> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::add_domain(scope.state, principal, id(&tenant_id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn remove_tenant_domain(
        &self,
        ctx: &Context<'_>,
        tenant_id: ID,
        domain_id: ID,
    ) -> GqlResult<bool> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::remove_domain(scope.state, principal, id(&tenant_id)?, id(&domain_id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    async fn set_module_enabled(
        &self,
        ctx: &Context<'_>,
        slug: String,
        enabled: bool,
    ) -> GqlResult<ModuleView> {
        let (scope, principal) = signed_in(ctx)?;
        modules::set_module_enabled(scope.state, principal, &slug, enabled)
            .await
            .map_err(graphql_error)
    }

    async fn set_role_permissions(
        &self,
        ctx: &Context<'_>,
        role: String,
        permissions: Vec<String>,
    ) -> GqlResult<RoleView> {
        let (scope, principal) = signed_in(ctx)?;
        roles::set_role_permissions(scope.state, principal, &role, permissions)
            .await
            .map_err(graphql_error)
    }

    async fn retry_event(&self, ctx: &Context<'_>, id: ID) -> GqlResult<StoredEventView> {
        let (scope, principal) = signed_in(ctx)?;
        events::retry(scope.state, principal, self::id(&id)?)
            .await
            .map_err(graphql_error)
    }

    async fn retry_dead_events(&self, ctx: &Context<'_>) -> GqlResult<RetryResult> {
        let (scope, principal) = signed_in(ctx)?;
        events::retry_all_dead(scope.state, principal)
            .await
            .map_err(graphql_error)
    }

    async fn replay_events(
        &self,
        ctx: &Context<'_>,
        input: ReplayInput,
    ) -> GqlResult<ReplayResult> {
        let (scope, principal) = signed_in(ctx)?;
        events::replay(scope.state, principal, input)
            .await
            .map_err(graphql_error)
    }

    /// Rebuilds the tenant's storefront index of `kind` (`products` or `content`; every kind
    /// when absent) in the background (`index:manage`); the answer is the status of the
    /// (first) kind rebuilt (`building`).
    async fn rebuild_index(
        &self,
        ctx: &Context<'_>,
        kind: Option<String>,
    ) -> GqlResult<IndexStatusView> {
        let (scope, principal) = signed_in(ctx)?;
        index::rebuild(scope.state, principal, kind.as_deref())
            .await
            .map_err(graphql_error)
    }

    async fn reset_role_permissions(&self, ctx: &Context<'_>, role: String) -> GqlResult<RoleView> {
        let (scope, principal) = signed_in(ctx)?;
        roles::reset_role(scope.state, principal, &role)
            .await
            .map_err(graphql_error)
    }
}
