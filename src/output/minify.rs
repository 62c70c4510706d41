//! Minifying HTML. Pages are minified by minifying their templates once per
//! build (`minify_template`), so ten thousand pages do not each go through
//! the minifier: at 10,000 articles that was half the build's CPU time.
//! A template the minifier cannot provably leave meaning-for-meaning intact
//! is kept as written, and the pages are then minified one by one
//! (`minify_page`), as before.

use crate::nesting;

/// The minifier's settings, shared by templates and pages.
fn config(template: bool) -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = false;
    // Keep the document valid for the Nu HTML Checker and friendly to readers
    // who view source.
    cfg.keep_html_and_head_opening_tags = true;
    cfg.keep_closing_tags = true;
    // `{{ }}`, `{% %}` and `{# #}` in text are left exactly as written.
    cfg.preserve_brace_template_syntax = template;
    cfg
}

/// A rendered page, minified. Pathologically deep pages are returned as
/// they are: the minifier recurses per element and would overflow the stack.
pub fn minify_page(html: Vec<u8>) -> Vec<u8> {
    if nesting::depth(&html) > nesting::MAX_DEPTH {
        return html;
    }
    minify_html::minify(&html, &config(false))
}

/// A Tera HTML template, minified, or None when minifying it could change
/// what it renders. The minifier knows template syntax in text but not
/// inside an HTML tag, so a template is accepted only when
/// - every template tag inside an HTML tag sits in a quoted attribute value
///   and holds a space, so the value keeps its quotes (`href={{x}}` would
///   break on a value with a space) and moves as one with its attribute
///   (the minifier sorts attributes);
/// - the template tags come out unchanged;
/// - the HTML tags come out the same and in the same order (no closing tag
///   dropped as unmatched because two template branches each opened one).
pub fn minify_template(source: &str) -> Option<String> {
    if !template_tags_in_values_only(source) {
        return None;
    }
    let minified = minify_html::minify(source.as_bytes(), &config(true));
    let minified = String::from_utf8(minified).ok()?;
    let mut before: Vec<String> = template_tags(source)?
        .into_iter()
        .map(collapse_whitespace)
        .collect();
    let mut after: Vec<String> = template_tags(&minified)?
        .into_iter()
        .map(collapse_whitespace)
        .collect();
    before.sort_unstable();
    after.sort_unstable();
    (before == after && html_tags(source) == html_tags(&minified)).then_some(minified)
}

/// Whether every template tag inside an HTML tag is within a quoted
/// attribute value and holds whitespace.
fn template_tags_in_values_only(source: &str) -> bool {
    enum State {
        Text,
        Tag,
        Value(u8),
    }
    let bytes = source.as_bytes();
    let mut state = State::Text;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'{' && matches!(bytes.get(at + 1), Some(b'{' | b'%' | b'#')) {
            let Some(tag) = template_tags(&source[at..]).and_then(|t| t.first().copied()) else {
                return false;
            };
            match state {
                State::Text => {}
                State::Tag => return false,
                State::Value(_) if !tag.contains(char::is_whitespace) => return false,
                State::Value(_) => {}
            }
            at += tag.len();
            continue;
        }
        state = match (state, byte) {
            (State::Text, b'<') => match bytes.get(at + 1) {
                Some(b) if b.is_ascii_alphabetic() || *b == b'/' => State::Tag,
                _ => State::Text,
            },
            (State::Tag, b'>') => State::Text,
            (State::Tag, b'"' | b'\'') => State::Value(byte),
            (State::Value(quote), b) if b == quote => State::Tag,
            (state, _) => state,
        };
        at += 1;
    }
    true
}

/// The template tags of `source` in order, or None when one is unterminated.
fn template_tags(source: &str) -> Option<Vec<&str>> {
    let mut tags = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let close = match after.as_bytes().get(1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                rest = &after[1..];
                continue;
            }
        };
        let end = after[2..].find(close)? + 2 + close.len();
        tags.push(&after[..end]);
        rest = &after[end..];
    }
    Some(tags)
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The HTML tags of `source` outside template tags, as lower-case names with
/// a leading `/` for closing tags.
fn html_tags(source: &str) -> Vec<String> {
    let mut text = String::with_capacity(source.len());
    let mut rest = source;
    // Template tags may hold `<` (comparisons, components); leave them out.
    for tag in template_tags(source).unwrap_or_default() {
        if let Some(at) = rest.find(tag) {
            text.push_str(&rest[..at]);
            rest = &rest[at + tag.len()..];
        }
    }
    text.push_str(rest);
    let bytes = text.as_bytes();
    let mut names = Vec::new();
    for (at, _) in text.match_indices('<') {
        let (closing, from) = match bytes.get(at + 1) {
            Some(b'/') => (true, at + 2),
            _ => (false, at + 1),
        };
        let name: String = text[from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !name.is_empty() && name.as_bytes()[0].is_ascii_alphabetic() {
            names.push(if closing { format!("/{name}") } else { name });
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_between_blocks_goes_and_template_tags_stay() {
        let source = "<ul>\n  {% for a in list %}\n  <li>\n    <a href=\"{{ root }}{{ a.href }}\">{{ a.title }}</a>\n  </li>\n  {% endfor %}\n</ul>\n";
        let minified = minify_template(source).unwrap();
        assert!(!minified.contains("\n  "), "{minified}");
        assert!(
            minified.contains("href=\"{{ root }}{{ a.href }}\""),
            "{minified}"
        );
        assert!(minified.contains("{% for a in list %}"), "{minified}");
    }

    #[test]
    fn template_tags_between_attributes_are_not_trusted_to_the_minifier() {
        let source =
            "<a href=\"{{ root }}\"{% if current %} aria-current=\"page\"{% endif %}>x</a>";
        assert_eq!(minify_template(source), None);
    }

    #[test]
    fn attribute_values_made_of_a_tag_without_spaces_keep_the_template_as_written() {
        // Minified, `title={{x}}` would lose its quotes and break on "a b".
        assert_eq!(minify_template("<p title=\"{{x}}\">y</p>"), None);
        assert!(minify_template("<p title=\"{{ x }}\">{{y}}</p>").is_some());
    }

    #[test]
    fn attributes_holding_template_tags_may_be_reordered() {
        let minified =
            minify_template("<link rel=\"alternate\" title=\"{{ t }}\" href=\"{{ h }}\">").unwrap();
        assert!(minified.contains("title=\"{{ t }}\""), "{minified}");
        assert!(minified.contains("href=\"{{ h }}\""), "{minified}");
    }

    #[test]
    fn a_closing_tag_the_minifier_would_drop_keeps_the_template_as_written() {
        // Two branches each open a table; the minifier then drops `</div>`.
        let source = "<div>{% if a %}<table class=\"x\">{% else %}<table>{% endif %}<tr><td>1</td></tr></table></div>";
        assert_eq!(minify_template(source), None);
    }

    #[test]
    fn text_and_comments_do_not_confuse_the_tag_scan() {
        assert!(template_tags_in_values_only(
            "<p>a < b {{ c }}</p><!-- {{ d }} -->"
        ));
        assert!(!template_tags_in_values_only(
            "<p{% if x %} class=\"y\"{% endif %}>"
        ));
        assert!(!template_tags_in_values_only("<p class=y {{ z }}>"));
    }

    #[test]
    fn spaces_between_inline_elements_and_values_survive() {
        let minified = minify_template("<p><b>{{ a }}</b> <i>{{ b }}</i> {{ c }}</p>").unwrap();
        assert_eq!(minified, "<p><b>{{ a }}</b> <i>{{ b }}</i> {{ c }}</p>");
    }

    #[test]
    fn deep_pages_are_written_as_they_are() {
        let deep = "<div>".repeat(nesting::MAX_DEPTH + 10).into_bytes();
        assert_eq!(minify_page(deep.clone()), deep);
    }
}
