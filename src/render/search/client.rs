//! The Pagefind client a site ships: its script and the WebAssembly that
//! stems queries, taken from the Pagefind crate (which embeds them) by
//! indexing one tiny record once per process. The index itself is ours
//! (`index.rs`); only these files and the format's version are Pagefind's.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::error::BuildError;

/// The client's files for one language and what its entry file must say.
#[derive(Debug)]
pub struct Client {
    /// Path inside the bundle folder, and bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// The index format's version, which the client checks.
    pub version: String,
    /// Whether the client has a stemmer for the language (`wasm.LANG.pagefind`).
    pub has_wasm: bool,
}

/// The client for `language`, made once per process.
pub fn client(language: &str) -> Result<Arc<Client>, BuildError> {
    static CLIENTS: Mutex<Option<HashMap<String, Arc<Client>>>> = Mutex::new(None);
    let mut clients = CLIENTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let clients = clients.get_or_insert_with(HashMap::new);
    if let Some(client) = clients.get(language) {
        return Ok(Arc::clone(client));
    }
    let client = Arc::new(make_client(language)?);
    clients.insert(language.to_string(), Arc::clone(&client));
    Ok(client)
}

fn make_client(language: &str) -> Result<Client, BuildError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| BuildError::Search(format!("cannot start the indexer: {e}")))?;
    let files = runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(search_error)?;
        index
            .add_custom_record(
                "/".into(),
                "briefing".into(),
                String::new(),
                None,
                None,
                None,
            )
            .await
            .map_err(search_error)?;
        index.get_files().await.map_err(search_error)
    })?;
    let mut client = Client {
        files: Vec::new(),
        version: String::new(),
        has_wasm: false,
    };
    for file in files {
        let name = file.filename.to_string_lossy().replace('\\', "/");
        if name == "pagefind-entry.json" {
            let entry: serde_json::Value = serde_json::from_slice(&file.contents)
                .map_err(|e| BuildError::Search(format!("Pagefind's entry file: {e}")))?;
            client.version = entry["version"].as_str().unwrap_or_default().to_string();
            client.has_wasm = entry["languages"][language]["wasm"].is_string();
            continue;
        }
        // The script, the worker, the highlighter and the WebAssembly; not
        // the one-record index, nor the ready-made interfaces (the site
        // has its own).
        let keep = ["pagefind.js", "pagefind-worker.js", "pagefind-highlight.js"]
            .contains(&name.as_str())
            || name.starts_with("wasm.");
        if keep {
            client.files.push((name, file.contents));
        }
    }
    if client.version.is_empty() {
        return Err(BuildError::Search("Pagefind wrote no entry file".into()));
    }
    Ok(client)
}

fn search_error(error: anyhow::Error) -> BuildError {
    BuildError::Search(format!("{error:#}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_is_the_script_and_its_webassembly() {
        let client = client("en").unwrap();
        let names: Vec<&str> = client.files.iter().map(|(n, _)| n.as_str()).collect();
        for needed in ["pagefind.js", "wasm.en.pagefind", "wasm.unknown.pagefind"] {
            assert!(names.contains(&needed), "{needed} missing from {names:?}");
        }
        assert!(
            names
                .iter()
                .all(|n| !n.contains("-ui") && !n.ends_with(".pf_meta"))
        );
        assert!(client.has_wasm);
        assert!(!client.version.is_empty());
        // A language Pagefind cannot stem gets the generic WebAssembly only.
        assert!(!super::client("az").unwrap().has_wasm);
    }
}
