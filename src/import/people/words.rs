//! A sentence cut into words, each marked with what surrounds it: the
//! punctuation after it, quotation, possessives, initials.

/// One word of a sentence, with what surrounds it.
#[derive(Debug)]
pub(super) struct Word<'a> {
    pub(super) text: &'a str,
    /// Byte offset of `text` in the sentence.
    pub(super) start: usize,
    /// Punctuation right after the word ends a run of names.
    pub(super) breaks_after: bool,
    /// A comma right after the word (an appositive may follow).
    pub(super) comma_after: bool,
    /// Written with a possessive ("Aliyev's"): ends a run of names too.
    pub(super) possessive: bool,
    pub(super) quoted: bool,
    /// Part of a country's or a city's name.
    pub(super) place: bool,
    /// A capital and a period: an initial ("J." in "Donald J. Trump").
    pub(super) initial: bool,
    /// A place's name that is a given name here: "Chad Thomas",
    /// "Rep. Alexandria Ocasio-Cortez".
    pub(super) given_place: bool,
    /// An underscore right after: a credit line's role ends and the name
    /// follows ("Art Director_Park Dong Woo").
    pub(super) role_joint: bool,
}

/// A quotation of more words than this is speech, whose names count; a
/// shorter one is a title or a nickname ("“The Irishman”", "“Spike”").
const SHORT_QUOTE: usize = 5;

pub(super) fn words(sentence: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word> = Vec::new();
    let mut quoted = false;
    let mut quote_start = 0;
    // "Choreographer_Jeong Hye Jin": credit lists join role and name with
    // an underscore.
    let raw_words = sentence
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty());
    for raw in raw_words {
        // The underscore ends the role: "Art Director_Park Dong Woo".
        let raw_end = raw.as_ptr() as usize - sentence.as_ptr() as usize + raw.len();
        let underscore_after = sentence[raw_end..].starts_with('_');
        // "[Prime Minister Narendra] Modi's": the name an editor completed
        // inside a quotation goes on past the closing bracket.
        let raw = raw.strip_suffix(']').unwrap_or(raw);
        let opens = raw.starts_with(['“', '"', '(', '[', '‘']);
        if raw.starts_with(['“', '"', '‘']) && !quoted {
            quoted = true;
            quote_start = out.len();
        }
        if opens && let Some(previous) = out.last_mut() {
            previous.breaks_after = true;
        }
        let trimmed = raw.trim_start_matches(['“', '"', '(', '[', '‘']);
        let closes_quote = trimmed.ends_with(['”', '"']) || trimmed.contains(['”']);
        let text = trimmed.trim_end_matches(['.', ',', ';', ':', ')', ']', '”', '"', '!', '?']);
        let breaks_after = text.len() < trimmed.len();
        let comma_after = trimmed[text.len()..].starts_with(',');
        // "Jo JorgensenImage: …": a caption's credit glued to the name.
        let text = match text.strip_suffix("Image") {
            Some(name) if name.ends_with(|c: char| c.is_lowercase()) => name,
            _ => text,
        };
        let (text, possessive) = match text
            .strip_suffix("’s")
            .or_else(|| text.strip_suffix("'s"))
            .or_else(|| text.strip_suffix('’'))
            .or_else(|| text.strip_suffix("s'").map(|_| &text[..text.len() - 1]))
        {
            Some(stem) => (stem, true),
            None => (text, false),
        };
        let start = text.as_ptr() as usize - sentence.as_ptr() as usize;
        // "J." and the "J.J." of "J.J. Abrams".
        let initial =
            crate::import::text::is_initials(text) && trimmed[text.len()..].starts_with('.');
        out.push(Word {
            text,
            start,
            // An initial's period does not end the name.
            breaks_after: underscore_after
                || breaks_after && !(initial && trimmed.len() == text.len() + 1),
            role_joint: underscore_after,
            comma_after,
            possessive,
            quoted,
            place: false,
            initial,
            given_place: false,
        });
        if closes_quote && quoted {
            quoted = false;
            if out.len() - quote_start > SHORT_QUOTE {
                out[quote_start..].iter_mut().for_each(|w| w.quoted = false);
            }
        }
    }
    // A quotation still open at the sentence's end goes on past it: speech.
    if quoted {
        out[quote_start..].iter_mut().for_each(|w| w.quoted = false);
    }
    out
}
