//! Tenant identifiers come from headers and hostnames, i.e. from anyone: they are checked against
//! a whitelist before they reach a query or a cache key.

use uuid::Uuid;

pub const MAX_SLUG_LEN: usize = 64;
pub const MAX_HOST_LEN: usize = 253;

/// What [`validate_slug`] accepts, as an ECMA-262 pattern (OpenAPI `pattern`; see
/// [`rustok_core::pattern`]): surrounding whitespace, then 1–64 letters (lower-cased by the server), digits and hyphens, starting and
/// ending with a letter or digit. Reserved slugs ([`RESERVED_SLUGS`]) match but are refused.
pub const SLUG_PATTERN: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";

/// What [`validate_host`] accepts, as an ECMA-262 pattern: surrounding whitespace, then
/// dot-separated RFC 1123 labels (1–63 letters, digits and hyphens, no edge hyphen; letters are lower-cased), at
/// most 253 characters in all, optionally followed by trailing dots and a `:port`, both dropped.
pub const HOST_PATTERN: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?=[A-Za-z0-9.-]{1,253}\.*(?::[0-9]+)?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.*(?::[0-9]+)?[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";

/// Slugs that would collide with routes, infrastructure hostnames or well-known names.
pub const RESERVED_SLUGS: &[&str] = &[
    "admin",
    "api",
    "app",
    "assets",
    "auth",
    "cdn",
    "dashboard",
    "default",
    "docs",
    "graphql",
    "health",
    "help",
    "internal",
    "login",
    "logout",
    "mail",
    "metrics",
    "null",
    "public",
    "root",
    "rustok",
    "static",
    "status",
    "support",
    "swagger",
    "system",
    "undefined",
    "www",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("tenant identifier is empty")]
    Empty,
    #[error("tenant slug must be at most {MAX_SLUG_LEN} characters")]
    SlugTooLong,
    #[error(
        "tenant slug may contain only lower-case letters, digits and hyphens, \
         and must start and end with a letter or digit"
    )]
    SlugCharacters,
    #[error("tenant slug `{0}` is reserved")]
    SlugReserved(String),
    #[error("hostname must be at most {MAX_HOST_LEN} characters")]
    HostTooLong,
    #[error("hostname is not valid")]
    HostCharacters,
}

/// A tenant named by a client: its id or its slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TenantIdentifier {
    Id(Uuid),
    Slug(String),
}

impl TenantIdentifier {
    /// Parses a header value: a UUID (or ULID) selects by id, anything else must be a valid slug.
    pub fn parse(value: &str) -> Result<Self, ValidationError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(ValidationError::Empty);
        }
        if let Ok(id) = rustok_core::parse_id(value) {
            return Ok(Self::Id(id));
        }
        validate_slug(value).map(Self::Slug)
    }
}

/// Normalises (trim, lower-case) and checks a slug: `[a-z0-9-]`, 1..=64, no edge hyphen, not reserved.
pub fn validate_slug(slug: &str) -> Result<String, ValidationError> {
    let slug = slug.trim().to_ascii_lowercase();
    if slug.is_empty() {
        return Err(ValidationError::Empty);
    }
    if slug.len() > MAX_SLUG_LEN {
        return Err(ValidationError::SlugTooLong);
    }
    let allowed = slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !allowed || slug.starts_with('-') || slug.ends_with('-') {
        return Err(ValidationError::SlugCharacters);
    }
    if RESERVED_SLUGS.contains(&slug.as_str()) {
        return Err(ValidationError::SlugReserved(slug));
    }
    Ok(slug)
}

/// Normalises (trim, lower-case, strip port and trailing dot) and checks a hostname (RFC 1123 labels).
pub fn validate_host(host: &str) -> Result<String, ValidationError> {
    let host = host.trim().to_ascii_lowercase();
    let host = strip_port(&host).trim_end_matches('.');
    if host.is_empty() {
        return Err(ValidationError::Empty);
    }
    if host.len() > MAX_HOST_LEN {
        return Err(ValidationError::HostTooLong);
    }
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if !host.split('.').all(label_ok) {
        return Err(ValidationError::HostCharacters);
    }
    Ok(host.to_string())
}

fn strip_port(host: &str) -> &str {
    match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_and_normalises_good_slugs() {
        assert_eq!(validate_slug(" Acme-Shop ").unwrap(), "acme-shop");
        assert_eq!(validate_slug("a").unwrap(), "a");
    }

    #[test]
    fn refuses_bad_slugs() {
        for bad in [
            "",
            "-acme",
            "acme-",
            "ac me",
            "acme_shop",
            "acme;drop",
            "../etc",
            "<script>",
            "ąćę",
        ] {
            assert!(validate_slug(bad).is_err(), "{bad}");
        }
        assert_eq!(
            validate_slug(&"a".repeat(65)),
            Err(ValidationError::SlugTooLong)
        );
        assert_eq!(
            validate_slug("Admin"),
            Err(ValidationError::SlugReserved("admin".into()))
        );
    }

    #[test]
    fn identifiers_are_ids_or_slugs() {
        let id = uuid::Uuid::from_u128(5);
        assert_eq!(
            TenantIdentifier::parse(&id.to_string()),
            Ok(TenantIdentifier::Id(id))
        );
        assert_eq!(
            TenantIdentifier::parse("demo"),
            Ok(TenantIdentifier::Slug("demo".into()))
        );
        assert!(TenantIdentifier::parse("api").is_err());
    }

    #[test]
    fn hosts_are_normalised_and_checked() {
        assert_eq!(
            validate_host("Shop.Example.COM:8080").unwrap(),
            "shop.example.com"
        );
        assert_eq!(validate_host("localhost.").unwrap(), "localhost");
        for bad in ["", "exa mple.com", "-bad.com", "a..b", "a_b.com", "x/y"] {
            assert!(validate_host(bad).is_err(), "{bad}");
        }
        assert!(validate_host(&format!("{}.com", "a".repeat(250))).is_err());
    }

    fn generated(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
        let body = rustok_core::pattern::without_lookaheads(pattern);
        proptest::string::string_regex(&body).unwrap()
    }

    #[test]
    fn patterns_trim_what_trim_removes() {
        let edge = format!("^[{}]*", rustok_core::pattern::TRIMMED);
        assert!(SLUG_PATTERN.starts_with(&edge));
        assert!(HOST_PATTERN.starts_with(&edge));
        assert!(crate::NAME_PATTERN.starts_with(&edge));
    }

    proptest! {
        /// Whatever a client generates from the documented patterns, the server accepts.
        #[test]
        fn documented_slugs_hosts_and_names_are_accepted(
            slug in generated(SLUG_PATTERN),
            host in generated(HOST_PATTERN),
            name in generated(crate::NAME_PATTERN),
        ) {
            let reserved = RESERVED_SLUGS.contains(&slug.trim().to_ascii_lowercase().as_str());
            prop_assert!(reserved || validate_slug(&slug).is_ok(), "{:?}", slug);
            // The lookahead: at most 253 characters without the port and trailing dots.
            let bare = host.trim().rsplit_once(':').map_or(host.trim(), |(name, _)| name);
            prop_assume!(bare.trim_end_matches('.').len() <= MAX_HOST_LEN);
            prop_assert!(validate_host(&host).is_ok(), "{:?}", host);
            prop_assert!(crate::service::validate_name(&name).is_ok(), "{:?}", name);
        }

        #[test]
        fn whatever_passes_is_safe(text in ".{0,100}") {
            if let Ok(slug) = validate_slug(&text) {
                prop_assert!(slug.len() <= MAX_SLUG_LEN);
                prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            }
            if let Ok(host) = validate_host(&text) {
                prop_assert!(host.len() <= MAX_HOST_LEN);
                prop_assert!(host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
            }
        }
    }
}
