//! The hot cache of storefront reads: the serialized bytes of anonymous `GET`s of product
//! listings and product pages, and of the content reads served from the index (posts, pages,
//! forum topics and replies, comments, nodes by id, slug or listing), per tenant, served without running the handler. With the cache
//! off (`settings.rustok.cache.enabled: false`) the same reads still get `ETag`s and 304s.
//!
//! - **Key**: the tenant (resolved before this layer), the tenant's read-model generation and
//!   the path with its query (which carries locale, region, filters and cursor). Nothing else
//!   changes the bytes of an anonymous read.
//! - **Invalidation**: the index consumer bumps the tenant's generation after each committed
//!   change (and a module switch bumps it too); the generation is taken before the handler
//!   reads, so bytes read before a commit are never served after it. A TTL bounds memory and
//!   anything missed.
//! - **Who**: requests without `Authorization` only. Signed-in callers (staff see drafts) always
//!   reach the handler.
//! - **HTTP caching**: every 200 gets an `ETag` (a hash of the bytes); `If-None-Match` with it
//!   answers 304. `Cache-Control: public, no-cache` lets browsers and CDNs keep the bytes but
//!   revalidate each time, and `Vary` names the tenant header.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rustok_tenant::TenantContext;

use crate::state::SharedState;

/// Largest response body kept (bigger ones are served, not cached).
const MAX_CACHED_BYTES: usize = 1 << 20;

/// A cached answer: its entity tag and body.
pub struct Cached {
    etag: HeaderValue,
    body: Bytes,
}

/// The cache itself (moka, bounded by entries, with a TTL).
pub type HotCache = moka::future::Cache<(rustok_core::TenantId, u64, String), Arc<Cached>>;

pub fn hot_cache(max_entries: u64, ttl: std::time::Duration) -> HotCache {
    moka::future::Cache::builder()
        .max_capacity(max_entries)
        .time_to_live(ttl)
        .build()
}

/// Whether this route's anonymous answer depends on nothing but tenant, path and query: the
/// reads and searches served from the index (whose every change bumps the generation).
/// Content's categories and tags and the pages' menus read the write model and are not cached.
fn cacheable(path: &str) -> bool {
    if let Some(rest) = path.strip_prefix("/api/v1/commerce/products") {
        return match rest {
            "" => true,
            // One product by id or handle (not its variants, options or stock).
            rest => rest
                .strip_prefix('/')
                .is_some_and(|key| !key.is_empty() && !key.contains('/')),
        };
    }
    let Some(rest) = path.strip_prefix("/api/v1/") else {
        return false;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return false;
    }
    matches!(
        segments.as_slice(),
        ["commerce", "search"]
            | ["content", "nodes"]
            | ["content", "search"]
            | ["content", "nodes", _]
            | ["content", "nodes", "by-slug", _, _]
            | ["blog", "posts"]
            | ["blog", "posts", _]
            | ["blog", "posts", "by-slug", _]
            | ["blog", "posts", _, "comments"]
            | ["forum", "forums"]
            | ["forum", "forums", _]
            | ["forum", "forums", "by-slug", _]
            | ["forum", "forums", _, "topics"]
            | ["forum", "topics", _]
            | ["forum", "topics", "by-slug", _]
            | ["forum", "topics", _, "replies"]
            | ["pages"]
            | ["pages", "by-slug", _]
    ) || matches!(segments.as_slice(), ["pages", id] if *id != "menus")
}

pub async fn serve_cached(
    State(state): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let cache = state.hot_cache.as_ref();
    if request.method() != Method::GET
        || request.headers().contains_key(header::AUTHORIZATION)
        || !cacheable(request.uri().path())
    {
        return next.run(request).await;
    }
    let Some(tenant) = request.extensions().get::<TenantContext>().map(|t| t.id) else {
        return next.run(request).await;
    };
    let generation = state.product_index.generations().current(tenant);
    let path = request
        .uri()
        .path_and_query()
        .map_or_else(String::new, |p| p.as_str().to_string());
    let key = (tenant, generation, path);
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let tenant_header = state.settings.tenant.header.clone();
    if let Some(hit) = match cache {
        Some(cache) => cache.get(&key).await,
        None => None,
    } {
        return answer(&hit, if_none_match.as_ref(), &tenant_header);
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_CACHED_BYTES).await {
        Ok(body) => body,
        Err(_) => {
            return rustok_api::problem_response(&rustok_core::Error::internal(
                "response body could not be read",
            ));
        }
    };
    let cached = Arc::new(Cached {
        etag: etag(&body),
        body,
    });
    if let Some(cache) = cache {
        cache.insert(key, cached.clone()).await;
    }
    let mut answered = answer(&cached, if_none_match.as_ref(), &tenant_header);
    copy_other_headers(&parts.headers, answered.headers_mut());
    answered
}

/// Headers of the handler's response that the cached answer does not set itself (a request id,
/// say) are kept on the first answer.
fn copy_other_headers(from: &HeaderMap, to: &mut HeaderMap) {
    for (name, value) in from {
        if !to.contains_key(name) && name != header::CONTENT_LENGTH {
            to.insert(name.clone(), value.clone());
        }
    }
}

fn etag(body: &[u8]) -> HeaderValue {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    let tag = format!("\"{:016x}-{:x}\"", hasher.finish(), body.len());
    HeaderValue::from_str(&tag).unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

fn answer(cached: &Cached, if_none_match: Option<&HeaderValue>, tenant_header: &str) -> Response {
    let matches = if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|tag| tag.trim() == "*" || tag.trim() == cached.etag.to_str().unwrap_or(""))
        });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(cached.body.clone()));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, cached.etag.clone());
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, no-cache"),
    );
    let vary = format!("{tenant_header}, Host");
    if let Ok(vary) = HeaderValue::from_str(&vary) {
        headers.insert(header::VARY, vary);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::cacheable;

    #[test]
    fn only_product_listings_search_and_single_products_are_cacheable() {
        assert!(cacheable("/api/v1/commerce/products"));
        assert!(cacheable("/api/v1/commerce/search"));
        assert!(cacheable("/api/v1/commerce/products/classic-tee"));
        assert!(!cacheable("/api/v1/commerce/products/"));
        assert!(!cacheable("/api/v1/commerce/products/x/variants"));
        assert!(!cacheable("/api/v1/commerce/productsx"));
        assert!(!cacheable("/api/v1/commerce/carts"));
    }

    #[test]
    fn content_reads_from_the_index_are_cacheable_the_rest_is_not() {
        for path in [
            "/api/v1/content/nodes",
            "/api/v1/content/search",
            "/api/v1/content/nodes/abc",
            "/api/v1/content/nodes/by-slug/post/hello",
            "/api/v1/blog/posts",
            "/api/v1/blog/posts/by-slug/hello",
            "/api/v1/blog/posts/abc/comments",
            "/api/v1/forum/forums/abc/topics",
            "/api/v1/forum/topics/by-slug/help",
            "/api/v1/forum/topics/abc/replies",
            "/api/v1/pages",
            "/api/v1/pages/abc",
            "/api/v1/pages/by-slug/about",
        ] {
            assert!(cacheable(path), "{path}");
        }
        for path in [
            "/api/v1/content/tags",
            "/api/v1/content/categories",
            "/api/v1/content/nodes/abc/revisions",
            "/api/v1/blog/comments",
            "/api/v1/pages/menus",
            "/api/v1/pages/menus/by-handle/main",
            "/api/v1/pages/",
            "/api/v1/blog/posts//comments",
        ] {
            assert!(!cacheable(path), "{path}");
        }
    }
}
