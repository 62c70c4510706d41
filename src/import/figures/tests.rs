//! The figures reader on sentences from real articles.

use super::*;

fn read(sentence: &str) -> Vec<(f64, Option<f64>, String)> {
    figures_in(sentence, true)
        .into_iter()
        .map(|f| (f.value, f.value_max, f.unit))
        .collect()
}

#[test]
fn a_change_after_a_price_is_labelled_by_what_the_price_measures() {
    let found = figures_in(
        "Alibaba shares closed on Tuesday at $185.25, up 0.35%.",
        true,
    );
    let labels: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f.text.as_str(), f.label.as_str()))
        .collect();
    assert_eq!(labels, [("$185.25", "closed"), ("0.35%", "closed")]);
}

#[test]
fn money_in_symbols_codes_words_and_scales() {
    assert_eq!(
        read("It reached approximately $334 million, then $1.99billion and $2.403 billion."),
        [
            (334e6, None, "USD".into()),
            (1.99e9, None, "USD".into()),
            (2_403_000_000.0, None, "USD".into())
        ]
    );
    assert_eq!(
        read("Loans of 5 bn euros, 300 million manat and US$12 mln, 40 billion rubles."),
        [
            (5e9, None, "EUR".into()),
            (300e6, None, "AZN".into()),
            (12e6, None, "USD".into()),
            (40e9, None, "RUB".into())
        ]
    );
}

#[test]
fn a_range_written_once_with_its_scale_and_unit_is_one_figure() {
    assert_eq!(
        read("The artwork is worth five to six million US dollars."),
        [(5e6, Some(6e6), "USD".into())]
    );
    assert_eq!(
        read("Women were around seven or eight percent of staff; growth will be 0 – 1%."),
        [(7.0, Some(8.0), "%".into()), (0.0, Some(1.0), "%".into())]
    );
    assert_eq!(
        read("Protesters burned two to three hundred vehicles."),
        [(200.0, Some(300.0), "vehicles".into())]
    );
    // A change from one state to another is two figures, not a range.
    assert_eq!(read("Unemployment rose from 7 to 8 percent.").len(), 1);
}

#[test]
fn a_person_and_n_others_counts_the_person_too() {
    assert_eq!(
        read("A helicopter with Kobe Bryant and eight others on board crashed."),
        [(9.0, None, "people".into())]
    );
    assert_eq!(
        read("His daughter, aged 13, and seven others died."),
        [(7.0, None, "people".into())]
    );
}

#[test]
fn a_number_naming_a_model_is_not_a_count() {
    assert_eq!(
        read("Its fleet of roughly 400 737 Max jets has been grounded."),
        [(400.0, None, "jets".into())]
    );
    assert!(read("Some iPhone 11 Pro users will wait.").is_empty());
    // An address or a name after digits is not a count.
    assert!(read("They drank with him at 36 Quai des Orfèvres.").is_empty());
    assert_eq!(
        read("Four teenagers and two truck drivers were hurt; 74 Malaysian stores closed."),
        [
            (4.0, None, "people".into()),
            (2.0, None, "drivers".into()),
            (74.0, None, "stores".into())
        ]
    );
}

#[test]
fn quantities_percentages_and_ranges() {
    assert_eq!(
        read("Trade rose by 0.26 percent to 461,000 tons, up 54% and 13.1 per cent."),
        [
            (0.26, None, "%".into()),
            (461_000.0, None, "t".into()),
            (54.0, None, "%".into()),
            (13.1, None, "%".into())
        ]
    );
    assert_eq!(
        read(
            "Deliveries of 1.5 to 2 billion cubic meters of gas each year, 5-6 million cubic meters of gas per day."
        ),
        [
            (1.5e9, Some(2e9), "m3/year".into()),
            (5e6, Some(6e6), "m3/day".into())
        ]
    );
    assert_eq!(read("A 10 bcm pipeline."), [(10e9, None, "m3".into())]);
}

#[test]
fn casualties_are_counts_of_people() {
    let found = figures_in(
        "91 civilians have been killed and more than 400 injured since September 27.",
        true,
    );
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].value, found[0].label.as_str()), (91.0, "killed"));
    assert_eq!(
        (
            found[1].value,
            found[1].qualifier.as_str(),
            found[1].unit.as_str()
        ),
        (400.0, "more than", "people")
    );
    assert_eq!(read("The blast, killing 12, shook the city.")[0].0, 12.0);
}

#[test]
fn a_sum_restated_in_another_currency_is_one_figure() {
    assert_eq!(
        read("One bitcoin is worth approximately US$8000 or €7000."),
        [(8000.0, None, "USD".into())]
    );
    assert_eq!(
        read("Exports were $5 billion or 4 percent of output."),
        [(5e9, None, "USD".into()), (4.0, None, "%".into())]
    );
}

#[test]
fn a_code_with_digits_does_not_hide_what_a_figure_measures() {
    // Reuters writes instrument codes into the text ("CLc1", ".DJI").
    let found = figures_in("U.S. crude CLc1 fell 3.38% on Tuesday.", true);
    assert_eq!((found[0].value, found[0].label.as_str()), (3.38, "crude"));
}

#[test]
fn dates_years_ordinals_and_counts_are_not_figures() {
    assert!(read("On November 28, 2021, the 15th summit met in 2020; COP29 and F-16s.").is_empty());
}

#[test]
fn rupees_lakhs_crores_and_letter_scales() {
    assert_eq!(
        read("He paid the agent Rs 25 lakh, and the state spent ₹3 crore."),
        [(25e5, None, "INR".into()), (3e7, None, "INR".into())]
    );
    assert_eq!(
        read("Braun purchased Big Machine for $300M and sold it for $1.2B."),
        [(300e6, None, "USD".into()), (1.2e9, None, "USD".into())]
    );
}

#[test]
fn tallies_shares_ranges_and_magnitudes() {
    assert_eq!(
        read("The House voted 66 to 27 in favour."),
        [(66.0, None, "votes".into()), (27.0, None, "votes".into())]
    );
    assert_eq!(
        read("About a quarter of the federal government was shut down."),
        [(25.0, None, "%".into())]
    );
    assert!(read("Two-thirds of the Senate must vote to convict.").is_empty());
    assert_eq!(
        read("Reconstruction will cost between US$300 and 400 billion."),
        [(300e9, Some(400e9), "USD".into())]
    );
    assert_eq!(
        read("A magnitude 4.9 earthquake struck; it measured 5.8 on the Richter scale."),
        [
            (4.9, None, "magnitude".into()),
            (5.8, None, "magnitude".into())
        ]
    );
    assert_eq!(
        read("It raised CDN$11,000 and 88 billion Hong Kong dollars for the fund."),
        [(11000.0, None, "CAD".into()), (88e9, None, "HKD".into())]
    );
}

#[test]
fn places_sizes_and_weights_are_told_apart() {
    assert!(read("The town is located 70 miles from Denver.").is_empty());
    assert_eq!(
        read("The storm was 90 miles (145 km) south of the coast."),
        [(90.0, None, "mi".into())]
    );
    assert_eq!(
        read("Winds of 75 miles per hour (120 kilometers per hour), moving at 3 mph (6 kph)."),
        [(75.0, None, "mph".into()), (3.0, None, "mph".into())]
    );
    assert!(read("The new 16-inch laptop has a 15.6-inch screen.").is_empty());
    assert_eq!(
        read("The oldest child weighed 82 pounds (37 kg)."),
        [(82.0, None, "lb".into())]
    );
    assert_eq!(
        read("Snow fell 10 inches of it."),
        [(10.0, None, "in".into())]
    );
}

#[test]
fn counts_after_a_verb_of_harm_or_of_winning() {
    let found = figures_in("The fire kills three and injures sixteen.", true);
    let tolls: Vec<(f64, &str)> = found.iter().map(|f| (f.value, f.label.as_str())).collect();
    assert_eq!(tolls, [(3.0, "killed"), (16.0, "injured")]);
    assert_eq!(
        read("McCarthy received 192 while Pelosi won 220 votes."),
        [(192.0, None, "votes".into()), (220.0, None, "votes".into())]
    );
    assert!(figures_in("Zwei Drittel der Stimmen, 48 Wohnungen.", false).is_empty());
}
