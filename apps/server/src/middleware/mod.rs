//! Request middleware, outermost first: panic → problem, request id + log span, metrics,
//! body size, tenant resolution.

pub mod body_limit;
pub mod metrics;
pub mod request_id;
pub mod tenant;
