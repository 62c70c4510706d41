//! The README's claims that drift as the program changes, checked against
//! the program: the `check` line for the sample, the list of default
//! templates, and the commands and options `--help` gives.

mod common;

use std::collections::BTreeSet;

use common::*;

fn readme() -> String {
    std::fs::read_to_string(project_root().join("README.md")).unwrap()
}

/// A number as `check` and the README write it: 1,488.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The first whole number before `word` in `text` ("47 pages" → 47).
fn count_before(text: &str, word: &str) -> usize {
    let at = text
        .find(word)
        .unwrap_or_else(|| panic!("no `{word}` in:\n{text}"));
    text[..at]
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("no count before `{word}` in:\n{text}"))
}

#[test]
fn the_readme_check_line_is_what_check_prints_for_the_sample() {
    let site = tempfile::tempdir().unwrap();
    copy_sample(site.path());
    let output = briefing()
        .current_dir(site.path())
        .arg("check")
        .output()
        .unwrap();
    assert!(output.status.success());
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    let pages = count_before(&said, " pages");
    let links = count_before(&said, " links");
    let claim = format!("On the sample: {} pages, {} links", pages, grouped(links));
    let text = readme().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(&claim),
        "the README should say `{claim}`; check printed:\n{said}"
    );
}

#[test]
fn the_readme_lists_every_default_template() {
    let text = readme();
    let section = &text[text.find("## Templates and theme").unwrap()..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let templates = project_root().join("templates");
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(&templates) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let name = entry.path().strip_prefix(&templates).unwrap();
            let name = name.to_string_lossy().replace('\\', "/");
            if !section.contains(&format!("`{name}`")) {
                missing.push(name);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "the README's template list lacks {missing:?}"
    );
}

/// The commands `briefing --help` lists.
fn commands() -> Vec<String> {
    let help = briefing().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let list = &help[help.find("Commands:").expect("--help lists commands")..];
    list.lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// The `--long` options a command's `--help` gives.
fn options(command: &str) -> BTreeSet<String> {
    let help = briefing().args([command, "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    help.split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']')
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| w.split(['=', '<']).next().unwrap().to_string())
        .filter(|w| !matches!(w.as_str(), "--help" | "--version" | "--quiet" | "--verbose"))
        .collect()
}

#[test]
fn the_readme_shows_every_command_with_its_options() {
    let text = readme();
    let mut wrong = Vec::new();
    let commands = commands();
    assert!(commands.len() >= 6, "{commands:?}");
    for command in &commands {
        // The usage block: `    briefing COMMAND …` and its continuation lines.
        let head = format!("\n    briefing {command}");
        let Some(start) = text.find(&head) else {
            wrong.push(format!("no usage line for `briefing {command}`"));
            continue;
        };
        let block: String = text[start + 1..]
            .lines()
            .take_while(|l| l.starts_with("    "))
            .collect::<Vec<_>>()
            .join(" ");
        for option in options(command) {
            if !block
                .split(|c: char| c.is_whitespace() || c == '[' || c == ']' || c == '|')
                .any(|w| w == option)
            {
                wrong.push(format!("`briefing {command}` usage lacks {option}"));
            }
        }
    }
    // And no usage line for a command that is gone.
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("    briefing ") {
            let name = rest.split_whitespace().next().unwrap_or("");
            if name.chars().all(|c| c.is_ascii_lowercase()) && !commands.iter().any(|c| c == name) {
                wrong.push(format!(
                    "the README shows `briefing {name}`, which --help does not list"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
