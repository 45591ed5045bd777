//! Entity mentions: OntoNotes labels, Wikipedia links and state codes.

use crate::Span;
use serde::{Deserialize, Serialize};

/// A name in the text, labelled and linked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// `M1`, `M2`, … in document order.
    pub id: String,
    /// The name's bytes.
    #[serde(flatten)]
    pub span: Span,
    /// The name as written.
    pub text: String,
    /// OntoNotes label.
    pub label: EntityLabel,
    /// The English Wikipedia title of the referent, `None` when no article
    /// plausibly exists.
    pub link: Option<String>,
    /// A place standing for a government or an event ("Moscow annulled the pact").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub metonymy: bool,
    /// ISO 3166 alpha-3 code of a linked state (ISO 3166-3 for former states).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso: Option<String>,
    /// Correlates of War state number of a linked state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cow: Option<u16>,
    /// First day of the linked state's period (ISO 8601), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Last day of the linked state's period (ISO 8601); none for a state
    /// that exists today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// The sentence the name lies in.
    pub sentence: Span,
}

/// OntoNotes 5 entity labels kept by `annals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityLabel {
    /// People.
    Person,
    /// Nationalities, religious and political groups.
    Norp,
    /// Organisations.
    Org,
    /// Countries, cities, states.
    Gpe,
    /// Other locations.
    Loc,
    /// Buildings and facilities.
    Fac,
    /// Named events.
    Event,
    /// Named laws and treaties.
    Law,
    /// Amounts of money.
    Money,
}

impl EntityLabel {
    /// Every label, in OntoNotes order.
    pub const ALL: [EntityLabel; 9] = [
        EntityLabel::Person,
        EntityLabel::Norp,
        EntityLabel::Org,
        EntityLabel::Gpe,
        EntityLabel::Loc,
        EntityLabel::Fac,
        EntityLabel::Event,
        EntityLabel::Law,
        EntityLabel::Money,
    ];

    /// The OntoNotes name.
    ///
    /// ```
    /// assert_eq!(annals_core::EntityLabel::Norp.as_str(), "NORP");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Person => "PERSON",
            EntityLabel::Norp => "NORP",
            EntityLabel::Org => "ORG",
            EntityLabel::Gpe => "GPE",
            EntityLabel::Loc => "LOC",
            EntityLabel::Fac => "FAC",
            EntityLabel::Event => "EVENT",
            EntityLabel::Law => "LAW",
            EntityLabel::Money => "MONEY",
        }
    }

    /// Parses an OntoNotes name.
    ///
    /// ```
    /// use annals_core::EntityLabel;
    /// assert_eq!(EntityLabel::parse("GPE"), Some(EntityLabel::Gpe));
    /// assert_eq!(EntityLabel::parse("DATE"), None);
    /// ```
    pub fn parse(name: &str) -> Option<EntityLabel> {
        EntityLabel::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

impl std::fmt::Display for EntityLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
