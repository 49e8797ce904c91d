//! Request middleware, outermost first: panic → problem, metrics, body size, tenant resolution.

pub mod body_limit;
pub mod metrics;
pub mod tenant;
