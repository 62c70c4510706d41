//! Sentences whose numbers are not facts of the news: advice or a review
//! addressed to the reader, and a product's specification.

use std::sync::LazyLock;

use regex::Regex;

use super::FigureReading;

/// "If you live above 1000 feet, you will need…", "you’re looking at up to
/// 590 km": a sentence that speaks to the reader, outside a quotation, gives
/// advice or a review's verdict. Quoted speech is a source's words and may
/// hold facts ("Then you realize there are 80 men buried there").
pub(super) fn addresses_the_reader(sentence: &str) -> bool {
    static YOU: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:you|your|you['’](?:re|ll|ve|d))(?-u:\b)").unwrap()
    });
    if sentence.contains(['"', '“', '”', '«', '»']) {
        return false;
    }
    YOU.is_match(sentence)
}

/// "an electronically-limited 124 mph", "waterproof up to 50 meters",
/// "215 miles on a charge": a length, speed or temperature a product is
/// built for, not something that happened.
pub(super) fn is_product_specification(sentence: &str, figure: &FigureReading) -> bool {
    static SPEC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:electronically|waterproof|water-resistant|battery|on\s+a\s+(?:single\s+)?charge|range\s+of|of\s+range|WLTP|EPA-rated)(?-u:\b)").unwrap()
    });
    matches!(
        figure.unit.as_str(),
        "km" | "mi" | "m" | "ft" | "mph" | "km/h" | "°F" | "°C" | "degrees" | "cm" | "in" | "mm"
    ) && SPEC.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::super::figures_in;

    fn values(sentence: &str) -> Vec<f64> {
        figures_in(sentence, true).iter().map(|f| f.value).collect()
    }

    #[test]
    fn advice_to_the_reader_holds_no_key_figure_but_a_quotation_may() {
        assert!(
            values(
                "If you live at an altitude of more than 1000 feet, you will need to boil longer."
            )
            .is_empty()
        );
        assert!(
            values("In your adventures, you’ll be attacked by three enemy factions.").is_empty()
        );
        assert_eq!(
            values("\"Then you realize there are 80 men buried there,\" she said."),
            [80.0]
        );
    }

    #[test]
    fn a_products_specification_is_not_a_fact_but_a_distance_travelled_is() {
        assert!(values("Top speed is an electronically-limited 124 mph.").is_empty());
        assert!(values("It should deliver around 215 miles on a charge.").is_empty());
        assert_eq!(
            values("The convoy travelled 700 miles from Louisiana."),
            [700.0]
        );
    }
}
