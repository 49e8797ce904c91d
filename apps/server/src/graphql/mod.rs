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
use crate::settings::GraphqlSettings;
use crate::state::SharedState;
use rustok_api::error::graphql_error;
use rustok_api::graphql::{GraphqlScope, parse_gql_id};

pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Reads: the platform's (the caller, the tenant, modules, tenants, roles, the audit trail, the
/// event pipeline, the storefront index) merged with those of each built-in module (`content`,
/// `blog`, `forum`, `pages`, `commerce`).
#[derive(MergedObject, Default)]
pub struct QueryRoot(
    PlatformQuery,
    rustok_content::graphql::ContentQuery,
    rustok_blog::graphql::BlogQuery,
    rustok_forum::graphql::ForumQuery,
    rustok_pages::graphql::PagesQuery,
    rustok_commerce::graphql::CommerceQuery,
);

/// Writes: the platform's (tenants and their domains, module switches, role permissions, the
/// event pipeline, index rebuilds) merged with those of each built-in module. Every mutation
/// needs a signed-in caller holding the permission it names.
#[derive(MergedObject, Default)]
pub struct MutationRoot(
    PlatformMutation,
    rustok_content::graphql::ContentMutation,
    rustok_blog::graphql::BlogMutation,
    rustok_forum::graphql::ForumMutation,
    rustok_pages::graphql::PagesMutation,
    rustok_commerce::graphql::CommerceMutation,
);

/// Descriptions of the scalars async-graphql defines (theirs are generic or say nothing about
/// the formats this server reads and writes).
const UUID_DESCRIPTION: &str = "A UUID, written hyphenated in lower case \
    (`0191f5d2-8c3e-7a10-9b7e-3f1c2d4e5a6b`); read in that form, as 32 hex digits, braced or as a \
    `urn:uuid:` URN (not as a ULID: arguments of type `ID` take both). Ids are made from ULIDs, \
    so they sort by creation time.";
const DATETIME_DESCRIPTION: &str = "A date and time with a UTC offset, RFC 3339 \
    (`2026-01-31T09:30:00+00:00`; fractional seconds optional).";
const JSON_DESCRIPTION: &str = "Any JSON value (object, array, string, number, boolean or null); \
    the field's description says which shape it has.";

/// The schema with the default settings (introspection on): what `docs/schema.graphql` shows.
pub fn build_schema() -> AppSchema {
    schema_with(&GraphqlSettings::default())
}

/// The schema as the server runs it: the request limits and introspection of `settings`.
pub fn schema_with(settings: &GraphqlSettings) -> AppSchema {
    let limits = settings.limits();
    let builder = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .override_output_type_description::<Uuid>(UUID_DESCRIPTION)
    .override_output_type_description::<chrono::DateTime<chrono::FixedOffset>>(DATETIME_DESCRIPTION)
    .override_output_type_description::<serde_json::Value>(JSON_DESCRIPTION)
    // The limits extension refuses deeper documents first, with `query_too_complex`; this
    // bounds what it does not count (introspection).
    .limit_depth(limits.max_depth)
    .extension(rustok_api::graphql_limits::RequestLimits(limits));
    if settings.introspection {
        builder.finish()
    } else {
        builder.disable_introspection().finish()
    }
}

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

/// The tenant a request runs in (resolved from `X-Tenant-ID`, the host name or the default).
#[derive(SimpleObject)]
pub struct TenantInfo {
    /// The tenant's id.
    pub id: Uuid,
    /// The tenant's slug: `[a-z0-9-]`, 1–64 characters, no leading or trailing hyphen.
    pub slug: String,
    /// The tenant's display name (1–255 characters).
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

    /// Every tenant, in creation order (`tenants:read`, platform operators).
    async fn tenants(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1–100 (default 20); outside that range `validation_failed`.")]
        first: Option<u64>,
        #[graphql(desc = "The previous page's `nextCursor`: a tenant id (UUID or ULID).")]
        after: Option<ID>,
    ) -> GqlResult<TenantPage> {
        let (scope, principal) = signed_in(ctx)?;
        let after = after.as_ref().map(id).transpose()?;
        tenant_admin::list_tenants(scope.state, principal, after, first)
            .await
            .map_err(graphql_error)
    }

    /// One tenant (`tenants:read`, or `settings:read` for the caller's own tenant); `not_found`
    /// when there is none with this id.
    async fn tenant_by_id(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tenant's id (UUID or ULID).")] id: ID,
    ) -> GqlResult<TenantView> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::get_tenant(scope.state, principal, self::id(&id)?)
            .await
            .map_err(graphql_error)
    }

    /// A tenant's domains, by host name (`tenants:read`, or `settings:read` for the caller's own
    /// tenant); `not_found` for an unknown tenant.
    async fn tenant_domains(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tenant's id (UUID or ULID).")] tenant_id: ID,
    ) -> GqlResult<Vec<DomainView>> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::list_domains(scope.state, principal, id(&tenant_id)?)
            .await
            .map_err(graphql_error)
    }

    /// Every role with its effective permissions in this tenant (`rbac:read`).
    async fn roles(&self, ctx: &Context<'_>) -> GqlResult<Vec<RoleView>> {
        let (scope, principal) = signed_in(ctx)?;
        roles::list_roles(scope.state, principal)
            .await
            .map_err(graphql_error)
    }

    /// This tenant's audit trail, newest first (`audit:read`).
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1–200 (default 50); outside that range `validation_failed`.")]
        first: Option<u64>,
        #[graphql(
            desc = "The previous page's `nextCursor` (an event id, UUID or ULID): entries older than it."
        )]
        after: Option<ID>,
    ) -> GqlResult<AuditPage> {
        let (scope, principal) = signed_in(ctx)?;
        let after = after.as_ref().map(id).transpose()?;
        audit::list(scope.state, principal, after, first)
            .await
            .map_err(graphql_error)
    }

    /// Events that failed every delivery attempt, oldest first (`events:manage`, platform
    /// operators); `outbox_disabled` when the event transport is not the outbox.
    async fn dead_events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1–200 (default 50); outside that range `validation_failed`.")]
        first: Option<u64>,
        #[graphql(desc = "The previous page's `nextCursor`: an event id (UUID or ULID).")]
        after: Option<ID>,
    ) -> GqlResult<DeadEventPage> {
        let (scope, principal) = signed_in(ctx)?;
        let after = after.as_ref().map(id).transpose()?;
        events::list_dead(scope.state, principal, after, first)
            .await
            .map_err(graphql_error)
    }

    /// Names of the event consumers a replay can target (`events:manage`); `outbox_disabled`
    /// when the event transport is not the outbox.
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
        #[graphql(
            desc = "`products` (the default) or `content`; anything else is `validation_failed`."
        )]
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
    /// Creates a tenant with its first admin user and its domains in one transaction
    /// (`tenants:create`). Errors: `invalid_tenant` (slug or a domain malformed or reserved),
    /// `tenant_slug_taken`, `tenant_domain_taken`, `validation_failed`.
    async fn create_tenant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tenant, its admin and its domains.")] input: CreateTenantInput,
    ) -> GqlResult<CreatedTenant> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::create_tenant(scope.state, principal, input)
            .await
            .map_err(graphql_error)
    }

    /// Renames a tenant, replaces its settings or (de)activates it: `tenants:update`, or
    /// `settings:update` for the caller's own tenant except `isActive`, which needs
    /// `tenants:update`. Deactivating the caller's own tenant is `cannot_deactivate_own_tenant`.
    async fn update_tenant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tenant's id (UUID or ULID).")] id: ID,
        #[graphql(desc = "The fields to change; absent or null fields are kept.")]
        input: UpdateTenantInput,
    ) -> GqlResult<TenantView> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::update_tenant(scope.state, principal, self::id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// Deactivates a tenant (`tenants:update`): its data stays, its requests are refused with
    /// `tenant_inactive`. The caller's own tenant is `cannot_deactivate_own_tenant`.
    async fn deactivate_tenant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tenant's id (UUID or ULID).")] id: ID,
    ) -> GqlResult<TenantView> {
        let (scope, principal) = signed_in(ctx)?;
        let input = UpdateTenantInput {
            is_active: Some(false),
            ..UpdateTenantInput::default()
        };
        tenant_admin::update_tenant(scope.state, principal, self::id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// Routes a host name to a tenant (`tenants:update`, or `settings:update` for the caller's
    /// own tenant). Errors: `invalid_tenant` (malformed host), `tenant_domain_taken`.
    async fn add_tenant_domain(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tenant's id (UUID or ULID).")] tenant_id: ID,
        #[graphql(desc = "The host name and whether it becomes the primary domain.")]
        input: AddDomainInput,
    ) -> GqlResult<DomainView> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::add_domain(scope.state, principal, id(&tenant_id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// Removes a domain from a tenant (`tenants:update`, or `settings:update` for the caller's
    /// own tenant); `true` once removed, `not_found` when the tenant has no such domain. Removing
    /// the primary domain makes the oldest remaining one primary.
    async fn remove_tenant_domain(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The tenant's id (UUID or ULID).")] tenant_id: ID,
        #[graphql(desc = "The domain's id (UUID or ULID).")] domain_id: ID,
    ) -> GqlResult<bool> {
        let (scope, principal) = signed_in(ctx)?;
        tenant_admin::remove_domain(scope.state, principal, id(&tenant_id)?, id(&domain_id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    /// Enables or disables an optional module for the caller's tenant (`modules:manage`).
    /// Errors: `not_found` (no such module), `module_required` (a core module),
    /// `module_dependency_disabled` (enable its dependencies first), `module_in_use` (disable
    /// its dependents first).
    async fn set_module_enabled(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The module's slug (see `modules`).")] slug: String,
        #[graphql(desc = "`true` to enable, `false` to disable.")] enabled: bool,
    ) -> GqlResult<ModuleView> {
        let (scope, principal) = signed_in(ctx)?;
        modules::set_module_enabled(scope.state, principal, &slug, enabled)
            .await
            .map_err(graphql_error)
    }

    /// Replaces a role's permissions in the caller's tenant (`rbac:manage`). Errors:
    /// `validation_failed` (unknown role, a malformed or platform permission, more than 256),
    /// `role_locked` (`super_admin`, or `admin` without `rbac:manage`).
    async fn set_role_permissions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "`admin`, `manager`, `editor` or `customer` (`super_admin` is locked).")]
        role: String,
        #[graphql(
            desc = "At most 256 `resource:action` grants; each part is `*` or 1–48 of `[a-z_]`; platform resources (`tenants`, `events`) cannot be granted."
        )]
        permissions: Vec<String>,
    ) -> GqlResult<RoleView> {
        let (scope, principal) = signed_in(ctx)?;
        roles::set_role_permissions(scope.state, principal, &role, permissions)
            .await
            .map_err(graphql_error)
    }

    /// Requeues one dead or failed event now, with a fresh attempt budget (`events:manage`).
    /// Errors: `not_found`, `event_not_retryable` (neither dead nor failed), `outbox_disabled`.
    async fn retry_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event's id (UUID or ULID).")] id: ID,
    ) -> GqlResult<StoredEventView> {
        let (scope, principal) = signed_in(ctx)?;
        events::retry(scope.state, principal, self::id(&id)?)
            .await
            .map_err(graphql_error)
    }

    /// Requeues every dead event (`events:manage`); `outbox_disabled` when the event transport
    /// is not the outbox.
    async fn retry_dead_events(&self, ctx: &Context<'_>) -> GqlResult<RetryResult> {
        let (scope, principal) = signed_in(ctx)?;
        events::retry_all_dead(scope.state, principal)
            .await
            .map_err(graphql_error)
    }

    /// Delivers a range of dispatched events to one consumer again, at most 10 000 per call
    /// (`events:manage`). Errors: `not_found` (unknown consumer), `validation_failed` (`from`
    /// not before `to`), `outbox_disabled`.
    async fn replay_events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The consumer and the range of events.")] input: ReplayInput,
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
        #[graphql(
            desc = "`products` or `content`; every kind when absent; anything else is `validation_failed`."
        )]
        kind: Option<String>,
    ) -> GqlResult<IndexStatusView> {
        let (scope, principal) = signed_in(ctx)?;
        index::rebuild(scope.state, principal, kind.as_deref())
            .await
            .map_err(graphql_error)
    }

    /// Restores a role's default permissions in the caller's tenant (`rbac:manage`);
    /// `validation_failed` for an unknown role.
    async fn reset_role_permissions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "`admin`, `manager`, `editor` or `customer`.")] role: String,
    ) -> GqlResult<RoleView> {
        let (scope, principal) = signed_in(ctx)?;
        roles::reset_role(scope.state, principal, &role)
            .await
            .map_err(graphql_error)
    }
}
