//! Request middleware, outermost first: request id + log span, metrics, body size, a NUL in
//! the URI, rate limits per client, panic → problem, tenant resolution (API routes only), the hot cache (storefront product reads).

pub mod body_limit;
pub mod hot_cache;
pub mod metrics;
pub mod rate_limit;
pub mod request_id;
pub mod tenant;
pub mod uri_text;
