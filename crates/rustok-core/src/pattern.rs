//! Input rules as ECMA-262 patterns, the dialect of JSON Schema's `pattern` (OpenAPI): each
//! crate states what its parsers and validators accept next to them ([`crate::ID_PATTERN`],
//! [`crate::LOCALE_PATTERN`], tenant slugs and hosts, permissions, emails) and the API documents
//! it on the fields that take it.
//!
//! The patterns are written so that every common engine reads them alike (ECMA-262, Python's
//! `re`, Rust's `regex` apart from lookaheads): whitespace that the server trims is spelled out
//! as [`TRIMMED`] instead of `\s`, whose meaning differs between engines (Python's includes
//! U+001C–U+001F, ECMA-262's includes U+FEFF but not U+0085; `str::trim` removes neither FEFF nor
//! 1C–1F, but does remove 0085).

/// The characters `str::trim` removes (Unicode `White_Space`), as the inside of a character
/// class.
pub const TRIMMED: &str = r"\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// `pattern` without its `^`/`$` anchors and lookaheads: what a string generator that knows no
/// lookaheads (proptest's `string_regex`) can build strings from. The strings it builds match
/// the pattern's body but may break a lookahead's condition (a length limit), so tests filter
/// them with the condition spelled out.
pub fn without_lookaheads(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut escaped = false;
    let mut in_class = false;
    while let Some(c) = chars.next() {
        if escaped {
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => {
                out.push(c);
                escaped = true;
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '(' if !in_class && chars.peek() == Some(&'?') => {
                let mut probe = chars.clone();
                probe.next();
                if matches!(probe.peek(), Some('=' | '!')) {
                    skip_group(&mut chars);
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out.trim_start_matches('^')
        .trim_end_matches('$')
        .to_string()
}

/// Skips the rest of a group whose `(` was just read.
fn skip_group(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let mut depth = 1;
    let mut escaped = false;
    let mut in_class = false;
    for c in chars.by_ref() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The class of every character `char::is_whitespace` (what `str::trim` removes) is true for.
    fn whitespace_class() -> String {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            if !c.is_whitespace() {
                continue;
            }
            let code = u32::from(c);
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == code => *end = code,
                _ => ranges.push((code, code)),
            }
        }
        let write = |code: u32| match code {
            0x09 => r"\t".to_string(),
            0x0D => r"\r".to_string(),
            0x20 => " ".to_string(),
            code if code <= 0xFF => format!(r"\x{code:02x}"),
            code => format!(r"\u{code:04x}"),
        };
        ranges
            .into_iter()
            .map(|(start, end)| match end - start {
                0 => write(start),
                1 => format!("{}{}", write(start), write(end)),
                _ => format!("{}-{}", write(start), write(end)),
            })
            .collect()
    }

    #[test]
    fn the_trimmed_class_is_what_trim_removes() {
        assert_eq!(TRIMMED, whitespace_class());
    }

    #[test]
    fn lookaheads_and_anchors_are_dropped() {
        assert_eq!(
            without_lookaheads(r"^(?=a{1,3}$)[(?=]a+(?!b)(?:c)\($"),
            r"[(?=]a+(?:c)\("
        );
    }

    proptest! {
        #[test]
        fn every_id_of_the_pattern_is_read(
            id in proptest::string::string_regex(&without_lookaheads(crate::ID_PATTERN)).unwrap()
        ) {
            prop_assert!(crate::parse_id(&id).is_ok(), "{:?}", id);
        }

        #[test]
        fn every_locale_of_the_pattern_is_read(
            text in proptest::string::string_regex(&without_lookaheads(crate::LOCALE_PATTERN)).unwrap()
        ) {
            // The lookahead: at most 35 characters once trimmed; dropping trailing subtags
            // keeps the rest of the pattern.
            let mut tag = text.trim().to_string();
            while tag.len() > 35 {
                let cut = tag.rfind(['-', '_']).unwrap_or(35);
                tag.truncate(cut);
            }
            let padded = text.replace(text.trim(), &tag);
            prop_assert!(padded.parse::<crate::Locale>().is_ok(), "{:?}", padded);
        }
    }
}
