//! What ranks the matches and marks them in snippets, the same for every engine: the engines
//! find the matching rows (a bounded set, see [`rustok_core::SearchLimits`]); this orders them
//! by how their titles answer the words, and highlights the words in a text.
//!
//! A match's score is `2 × tier + coverage`:
//! - **tier** 2: every word is a whole word of the title; 1: every word starts a title word;
//!   0: the title lacks a word (the rest of the text has it). The engine may know better (its
//!   stemming: PostgreSQL's `english` reads `shirts` as `shirt`) and raise the tier.
//! - **coverage** (0..=1): the share of the title's words the query's words start: `Shirt`
//!   answers `shirt` better than `Shirt with a long collar` does.
//!
//! Ties go to the newer product (ids are time-ordered), as in a listing.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use uuid::Uuid;

use super::query::{MARK_END, MARK_START};

/// Words a snippet shows around its first match.
const SNIPPET_WORDS: usize = 16;

/// Words shown before the first match.
const SNIPPET_LEAD: usize = 3;

/// A matching product as an engine found it.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub id: Uuid,
    pub title: String,
    /// The tier the engine itself saw (0 when it cannot tell).
    pub tier: u8,
}

/// `word` as the engines compare it: lower-cased, diacritics dropped (`Café` → `cafe`), like
/// SQLite's `unicode61 remove_diacritics 2`.
pub(crate) fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The runs of letters and digits of `text` with their byte ranges.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The score of a title for the (folded) words: see the module docs.
pub(crate) fn score(words: &[String], title: &str, engine_tier: u8) -> f64 {
    let title_words: Vec<String> = tokens(title)
        .into_iter()
        .map(|(s, e)| fold(&title[s..e]))
        .collect();
    let whole = words.iter().all(|w| title_words.iter().any(|t| t == w));
    let started = words
        .iter()
        .all(|w| title_words.iter().any(|t| t.starts_with(w.as_str())));
    let tier = match (whole, started) {
        (true, _) => 2,
        (false, true) => 1,
        _ => 0,
    }
    .max(engine_tier.min(2));
    let covered = title_words
        .iter()
        .filter(|t| words.iter().any(|w| t.starts_with(w.as_str())))
        .count();
    let coverage = if title_words.is_empty() {
        0.0
    } else {
        covered as f64 / title_words.len() as f64
    };
    2.0 * f64::from(tier) + coverage
}

/// The candidates best first, each with its score.
pub(crate) fn rank(words: &[String], candidates: Vec<Candidate>) -> Vec<(Uuid, f64)> {
    let words: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut ranked: Vec<(Uuid, f64)> = candidates
        .into_iter()
        .map(|c| (c.id, score(&words, &c.title, c.tier)))
        .collect();
    ranked.sort_by(|a, b| match b.1.total_cmp(&a.1) {
        Ordering::Equal => b.0.cmp(&a.0),
        other => other,
    });
    ranked
}

/// `text` around its first word the query's words start, each such word between the match
/// marks, [`SNIPPET_WORDS`] words long, `…` where it was cut; the start of the text when no
/// word matches.
pub(crate) fn highlight(text: &str, words: &[String]) -> String {
    let words: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let tokens = tokens(text);
    let matched: Vec<bool> = tokens
        .iter()
        .map(|&(s, e)| {
            let token = fold(&text[s..e]);
            words.iter().any(|w| token.starts_with(w.as_str()))
        })
        .collect();
    let Some(first) = matched.iter().position(|m| *m) else {
        return window(text, &tokens, &matched, 0);
    };
    // A short text whole; else the window from a little before the match, full at the end.
    let from = first
        .saturating_sub(SNIPPET_LEAD)
        .min(tokens.len().saturating_sub(SNIPPET_WORDS));
    window(text, &tokens, &matched, from)
}

fn window(text: &str, tokens: &[(usize, usize)], matched: &[bool], from: usize) -> String {
    let to = (from + SNIPPET_WORDS).min(tokens.len());
    let mut out = String::new();
    let mut at = match tokens.get(from) {
        Some(&(s, _)) if from > 0 => {
            out.push('…');
            s
        }
        _ => 0,
    };
    for i in from..to {
        let (s, e) = tokens[i];
        out.push_str(&text[at..s]);
        if matched[i] {
            out.push(MARK_START);
            out.push_str(&text[s..e]);
            out.push(MARK_END);
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    if to < tokens.len() {
        out.push('…');
    } else {
        out.push_str(&text[at..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<String> {
        rustok_core::search::query_words(q)
    }

    fn marked(s: &str) -> String {
        s.replace(MARK_START, "[").replace(MARK_END, "]")
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Café CRÈME"), "cafe creme");
        assert_eq!(fold("Straße"), "straße");
    }

    #[test]
    fn whole_title_words_outrank_starts_which_outrank_the_other_texts() {
        let id = |n: u128| Uuid::from_u128(n);
        let candidate = |n, title: &str| Candidate {
            id: id(n),
            title: title.into(),
            tier: 0,
        };
        let ranked = rank(
            &words("shirt"),
            vec![
                candidate(1, "Weekend Bag"),
                candidate(2, "Shirtdress"),
                candidate(3, "Linen Shirt with a long collar"),
                candidate(4, "Shirt"),
                candidate(5, "Polo Shirt"),
                candidate(6, "Polo Shirt"),
            ],
        );
        let order: Vec<Uuid> = ranked.iter().map(|(id, _)| *id).collect();
        assert_eq!(order, [id(4), id(6), id(5), id(3), id(2), id(1)]);
        assert!(ranked[3].1 > ranked[4].1 && ranked[4].1 > ranked[5].1);
    }

    #[test]
    fn the_engine_may_raise_a_tier_but_not_lower_it() {
        let w = words("shirts");
        assert!(score(&w, "Linen Shirt", 2) > score(&w, "Linen Shirt", 0));
        assert_eq!(score(&w, "Shirts", 0), score(&w, "Shirts", 9));
    }

    #[test]
    fn snippets_mark_word_starts_and_cut_long_texts() {
        let text = "Room for a <b>shirt</b> & two";
        assert_eq!(
            marked(&highlight(text, &words("shi"))),
            "Room for a <b>[shirt]</b> & two"
        );
        let long: Vec<String> = (0..40).map(|n| format!("w{n}")).collect();
        let long = long.join(" ");
        assert_eq!(
            marked(&highlight(&long, &words("w20"))),
            "…w17 w18 w19 [w20] w21 w22 w23 w24 w25 w26 w27 w28 w29 w30 w31 w32…"
        );
        assert_eq!(
            marked(&highlight("Crème brûlée", &words("creme"))),
            "[Crème] brûlée"
        );
        assert_eq!(
            marked(&highlight("no match here", &words("zz"))),
            "no match here"
        );
    }
}
