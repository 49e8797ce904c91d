//! Users and tokens: register, login, refresh (rotating, reuse-detecting), logout, me.
//!
//! Access tokens are short-lived HS256 JWTs carrying user, tenant and role. Refresh tokens are
//! random 256-bit strings stored only as SHA-256 hashes; each refresh rotates the token, and
//! presenting an already-rotated token revokes its whole family (a stolen token gets one use).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use async_graphql::SimpleObject;
use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use moka::future::Cache;
use rand::RngCore;
use rustok_core::{DomainEvent, Error, EventBus, TenantId, generate_id};
use rustok_rbac::{Principal, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, SqlErr,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::models::{refresh_tokens, users};
use crate::settings::{AuthSettings, RateLimitSettings};

pub const MIN_PASSWORD_LEN: usize = 8;
pub const MAX_PASSWORD_LEN: usize = 128;
const MAX_EMAIL_LEN: usize = 254;
const MAX_NAME_LEN: usize = 255;

/// What [`prepare_user`] accepts as an email, as an ECMA-262 pattern (OpenAPI `pattern`; see
/// [`rustok_core::pattern`]): surrounding whitespace (trimmed), then at most 254 characters: a local part of 1–64 of the
/// characters HTML forms allow, `@`, and a domain (checked further by the server: RFC 1123
/// labels, an internationalised domain or a bracketed IP address).
pub const EMAIL_PATTERN: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]{1,254}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|[^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\[[0-9A-Fa-f:.]+\]|[^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x7f][^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";
/// What [`prepare_user`] accepts as a name, as an ECMA-262 pattern: after trimming, empty (no
/// name) or at most 255 characters.
pub const USER_NAME_PATTERN: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,253}[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";
const JWT_LEEWAY_SECS: u64 = 5;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: Uuid,
    /// Tenant id: a token is only valid in the tenant that issued it.
    pub tid: Uuid,
    pub role: Role,
    pub iat: i64,
    pub exp: i64,
}

/// A signed-in session: send `access_token` as `Authorization: Bearer …`; exchange
/// `refresh_token` for a new pair before or after the access token expires.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TokenPair {
    /// An HS256 JWT naming the user, the tenant and the role; valid only in the tenant that
    /// issued it, for `expires_in` seconds.
    pub access_token: String,
    /// 64 hex digits; one use: refreshing rotates it, and presenting a used one revokes the
    /// whole login.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Access token lifetime in seconds.
    pub expires_in: u64,
}

/// A user account of one tenant.
#[derive(Debug, Clone, Serialize, ToSchema, SimpleObject)]
pub struct UserView {
    /// The user's id.
    pub id: Uuid,
    /// The tenant the account belongs to (accounts never span tenants).
    pub tenant_id: Uuid,
    /// The sign-in email, stored trimmed and lower-cased (unique per tenant).
    pub email: String,
    /// The display name, if one was given (at most 255 characters).
    pub name: Option<String>,
    /// `super_admin`, `admin`, `manager`, `editor` or `customer`.
    pub role: String,
    /// `active` (may sign in); any other value means the account is disabled.
    pub status: String,
    /// When the account was created.
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
}

impl From<users::Model> for UserView {
    fn from(user: users::Model) -> Self {
        Self {
            id: user.id,
            tenant_id: user.tenant_id,
            email: user.email,
            name: user.name,
            role: user.role,
            status: user.status,
            created_at: user.created_at,
        }
    }
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    access_ttl_secs: u64,
}

impl JwtKeys {
    pub fn new(secret: &[u8], access_ttl_secs: u64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = JWT_LEEWAY_SECS;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            access_ttl_secs,
        }
    }

    pub fn access_ttl_secs(&self) -> u64 {
        self.access_ttl_secs
    }

    pub fn issue(&self, user_id: Uuid, tenant: TenantId, role: Role) -> Result<String, Error> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user_id,
            tid: tenant.as_uuid(),
            role,
            iat: now,
            exp: now + self.access_ttl_secs as i64,
        };
        self.encode(&claims)
    }

    pub fn encode(&self, claims: &Claims) -> Result<String, Error> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .map_err(Error::internal)
    }

    /// Verifies signature and expiry, and that the token belongs to `tenant`.
    pub fn verify(&self, token: &str, tenant: TenantId) -> Result<Principal, Error> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|err| match err.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => {
                    Error::unauthorized("token_expired", "access token has expired")
                }
                _ => Error::unauthorized("invalid_token", "access token is not valid"),
            })?;
        let claims = data.claims;
        if claims.tid != tenant.as_uuid() {
            return Err(Error::unauthorized(
                "invalid_token",
                "access token was issued for another tenant",
            ));
        }
        Ok(Principal {
            user_id: claims.sub,
            tenant_id: tenant,
            role: claims.role,
        })
    }
}

/// Counts failed logins per tenant + email in a fixed window that starts at the first failure.
#[derive(Clone)]
struct LoginLimiter {
    failures: Cache<(TenantId, String), Arc<AtomicU32>>,
    max_failures: u32,
    window_secs: u64,
}

impl LoginLimiter {
    fn new(settings: &RateLimitSettings) -> Self {
        Self {
            failures: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(Duration::from_secs(settings.login_window_secs))
                .build(),
            max_failures: settings.login_max_failures,
            window_secs: settings.login_window_secs,
        }
    }

    /// Takes one attempt of the window before the password is checked: the counter is read and
    /// raised in one atomic step, so parallel guesses cannot all pass a check made before any
    /// of them failed. A successful login gives the window back ([`Self::reset`]).
    async fn begin(&self, key: &(TenantId, String)) -> Result<(), Error> {
        let counter = self
            .failures
            .get_with(key.clone(), async { Arc::default() })
            .await;
        let taken = counter.fetch_add(1, Ordering::AcqRel);
        if taken >= self.max_failures {
            return Err(Error::RateLimited {
                retry_after_secs: self.window_secs,
            });
        }
        Ok(())
    }

    async fn reset(&self, key: &(TenantId, String)) {
        self.failures.invalidate(key).await;
    }
}

#[derive(Clone)]
pub struct AuthService {
    db: DatabaseConnection,
    keys: Arc<JwtKeys>,
    refresh_ttl_secs: u64,
    limiter: LoginLimiter,
    events: EventBus,
}

/// A new customer account of the request's tenant.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RegisterInput {
    /// The sign-in email: trimmed and lower-cased, then at most 254 characters, a local part of
    /// 1–64 of ``A-Za-z0-9.!#$%&'*+/=?^_`{|}~-`` (no quoted forms), `@` and a domain (host name,
    /// internationalised domain or bracketed IP address), as HTML forms check it. Unique per
    /// tenant: 409 `email_taken`.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]{1,254}[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|[^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\[[0-9A-Fa-f:.]+\]|[^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\x00-\x7f][^@\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub email: String,
    /// 8–128 characters, taken as sent (not trimmed).
    #[schema(min_length = 8, max_length = 128)]
    pub password: String,
    /// Display name: trimmed, at most 255 characters; blank or absent means none.
    #[schema(
        pattern = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,253}[^\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"
    )]
    pub name: Option<String>,
}

/// Email and password of an account of the request's tenant.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct LoginInput {
    /// The account's email (trimmed and lower-cased before the lookup; any text is accepted,
    /// an unknown one is 401 `invalid_credentials`).
    pub email: String,
    /// The account's password (a wrong one is 401 `invalid_credentials`).
    pub password: String,
}

/// A refresh token from an earlier sign-in or refresh.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RefreshInput {
    /// The `refresh_token` of a token pair (any text is accepted; one that is not a live
    /// token of this tenant is 401 `invalid_token` on refresh and ignored on logout).
    pub refresh_token: String,
}

/// The new account and its first session.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterOutput {
    /// The account just created (role `customer`).
    pub user: UserView,
    /// The session's tokens, at the top level of the answer.
    #[serde(flatten)]
    pub tokens: TokenPair,
}

impl AuthService {
    pub fn new(
        db: DatabaseConnection,
        secret: &[u8],
        auth: &AuthSettings,
        rate_limit: &RateLimitSettings,
        events: EventBus,
    ) -> Self {
        Self {
            db,
            keys: Arc::new(JwtKeys::new(secret, auth.access_ttl_secs)),
            refresh_ttl_secs: auth.refresh_ttl_secs,
            limiter: LoginLimiter::new(rate_limit),
            events,
        }
    }

    pub fn keys(&self) -> &JwtKeys {
        &self.keys
    }

    /// Self-registration: a `customer` of `tenant`.
    pub async fn register(
        &self,
        tenant: TenantId,
        input: RegisterInput,
    ) -> Result<RegisterOutput, Error> {
        let prepared = prepare_user(NewUser {
            email: input.email,
            password: input.password,
            name: input.name,
            role: Role::Customer,
        })
        .await?;
        let txn = rustok_core::begin_write(&self.db).await?;
        let user = insert_user(&txn, tenant, prepared).await?;
        let event = DomainEvent::UserRegistered {
            user_id: user.id,
            email: user.email.clone(),
            role: user.role.clone(),
        };
        self.events
            .emit_in_tx(&txn, tenant, Some(user.id), event)
            .await?;
        let tokens = self.issue_pair(&txn, tenant, &user, generate_id()).await?;
        txn.commit().await?;
        Ok(RegisterOutput {
            user: user.into(),
            tokens,
        })
    }

    pub async fn login(&self, tenant: TenantId, input: LoginInput) -> Result<TokenPair, Error> {
        let email = normalize_email(&input.email);
        let key = (tenant, email.clone());
        self.limiter.begin(&key).await?;
        let user = find_user_by_email(&self.db, tenant, &email).await?;
        let hash = user.as_ref().map(|u| u.password_hash.clone());
        let verified = verify_password(input.password, hash).await?;
        let Some(user) = user.filter(|_| verified) else {
            return Err(invalid_credentials());
        };
        if user.status != users::STATUS_ACTIVE {
            return Err(Error::unauthorized(
                "account_disabled",
                "this account is disabled",
            ));
        }
        self.limiter.reset(&key).await;
        let txn = rustok_core::begin_write(&self.db).await?;
        let tokens = self.issue_pair(&txn, tenant, &user, generate_id()).await?;
        let event = DomainEvent::UserLoggedIn { user_id: user.id };
        self.events
            .emit_in_tx(&txn, tenant, Some(user.id), event)
            .await?;
        txn.commit().await?;
        Ok(tokens)
    }

    /// Rotates a refresh token. A token that was already rotated or revoked revokes its family.
    pub async fn refresh(&self, tenant: TenantId, refresh_token: &str) -> Result<TokenPair, Error> {
        let row = self.find_refresh_token(tenant, refresh_token).await?;
        let Some(row) = row else {
            return Err(Error::unauthorized(
                "invalid_token",
                "refresh token is not valid",
            ));
        };
        if row.revoked_at.is_some() || row.replaced_by.is_some() {
            self.revoke_family(row.family_id).await?;
            return Err(Error::unauthorized(
                "token_reused",
                "refresh token was already used; all sessions of this login were revoked",
            ));
        }
        if row.expires_at < Utc::now() {
            return Err(Error::unauthorized(
                "token_expired",
                "refresh token has expired",
            ));
        }
        let user = users::Entity::find_by_id(row.user_id)
            .filter(users::Column::TenantId.eq(tenant.as_uuid()))
            .one(&self.db)
            .await?
            .filter(|u| u.status == users::STATUS_ACTIVE)
            .ok_or_else(|| Error::unauthorized("invalid_token", "refresh token is not valid"))?;

        let txn = rustok_core::begin_write(&self.db).await?;
        let (token, next_id, next) =
            new_refresh_row(tenant, user.id, row.family_id, self.refresh_ttl_secs);
        next.insert(&txn).await?;
        // Conditional update: of two concurrent refreshes with one token, only one wins.
        let now = Utc::now().fixed_offset();
        let rotated = refresh_tokens::Entity::update_many()
            .col_expr(refresh_tokens::Column::RevokedAt, now.into())
            .col_expr(
                refresh_tokens::Column::ReplacedBy,
                sea_orm::sea_query::Expr::value(next_id),
            )
            .filter(refresh_tokens::Column::Id.eq(row.id))
            .filter(refresh_tokens::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        if rotated.rows_affected != 1 {
            txn.rollback().await?;
            self.revoke_family(row.family_id).await?;
            return Err(Error::unauthorized(
                "token_reused",
                "refresh token was already used; all sessions of this login were revoked",
            ));
        }
        txn.commit().await?;
        Ok(TokenPair {
            access_token: self.issue_access(tenant, &user)?,
            refresh_token: token,
            token_type: "Bearer",
            expires_in: self.keys.access_ttl_secs(),
        })
    }

    /// Ends the login the refresh token belongs to (every token of its family). Idempotent.
    pub async fn logout(&self, tenant: TenantId, refresh_token: &str) -> Result<(), Error> {
        if let Some(row) = self.find_refresh_token(tenant, refresh_token).await? {
            self.revoke_family(row.family_id).await?;
        }
        Ok(())
    }

    /// Deletes refresh tokens that expired more than a day ago (they can no longer be used; the
    /// day keeps recent ones for reuse detection). Returns how many were deleted.
    pub async fn purge_expired_tokens(&self) -> Result<u64, Error> {
        let cutoff = Utc::now().fixed_offset() - chrono::Duration::days(1);
        let deleted = refresh_tokens::Entity::delete_many()
            .filter(refresh_tokens::Column::ExpiresAt.lt(cutoff))
            .exec(&self.db)
            .await?;
        Ok(deleted.rows_affected)
    }

    pub async fn me(&self, principal: &Principal) -> Result<UserView, Error> {
        users::Entity::find_by_id(principal.user_id)
            .filter(users::Column::TenantId.eq(principal.tenant_id.as_uuid()))
            .one(&self.db)
            .await?
            .map(UserView::from)
            .ok_or(Error::NotFound { what: "user" })
    }

    async fn find_refresh_token(
        &self,
        tenant: TenantId,
        token: &str,
    ) -> Result<Option<refresh_tokens::Model>, Error> {
        if token.is_empty() || token.len() > 256 {
            return Ok(None);
        }
        Ok(refresh_tokens::Entity::find()
            .filter(refresh_tokens::Column::TokenHash.eq(hash_token(token)))
            .filter(refresh_tokens::Column::TenantId.eq(tenant.as_uuid()))
            .one(&self.db)
            .await?)
    }

    async fn revoke_family(&self, family_id: Uuid) -> Result<(), Error> {
        refresh_tokens::Entity::update_many()
            .col_expr(
                refresh_tokens::Column::RevokedAt,
                Utc::now().fixed_offset().into(),
            )
            .filter(refresh_tokens::Column::FamilyId.eq(family_id))
            .filter(refresh_tokens::Column::RevokedAt.is_null())
            .exec(&self.db)
            .await?;
        Ok(())
    }

    fn issue_access(&self, tenant: TenantId, user: &users::Model) -> Result<String, Error> {
        let role: Role = user.role.parse().map_err(Error::internal)?;
        self.keys.issue(user.id, tenant, role)
    }

    async fn issue_pair(
        &self,
        conn: &impl ConnectionTrait,
        tenant: TenantId,
        user: &users::Model,
        family_id: Uuid,
    ) -> Result<TokenPair, Error> {
        let access_token = self.issue_access(tenant, user)?;
        let (refresh_token, _, row) =
            new_refresh_row(tenant, user.id, family_id, self.refresh_ttl_secs);
        row.insert(conn).await?;
        Ok(TokenPair {
            access_token,
            refresh_token,
            token_type: "Bearer",
            expires_in: self.keys.access_ttl_secs(),
        })
    }
}

fn invalid_credentials() -> Error {
    Error::unauthorized("invalid_credentials", "email or password is wrong")
}

fn new_refresh_row(
    tenant: TenantId,
    user_id: Uuid,
    family_id: Uuid,
    ttl_secs: u64,
) -> (String, Uuid, refresh_tokens::ActiveModel) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let now = Utc::now().fixed_offset();
    let id = generate_id();
    let row = refresh_tokens::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant.as_uuid()),
        user_id: Set(user_id),
        family_id: Set(family_id),
        token_hash: Set(hash_token(&token)),
        expires_at: Set(now + chrono::Duration::seconds(ttl_secs as i64)),
        revoked_at: Set(None),
        replaced_by: Set(None),
        created_at: Set(now),
    };
    (token, id, row)
}

fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub struct NewUser {
    pub email: String,
    pub password: String,
    pub name: Option<String>,
    pub role: Role,
}

/// A validated new user with its password already hashed: prepared before the transaction, so
/// the deliberately slow hashing never runs while a write lock is held.
pub struct PreparedUser {
    email: String,
    password_hash: String,
    name: Option<String>,
    role: Role,
}

/// Validates a new user and hashes its password.
pub async fn prepare_user(new: NewUser) -> Result<PreparedUser, Error> {
    let email = normalize_email(&new.email);
    let mut problems = Vec::new();
    if !email_is_valid(&email) {
        problems.push(rustok_core::FieldError::new(
            "email",
            "must be an email address",
        ));
    }
    let password_len = new.password.chars().count();
    if !(MIN_PASSWORD_LEN..=MAX_PASSWORD_LEN).contains(&password_len) {
        problems.push(rustok_core::FieldError::new(
            "password",
            format!("must be {MIN_PASSWORD_LEN}..={MAX_PASSWORD_LEN} characters"),
        ));
    }
    let name = new
        .name
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    if name
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NAME_LEN)
    {
        problems.push(rustok_core::FieldError::new(
            "name",
            "must be at most 255 characters",
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Validation(problems));
    }
    let password_hash = hash_password(new.password).await?;
    Ok(PreparedUser {
        email,
        password_hash,
        name,
        role: new.role,
    })
}

/// A normalised email the server takes: at most 254 characters (as JSON Schema's `maxLength`
/// counts them; the column holds 255) and an address as HTML forms check it.
fn email_is_valid(email: &str) -> bool {
    email.chars().count() <= MAX_EMAIL_LEN && validator::ValidateEmail::validate_email(&email)
}

/// Inserts a prepared user (on a connection or inside a caller's transaction).
pub async fn insert_user(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    user: PreparedUser,
) -> Result<users::Model, Error> {
    let now = Utc::now().fixed_offset();
    users::ActiveModel {
        id: Set(generate_id()),
        tenant_id: Set(tenant.as_uuid()),
        email: Set(user.email),
        password_hash: Set(user.password_hash),
        name: Set(user.name),
        role: Set(user.role.as_str().to_string()),
        status: Set(users::STATUS_ACTIVE.to_string()),
        metadata: Set(serde_json::json!({})),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .map_err(|err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            Error::conflict("email_taken", "a user with this email already exists")
        }
        _ => Error::Database(err),
    })
}

pub async fn find_user_by_email(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    email: &str,
) -> Result<Option<users::Model>, Error> {
    Ok(users::Entity::find()
        .filter(users::Column::TenantId.eq(tenant.as_uuid()))
        .filter(users::Column::Email.eq(email))
        .one(db)
        .await?)
}

/// Argon2 is deliberately slow and takes 19 MiB per hash: at most one per CPU runs at a time
/// (the others wait their turn), so a burst of logins or registrations cannot exhaust the
/// blocking threads or memory.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    let cpus = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    tokio::sync::Semaphore::new(cpus)
});

/// Runs `work` (an Argon2 hash or verification) off the async threads, under [`HASHING`].
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Error> {
    let _permit = HASHING.acquire().await.map_err(Error::internal)?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(Error::internal)
}

async fn hash_password(password: String) -> Result<String, Error> {
    hashing(move || loco_rs::hash::hash_password(&password))
        .await?
        .map_err(Error::internal)
}

/// Verifies against `hash`, or against a fixed dummy hash when the user does not exist, so the
/// response time does not reveal which emails are registered.
async fn verify_password(password: String, hash: Option<String>) -> Result<bool, Error> {
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| DUMMY_HASH.to_string());
    let ok = hashing(move || loco_rs::hash::verify_password(&password, &hash)).await?;
    Ok(ok && known)
}

/// Argon2id hash of a random string nobody knows.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3m7AbvMbd4pAg6OTP5ItkOSkhFnT3cvtn3f5Z9uWcTQ";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use utoipa::PartialSchema;

    fn generated(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
        let body = rustok_core::pattern::without_lookaheads(pattern);
        proptest::string::string_regex(&body).unwrap()
    }

    #[test]
    fn documented_patterns_are_the_validators() {
        let register = serde_json::to_value(RegisterInput::schema()).unwrap();
        assert_eq!(register["properties"]["email"]["pattern"], EMAIL_PATTERN);
        assert_eq!(register["properties"]["name"]["pattern"], USER_NAME_PATTERN);
        assert_eq!(
            register["properties"]["password"]["minLength"],
            MIN_PASSWORD_LEN
        );
        assert_eq!(
            register["properties"]["password"]["maxLength"],
            MAX_PASSWORD_LEN
        );
    }

    /// The local part and the host-name form of the domain in [`EMAIL_PATTERN`]; its other
    /// domain forms (internationalised, IP literal) are checked further than a pattern can say.
    const LOCAL: &str = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}";
    const LABELS: &str = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*";

    fn host_name_emails() -> proptest::string::RegexGeneratorStrategy<String> {
        assert!(EMAIL_PATTERN.contains(&format!("{LOCAL}@(?:{LABELS}|")));
        let space = format!("[{}]*", rustok_core::pattern::TRIMMED);
        proptest::string::string_regex(&format!("{space}{LOCAL}@{LABELS}{space}")).unwrap()
    }

    proptest! {
        /// Whatever a client generates from the documented patterns, the server accepts.
        #[test]
        fn documented_emails_and_names_are_accepted(
            email in host_name_emails(),
            name in generated(USER_NAME_PATTERN),
        ) {
            prop_assert!(name.trim().chars().count() <= MAX_NAME_LEN, "{:?}", name);
            // The lookahead: at most 254 characters once trimmed.
            prop_assume!(email.trim().chars().count() <= MAX_EMAIL_LEN);
            prop_assert!(email_is_valid(&normalize_email(&email)), "{:?}", email);
        }
    }
}
