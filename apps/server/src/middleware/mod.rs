//! Request middleware, outermost first: request id + log span, metrics, body size, panic →
//! problem, tenant resolution (API routes only).

pub mod body_limit;
pub mod metrics;
pub mod request_id;
pub mod tenant;
