//! Money as integer minor units of an ISO 4217 currency. Never floats: every amount in the
//! database, the APIs and the events is an `i64` of minor units (cents for EUR, yen for JPY).
//! Arithmetic is checked; an overflow is an error, never a panic or a wrap.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::CommerceError;

/// ISO 4217 codes in current use with their minor-unit exponent (digits after the point).
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHF", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("UYI", 0),
    ("UYU", 2),
    ("UYW", 4),
    ("UZS", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

/// A known ISO 4217 currency. Parsing is case-insensitive; the code is kept upper-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    exponent: u8,
}

impl Currency {
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// Digits after the decimal point (2 for EUR, 0 for JPY, 3 for KWD).
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

impl FromStr for Currency {
    type Err = CommerceError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let upper = text.trim().to_ascii_uppercase();
        CURRENCIES
            .binary_search_by(|(code, _)| (*code).cmp(upper.as_str()))
            .map(|i| Currency {
                code: CURRENCIES[i].0,
                exponent: CURRENCIES[i].1,
            })
            .map_err(|_| CommerceError::UnknownCurrency(text.chars().take(16).collect()))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// An amount of minor units in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub amount: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: i64, currency: Currency) -> Self {
        Self { amount, currency }
    }

    pub fn zero(currency: Currency) -> Self {
        Self::new(0, currency)
    }

    pub fn checked_add(self, other: Money) -> Result<Money, CommerceError> {
        self.same_currency(other)?;
        self.amount
            .checked_add(other.amount)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or(CommerceError::AmountOverflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, CommerceError> {
        self.same_currency(other)?;
        self.amount
            .checked_sub(other.amount)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or(CommerceError::AmountOverflow)
    }

    pub fn checked_mul(self, factor: i64) -> Result<Money, CommerceError> {
        self.amount
            .checked_mul(factor)
            .map(|amount| Money::new(amount, self.currency))
            .ok_or(CommerceError::AmountOverflow)
    }

    fn same_currency(self, other: Money) -> Result<(), CommerceError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(CommerceError::CurrencyMismatch {
                expected: self.currency.code().to_string(),
                found: other.currency.code().to_string(),
            })
        }
    }
}

impl fmt::Display for Money {
    /// `12.34 EUR`, `1200 JPY`: for logs and messages, never parsed back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let exp = u32::from(self.currency.exponent);
        if exp == 0 {
            return write!(f, "{} {}", self.amount, self.currency);
        }
        let unit = 10_i128.pow(exp);
        let amount = i128::from(self.amount);
        let sign = if amount < 0 { "-" } else { "" };
        let abs = amount.abs();
        write!(
            f,
            "{sign}{}.{:0width$} {}",
            abs / unit,
            abs % unit,
            self.currency,
            width = exp as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn parses_known_codes_case_insensitively() {
        let eur: Currency = "eur".parse().unwrap();
        assert_eq!(eur.code(), "EUR");
        assert_eq!(eur.exponent(), 2);
        assert_eq!("JPY".parse::<Currency>().unwrap().exponent(), 0);
        assert_eq!("KWD".parse::<Currency>().unwrap().exponent(), 3);
        assert!("XXX".parse::<Currency>().is_err());
        assert!("EURO".parse::<Currency>().is_err());
        assert!("".parse::<Currency>().is_err());
    }

    #[test]
    fn arithmetic_is_checked() {
        let eur: Currency = "EUR".parse().unwrap();
        let usd: Currency = "USD".parse().unwrap();
        let a = Money::new(i64::MAX, eur);
        assert!(matches!(
            a.checked_add(Money::new(1, eur)),
            Err(CommerceError::AmountOverflow)
        ));
        assert!(matches!(
            a.checked_mul(2),
            Err(CommerceError::AmountOverflow)
        ));
        assert!(matches!(
            Money::new(1, eur).checked_add(Money::new(1, usd)),
            Err(CommerceError::CurrencyMismatch { .. })
        ));
        assert_eq!(
            Money::new(150, eur)
                .checked_sub(Money::new(50, eur))
                .unwrap()
                .amount,
            100
        );
    }

    #[test]
    fn displays_with_the_currency_exponent() {
        let eur: Currency = "EUR".parse().unwrap();
        let jpy: Currency = "JPY".parse().unwrap();
        assert_eq!(Money::new(1234, eur).to_string(), "12.34 EUR");
        assert_eq!(Money::new(-5, eur).to_string(), "-0.05 EUR");
        assert_eq!(Money::new(1200, jpy).to_string(), "1200 JPY");
    }
}
