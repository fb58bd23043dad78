//! Expanding files and folders into the files to read.

use std::path::{Path, PathBuf};

use crate::{Error, Format};

/// Is this a file name the readers know (by extension, case-insensitive, `.gz` allowed)?
pub fn is_supported(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(Format::from_name)
        .is_some()
}

/// Expands `paths` into the files to read, in a deterministic order: the arguments in the order
/// given; inside a folder, recursively, entries sorted by file name, only files of a known type
/// ([`is_supported`]), hidden files and folders (`.name`) skipped, symlinks followed. A file named
/// explicitly is yielded whatever its extension ([`crate::read_file`] then sniffs its content). A
/// path that does not exist, or a folder entry that cannot be listed, is an `Err` item; the walk
/// goes on.
// The owned copy lets the iterator outlive `paths` (a 2021-edition `impl Trait` does not capture it).
#[allow(clippy::unnecessary_to_owned)]
pub fn walk(paths: &[PathBuf]) -> impl Iterator<Item = Result<PathBuf, Error>> {
    paths
        .to_vec()
        .into_iter()
        .flat_map(|p| -> Box<dyn Iterator<Item = Result<PathBuf, Error>>> {
            match std::fs::metadata(&p) {
                Err(source) => Box::new(std::iter::once(Err(Error::Io {
                    path: p.display().to_string(),
                    source,
                }))),
                Ok(m) if !m.is_dir() => Box::new(std::iter::once(Ok(p))),
                Ok(_) => Box::new(
                    walkdir::WalkDir::new(&p)
                        .follow_links(true)
                        .sort_by_file_name()
                        .into_iter()
                        .filter_entry(|e| {
                            e.depth() == 0
                                || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
                        })
                        .filter_map(|e| match e {
                            Ok(e) if e.file_type().is_file() && is_supported(e.path()) => {
                                Some(Ok(e.into_path()))
                            }
                            Ok(_) => None,
                            Err(e) => {
                                let path = e.path().unwrap_or(Path::new("?")).display().to_string();
                                Some(Err(Error::Walk {
                                    path,
                                    message: e.to_string(),
                                }))
                            }
                        }),
                ),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_recursive_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/inner")).unwrap();
        std::fs::create_dir_all(d.join(".git")).unwrap();
        for f in [
            "b/inner/z.jsonl.gz",
            "b/a.HTML",
            "a.txt",
            "notes.md",
            ".hidden.txt",
            ".git/x.json",
            "c.zip",
            "b/inner/y.ndjson",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::write(d.join("data.bin"), "x").unwrap();
        let mut args = vec![d.to_path_buf(), d.join("data.bin"), d.join("missing.json")];
        let got: Vec<String> = walk(&args)
            .map(|r| match r {
                Ok(p) => p.strip_prefix(d).unwrap().display().to_string(),
                Err(e) => format!("ERR {}", e.to_string().contains("missing.json")),
            })
            .collect();
        assert_eq!(
            got,
            [
                "a.txt",
                "b/a.HTML",
                "b/inner/y.ndjson",
                "b/inner/z.jsonl.gz",
                "c.zip",
                "data.bin",
                "ERR true"
            ]
        );
        args.reverse();
        assert_eq!(walk(&args).count(), 7);
    }
}
