//! The one place where prices are chosen and totals computed. Pure functions: carts, checkout
//! and the storefront all call these, so a cart shows exactly what checkout charges.
//!
//! Rounding: tax is computed per line in `i128` and rounded **half-up** (half away from zero;
//! amounts are never negative here) to the currency's minor unit, then summed. Per-line
//! rounding keeps every order line self-consistent, as invoices need.

use chrono::{DateTime, Utc};

use crate::CommerceError;

/// Tax rates are basis points: 2000 = 20 %, 725 = 7.25 %.
pub const BASIS_POINTS: i64 = 10_000;

/// One price a variant may be sold at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceCandidate {
    pub amount: i64,
    pub min_quantity: i32,
    /// Only for prices of a price list: when the list applies (`None` = open-ended).
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
}

impl PriceCandidate {
    fn applies(&self, quantity: i64, now: DateTime<Utc>) -> bool {
        i64::from(self.min_quantity) <= quantity
            && self.starts_at.is_none_or(|start| start <= now)
            && self.ends_at.is_none_or(|end| now < end)
    }
}

/// The calculated price: the cheapest candidate applicable to `quantity` at `now`.
pub fn select_price(
    candidates: &[PriceCandidate],
    quantity: i64,
    now: DateTime<Utc>,
) -> Option<i64> {
    candidates
        .iter()
        .filter(|c| c.applies(quantity, now))
        .map(|c| c.amount)
        .min()
}

/// How a region taxes: a rate in basis points, included in prices or added on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaxRule {
    pub rate_bp: i32,
    pub inclusive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInput {
    pub unit_price: i64,
    pub quantity: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineTotals {
    /// `unit_price * quantity` as the prices are stated (tax included when inclusive).
    pub subtotal: i64,
    /// Tax of this line (contained in `subtotal` when inclusive).
    pub tax: i64,
    /// What the customer pays for this line.
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub lines: Vec<LineTotals>,
    pub subtotal: i64,
    pub tax_total: i64,
    pub shipping_total: i64,
    pub discount_total: i64,
    pub total: i64,
}

/// Line totals, subtotal, tax, shipping, discount and grand total of a cart or order.
///
/// Shipping is a flat, untaxed amount; the discount is taken off the total (never below zero).
/// Any intermediate overflow of `i64` is [`CommerceError::AmountOverflow`].
pub fn compute_totals(
    lines: &[LineInput],
    tax: TaxRule,
    shipping: i64,
    discount: i64,
) -> Result<Totals, CommerceError> {
    if shipping < 0 || discount < 0 || tax.rate_bp < 0 {
        return Err(CommerceError::invalid("amount", "must not be negative"));
    }
    let mut out = Vec::with_capacity(lines.len());
    let (mut subtotal, mut tax_total) = (0_i64, 0_i64);
    for line in lines {
        if line.unit_price < 0 || line.quantity < 0 {
            return Err(CommerceError::invalid("amount", "must not be negative"));
        }
        let line_subtotal = line
            .unit_price
            .checked_mul(line.quantity)
            .ok_or(CommerceError::AmountOverflow)?;
        let line_tax = line_tax(line_subtotal, tax)?;
        let line_total = if tax.inclusive {
            line_subtotal
        } else {
            add(line_subtotal, line_tax)?
        };
        subtotal = add(subtotal, line_subtotal)?;
        tax_total = add(tax_total, line_tax)?;
        out.push(LineTotals {
            subtotal: line_subtotal,
            tax: line_tax,
            total: line_total,
        });
    }
    let mut total = add(subtotal, shipping)?;
    if !tax.inclusive {
        total = add(total, tax_total)?;
    }
    let discount_total = discount.min(total);
    total -= discount_total;
    Ok(Totals {
        lines: out,
        subtotal,
        tax_total,
        shipping_total: shipping,
        discount_total,
        total,
    })
}

fn add(a: i64, b: i64) -> Result<i64, CommerceError> {
    a.checked_add(b).ok_or(CommerceError::AmountOverflow)
}

/// Tax of one line, rounded half-up to the minor unit.
fn line_tax(amount: i64, tax: TaxRule) -> Result<i64, CommerceError> {
    let amount = i128::from(amount);
    let rate = i128::from(tax.rate_bp);
    let bp = i128::from(BASIS_POINTS);
    let tax_amount = if tax.inclusive {
        // The net is amount / (1 + rate); the tax is what remains.
        amount - div_half_up(amount * bp, bp + rate)
    } else {
        div_half_up(amount * rate, bp)
    };
    i64::try_from(tax_amount).map_err(|_| CommerceError::AmountOverflow)
}

/// `n / d` rounded half away from zero, for `n >= 0`, `d > 0`.
fn div_half_up(n: i128, d: i128) -> i128 {
    (n * 2 + d) / (d * 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, h, 0, 0).unwrap()
    }

    fn base(amount: i64, min_quantity: i32) -> PriceCandidate {
        PriceCandidate {
            amount,
            min_quantity,
            starts_at: None,
            ends_at: None,
        }
    }

    #[test]
    fn cheapest_applicable_price_wins() {
        let sale = PriceCandidate {
            amount: 800,
            min_quantity: 1,
            starts_at: Some(at(10)),
            ends_at: Some(at(12)),
        };
        let prices = [base(1000, 1), base(900, 10), sale];
        assert_eq!(select_price(&prices, 1, at(9)), Some(1000));
        assert_eq!(select_price(&prices, 10, at(9)), Some(900));
        assert_eq!(select_price(&prices, 1, at(10)), Some(800));
        assert_eq!(
            select_price(&prices, 1, at(12)),
            Some(1000),
            "end is exclusive"
        );
        assert_eq!(select_price(&[base(900, 10)], 1, at(9)), None);
    }

    const EXCL_20: TaxRule = TaxRule {
        rate_bp: 2000,
        inclusive: false,
    };
    const INCL_20: TaxRule = TaxRule {
        rate_bp: 2000,
        inclusive: true,
    };

    fn line(unit_price: i64, quantity: i64) -> LineInput {
        LineInput {
            unit_price,
            quantity,
        }
    }

    #[test]
    fn exclusive_tax_is_added_on_top() {
        let t = compute_totals(&[line(1000, 2), line(333, 1)], EXCL_20, 500, 0).unwrap();
        assert_eq!(t.subtotal, 2333);
        // 400 + 66.6 -> 67 (half-up per line)
        assert_eq!(t.tax_total, 467);
        assert_eq!(t.lines[1].tax, 67);
        assert_eq!(t.total, 2333 + 467 + 500);
    }

    #[test]
    fn inclusive_tax_is_contained() {
        let t = compute_totals(&[line(1200, 1), line(1000, 1)], INCL_20, 0, 0).unwrap();
        assert_eq!(t.subtotal, 2200);
        // 1200 -> net 1000, tax 200; 1000 -> net 833.33 -> 833, tax 167
        assert_eq!(t.lines[0].tax, 200);
        assert_eq!(t.lines[1].tax, 167);
        assert_eq!(t.total, 2200);
    }

    #[test]
    fn half_cent_rounds_up() {
        // 25 * 10% = 2.5 -> 3
        let rule = TaxRule {
            rate_bp: 1000,
            inclusive: false,
        };
        assert_eq!(
            compute_totals(&[line(25, 1)], rule, 0, 0)
                .unwrap()
                .tax_total,
            3
        );
        // 24 * 10% = 2.4 -> 2
        assert_eq!(
            compute_totals(&[line(24, 1)], rule, 0, 0)
                .unwrap()
                .tax_total,
            2
        );
    }

    #[test]
    fn discount_never_makes_the_total_negative() {
        let t = compute_totals(&[line(100, 1)], EXCL_20, 0, 1000).unwrap();
        assert_eq!(t.discount_total, 120);
        assert_eq!(t.total, 0);
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(matches!(
            compute_totals(&[line(i64::MAX, 2)], EXCL_20, 0, 0),
            Err(CommerceError::AmountOverflow)
        ));
        assert!(matches!(
            compute_totals(&[line(i64::MAX, 1), line(1, 1)], INCL_20, 0, 0),
            Err(CommerceError::AmountOverflow)
        ));
        assert!(matches!(
            compute_totals(&[line(i64::MAX - 10, 1)], EXCL_20, 0, 0),
            Err(CommerceError::AmountOverflow)
        ));
        assert!(compute_totals(&[line(-1, 1)], EXCL_20, 0, 0).is_err());
    }
}
