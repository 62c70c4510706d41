//! How deeply an HTML document nests. Recursive HTML tools (the minifier,
//! and the sanitiser's tree algorithms, which are quadratic in depth) break
//! or crawl on pathologically deep documents such as 50,000 nested quotes,
//! so the stages that use them check depth first. Browsers stop nesting at
//! 512 levels, so nothing a reader could see is lost by the limit.

/// Documents nested deeper than this are not minified or tree-sanitised.
pub const MAX_DEPTH: usize = 512;

/// How far to look for the end of a tag.
const TAG_WINDOW: usize = 2048;

/// Elements that never have a closing tag.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr",
];

/// The greatest number of elements open at once in `html`, counting tags in
/// one linear pass. Meant for HTML briefing writes (every element closed, `<`
/// in text escaped); for other input it is an estimate.
pub fn depth(html: &[u8]) -> usize {
    let mut open: usize = 0;
    let mut deepest = 0;
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'<', &html[from..]) {
        let rest = &html[from + found + 1..];
        from += found + 1;
        match rest.first() {
            Some(b'/') => open = open.saturating_sub(1),
            Some(b'!') if rest.starts_with(b"!--") => {
                // Tags inside a comment do not count.
                match memchr::memmem::find(rest, b"-->") {
                    Some(end) => from += end + 3,
                    None => break,
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name_len = rest
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                let name = &rest[..name_len];
                let is_void = VOID.iter().any(|v| v.eq_ignore_ascii_case(name));
                // Only a tag's own length is searched, so text full of
                // unclosed `<a` stays linear; a longer tag counts as open.
                let window = &rest[..rest.len().min(TAG_WINDOW)];
                let self_closing = memchr::memchr(b'>', window)
                    .is_some_and(|end| end > 0 && window[end - 1] == b'/');
                if !is_void && !self_closing {
                    open += 1;
                    deepest = deepest.max(open);
                }
            }
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_open_elements_not_void_or_self_closing_ones() {
        assert_eq!(depth(b"<p>a</p><p>b</p>"), 1);
        assert_eq!(depth(b"<div><ul><li>x<br><img src=a></li></ul></div>"), 3);
        assert_eq!(depth(b"<svg><rect/><g><circle /></g></svg>"), 2);
        assert_eq!(depth(b"a &lt;b&gt; <!-- <x> --> c"), 0);
        let deep = "<blockquote>".repeat(1000) + &"</blockquote>".repeat(1000);
        assert_eq!(depth(deep.as_bytes()), 1000);
        assert_eq!(depth("<a".repeat(10_000).as_bytes()), 10_000);
    }
}
