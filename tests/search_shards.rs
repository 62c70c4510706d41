//! The search index in shards: a build lists them for the search page, and
//! the next build after an edit indexes only the edited article's shard,
//! keeping the others as they were. (The browser test searches them.)

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

fn shard_list(out: &Path) -> Vec<String> {
    let list = std::fs::read_to_string(out.join("pagefind/briefing-shards.json")).unwrap();
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    list["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn page_count(entry: &Path) -> u64 {
    let entry: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(entry).unwrap()).unwrap();
    entry["languages"]["en"]["page_count"].as_u64().unwrap()
}

fn build(site: &Path) -> String {
    let run = briefing()
        .args(["build", "-v", "--root"])
        .arg(site)
        .arg("--output")
        .arg(site.join("public"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8_lossy(&run.stderr).into_owned()
}

#[test]
fn an_edit_reindexes_only_its_shard() {
    let site = tempfile::tempdir().unwrap();
    copy_sample(site.path());
    set_shard_articles(site.path(), 2);
    let out = site.path().join("public");

    let report = build(site.path());
    assert!(report.contains("3 shards, 0 kept"), "{report}");
    let first = shard_list(&out);
    assert_eq!(first.len(), 3, "{first:?}");
    // Every shard is an index of its own, and together they hold every
    // article once; the bundle's own index, where the script is, is empty.
    let pages: u64 = first
        .iter()
        .map(|s| page_count(&out.join("pagefind").join(s).join("pagefind-entry.json")))
        .sum();
    let articles = std::fs::read_dir(site.path().join("content"))
        .unwrap()
        .count() as u64;
    assert_eq!(pages, articles);
    assert_eq!(page_count(&out.join("pagefind/pagefind-entry.json")), 0);

    // The oldest article is edited: only its shard (the last listed, as
    // the list is newest first) is made again.
    let oldest = site
        .path()
        .join("content/azerbaijan-and-iran-discuss-bilateral-energy-cooperation.md");
    let text = std::fs::read_to_string(&oldest).unwrap();
    std::fs::write(
        &oldest,
        format!("{text}\nA sentence about wheat exports.\n"),
    )
    .unwrap();
    let report = build(site.path());
    assert!(report.contains("3 shards, 2 kept"), "{report}");
    let second = shard_list(&out);
    assert_eq!(second[..2], first[..2]);
    assert_ne!(second[2], first[2]);
    // No folder of the old index is left behind.
    let folders: BTreeSet<String> = std::fs::read_dir(out.join("pagefind/shards"))
        .unwrap()
        .map(|e| format!("shards/{}/", e.unwrap().file_name().to_string_lossy()))
        .collect();
    assert_eq!(folders, second.iter().cloned().collect());
}
