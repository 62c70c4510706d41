//! How front-matter fields are read when their YAML or TOML type alone would
//! give a poor error or a poor fit: dates as text or TOML dates, one place or
//! a list, and numbers and flags whose mistakes are told in words ("`value`
//! must be a number, like 5000000, not \"five million\"").

use std::fmt;

use jiff::civil::Date;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

/// A number, as YAML or TOML writes one, or as text that reads as one
/// ("5,000,000"): anything else is an error naming the field.
struct NumberVisitor {
    field: &'static str,
}

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "`{}` to be a number, like 5000000", self.field)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        let digits: String = v
            .trim()
            .chars()
            .filter(|c| !matches!(c, ',' | '_'))
            .collect();
        match digits.parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(n),
            _ => Err(E::custom(format!(
                "`{}` must be a number, like 5000000, not \"{v}\"",
                self.field
            ))),
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<f64, E> {
        Err(E::custom(format!(
            "`{}` must be a number, like 5000000, not {v}",
            self.field
        )))
    }

    fn visit_unit<E: de::Error>(self) -> Result<f64, E> {
        Err(E::custom(format!(
            "`{}` must be a number, like 5000000; it is empty",
            self.field
        )))
    }
}

/// A figure's `value`.
pub(super) fn value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    deserializer.deserialize_any(NumberVisitor { field: "value" })
}

/// A figure's `value_max`, which may be absent or empty.
pub(super) fn optional_value_max<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    struct OptionalNumber;
    impl<'de> Visitor<'de> for OptionalNumber {
        type Value = Option<f64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("`value_max` to be a number, like 5000000")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(NumberVisitor { field: "value_max" })
                .map(Some)
        }
    }
    deserializer.deserialize_option(OptionalNumber)
}

/// `draft` and `reviewed`: true or false.
struct FlagVisitor {
    field: &'static str,
}

impl Visitor<'_> for FlagVisitor {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "`{}` to be true or false", self.field)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        Err(E::custom(format!(
            "`{}` must be true or false, not \"{v}\"",
            self.field
        )))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        Err(E::custom(format!(
            "`{}` must be true or false, not {v}",
            self.field
        )))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        Err(E::custom(format!(
            "`{}` must be true or false, not {v}",
            self.field
        )))
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
}

pub(super) fn draft<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    deserializer.deserialize_any(FlagVisitor { field: "draft" })
}

pub(super) fn reviewed<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    deserializer.deserialize_any(FlagVisitor { field: "reviewed" })
}

pub(super) fn optional_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Date>, D::Error> {
    // TOML has a date type of its own; YAML gives text.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Toml(toml::value::Datetime),
    }
    let text = match Option::<Repr>::deserialize(deserializer)? {
        None => return Ok(None),
        Some(Repr::Text(text)) => text,
        Some(Repr::Toml(datetime)) => datetime.to_string(),
    };
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // A full timestamp is accepted; the briefing works with its date.
    let day = text.get(..10).unwrap_or(text);
    day.parse::<Date>().map(Some).map_err(|e| {
        serde::de::Error::custom(format!("`{text}` is not a valid date (YYYY-MM-DD): {e}"))
    })
}

pub(super) fn one_or_many<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<Repr>::deserialize(deserializer)? {
        None => Vec::new(),
        Some(Repr::One(one)) => vec![one],
        Some(Repr::Many(many)) => many,
    })
}
