//! The model's closed vocabularies: a quote's form, a claim's type, a claim's status and a
//! speaker's role (for source audits). Each is
//! spelled here once: every value in order (`ALL`), its key (the name in files and JSON, as serde
//! writes it), its label (for readers) and its letter (in stored annotation sets). Uses serde only.

use serde::{Deserialize, Serialize};

/// How a quotation is reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteForm {
    /// Word for word, in quotation marks.
    #[default]
    Direct,
    /// Some words quoted inside the reporter's sentence.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
}

impl QuoteForm {
    /// Every form, in the order they are offered and listed.
    pub const ALL: [QuoteForm; 3] = [QuoteForm::Direct, QuoteForm::Partial, QuoteForm::Indirect];

    /// The name in files and JSON: `direct`, `partial`, `indirect`.
    pub const fn key(self) -> &'static str {
        match self {
            QuoteForm::Direct => "direct",
            QuoteForm::Partial => "partial",
            QuoteForm::Indirect => "indirect",
        }
    }

    /// The reader-facing name: `Direct`, `Partial`, `Indirect`.
    pub const fn label(self) -> &'static str {
        match self {
            QuoteForm::Direct => "Direct",
            QuoteForm::Partial => "Partial",
            QuoteForm::Indirect => "Indirect",
        }
    }

    /// The letter in a stored annotation set's `type` column: `d`, `p`, `i`.
    pub const fn letter(self) -> char {
        match self {
            QuoteForm::Direct => 'd',
            QuoteForm::Partial => 'p',
            QuoteForm::Indirect => 'i',
        }
    }

    /// The form whose [`key`](Self::key) is `key`.
    pub fn from_key(key: &str) -> Option<QuoteForm> {
        QuoteForm::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// What sort of assertion a claim is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimType {
    Statistic,
    Causal,
    Prediction,
    Comparison,
    #[default]
    Other,
}

impl ClaimType {
    /// Every type, in the order they are offered and listed.
    pub const ALL: [ClaimType; 5] = [
        ClaimType::Statistic,
        ClaimType::Causal,
        ClaimType::Prediction,
        ClaimType::Comparison,
        ClaimType::Other,
    ];

    /// The name in files and JSON: `statistic`, `causal`, `prediction`, `comparison`, `other`.
    pub const fn key(self) -> &'static str {
        match self {
            ClaimType::Statistic => "statistic",
            ClaimType::Causal => "causal",
            ClaimType::Prediction => "prediction",
            ClaimType::Comparison => "comparison",
            ClaimType::Other => "other",
        }
    }

    /// The reader-facing name: `Statistic`, `Causal`, `Prediction`, `Comparison`, `Other`.
    pub const fn label(self) -> &'static str {
        match self {
            ClaimType::Statistic => "Statistic",
            ClaimType::Causal => "Causal",
            ClaimType::Prediction => "Prediction",
            ClaimType::Comparison => "Comparison",
            ClaimType::Other => "Other",
        }
    }

    /// The letter in a stored annotation set's `type` column: `s`, `c`, `p`, `m`, `o`.
    pub const fn letter(self) -> char {
        match self {
            ClaimType::Statistic => 's',
            ClaimType::Causal => 'c',
            ClaimType::Prediction => 'p',
            ClaimType::Comparison => 'm',
            ClaimType::Other => 'o',
        }
    }

    /// The type whose [`key`](Self::key) is `key`.
    pub fn from_key(key: &str) -> Option<ClaimType> {
        ClaimType::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// Where checking a claim stands.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimStatus {
    #[default]
    Unverified,
    NeedsSource,
    Supported,
    Disputed,
    False,
}

impl ClaimStatus {
    /// Every status, in the order they are offered and listed (the Markdown report's order).
    pub const ALL: [ClaimStatus; 5] = [
        ClaimStatus::Unverified,
        ClaimStatus::NeedsSource,
        ClaimStatus::Supported,
        ClaimStatus::Disputed,
        ClaimStatus::False,
    ];

    /// The name in files and JSON: `unverified`, `needs-source`, `supported`, `disputed`, `false`.
    pub const fn key(self) -> &'static str {
        match self {
            ClaimStatus::Unverified => "unverified",
            ClaimStatus::NeedsSource => "needs-source",
            ClaimStatus::Supported => "supported",
            ClaimStatus::Disputed => "disputed",
            ClaimStatus::False => "false",
        }
    }

    /// The reader-facing name: `Unverified`, `Needs source`, `Supported`, `Disputed`, `False`.
    pub const fn label(self) -> &'static str {
        match self {
            ClaimStatus::Unverified => "Unverified",
            ClaimStatus::NeedsSource => "Needs source",
            ClaimStatus::Supported => "Supported",
            ClaimStatus::Disputed => "Disputed",
            ClaimStatus::False => "False",
        }
    }

    /// The letter in a stored annotation set's `status` column: `u`, `n`, `s`, `d`, `f`.
    pub const fn letter(self) -> char {
        match self {
            ClaimStatus::Unverified => 'u',
            ClaimStatus::NeedsSource => 'n',
            ClaimStatus::Supported => 's',
            ClaimStatus::Disputed => 'd',
            ClaimStatus::False => 'f',
        }
    }

    /// The status whose [`key`](Self::key) is `key`.
    pub fn from_key(key: &str) -> Option<ClaimStatus> {
        ClaimStatus::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// The part a quoted person plays in a story, set by the reader once per person (for source
/// audits such as the Gender Gap Tracker's: who gets quoted, officials or witnesses).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerRole {
    Official,
    Expert,
    Witness,
    Company,
    Campaigner,
    Anonymous,
    #[default]
    Other,
}

impl SpeakerRole {
    /// Every role, in the order they are offered and listed.
    pub const ALL: [SpeakerRole; 7] = [
        SpeakerRole::Official,
        SpeakerRole::Expert,
        SpeakerRole::Witness,
        SpeakerRole::Company,
        SpeakerRole::Campaigner,
        SpeakerRole::Anonymous,
        SpeakerRole::Other,
    ];

    /// The name in files and JSON: `official`, `expert`, `witness`, `company`, `campaigner`,
    /// `anonymous`, `other`.
    pub const fn key(self) -> &'static str {
        match self {
            SpeakerRole::Official => "official",
            SpeakerRole::Expert => "expert",
            SpeakerRole::Witness => "witness",
            SpeakerRole::Company => "company",
            SpeakerRole::Campaigner => "campaigner",
            SpeakerRole::Anonymous => "anonymous",
            SpeakerRole::Other => "other",
        }
    }

    /// The reader-facing name: `Official`, `Expert`, … `Other`.
    pub const fn label(self) -> &'static str {
        match self {
            SpeakerRole::Official => "Official",
            SpeakerRole::Expert => "Expert",
            SpeakerRole::Witness => "Witness",
            SpeakerRole::Company => "Company",
            SpeakerRole::Campaigner => "Campaigner",
            SpeakerRole::Anonymous => "Anonymous",
            SpeakerRole::Other => "Other",
        }
    }

    /// A one-letter code (`o`, `e`, `w`, `c`, `a`, `n`, `x`), for compact records.
    pub const fn letter(self) -> char {
        match self {
            SpeakerRole::Official => 'o',
            SpeakerRole::Expert => 'e',
            SpeakerRole::Witness => 'w',
            SpeakerRole::Company => 'c',
            SpeakerRole::Campaigner => 'a',
            SpeakerRole::Anonymous => 'n',
            SpeakerRole::Other => 'x',
        }
    }

    /// The role whose [`key`](Self::key) is `key`.
    pub fn from_key(key: &str) -> Option<SpeakerRole> {
        SpeakerRole::ALL.into_iter().find(|v| v.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Checks one vocabulary: `ALL` has every value once, keys are what serde writes and reads,
    /// keys, labels and letters are distinct, and `from_key` finds each value by its key.
    fn check<T>(
        all: &[T],
        key: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
        letter: fn(T) -> char,
        from_key: fn(&str) -> Option<T>,
    ) where
        T: Copy + Eq + std::hash::Hash + std::fmt::Debug + Serialize + for<'de> Deserialize<'de>,
    {
        assert_eq!(all.iter().collect::<HashSet<_>>().len(), all.len());
        for &v in all {
            assert_eq!(
                serde_json::to_value(v).unwrap(),
                serde_json::Value::from(key(v)),
                "{v:?}"
            );
            assert_eq!(
                serde_json::from_value::<T>(key(v).into()).unwrap(),
                v,
                "{v:?}"
            );
        }
        assert_eq!(
            all.iter().map(|&v| key(v)).collect::<HashSet<_>>().len(),
            all.len()
        );
        assert_eq!(
            all.iter().map(|&v| label(v)).collect::<HashSet<_>>().len(),
            all.len()
        );
        assert_eq!(
            all.iter().map(|&v| letter(v)).collect::<HashSet<_>>().len(),
            all.len()
        );
        for &v in all {
            assert_eq!(from_key(key(v)), Some(v));
        }
    }

    #[test]
    fn keys_agree_with_serde_and_every_value_is_listed() {
        check(
            &QuoteForm::ALL,
            QuoteForm::key,
            QuoteForm::label,
            QuoteForm::letter,
            QuoteForm::from_key,
        );
        check(
            &ClaimType::ALL,
            ClaimType::key,
            ClaimType::label,
            ClaimType::letter,
            ClaimType::from_key,
        );
        check(
            &SpeakerRole::ALL,
            SpeakerRole::key,
            SpeakerRole::label,
            SpeakerRole::letter,
            SpeakerRole::from_key,
        );
        check(
            &ClaimStatus::ALL,
            ClaimStatus::key,
            ClaimStatus::label,
            ClaimStatus::letter,
            ClaimStatus::from_key,
        );
        // A new variant stops these matches compiling until it is added to `ALL`.
        let form = |f| match f {
            QuoteForm::Direct | QuoteForm::Partial | QuoteForm::Indirect => {
                QuoteForm::ALL.contains(&f)
            }
        };
        let claim_type = |t| match t {
            ClaimType::Statistic
            | ClaimType::Causal
            | ClaimType::Prediction
            | ClaimType::Comparison
            | ClaimType::Other => ClaimType::ALL.contains(&t),
        };
        let status = |s| match s {
            ClaimStatus::Unverified
            | ClaimStatus::NeedsSource
            | ClaimStatus::Supported
            | ClaimStatus::Disputed
            | ClaimStatus::False => ClaimStatus::ALL.contains(&s),
        };
        assert!(QuoteForm::ALL.into_iter().all(form) && ClaimType::ALL.into_iter().all(claim_type));
        assert!(ClaimStatus::ALL.into_iter().all(status));
        let role = |r| match r {
            SpeakerRole::Official
            | SpeakerRole::Expert
            | SpeakerRole::Witness
            | SpeakerRole::Company
            | SpeakerRole::Campaigner
            | SpeakerRole::Anonymous
            | SpeakerRole::Other => SpeakerRole::ALL.contains(&r),
        };
        assert!(SpeakerRole::ALL.into_iter().all(role));
        assert_eq!(
            ClaimStatus::from_key("needs-source"),
            Some(ClaimStatus::NeedsSource)
        );
        assert_eq!(ClaimStatus::from_key("Needs source"), None);
        assert_eq!(ClaimStatus::NeedsSource.label(), "Needs source");
    }
}
