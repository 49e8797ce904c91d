//! Request middleware, outermost first: request id + log span, security headers, CORS,
//! metrics, the request timeout, body size, rate limits per client, a NUL in the URI, panic →
//! problem, then on API routes tenant resolution, rate limits per tenant and caller, and the
//! hot cache (storefront reads).

pub mod body_limit;
pub mod hot_cache;
pub mod http_headers;
pub mod metrics;
pub mod rate_limit;
pub mod request_id;
pub mod tenant;
pub mod uri_text;
