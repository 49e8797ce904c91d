//! Ids are UUIDs generated from ULIDs: time-ordered (good B-tree locality) and stored in UUID columns.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ulid::Ulid;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("`{0}` is not a valid id (expected a ULID or a UUID)")]
    InvalidFormat(String),
}

/// What [`parse_id`] reads, as an ECMA-262 pattern (OpenAPI `pattern`; see [`crate::pattern`]):
/// surrounding whitespace, then a ULID (26 Crockford base-32 characters, any case) or a UUID (32 hex digits; hyphenated,
/// optionally braced; or a `urn:uuid:` URN).
pub const ID_PATTERN: &str = r"^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}|[0-9A-Fa-f]{32}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}|[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";

/// A new time-ordered id.
pub fn generate_id() -> Uuid {
    Uuid::from(Ulid::generate())
}

/// Parses an id written as a ULID (26 Crockford base32 chars) or a UUID (any of its text forms).
pub fn parse_id(text: &str) -> Result<Uuid, IdError> {
    let text = text.trim();
    if text.len() == ulid::ULID_LEN
        && let Ok(ulid) = Ulid::from_string(text)
    {
        return Ok(Uuid::from(ulid));
    }
    Uuid::parse_str(text).map_err(|_| IdError::InvalidFormat(truncate_for_message(text)))
}

/// Error messages echo the input, but never an unbounded amount of it.
fn truncate_for_message(text: &str) -> String {
    text.chars().take(64).collect()
}

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub fn new() -> Self {
                Self(generate_id())
            }
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                parse_id(text).map(Self)
            }
        }
    };
}

typed_id!(
    /// The tenant every tenant-owned row and query is scoped to.
    TenantId
);
typed_id!(
    /// A user of one tenant.
    UserId
);
typed_id!(
    /// A domain event.
    EventId
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn generated_ids_are_time_ordered() {
        let a = generate_id();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = generate_id();
        assert!(a < b);
    }

    #[test]
    fn rejects_garbage_and_truncates_echo() {
        let long = "x".repeat(1000);
        let err = parse_id(&long).unwrap_err();
        assert_eq!(err, IdError::InvalidFormat("x".repeat(64)));
        assert!(parse_id("").is_err());
        assert!(parse_id("not-an-id").is_err());
    }

    #[test]
    fn typed_ids_parse_from_text() {
        let id: TenantId = "01ARZ3NDEKTSV4RRFFQ69G5FAV".parse().unwrap();
        assert_eq!(id.to_string().parse::<TenantId>().unwrap(), id);
    }

    proptest! {
        #[test]
        fn ulid_text_round_trips(bytes in any::<u128>()) {
            let ulid = Ulid::from(bytes);
            let id = parse_id(&ulid.to_string()).unwrap();
            prop_assert_eq!(Ulid::from(id), ulid);
        }

        #[test]
        fn uuid_text_round_trips_in_every_form(bytes in any::<u128>()) {
            let uuid = Uuid::from_u128(bytes);
            prop_assert_eq!(parse_id(&uuid.hyphenated().to_string()).unwrap(), uuid);
            prop_assert_eq!(parse_id(&uuid.simple().to_string()).unwrap(), uuid);
            prop_assert_eq!(parse_id(&uuid.hyphenated().to_string().to_uppercase()).unwrap(), uuid);
        }

        #[test]
        fn arbitrary_text_never_panics(text in ".{0,80}") {
            let _ = parse_id(&text);
        }
    }
}
