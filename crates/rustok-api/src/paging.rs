//! Page sizes of listings, checked the same way on every route.

use rustok_core::Error;

/// Most items one page of a listing holds, unless a route says otherwise.
pub const MAX_PAGE_SIZE: u64 = 100;

/// The `limit` of a listing: `default` when absent; outside `1..=max` a 422
/// `validation_failed` on field `limit` (never silently clamped: the document states the range).
pub fn page_limit(limit: Option<u64>, default: u64, max: u64) -> Result<u64, Error> {
    match limit {
        None => Ok(default),
        Some(limit) if (1..=max).contains(&limit) => Ok(limit),
        Some(_) => Err(Error::invalid_field("limit", format!("must be 1..={max}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_outside_its_range_is_refused_not_clamped() {
        assert_eq!(page_limit(None, 20, 100).unwrap(), 20);
        assert_eq!(page_limit(Some(1), 20, 100).unwrap(), 1);
        assert_eq!(page_limit(Some(100), 20, 100).unwrap(), 100);
        for bad in [0, 101, u64::MAX] {
            let err = page_limit(Some(bad), 20, 100).unwrap_err();
            assert_eq!(err.code(), "validation_failed");
            assert_eq!(err.to_problem().errors[0].field, "limit");
        }
    }
}
