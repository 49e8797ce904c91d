//! The publishing workflow as an explicit state machine.
//!
//! ```text
//!            submit            publish
//!   draft ───────────▶ review ─────────▶ published ──archive──▶ archived
//!     ▲ │ ◀──reject────┘  │ │              │   ▲  ▲                │ │
//!     │ └────publish──────┼─┼─────────────▶┘   │  └────publish─────┘ │
//!     │                   │ └──────────────archive─────────────────▶ │
//!     │ └──schedule──▶ scheduled ──(worker, at publish_at)───┘       │
//!     └────────────── unpublish / cancel / restore ──────────────────┘
//! ```
//!
//! Archiving a submission in review declines it without publishing (comment moderation marks
//! spam this way); publishing an archived node brings it back.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a node is in the editorial workflow; only `published` nodes are visible to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeStatus {
    /// Being written; only staff see it.
    Draft,
    /// Submitted for review.
    Review,
    /// Waiting for its `publish_at`.
    Scheduled,
    /// Visible to readers.
    Published,
    /// Withdrawn; kept for the record.
    Archived,
}

/// What an editor asks the workflow to do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, async_graphql::Enum,
)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// draft → review
    Submit,
    /// review → draft
    Reject,
    /// draft | review | archived → published (now)
    Publish,
    /// draft | review → scheduled (published by the scheduler at `publish_at`)
    Schedule,
    /// scheduled → draft
    Cancel,
    /// published → draft
    Unpublish,
    /// published | review → archived
    Archive,
    /// archived → draft
    Restore,
}

impl NodeStatus {
    pub const ALL: [NodeStatus; 5] = [
        NodeStatus::Draft,
        NodeStatus::Review,
        NodeStatus::Scheduled,
        NodeStatus::Published,
        NodeStatus::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Review => "review",
            Self::Scheduled => "scheduled",
            Self::Published => "published",
            Self::Archived => "archived",
        }
    }

    /// The state `transition` leads to from `self`, or `None` when it is not allowed.
    pub fn apply(self, transition: Transition) -> Option<NodeStatus> {
        use NodeStatus::*;
        use Transition::*;
        match (self, transition) {
            (Draft, Submit) => Some(Review),
            (Review, Reject) => Some(Draft),
            (Draft | Review | Archived, Publish) => Some(Published),
            (Draft | Review, Schedule) => Some(Scheduled),
            (Scheduled, Cancel) => Some(Draft),
            // The scheduler publishes a scheduled node through the same rule as an editor.
            (Scheduled, Publish) => Some(Published),
            (Published, Unpublish) => Some(Draft),
            (Published | Review, Archive) => Some(Archived),
            (Archived, Restore) => Some(Draft),
            _ => None,
        }
    }
}

impl fmt::Display for NodeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NodeStatus {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .ok_or_else(|| format!("`{text}` is not a node status"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NodeStatus::*;
    use Transition::*;

    #[test]
    fn every_pair_is_either_allowed_or_refused_as_drawn() {
        let allowed = [
            (Draft, Submit, Review),
            (Review, Reject, Draft),
            (Draft, Publish, Published),
            (Review, Publish, Published),
            (Draft, Schedule, Scheduled),
            (Review, Schedule, Scheduled),
            (Scheduled, Cancel, Draft),
            (Scheduled, Publish, Published),
            (Published, Unpublish, Draft),
            (Published, Archive, Archived),
            (Review, Archive, Archived),
            (Archived, Restore, Draft),
            (Archived, Publish, Published),
        ];
        let transitions = [
            Submit, Reject, Publish, Schedule, Cancel, Unpublish, Archive, Restore,
        ];
        for from in NodeStatus::ALL {
            for transition in transitions {
                let expected = allowed
                    .iter()
                    .find(|(f, t, _)| *f == from && *t == transition)
                    .map(|(_, _, to)| *to);
                assert_eq!(
                    from.apply(transition),
                    expected,
                    "{from} --{transition:?}-->"
                );
            }
        }
    }
}
