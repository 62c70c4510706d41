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

/// "785 miles (1260 kilometers)", "450°F (232°C)": a number in brackets
/// right after a number with its unit converts it, whether or not the first
/// was taken as a figure. A share in brackets ("203,091 votes (0.15
/// percent)") is a figure of its own.
pub(super) fn is_bracketed_conversion(sentence: &str, figure: &FigureReading) -> bool {
    static CONVERTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\d[\d,.]*[\s-]?[A-Za-z°]+(?:-[a-z]+)?\s*\((?:~|about\s|approximately\s|around\s|roughly\s|some\s|nearly\s|over\s)?$").unwrap()
    });
    figure.unit != "%" && CONVERTED.is_match(super::label::tail(&sentence[..figure.start], 40))
}

/// "the 15 percent threshold", "the cut-off for Category 5 is 157 mph",
/// "vessels exceeding 300 tons", "the 326 seats needed for a majority": a
/// rule's threshold, not a fact of the news.
pub(super) fn is_threshold(sentence: &str, figure: &FigureReading) -> bool {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:cut-?off|threshold|criterion|criteria|exceeding|guidelines?|must\s+sustain)(?-u:\b)[^.;]*$").unwrap()
    });
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:threshold|needed\s+for|required\s+for|cut-?off)(?-u:\b)").unwrap()
    });
    let before = super::label::tail(&sentence[..figure.start], 50);
    let after = &sentence[figure.end..];
    BEFORE.is_match(before) || AFTER.is_match(after)
}

/// "He is survived by three children", "is married and has five
/// children": the size of a family, not a toll.
pub(super) fn is_family_size(sentence: &str, figure: &FigureReading) -> bool {
    static FAMILY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:survived\s+by|has|had|have|father\s+of|mother\s+of|parents\s+of)(?-u:\b)[^.;]{0,25}$").unwrap()
    });
    let counted = figure.text.rsplit(' ').next().unwrap_or("").to_lowercase();
    matches!(
        counted.as_str(),
        "children" | "sons" | "daughters" | "grandchildren" | "siblings" | "brothers" | "sisters"
    ) && FAMILY.is_match(super::label::tail(&sentence[..figure.start], 40))
}

/// "two people familiar with the matter", "three officials briefed on the
/// talks": a story's unnamed sources, not people an event struck.
pub(super) fn is_anonymous_sources(sentence: &str, figure: &FigureReading) -> bool {
    static SOURCES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:\w+\s+)?(?:familiar\s+with|briefed\s+on|with\s+(?:direct\s+)?knowledge\s+of|close\s+to\s+the|who\s+(?:spoke|asked|declined|requested)|speaking\s+on\s+condition)(?-u:\b)").unwrap()
    });
    figure.unit == "people" && SOURCES.is_match(&sentence[figure.end..])
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
    fn conversions_thresholds_and_family_sizes_are_not_key_figures() {
        assert_eq!(
            values("The NHC placed Humberto 785 miles (1260 kilometers) west of Bermuda."),
            [785.0]
        );
        assert!(values("The company uses 450°F (232°C) glue guns.").len() <= 1);
        assert_eq!(
            values("Castle received 203,091 votes (0.15 percent)."),
            [203_091.0, 0.15]
        );
        assert!(values("This falls short of the 15 percent threshold for the debates.").is_empty());
        assert!(values("Like all vessels exceeding 300 tons, it must transmit data.").is_empty());
        assert!(values("He is survived by three children and his wife.").is_empty());
        assert_eq!(values("The fire killed three children."), [3.0]);
        assert!(
            values(
                "WeWork is under investigation, according to two people familiar with the matter."
            )
            .is_empty()
        );
        assert!(values("Two people briefed on the talks said tariffs would stay.").is_empty());
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
