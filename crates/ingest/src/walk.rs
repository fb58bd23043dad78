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
/// ([`is_supported`]), hidden files and folders (`.name`) skipped. Symbolic links that stay
/// inside the folder are followed; one that points out of it is an `Err`
/// ([`Error::LinkOutside`]) and is not followed. A file named explicitly is yielded whatever its
/// extension ([`crate::read_file`] then sniffs its content). A path that does not exist, a folder
/// entry that cannot be listed, or a file of a known type whose name is not UTF-8
/// ([`Error::NonUtf8Name`]) is an `Err` item; the walk goes on.
pub fn walk(paths: &[PathBuf]) -> impl Iterator<Item = Result<PathBuf, Error>> {
    walk_with(paths, false)
}

/// [`walk`], following links out of the folders too when `follow_links` (loops are still
/// detected and reported).
// The owned copy lets the iterator outlive `paths` (a 2021-edition `impl Trait` does not capture it).
#[allow(clippy::unnecessary_to_owned)]
pub fn walk_with(
    paths: &[PathBuf],
    follow_links: bool,
) -> impl Iterator<Item = Result<PathBuf, Error>> {
    paths.to_vec().into_iter().flat_map(
        move |p| -> Box<dyn Iterator<Item = Result<PathBuf, Error>>> {
            match std::fs::metadata(&p) {
                Err(source) => Box::new(std::iter::once(Err(Error::Io {
                    path: p.display().to_string(),
                    source,
                }))),
                Ok(m) if !m.is_dir() => Box::new(std::iter::once(Ok(p))),
                Ok(_) => Box::new(folder(p, follow_links)),
            }
        },
    )
}

/// The files of one folder, as [`walk_with`] describes.
fn folder(root: PathBuf, follow_links: bool) -> impl Iterator<Item = Result<PathBuf, Error>> {
    let real_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
    let mut it = walkdir::WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
        });
    std::iter::from_fn(move || loop {
        let e = match it.next()? {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(Path::new("?")).display().to_string();
                return Some(Err(Error::Walk {
                    path,
                    message: e.to_string(),
                }));
            }
        };
        let kind = e.file_type();
        let known = kind.is_file() && Format::from_name(&e.file_name().to_string_lossy()).is_some();
        if e.path_is_symlink() && !follow_links {
            let target = std::fs::canonicalize(e.path());
            if !target.as_ref().is_ok_and(|t| t.starts_with(&real_root)) {
                if kind.is_dir() {
                    it.skip_current_dir();
                }
                if kind.is_dir() || known {
                    return Some(Err(Error::LinkOutside {
                        path: e.path().display().to_string(),
                        target: target.map_or_else(|_| "?".into(), |t| t.display().to_string()),
                    }));
                }
                continue;
            }
        }
        if known {
            if e.file_name().to_str().is_none() {
                return Some(Err(Error::NonUtf8Name {
                    path: e.path().display().to_string(),
                }));
            }
            return Some(Ok(e.into_path()));
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

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_and_non_utf8_names() {
        use std::os::unix::ffi::OsStrExt;
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        std::fs::create_dir(outside.path().join("sub")).unwrap();
        std::fs::write(outside.path().join("sub/b.txt"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), d.join("l1.txt")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("sub"), d.join("l2")).unwrap();
        std::os::unix::fs::symlink(d.join("a.txt"), d.join("l3.txt")).unwrap();
        let bad = std::ffi::OsStr::from_bytes(b"n\xff.txt");
        std::fs::write(d.join(bad), "x").unwrap();
        std::fs::write(d.join(std::ffi::OsStr::from_bytes(b"n\xff.bin")), "x").unwrap();
        let show = |follow| -> Vec<String> {
            walk_with(&[d.to_path_buf()], follow)
                .map(|r| match r {
                    Ok(p) => p.strip_prefix(d).unwrap().display().to_string(),
                    Err(Error::LinkOutside { path, .. }) => {
                        format!("OUT {}", &path[d.display().to_string().len() + 1..])
                    }
                    Err(Error::NonUtf8Name { .. }) => "NON-UTF-8".to_string(),
                    Err(e) => format!("ERR {e}"),
                })
                .collect()
        };
        // The link inside the folder is read; the two out of it are reported, not followed.
        assert_eq!(
            show(false),
            ["a.txt", "OUT l1.txt", "OUT l2", "l3.txt", "NON-UTF-8"]
        );
        assert_eq!(
            show(true),
            ["a.txt", "l1.txt", "l2/b.txt", "l3.txt", "NON-UTF-8"]
        );
    }
}
