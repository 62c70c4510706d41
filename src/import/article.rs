//! One raw article read into front matter and a Markdown body: the header,
//! the body with furniture dropped and sub-headings marked, and the tags
//! (countries, topics, people, key figures) read out of the text.

use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::config::SiteConfig;
use crate::content::front_matter::{FrontMatter, KeyFigure};

use super::gazetteer::{CountryHit, Gazetteer};
use super::people::{self, Aliases, Language, people_in};
use super::topics::Lexicon;
use super::{figures, header, text, yaml};

/// Articles larger than this are refused: a news article is a few kilobytes,
/// and a file this size is a dump or a mistake.
pub const MAX_ARTICLE_BYTES: u64 = 4 * 1024 * 1024;

/// The refusal for a file of `size` bytes, when it is over `limit` bytes.
pub fn too_large(size: u64, limit: u64) -> Option<String> {
    (size > limit).then(|| {
        format!(
            "too large for an article ({:.1} MB; the limit is {} MB, `max_article_mb` in site.toml)",
            size as f64 / 1_048_576.0,
            limit / 1_048_576
        )
    })
}

/// A site's limit in bytes (`max_article_mb`).
pub fn limit_of(config: &SiteConfig) -> u64 {
    config.max_article_mb.max(1).saturating_mul(1_048_576)
}

/// What the importer made of one raw article.
#[derive(Debug, Clone)]
pub struct ImportedArticle {
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// What a reviewer should check: no date, a fallback encoding, …
    pub warnings: Vec<String>,
}

impl ImportedArticle {
    /// The content file: YAML front matter, then the body.
    pub fn to_markdown(&self) -> String {
        format!(
            "---\n{}---\n\n{}",
            yaml::front_matter(&self.front),
            self.body
        )
    }

    /// A file name for the content file, from the title.
    pub fn file_stem(&self) -> String {
        let slug = slug::slugify(&self.front.title);
        let mut stem = String::new();
        for part in slug.split('-') {
            if !stem.is_empty() && stem.len() + part.len() >= 80 {
                break;
            }
            if !stem.is_empty() {
                stem.push('-');
            }
            stem.push_str(part);
        }
        if stem.is_empty() {
            "article".into()
        } else {
            stem
        }
    }
}

/// What a saved page or a feed entry states about its article in its own
/// tags; it goes above what the text readers guessed.
pub struct Stated<'a> {
    pub title: &'a str,
    pub published: Option<Date>,
    pub updated: Option<Date>,
    pub outlet: &'a str,
    pub url: &'a str,
    pub authors: &'a [String],
    /// A language tag (`en-GB`): its primary language is kept.
    pub language: &'a str,
}

impl ImportedArticle {
    pub fn take_stated(&mut self, stated: Stated<'_>) {
        let front = &mut self.front;
        if !stated.title.is_empty() {
            front.title = stated.title.to_string();
        }
        if let Some(published) = stated.published {
            front.date = Some(published);
            front.date_hint = None;
            self.warnings
                .retain(|w| !w.starts_with("no publication date"));
        }
        front.updated = stated.updated.filter(|u| Some(*u) != front.date);
        if !stated.outlet.is_empty() {
            front.source = stated.outlet.to_string();
        }
        front.url = stated.url.to_string();
        front.authors = stated.authors.to_vec();
        front.language = stated
            .language
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
    }
}

/// A headline and paragraphs as the text readers take an article: one
/// paragraph a block.
pub fn as_text<'a>(title: &'a str, paragraphs: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for block in std::iter::once(title).chain(paragraphs) {
        if !block.is_empty() {
            text.push_str(block);
            text.push_str("\n\n");
        }
    }
    text
}

/// The importer, built once per run from the site's configuration: the
/// gazetteer, topic lexicon and alias table compiled, then shared by threads.
pub struct Importer {
    /// The largest raw article read, in bytes.
    pub max_bytes: u64,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    aliases: Aliases,
}

impl Importer {
    pub fn new(config: &SiteConfig) -> Importer {
        Importer {
            max_bytes: limit_of(config),
            gazetteer: Gazetteer::new(&config.gazetteer),
            lexicon: Lexicon::new(&config.topics),
            aliases: Aliases::new(&config.aliases),
        }
    }

    /// The largest raw file `name` may be: a saved page four times an
    /// article's limit, since its markup outweighs its text.
    pub fn limit_for(&self, name: &str) -> u64 {
        if super::page::is_page(name) {
            self.max_bytes.saturating_mul(4)
        } else {
            self.max_bytes
        }
    }

    /// Reads one raw article. `source_file` is recorded in the front matter.
    /// Refuses, with the reason, what is not an article: empty, binary or
    /// oversized input.
    pub fn read(&self, bytes: &[u8], source_file: &str) -> Result<ImportedArticle, String> {
        if let Some(refusal) = too_large(bytes.len() as u64, self.limit_for(source_file)) {
            return Err(refusal);
        }
        if super::page::is_page(source_file) {
            return self.read_page(bytes, source_file);
        }
        if looks_binary(bytes) {
            return Err("binary data, not text".into());
        }
        let mut warnings = Vec::new();
        let (raw, fallback) = text::decode(bytes);
        if fallback {
            warnings.push("not UTF-8: decoded as Windows-1252; check accented letters".into());
        }
        self.read_text(&raw, source_file, warnings)
    }

    /// Reads an article's decoded text; `warnings` are those already noted.
    pub(super) fn read_text(
        &self,
        raw: &str,
        source_file: &str,
        mut warnings: Vec<String>,
    ) -> Result<ImportedArticle, String> {
        let normalised = text::normalise(raw);
        let paragraphs = text::paragraphs(&normalised);
        if paragraphs.is_empty() {
            return Err("empty: no text to import".into());
        }
        let header = header::read(&paragraphs);

        // The body as read: the first paragraph without the header, then the
        // rest with furniture dropped; headings marked.
        let mut body_paragraphs: Vec<(String, bool)> = Vec::new();
        // A chart's legend under the headline ("██ Conservative Party - 365
        // seats") is neither body nor lead.
        let legend_first = text::is_legend(&header.first_paragraph);
        if !header.first_paragraph.trim().is_empty() && !legend_first {
            let first = text::without_wiki_markup(&header.first_paragraph);
            body_paragraphs.push((first, false));
        }
        for (i, paragraph) in paragraphs.iter().enumerate().skip(header.body_start + 1) {
            if header.dropped.contains(&i) {
                continue;
            }
            if text::is_furniture(paragraph) || text::is_legend(paragraph) {
                continue;
            }
            let Some(paragraph) = text::without_credit(&text::without_wiki_markup(paragraph))
            else {
                continue;
            };
            let heading = text::is_heading(&paragraph);
            body_paragraphs.push((paragraph, heading));
        }
        let title = match &header.title {
            Some(title) => title.clone(),
            None => header::headline_from(&header.lead),
        };
        if title.is_empty() {
            return Err("no text to make a title from".into());
        }

        let lead = if legend_first || text::is_legend(&header.lead) {
            body_paragraphs
                .iter()
                .find(|(p, heading)| !heading && !text::is_legend(p))
                .map(|(p, _)| p.clone())
                .unwrap_or_default()
        } else {
            header.lead.clone()
        };
        let mut front = FrontMatter {
            title,
            date: header.date,
            source: header.source.clone(),
            via: header.via.clone(),
            dateline: header.dateline.clone(),
            summary: text::without_wiki_markup(lead.trim()),
            source_file: source_file.to_string(),
            ..FrontMatter::default()
        };
        if front.date.is_none() {
            front.date_hint = header::latest_date(&normalised);
            warnings.push(match front.date_hint {
                Some(hint) => format!(
                    "no publication date in the text: `date` left out, `date_hint: {hint}` (the latest date it mentions)"
                ),
                None => "no publication date in the text, and no date to hint at".into(),
            });
        }

        let prose: Vec<&str> = body_paragraphs
            .iter()
            .filter(|(_, heading)| !heading)
            .map(|(p, _)| p.as_str())
            .collect();
        self.tag_countries(&mut front, &prose);
        let all_text = body_paragraphs
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        front.topics = self.lexicon.topics_of(&all_text);
        let sentences: Vec<&str> = prose.iter().flat_map(|p| text::sentences(p)).collect();
        let language = if text::reads_as_english(&all_text) {
            Language::English
        } else {
            Language::Other
        };
        // The headline and headings name people too, when they are written
        // as sentences: in Title Case every word looks like a name.
        let headlines = std::iter::once(front.title.as_str())
            .chain(
                body_paragraphs
                    .iter()
                    .filter(|(_, h)| *h)
                    .map(|(p, _)| p.as_str()),
            )
            .filter(|line| !text::is_title_case(line) || people::is_name_line(line));
        front.people = people_in(
            headlines.chain(sentences.iter().copied()),
            &self.gazetteer,
            &self.aliases,
            language,
        );
        front.figures = self.key_figures(&sentences, language == Language::English);
        if front.countries.is_empty() {
            warnings.push("no country named in the text".into());
        }

        let mut body = String::new();
        for (paragraph, heading) in &body_paragraphs {
            if *heading {
                body.push_str("## ");
            }
            body.push_str(&text::escape_markdown(paragraph));
            body.push_str("\n\n");
        }
        body.truncate(body.trim_end().len());
        body.push('\n');
        Ok(ImportedArticle {
            front,
            body,
            warnings,
        })
    }

    /// `countries`: those the lead names (or the dateline places) and that
    /// come back in the text, and any named as often as half the leader;
    /// `mentions`: the rest. Both ranked by mentions, lead and position.
    fn tag_countries(&self, front: &mut FrontMatter, prose: &[&str]) {
        #[derive(Default, Clone, Copy)]
        struct Tally {
            count: usize,
            first: usize,
            in_lead: bool,
        }
        let mut tallies: HashMap<usize, Tally> = HashMap::new();
        let mut offset = 0;
        let mut note = |hits: Vec<CountryHit>, offset: usize, in_lead: bool| {
            for hit in hits {
                let tally = tallies.entry(hit.country).or_insert(Tally {
                    first: offset + hit.start,
                    ..Tally::default()
                });
                tally.count += 1;
                tally.in_lead |= in_lead;
            }
        };
        note(self.gazetteer.scan_subjects(&front.title), 0, true);
        for place in &front.dateline {
            note(self.gazetteer.scan(place), 0, true);
        }
        for (i, paragraph) in prose.iter().enumerate() {
            offset += 1000;
            note(self.gazetteer.scan_subjects(paragraph), offset, i == 0);
            offset += paragraph.len();
        }
        let top = tallies.values().map(|t| t.count).max().unwrap_or(0);
        let mut ranked: Vec<(usize, Tally)> = tallies.into_iter().collect();
        let score = |t: &Tally| t.count + if t.in_lead { 3 } else { 0 };
        ranked.sort_by(|(a_id, a), (b_id, b)| {
            score(b)
                .cmp(&score(a))
                .then(a.first.cmp(&b.first))
                .then(a_id.cmp(b_id))
        });
        for (position, (country, tally)) in ranked.iter().enumerate() {
            let central = (tally.in_lead && (tally.count >= 2 || position == 0))
                || (tally.count >= 3 && tally.count * 2 >= top);
            let name = self.gazetteer.country_name(*country).to_string();
            if central {
                front.countries.push(name);
            } else {
                front.mentions.push(name);
            }
        }
    }

    /// Every key figure, with its sentence, the period it states (or carries
    /// over from "the same period") and the countries the sentence names.
    fn key_figures(&self, sentences: &[&str], english: bool) -> Vec<KeyFigure> {
        let mut out = Vec::new();
        let mut period: Option<String> = None;
        for sentence in sentences {
            let readings = figures::figures_in(sentence, english);
            let stated = figures::period_of(sentence, period.as_deref());
            if stated.is_some() {
                period = stated.clone();
            }
            if readings.is_empty() {
                continue;
            }
            let mut countries: Vec<String> = Vec::new();
            for hit in self.gazetteer.scan_subjects(sentence) {
                let name = self.gazetteer.country_name(hit.country);
                if !countries.iter().any(|c| c == name) {
                    countries.push(name.to_string());
                }
            }
            for reading in readings {
                // A fact stated again ("grew by 34 percent, even over 34
                // percent", a toll repeated in the last paragraph) is one figure.
                // Two counts of one value that count different things
                // ("home to over 1,000 people", "over 1,000 rescuers") are
                // two; a sum or a share stated again is one.
                let is_count = |unit: &str| {
                    unit.len() > 3
                        && unit.ends_with('s')
                        && unit
                            .chars()
                            .all(|c| c.is_lowercase() || c == ' ' || c == '-')
                        || unit == "people"
                };
                let repeated = out.iter().any(|f: &KeyFigure| {
                    f.unit == reading.unit
                        && f.value == reading.value
                        && f.value_max == reading.value_max
                        && (!is_count(&f.unit)
                            || f.label == reading.label
                            || f.sentence == *sentence
                            || f.label.is_empty()
                            || reading.label.is_empty())
                });
                // A number with nothing said of what it measures is not a
                // key figure ("$31", "up to 60%", "161 km").
                if repeated || reading.label.is_empty() {
                    continue;
                }
                out.push(KeyFigure {
                    value: reading.value,
                    value_max: reading.value_max,
                    unit: reading.unit,
                    label: reading.label,
                    text: reading.text,
                    sentence: sentence.to_string(),
                    period: stated.clone().unwrap_or_default(),
                    qualifier: reading.qualifier,
                    countries: countries.clone(),
                });
            }
        }
        drop_shop_prices(&mut out);
        out
    }
}

/// Prices of a shopping or review article ("$31", "$169.99", "$6.99 a
/// month"): three or more small sums written without a scale are what the
/// goods cost, not facts of the news, and leave the key figures.
fn drop_shop_prices(figures: &mut Vec<KeyFigure>) {
    let small_sum = |f: &KeyFigure| {
        f.unit.len() == 3
            && f.unit.chars().all(|c| c.is_ascii_uppercase())
            && f.value < 1000.0
            && !["thousand", "million", "billion", "trillion"]
                .iter()
                .any(|scale| f.text.contains(scale))
    };
    // "$55.12 per barrel", "$1,472.19 an ounce": a commodity's price is news.
    let shop_price = |f: &KeyFigure| small_sum(f) && !priced_per_unit(f);
    if figures.iter().filter(|f| shop_price(f)).count() >= 3 {
        figures.retain(|f| !shop_price(f));
    }
}

/// A price per unit of a traded commodity or a share.
fn priced_per_unit(figure: &KeyFigure) -> bool {
    static PER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s+(?:per|a|an)\s+(?:troy\s+)?(?:barrel|ounce|tonne|ton|metric\s+ton|gallon|litre|liter|bushel|pound|share|kilowatt-hour|kWh|MWh|megawatt-hour|cubic\s+met(?:re|er)|thousand\s+cubic\s+met(?:re|er)s|MMBtu|mmbtu)\b").unwrap()
    });
    figure
        .sentence
        .find(&figure.text)
        .is_some_and(|at| PER_UNIT.is_match(&figure.sentence[at + figure.text.len()..]))
}

/// NUL bytes, or many control characters: not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    sample.contains(&0) || control * 20 > sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(value: f64, unit: &str, text: &str) -> KeyFigure {
        KeyFigure {
            value,
            unit: unit.into(),
            text: text.into(),
            ..KeyFigure::default()
        }
    }

    #[test]
    fn three_small_prices_make_a_shopping_article_and_leave_the_key_figures() {
        let mut figures = vec![
            figure(31.0, "USD", "$31"),
            figure(169.99, "USD", "$169.99"),
            figure(6.99, "USD", "$6.99"),
            figure(2.6, "USD", "$2.6 billion"),
            figure(40.0, "%", "40%"),
        ];
        drop_shop_prices(&mut figures);
        let left: Vec<&str> = figures.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(left, ["$2.6 billion", "40%"]);

        let mut two = vec![figure(31.0, "USD", "$31"), figure(50.0, "USD", "$50")];
        drop_shop_prices(&mut two);
        assert_eq!(two.len(), 2, "two sums are not yet a price list");
    }

    #[test]
    fn commodity_prices_per_unit_are_not_a_price_list() {
        let sentence = "Crude fell to $55.12 per barrel, Brent to $60.73 a barrel and gold \
                        to $1,472.19 an ounce; copper was $5.88 a pound.";
        let priced = |value: f64, text: &str| KeyFigure {
            sentence: sentence.into(),
            ..figure(value, "USD", text)
        };
        let mut figures = vec![
            priced(55.12, "$55.12"),
            priced(60.73, "$60.73"),
            priced(5.88, "$5.88"),
        ];
        drop_shop_prices(&mut figures);
        assert_eq!(figures.len(), 3);
    }
}
