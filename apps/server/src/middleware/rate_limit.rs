//! Request rate limits (`settings.rustok.rate_limit`), in process, with `governor`'s GCRA:
//! each key has a steady rate per minute and a burst it may spend at once.
//!
//! - per client IP, on every `/api/` request but the OpenAPI document ([`per_client`], before
//!   tenant resolution); the client is the peer address, or, when the peer is a configured
//!   trusted proxy, the last `X-Forwarded-For` entry that is not one;
//! - stricter per client IP for the `auth` class (sign-in, registration, token refresh) and the
//!   `checkout` class (checking a cart out);
//! - per tenant and per signed-in caller, on every tenant request ([`per_tenant`], after
//!   tenant resolution), so one noisy tenant or account cannot take a process from the others.
//!
//! Over a limit: 429 `rate_limited` problem+json with `Retry-After` (whole seconds). Keys idle
//! for a while are dropped, so memory stays bounded by the active clients.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rustok_api::ApiState;
use rustok_api::error::problem_response;
use rustok_core::{Error, TenantId};
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::settings::{RateLimitSettings, RateQuota};
use crate::state::SharedState;

/// Checks between two sweeps of idle keys.
const SWEEP_EVERY: u64 = 4096;

/// The limiters of one process.
pub struct RateLimits {
    clients: DefaultKeyedRateLimiter<IpAddr>,
    auth: DefaultKeyedRateLimiter<IpAddr>,
    checkout: DefaultKeyedRateLimiter<IpAddr>,
    tenants: DefaultKeyedRateLimiter<TenantId>,
    callers: DefaultKeyedRateLimiter<(TenantId, Uuid)>,
    trusted_proxies: Vec<IpAddr>,
    clock: DefaultClock,
    checks: AtomicU64,
}

fn quota(rate: &RateQuota) -> Quota {
    let per_minute = NonZeroU32::new(rate.requests_per_minute).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(rate.burst).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(per_minute).allow_burst(burst)
}

/// A route class with its own, stricter limit per client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Auth,
    Checkout,
}

impl RateLimits {
    /// `None` when rate limiting is switched off.
    pub fn new(settings: &RateLimitSettings) -> Option<Self> {
        settings.enabled.then(|| Self {
            clients: RateLimiter::keyed(quota(&settings.client)),
            auth: RateLimiter::keyed(quota(&settings.auth)),
            checkout: RateLimiter::keyed(quota(&settings.checkout)),
            tenants: RateLimiter::keyed(quota(&settings.tenant)),
            callers: RateLimiter::keyed(quota(&settings.caller)),
            trusted_proxies: settings.trusted_proxies.clone(),
            clock: DefaultClock::default(),
            checks: AtomicU64::new(0),
        })
    }

    /// Spends one request of `key` in `limiter`; the wait in whole seconds when none is left.
    fn spend<K>(&self, limiter: &DefaultKeyedRateLimiter<K>, key: &K) -> Result<(), Error>
    where
        K: std::hash::Hash + Eq + Clone,
    {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep();
        }
        limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            Error::RateLimited {
                retry_after_secs: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
            }
        })
    }

    /// Drops keys whose limit is back to full.
    fn sweep(&self) {
        self.clients.retain_recent();
        self.auth.retain_recent();
        self.checkout.retain_recent();
        self.tenants.retain_recent();
        self.callers.retain_recent();
    }

    /// The client's address: the peer, or behind trusted proxies the last forwarded address
    /// that is not one of them.
    fn client_ip(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = peer?;
        if !self.trusted_proxies.contains(&peer) {
            return Some(peer);
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
            .collect::<Vec<_>>();
        forwarded
            .into_iter()
            .rev()
            .find(|ip| !self.trusted_proxies.contains(ip))
            .or(Some(peer))
    }
}

fn class(method: &Method, path: &str) -> Option<Class> {
    if method != Method::POST {
        return None;
    }
    match path {
        "/api/v1/auth/login" | "/api/v1/auth/register" | "/api/v1/auth/refresh" => {
            Some(Class::Auth)
        }
        _ if path.starts_with("/api/v1/commerce/carts/") && path.ends_with("/checkout") => {
            Some(Class::Checkout)
        }
        _ => None,
    }
}

/// Per client IP (and its route class), on every `/api/` request.
pub async fn per_client(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(limits) = state.rate_limits.as_deref() else {
        return next.run(request).await;
    };
    let path = request.uri().path();
    if !path.starts_with("/api/") || path == "/api/openapi.json" {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    // Without a peer address (a request made inside the process) there is no client to limit.
    if let Some(ip) = limits.client_ip(peer, request.headers()) {
        let checked = limits.spend(&limits.clients, &ip).and_then(|()| {
            match class(request.method(), request.uri().path()) {
                Some(Class::Auth) => limits.spend(&limits.auth, &ip),
                Some(Class::Checkout) => limits.spend(&limits.checkout, &ip),
                None => Ok(()),
            }
        });
        if let Err(err) = checked {
            return problem_response(&err);
        }
    }
    next.run(request).await
}

/// Per tenant and per signed-in caller, on every tenant request (after tenant resolution).
pub async fn per_tenant(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(limits) = state.rate_limits.as_deref() else {
        return next.run(request).await;
    };
    let Some(tenant) = request.extensions().get::<TenantContext>().map(|t| t.id) else {
        return next.run(request).await;
    };
    let mut checked = limits.spend(&limits.tenants, &tenant);
    // A token that does not verify is the handler's to refuse (401); it limits nothing here.
    let caller = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(rustok_api::extract::bearer_token)
        .and_then(|token| state.verify_token(token, tenant).ok())
        .map(|principal| principal.user_id);
    if let (Ok(()), Some(user)) = (&checked, caller) {
        checked = limits.spend(&limits.callers, &(tenant, user));
    }
    match checked {
        Ok(()) => next.run(request).await,
        Err(err) => problem_response(&err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(trusted: &[&str]) -> RateLimits {
        let settings = RateLimitSettings {
            trusted_proxies: trusted.iter().map(|ip| ip.parse().unwrap()).collect(),
            ..RateLimitSettings::default()
        };
        RateLimits::new(&settings).unwrap()
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().unwrap());
        headers
    }

    #[test]
    fn forwarded_addresses_are_believed_from_trusted_proxies_only() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let direct = limits(&[]);
        let spoofed = forwarded("203.0.113.9");
        assert_eq!(
            direct.client_ip(Some(ip("198.51.100.7")), &spoofed),
            Some(ip("198.51.100.7"))
        );
        let proxied = limits(&["10.0.0.1", "10.0.0.2"]);
        let chain = forwarded("203.0.113.9, 198.51.100.7, 10.0.0.2");
        assert_eq!(
            proxied.client_ip(Some(ip("10.0.0.1")), &chain),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(
            proxied.client_ip(Some(ip("10.0.0.1")), &HeaderMap::new()),
            Some(ip("10.0.0.1"))
        );
        assert_eq!(proxied.client_ip(None, &chain), None);
    }

    #[test]
    fn route_classes() {
        assert_eq!(
            class(&Method::POST, "/api/v1/auth/login"),
            Some(Class::Auth)
        );
        assert_eq!(class(&Method::GET, "/api/v1/auth/login"), None);
        assert_eq!(
            class(&Method::POST, "/api/v1/commerce/carts/01J/checkout"),
            Some(Class::Checkout)
        );
        assert_eq!(class(&Method::POST, "/api/v1/commerce/carts"), None);
    }

    #[test]
    fn a_key_over_its_burst_waits_and_others_do_not() {
        let limits = limits(&[]);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let burst = RateLimitSettings::default().auth.burst;
        for _ in 0..burst {
            assert!(limits.spend(&limits.auth, &a).is_ok());
        }
        let Err(Error::RateLimited { retry_after_secs }) = limits.spend(&limits.auth, &a) else {
            panic!("the burst is spent");
        };
        assert!(retry_after_secs >= 1);
        assert!(limits.spend(&limits.auth, &b).is_ok());
    }
}
