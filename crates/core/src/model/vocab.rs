//! The model's closed vocabularies: a quote's form, a claim's type and a claim's status.
//! Uses serde only.

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
