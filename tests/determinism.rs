//! The same content builds to the same bytes wherever and however it is
//! built, so a published site only changes when its content does.

mod common;

use common::*;

#[test]
fn builds_are_byte_identical_across_folders_threads_and_time_zones() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let b_site = b.path().join("a/much/longer/path/to/the/site");
    copy_sample(a.path());
    copy_sample(&b_site);
    briefing()
        .current_dir(a.path())
        .env("RAYON_NUM_THREADS", "1")
        .env("TZ", "UTC")
        .env("LC_ALL", "C")
        .arg("build")
        .assert()
        .success();
    briefing()
        .current_dir(&b_site)
        .env("RAYON_NUM_THREADS", "4")
        .env("TZ", "Asia/Baku")
        .env("LC_ALL", "C.UTF-8")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("build")
        .assert()
        .success();
    let first = read_tree(&a.path().join("public"));
    let second = read_tree(&b_site.join("public"));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    let differing: Vec<&String> = first
        .iter()
        .filter(|(path, bytes)| second[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    assert!(differing.is_empty(), "files differ: {differing:?}");
    assert!(
        first.len() > 50,
        "the sample site was built ({} files)",
        first.len()
    );

    // And a rebuild in place changes nothing.
    briefing()
        .current_dir(a.path())
        .arg("build")
        .assert()
        .success();
    assert!(
        read_tree(&a.path().join("public")) == first,
        "a rebuild changed the site"
    );
}

#[test]
fn a_template_looping_over_a_map_prints_it_in_the_same_order_every_build() {
    let site = tempfile::tempdir().unwrap();
    let keys = [
        "zulu", "alpha", "mike", "echo", "kilo", "bravo", "yankee", "delta",
    ];
    let extra: String = keys.iter().map(|k| format!("{k} = \"{k}\"\n")).collect();
    common::write(
        &site.path().join("site.toml"),
        &format!("title = \"T\"\n\n[extra]\n{extra}"),
    );
    common::write(
        &site.path().join("templates/404.html"),
        "{% for key, value in site.extra %}{{ key }};{% endfor %}",
    );
    let mut orders = std::collections::BTreeSet::new();
    for _ in 0..6 {
        common::briefing()
            .args(["build", "--quiet", "--root"])
            .arg(site.path())
            .assert()
            .success();
        orders.insert(std::fs::read_to_string(site.path().join("public/404.html")).unwrap());
    }
    // One order in six processes, each with its own hash seed: the table's.
    assert_eq!(orders.len(), 1, "{orders:?}");
    let order = orders.into_iter().next().unwrap();
    let mut sorted = keys;
    sorted.sort();
    assert_eq!(order, sorted.map(|k| format!("{k};")).concat());
}
