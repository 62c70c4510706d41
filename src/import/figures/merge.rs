//! One figure per fact: ranges joined, a sum restated in another unit
//! dropped, a place's distance or a thing's size and a weight read as money
//! put right.

use std::sync::LazyLock;

use regex::Regex;

use super::label::tail;
use super::{FigureReading, scale_factor};

/// A length that says where a place lies ("located 70 miles from Denver")
/// or the size of a thing in inches: not a key figure. How far a storm or
/// an epicentre is from a place is one, and stays.
pub(super) fn is_location_or_size(sentence: &str, figure: &FigureReading) -> bool {
    static LOCATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:located|lies|lying|situated|based|sits)(?:\s+\w+){0,3}\s*$")
            .unwrap()
    });
    let scaled = ["thousand", "million", "billion"]
        .iter()
        .any(|s| figure.text.contains(s));
    match figure.unit.as_str() {
        // A car's battery or charger, not a power plant.
        "kW" | "kWh" => figure.value < 1000.0 && !scaled,
        "km" | "mi" | "m" | "ft" => LOCATED.is_match(tail(&sentence[..figure.start], 48)),
        "in" | "cm" | "mm" => !sentence[figure.end..].trim_start().starts_with("of "),
        _ => false,
    }
}

/// "weighed 82 pounds (37 kg)": pounds of weight, not sterling.
pub(super) fn weight_not_money(sentence: &str, figure: &mut FigureReading) {
    if figure.unit != "GBP" || !figure.text.to_lowercase().ends_with("pounds") {
        return;
    }
    let before = tail(&sentence[..figure.start], 30).to_lowercase();
    let after = &sentence[figure.end..];
    let weighs = before.contains("weigh")
        || after.trim_start().starts_with("(")
            && after.split(')').next().is_some_and(|b| b.contains("kg"));
    if weighs {
        figure.unit = "lb".into();
    }
}

/// "1,150" → 1150.
pub(super) fn digits_value(text: &str) -> Option<f64> {
    text.replace(',', "").parse().ok()
}

/// The far end of a range after "and": "and 400 billion", "and $7 billion".
static RANGE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:and|to)\s+(?:US\$|\$|€|£)?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<scale>thousand|million|billion|trillion))?(?-u:\b)").unwrap()
});

static RANGE_NEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?").unwrap());

/// "between US$300 and 400 billion", "between $5 and $7 billion": the
/// first end of a range in words takes the scale written after the second.
pub(super) fn join_ranges(sentence: &str, figures: &mut Vec<FigureReading>) {
    near_end_before(sentence, figures);
    // A far end the money pattern did not read on its own ("400 billion").
    for figure in figures.iter_mut() {
        let opened = sentence[..figure.start]
            .to_lowercase()
            .trim_end()
            .ends_with("between");
        if !opened || figure.value_max.is_some() {
            continue;
        }
        let Some(tail) = RANGE_TAIL.captures(&sentence[figure.end..]) else {
            continue;
        };
        let Some(far) = digits_value(&tail["n"]) else {
            continue;
        };
        let power = tail.name("scale").map_or(0, |m| scale_factor(m.as_str()));
        // The near end's own scale, if it wrote one ("$5 billion and 7").
        let near_number = RANGE_NEAR
            .find(&figure.text)
            .and_then(|m| digits_value(m.as_str()))
            .unwrap_or(figure.value);
        let near_factor = figure.value / near_number;
        let (low, high) = if power > 0 {
            (near_number * 10f64.powi(power), far * 10f64.powi(power))
        } else {
            (figure.value, far * near_factor)
        };
        if low < high {
            let end = figure.end + tail.get(0).unwrap().end();
            figure.value = low;
            figure.value_max = Some(high);
            figure.text = sentence[figure.start..end].trim().to_string();
            figure.end = end;
        }
    }
    // "only 6% to 11%", "ranging from 45% to 60%": one range; "rose from
    // 45% to 60%" is two figures, the before and the after.
    let mut k = 0;
    while k + 1 < figures.len() {
        let (a, b) = (&figures[k], &figures[k + 1]);
        let between = sentence.get(a.end..b.start).unwrap_or("").trim();
        let before = tail(&sentence[..a.start], 24).to_lowercase();
        let change = before.trim_end().ends_with("from") && !before.contains("rang");
        if between == "to"
            && a.unit == b.unit
            && a.value < b.value
            && a.value_max.is_none()
            && b.value_max.is_none()
            && !change
        {
            let (end, high) = (b.end, b.value);
            let label = if a.label.is_empty() {
                b.label.clone()
            } else {
                a.label.clone()
            };
            let text = sentence[a.start..end].trim().to_string();
            figures[k].value_max = Some(high);
            figures[k].text = text;
            figures[k].end = end;
            figures[k].label = label;
            figures.remove(k + 1);
        }
        k += 1;
    }
    // Figures inside a range just made are its far end.
    let mut k = 1;
    while k < figures.len() {
        if figures[k].start < figures[k - 1].end && figures[k - 1].value_max.is_some() {
            figures.remove(k);
        } else {
            k += 1;
        }
    }
    let mut i = 0;
    while i + 1 < figures.len() {
        let (a, b) = (&figures[i], &figures[i + 1]);
        let between = sentence.get(a.end..b.start).unwrap_or("");
        let opened = sentence[..a.start]
            .to_lowercase()
            .trim_end()
            .ends_with("between")
            || a.qualifier == "between";
        let joined = matches!(between.trim(), "and" | "to" | "and US" | "to US");
        if opened && joined && a.unit == b.unit && a.value_max.is_none() && b.value_max.is_none() {
            let scale = ["thousand", "million", "billion", "trillion"]
                .iter()
                .position(|s| b.text.contains(s) && !a.text.contains(s));
            let low = match scale {
                Some(k) => a.value * 10f64.powi(3 * (k as i32 + 1)),
                None => a.value,
            };
            if low < b.value {
                let merged = FigureReading {
                    value: low,
                    value_max: Some(b.value),
                    text: sentence[a.start..b.end].to_string(),
                    end: b.end,
                    label: if a.label.is_empty() {
                        b.label.clone()
                    } else {
                        a.label.clone()
                    },
                    ..a.clone()
                };
                figures[i] = merged;
                figures.remove(i + 1);
                continue;
            }
        }
        i += 1;
    }
}

/// The kind of quantity a unit measures, for telling a conversion
/// ("75 m (250 ft)", "€20,000 (£17,500; US$22,900)") from a second fact.
pub(super) fn dimension(unit: &str) -> Option<&'static str> {
    if matches!(unit, "km/h" | "mph") {
        return Some("speed");
    }
    let base = unit.split('/').next().unwrap_or(unit);
    Some(match base {
        "km" | "m" | "cm" | "mm" | "mi" | "ft" | "in" => "length",
        "kg" | "g" | "t" | "lb" => "mass",
        "km/h" | "mph" => "speed",
        "ha" | "km2" | "acres" => "area",
        "L" | "m3" | "gal" | "bbl" => "volume",
        _ if unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()) => "money",
        _ => return None,
    })
}

/// A figure in brackets right after another of the same kind restates it
/// in other units: the first, the article's own statement, is kept.
pub(super) fn drop_conversions(sentence: &str, figures: &mut Vec<FigureReading>) {
    let mut drop = vec![false; figures.len()];
    for i in 1..figures.len() {
        // The nearest earlier figure not itself dropped.
        let Some(j) = (0..i).rev().find(|&j| !drop[j]) else {
            continue;
        };
        let (a, b) = (&figures[j], &figures[i]);
        let between = sentence.get(a.end..b.start).unwrap_or("");
        let bracketed =
            between.len() <= 24 && between.contains(['(', ';', '/']) && !between.contains(')');
        // "US$8000 or €7000": the same sum in another currency or unit.
        let unit_word = |f: &FigureReading| f.text.split_whitespace().last().map(str::to_string);
        let restated = between.trim_matches([' ', ',']) == "or"
            && (a.unit != b.unit || unit_word(a) != unit_word(b));
        let (Some(da), Some(db)) = (dimension(&a.unit), dimension(&b.unit)) else {
            continue;
        };
        // The article's own statement comes first; the bracket converts it.
        if (bracketed || restated) && da == db {
            drop[i] = true;
        }
    }
    let mut keep = drop.iter().map(|d| !d);
    figures.retain(|_| keep.next().unwrap_or(true));
}

/// A bare number and "to", "or" or a dash before a figure: the near end of
/// a range written once with its scale and unit ("five to six million US
/// dollars", "seven or eight percent", "0 – 1%").
static NEAR_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s(])(?P<from>from\s+)?(?P<n>\d+(?:\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)\s*(?:to|or|–|-)\s*$").unwrap()
});

fn near_end_before(sentence: &str, figures: &mut [FigureReading]) {
    let mut previous_end = 0;
    for figure in figures.iter_mut() {
        let window_start = figure.start.saturating_sub(24).max(previous_end);
        previous_end = figure.end;
        let Some(window) = sentence.get(window_start..figure.start) else {
            continue;
        };
        if figure.value_max.is_some() || !figure.qualifier.is_empty() {
            continue;
        }
        let Some(near) = NEAR_END.captures(window) else {
            continue;
        };
        // "rose from 7 to 8 percent" is a change, two states, not a range.
        if near.name("from").is_some() {
            continue;
        }
        let written = &near["n"];
        let Some(near_value) =
            super::number::digits(written).or_else(|| super::number::small_number(written))
        else {
            continue;
        };
        let far_lead = super::number::tokens(&figure.text).iter().find_map(|t| {
            super::number::digits(t.text).or_else(|| super::number::small_number(t.text))
        });
        let Some(far_lead) = far_lead.filter(|&lead| lead > 0.0) else {
            continue;
        };
        let scaled = near_value * figure.value / far_lead;
        let low = if scaled < figure.value {
            scaled
        } else if near_value < figure.value {
            near_value
        } else {
            continue;
        };
        let start = window_start + near.name("n").unwrap().start();
        figure.value_max = Some(figure.value);
        figure.value = low;
        figure.text = sentence[start..figure.end].trim().to_string();
        figure.start = start;
    }
}
