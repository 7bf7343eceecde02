//! Where an export's posts are: the file itself, the unpacked export folder, or the export's
//! .zip; and which format it is, told from the content.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Place, refuse};

pub use crate::domain::ImportFormat;

impl ImportFormat {
    /// Whether a file of this name inside an export holds this format's posts.
    fn matches_name(self, path: &str) -> bool {
        let name = path
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(path)
            .to_lowercase();
        match self {
            ImportFormat::Linkedin => name.starts_with("shares") && name.ends_with(".csv"),
            // tweets.js (tweet.js before 2020), posts in Communities, the full text of long
            // posts; each may come in parts (tweets-part1.js).
            ImportFormat::X => ["tweets", "tweet", "community-tweet", "note-tweet"]
                .iter()
                .any(|file| x_file(&name, file)),
            ImportFormat::Mastodon => name == "outbox.json",
            // your_posts_1.json, your_posts__check_ins__photos_and_videos_1.json; not the
            // other files of the export (your_posts_in_groups.json, posts_viewed.json, …).
            ImportFormat::Facebook => {
                name.starts_with("your_posts") && !name.contains("group") && numbered_json(&name)
            }
            ImportFormat::Instagram => name
                .strip_prefix("posts_")
                .and_then(|rest| rest.strip_suffix(".json"))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
            ImportFormat::Csv => false,
        }
    }

    const EXPORTS: [ImportFormat; 5] = [
        ImportFormat::Linkedin,
        ImportFormat::X,
        ImportFormat::Mastodon,
        ImportFormat::Facebook,
        ImportFormat::Instagram,
    ];
}

/// Whether `name` is the X archive's `<file>.js` or one of its parts, `<file>-part<N>.js`.
fn x_file(name: &str, file: &str) -> bool {
    name.strip_suffix(".js")
        .and_then(|stem| stem.strip_prefix(file))
        .is_some_and(|rest| {
            rest.is_empty()
                || rest
                    .strip_prefix("-part")
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Whether this part of an X archive holds the full text of long posts (`note-tweet.js`),
/// to be read before the posts themselves.
pub fn holds_note_tweets(part: &Part) -> bool {
    let name = part.inner_name().to_lowercase();
    x_file(
        name.rsplit(['/', '\\']).next().unwrap_or(&name),
        "note-tweet",
    )
}

/// `…_<digits>.json`: the numbered parts of an export.
fn numbered_json(name: &str) -> bool {
    name.strip_suffix(".json")
        .and_then(|stem| stem.rsplit_once('_'))
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Tells the format from the first bytes of a file (UTF-8, or UTF-16 with a BOM).
pub fn detect(head: &[u8]) -> Option<ImportFormat> {
    let mut decoded = Vec::with_capacity(head.len());
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .utf8_passthru(true)
        .build(head)
        .read_to_end(&mut decoded)
        .ok()?;
    let text = String::from_utf8_lossy(&decoded);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("window.YTD.") {
        return Some(ImportFormat::X);
    }
    if text.starts_with('{') {
        return text
            .contains("\"orderedItems\"")
            .then_some(ImportFormat::Mastodon);
    }
    if text.starts_with('[') {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.starts_with("[]") {
            return None;
        }
        let facebook = ["\"timestamp\":", "\"data\":"]
            .iter()
            .filter_map(|k| compact.find(k))
            .min();
        let instagram = compact.find("\"media\":");
        return match (facebook, instagram) {
            (Some(f), Some(i)) => Some(if f < i {
                ImportFormat::Facebook
            } else {
                ImportFormat::Instagram
            }),
            (Some(_), None) => Some(ImportFormat::Facebook),
            (None, Some(_)) => Some(ImportFormat::Instagram),
            (None, None) => None,
        };
    }
    let header = text.lines().next().unwrap_or("").to_lowercase();
    let columns: Vec<String> = header
        .split([',', ';', '\t'])
        .map(|c| {
            c.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .collect();
    if columns.iter().any(|c| c == "sharelink") {
        return Some(ImportFormat::Linkedin);
    }
    if columns.iter().any(|c| c == "email") && columns.iter().any(|c| c == "kind") {
        return Some(ImportFormat::Csv);
    }
    None
}

/// One file to read: on disk, or an entry of a zip archive.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    File(PathBuf),
    Zipped { archive: PathBuf, entry: String },
}

impl Part {
    pub fn name(&self) -> String {
        match self {
            Part::File(path) => path.display().to_string(),
            Part::Zipped { archive, entry } => format!("{}:{entry}", archive.display()),
        }
    }

    /// The file's path on disk, or its path inside the archive: what its name is told by.
    fn inner_name(&self) -> String {
        match self {
            Part::File(path) => path.display().to_string(),
            Part::Zipped { entry, .. } => entry.clone(),
        }
    }

    /// The size in bytes, for the progress bar.
    pub fn size(&self) -> u64 {
        match self {
            Part::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            Part::Zipped { archive, entry } => File::open(archive)
                .ok()
                .and_then(|f| zip::ZipArchive::new(f).ok())
                .and_then(|mut z| z.by_name(entry).ok().map(|e| e.size()))
                .unwrap_or(0),
        }
    }

    /// Opens the part and hands its bytes to `read`.
    pub fn with_reader<T>(
        &self,
        read: impl FnOnce(&mut (dyn Read + Send)) -> T,
    ) -> anyhow::Result<T> {
        match self {
            Part::File(path) => {
                let mut file = File::open(path).map_err(|err| cannot_open(path, &err))?;
                Ok(read(&mut file))
            }
            Part::Zipped { archive, entry } => {
                let mut zip = open_zip(archive)?;
                let mut file = zip.by_name(entry).map_err(|err| {
                    refuse(format!("cannot read {entry}: {err}")).at(file_place(archive))
                })?;
                Ok(read(&mut file))
            }
        }
    }

    fn head(&self) -> anyhow::Result<Vec<u8>> {
        self.with_reader(|reader| {
            let mut head = Vec::new();
            reader.take(4096).read_to_end(&mut head).map(|_| head)
        })?
        .map_err(Into::into)
    }
}

fn open_zip(path: &Path) -> anyhow::Result<zip::ZipArchive<File>> {
    let file = File::open(path).map_err(|err| cannot_open(path, &err))?;
    zip::ZipArchive::new(file).map_err(|err| {
        refuse(format!(
            "{} is not a readable zip file: {err}",
            path.display()
        ))
        .into()
    })
}

fn cannot_open(path: &Path, err: &std::io::Error) -> anyhow::Error {
    refuse(format!("cannot open {}: {err}", path.display())).into()
}

fn file_place(path: &Path) -> Place {
    Place::File {
        name: path.display().to_string(),
        line: None,
    }
}

/// The parts of an export to read, in order, and their format.
#[derive(Debug)]
pub struct Located {
    pub format: ImportFormat,
    pub parts: Vec<Part>,
}

/// Finds the export's file(s) in `path` (file, folder or .zip). With `wanted`, only that
/// format; otherwise the format is told from the content.
pub fn locate(path: &Path, wanted: Option<ImportFormat>) -> anyhow::Result<Located> {
    let metadata = std::fs::metadata(path).map_err(|err| cannot_open(path, &err))?;
    let candidates: Vec<Part> = if metadata.is_dir() {
        let mut files = Vec::new();
        walk(path, 0, &mut files)?;
        files.into_iter().map(Part::File).collect()
    } else if is_zip(path)? {
        let zip = open_zip(path)?;
        zip.file_names()
            .filter_map(Result::ok)
            .filter(|name| !name.ends_with('/'))
            .map(|entry| Part::Zipped {
                archive: path.to_path_buf(),
                entry: entry.to_string(),
            })
            .collect()
    } else {
        let part = Part::File(path.to_path_buf());
        let format = match wanted {
            Some(format) => format,
            None => detect(&part.head()?).ok_or_else(|| {
                refuse(format!("cannot tell which export {} is", path.display()))
                    .hint("pass --from linkedin, x, mastodon, facebook, instagram or csv")
            })?,
        };
        return Ok(Located {
            format,
            parts: vec![part],
        });
    };
    let formats: Vec<ImportFormat> = match wanted {
        Some(ImportFormat::Csv) => {
            let what = format!(
                "{} is a folder or zip; give the generic CSV file itself",
                path.display()
            );
            return Err(refuse(what).into());
        }
        Some(format) => vec![format],
        None => ImportFormat::EXPORTS.to_vec(),
    };
    let mut found: Vec<(ImportFormat, Vec<Part>)> = Vec::new();
    for format in formats {
        let mut parts: Vec<Part> = candidates
            .iter()
            .filter(|p| format.matches_name(&p.inner_name()))
            .cloned()
            .collect();
        parts.sort_by_key(Part::name);
        if !parts.is_empty() {
            found.push((format, parts));
        }
    }
    match found.len() {
        1 => {
            let (format, parts) = found.remove(0);
            Ok(Located { format, parts })
        }
        0 => {
            let file = wanted.map_or("known export file".to_string(), |f| {
                format!("{f} export file")
            });
            Err(refuse(format!("found no {file} in {}", path.display()))
                .hint("LinkedIn: Shares.csv; X: data/tweets.js; Mastodon: outbox.json; Facebook: your_posts*.json; Instagram: posts_1.json")
                .into())
        }
        _ => {
            let formats: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
            let what = format!(
                "{} holds several exports ({}); choose one with --from",
                path.display(),
                formats.join(", ")
            );
            Err(refuse(what).into())
        }
    }
}

fn is_zip(path: &Path) -> anyhow::Result<bool> {
    let mut magic = [0u8; 4];
    let mut file = File::open(path).map_err(|err| cannot_open(path, &err))?;
    let read = file.read(&mut magic)?;
    Ok(read == 4 && magic == *b"PK\x03\x04")
}

/// Every file under `dir`, a few folders deep (exports nest their data in `data/`, `content/`…).
fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    if depth > 6 {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|err| refuse(format!("cannot read the folder {}: {err}", dir.display())))?;
    for entry in entries {
        let entry = entry?;
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            walk(&entry.path(), depth + 1, files)?;
        } else if file_type.is_file() {
            files.push(entry.path());
        }
    }
    Ok(())
}

/// Reads through to the wrapped reader while adding what passed to a SHA-256.
pub struct Hashing<'h, R> {
    inner: R,
    hasher: &'h mut Sha256,
}

impl<'h, R: Read> Hashing<'h, R> {
    pub fn new(inner: R, hasher: &'h mut Sha256) -> Hashing<'h, R> {
        Hashing { inner, hasher }
    }

    /// Reads what the parser left, so that the hash covers the whole file.
    pub fn drain(mut self) -> io::Result<()> {
        io::copy(&mut self, &mut io::sink()).map(|_| ())
    }
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_from_their_content() {
        assert_eq!(
            detect(b"window.YTD.tweets.part0 = ["),
            Some(ImportFormat::X)
        );
        assert_eq!(
            detect(b"\xef\xbb\xbfDate,ShareLink,ShareCommentary"),
            Some(ImportFormat::Linkedin)
        );
        assert_eq!(
            detect(b"{\"@context\": \"x\", \"orderedItems\": []}"),
            Some(ImportFormat::Mastodon)
        );
        assert_eq!(
            detect(b"[\n {\"timestamp\": 1, \"data\": []}]"),
            Some(ImportFormat::Facebook)
        );
        assert_eq!(
            detect(b"[{\"media\": [{\"creation_timestamp\": 1}]}]"),
            Some(ImportFormat::Instagram)
        );
        assert_eq!(detect(b"email,date,kind,channel"), Some(ImportFormat::Csv));
        let linkedin_2018: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(
                "\"Date\"\t\"Share Title\"\t\"Share Link\"\t\"Share Commentary\""
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(detect(&linkedin_2018), Some(ImportFormat::Linkedin));
        assert_eq!(detect(b"Nimi;Sahkoposti"), None);
        assert_eq!(detect(b"[]"), None);
        assert_eq!(detect(b""), None);
    }

    #[test]
    fn export_files_are_known_by_name() {
        assert!(ImportFormat::Linkedin.matches_name("Basic_LinkedInDataExport/Shares_123.csv"));
        assert!(ImportFormat::X.matches_name("twitter-2023/data/tweets.js"));
        assert!(ImportFormat::X.matches_name("data/tweets-part1.js"));
        assert!(ImportFormat::X.matches_name("data/tweet.js"));
        assert!(!ImportFormat::X.matches_name("data/tweetdeck.js"));
        assert!(!ImportFormat::X.matches_name("data/tweet-headers.js"));
        assert!(!ImportFormat::X.matches_name("data/deleted-tweets.js"));
        assert!(ImportFormat::X.matches_name("data/community-tweet.js"));
        assert!(ImportFormat::X.matches_name("data/note-tweet.js"));
        assert!(holds_note_tweets(&Part::File(
            "a/data/note-tweet.js".into()
        )));
        assert!(!holds_note_tweets(&Part::File("a/data/tweets.js".into())));
        assert!(ImportFormat::Mastodon.matches_name("outbox.json"));
        assert!(ImportFormat::Facebook.matches_name("posts/your_posts_1.json"));
        assert!(ImportFormat::Instagram.matches_name("content/posts_1.json"));
        assert!(!ImportFormat::Instagram.matches_name("content/reposts_1.json"));
        assert!(
            !ImportFormat::Instagram
                .matches_name("ads_information/ads_and_topics/posts_viewed.json")
        );
        assert!(
            ImportFormat::Facebook
                .matches_name("posts/your_posts__check_ins__photos_and_videos_1.json")
        );
        assert!(!ImportFormat::Facebook.matches_name("groups/your_posts_in_groups.json"));
    }

    #[test]
    fn hashing_covers_the_whole_input() {
        let mut hasher = Sha256::new();
        let mut reader = Hashing::new(&b"abc"[..], &mut hasher);
        let mut first = [0u8; 1];
        reader.read_exact(&mut first).unwrap();
        reader.drain().unwrap();
        assert_eq!(
            hex(&hasher.finalize()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
