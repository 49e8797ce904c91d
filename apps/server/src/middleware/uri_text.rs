use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use rustok_core::Error;

use rustok_api::error::problem_response;

/// Refuses an API request whose path or query string holds the NUL character (`%00`) with 400
/// `invalid_path` / `invalid_query`, before tenant resolution or a handler: PostgreSQL `text`
/// cannot take it, so a lookup by such a slug or filter would fail in the database, and on
/// SQLite it would match nothing anyway. A literal `%` is sent as `%25`, so `%00` in a URI is
/// always an encoded NUL.
pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let uri = request.uri();
    if uri.path().starts_with("/api/") {
        if holds_nul(uri.path()) {
            return problem_response(&Error::bad_request(
                "invalid_path",
                "the path must not contain the NUL character (`%00`)",
            ));
        }
        if uri.query().is_some_and(holds_nul) {
            return problem_response(&Error::bad_request(
                "invalid_query",
                "query parameters must not contain the NUL character (`%00`)",
            ));
        }
    }
    next.run(request).await
}

fn holds_nul(encoded: &str) -> bool {
    encoded.contains("%00")
}

#[cfg(test)]
mod tests {
    use super::holds_nul;

    #[test]
    fn only_an_encoded_nul_is_found() {
        assert!(holds_nul("q=a%00b"));
        assert!(holds_nul("/api/v1/blog/posts/by-slug/%%00"));
        assert!(!holds_nul("q=100%2500"));
        assert!(!holds_nul("q=a%20b&tag=%E2%82%AC"));
    }
}
