//! The platform error and its RFC 7807 (`application/problem+json`) form.
//!
//! Every crate has its own `thiserror` enum and converts into [`Error`] at the API edge; the server
//! turns an [`Error`] into an HTTP response (REST) or an error with `extensions.code` (GraphQL).
//! The `code` strings are a public contract: clients switch on them, so never rename one.

use serde::{Deserialize, Serialize};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request could not be understood (malformed JSON, bad id, bad header).
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    /// The request was understood but its fields are invalid.
    #[error("validation failed: {}", summarize(.0))]
    Validation(Vec<FieldError>),
    #[error("{what} not found")]
    NotFound { what: &'static str },
    /// The module exists in this server but is switched off for the tenant.
    #[error("the `{module}` module is not enabled for this tenant")]
    ModuleDisabled { module: &'static str },
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    #[error("{detail}")]
    Unauthorized { code: &'static str, detail: String },
    #[error("missing permission `{permission}`")]
    Forbidden { permission: String },
    /// Refused for a reason other than a missing permission (e.g. an inactive tenant).
    #[error("{detail}")]
    Refused { code: &'static str, detail: String },
    #[error("too many attempts; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error("request body is larger than {limit_bytes} bytes")]
    PayloadTooLarge { limit_bytes: usize },
    #[error("this route does not accept that HTTP method")]
    MethodNotAllowed,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    Unavailable(String),
    /// Something broke on our side; the detail is logged, never shown to the client.
    #[error("internal error: {0}")]
    Internal(String),
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
}

fn summarize(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Error {
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::BadRequest {
            code,
            detail: detail.into(),
        }
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            detail: detail.into(),
        }
    }

    pub fn unauthorized(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Unauthorized {
            code,
            detail: detail.into(),
        }
    }

    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::Internal(detail.to_string())
    }

    /// HTTP status code of this error.
    pub fn status(&self) -> u16 {
        match self {
            Self::BadRequest { .. } => 400,
            Self::Validation(_) => 422,
            Self::NotFound { .. } | Self::ModuleDisabled { .. } => 404,
            Self::Conflict { .. } => 409,
            Self::Unauthorized { .. } => 401,
            Self::Forbidden { .. } | Self::Refused { .. } => 403,
            Self::RateLimited { .. } => 429,
            Self::PayloadTooLarge { .. } => 413,
            Self::MethodNotAllowed => 405,
            Self::UnsupportedMediaType(_) => 415,
            Self::Unavailable(_) => 503,
            Self::Internal(_) | Self::Database(_) => 500,
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest { code, .. }
            | Self::Conflict { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Refused { code, .. } => code,
            Self::Validation(_) => "validation_failed",
            Self::NotFound { .. } => "not_found",
            Self::ModuleDisabled { .. } => "module_disabled",
            Self::Forbidden { .. } => "forbidden",
            Self::RateLimited { .. } => "rate_limited",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::UnsupportedMediaType(_) => "unsupported_media_type",
            Self::Unavailable(_) => "unavailable",
            Self::Internal(_) => "internal_error",
            Self::Database(_) => "database_error",
        }
    }

    pub fn is_server_error(&self) -> bool {
        self.status() >= 500
    }

    /// The RFC 7807 body. Server-side details are replaced by a generic sentence.
    pub fn to_problem(&self) -> Problem {
        let status = self.status();
        let detail = if self.is_server_error() && !matches!(self, Self::Unavailable(_)) {
            "the server could not complete the request; it has been logged".to_string()
        } else {
            self.to_string()
        };
        let errors = match self {
            Self::Validation(errors) => errors.clone(),
            _ => Vec::new(),
        };
        Problem {
            problem_type: format!("urn:rustok:problem:{}", self.code()),
            title: title_for(status).to_string(),
            status,
            detail,
            code: self.code().to_string(),
            errors,
        }
    }
}

impl From<crate::id::IdError> for Error {
    fn from(err: crate::id::IdError) -> Self {
        Self::bad_request("invalid_id", err.to_string())
    }
}

fn title_for(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    }
}

/// `application/problem+json` body (RFC 7807) with RusToK's stable `code` extension member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_details_are_not_leaked() {
        let problem = Error::internal("connection refused at 10.0.0.7").to_problem();
        assert_eq!(problem.status, 500);
        assert_eq!(problem.code, "internal_error");
        assert!(!problem.detail.contains("10.0.0.7"));
    }

    #[test]
    fn validation_lists_fields() {
        let problem = Error::invalid_field("email", "must be an email address").to_problem();
        assert_eq!(problem.status, 422);
        assert_eq!(problem.errors[0].field, "email");
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "urn:rustok:problem:validation_failed");
    }
}
