//! The article bodies briefing finds in saved web pages, written in the
//! format of Scrapinghub's article-extraction benchmark, for
//! `benches/extraction.sh`:
//!
//!     cargo run --release --example extraction -- HTML_DIR OUT.json
//!
//! Every `<id>.html.gz` (or `.html`) of HTML_DIR becomes
//! `{"output": {"<id>": {"articleBody": "..."}}}`; a page briefing refuses
//! gets an empty body, as the benchmark expects. Prints the pages read,
//! those refused and the time taken.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: extraction HTML_DIR OUT.json");
    };
    let dir = PathBuf::from(dir);
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| dir.display().to_string())?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    pages.retain(|p| briefing::import::page::is_page(&p.to_string_lossy()));
    pages.sort();
    let started = Instant::now();
    let bodies: Vec<(String, Result<String, String>)> = pages
        .par_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let id = name.split('.').next().unwrap_or(&name).to_string();
            let body = std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|bytes| briefing::import::page::decode(&bytes, 64 << 20))
                .and_then(|html| briefing::import::page::extract(&html))
                .map(|page| page.text);
            (id, body)
        })
        .collect();
    let elapsed = started.elapsed();
    let refused: Vec<String> = bodies
        .iter()
        .filter_map(|(id, body)| body.as_ref().err().map(|why| format!("{id}: {why}")))
        .collect();
    let output: BTreeMap<String, serde_json::Value> = bodies
        .into_iter()
        .map(|(id, body)| {
            (
                id,
                serde_json::json!({ "articleBody": body.unwrap_or_default() }),
            )
        })
        .collect();
    let json = serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "output": output,
    });
    std::fs::write(&out, serde_json::to_string_pretty(&json)?)?;
    eprintln!(
        "{} pages, {} refused, in {:.2} s ({:.1} ms a page on {} threads)",
        pages.len(),
        refused.len(),
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / pages.len().max(1) as f64,
        rayon::current_num_threads()
    );
    for line in refused {
        eprintln!("  refused {line}");
    }
    Ok(())
}
