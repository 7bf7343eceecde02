//! Where an export's posts are: the file itself, the unpacked export folder, or the export's
//! archive (.zip, .tar, .tar.gz/.tgz), read in one pass under the limits of `limits`; and
//! which format it is, told from the names of its files or from the content.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::limits::{self, Budget, MAX_ARCHIVE_ENTRIES, Packed};
use crate::error::refuse;

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

    /// The platforms' own exports: every format but the generic CSV.
    fn exports() -> Vec<ImportFormat> {
        ImportFormat::ALL
            .iter()
            .copied()
            .filter(|f| *f != ImportFormat::Csv)
            .collect()
    }
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

/// One file of an export: on disk, an entry of a zip archive, or a file of a tar archive.
#[derive(Debug)]
pub struct Part {
    /// How messages name it: its path, or `archive:entry`.
    pub name: String,
    /// Its unpacked size in bytes, for the progress bar.
    pub size: u64,
    /// Its path inside the export folder or archive, by which it is recognised.
    entry: String,
    origin: Origin,
}

#[derive(Debug)]
enum Origin {
    File(PathBuf),
    /// The entry of this index of the located zip archive.
    Zipped(usize),
    /// Unpacked from a tar archive, in the one pass that found it, into an unnamed temporary
    /// file (gone when amb ends, however it ends).
    Spooled(File),
}

/// The parts of an export to read, in order, and their format.
#[derive(Debug)]
pub struct Located {
    pub format: ImportFormat,
    pub parts: Vec<Part>,
    /// The zip archive the parts are entries of.
    zip: Option<PathBuf>,
}

impl Located {
    /// The unpacked size of every part, for a progress bar.
    pub fn total_size(&self) -> u64 {
        self.parts.iter().map(|p| p.size).sum()
    }

    /// Hands each part's bytes to `read`, in order, opening an archive once for them all.
    /// A part that unpacks past the archive limits is refused, whatever `read` made of it.
    pub fn read_parts(
        &self,
        read: &mut dyn FnMut(&Part, &mut (dyn Read + Send)) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut zip = match &self.zip {
            Some(path) => Some(open_zip(path)?),
            None => None,
        };
        for part in &self.parts {
            match &part.origin {
                Origin::File(path) => {
                    let mut file = File::open(path).map_err(|err| cannot_open(path, &err))?;
                    read(part, &mut file)?;
                }
                Origin::Spooled(file) => {
                    let mut file = file;
                    file.seek(SeekFrom::Start(0))?;
                    read(part, &mut file)?;
                }
                Origin::Zipped(index) => {
                    let Some((archive, budget)) = zip.as_mut() else {
                        anyhow::bail!("internal error: a zip entry without its archive");
                    };
                    let entry = archive.by_index(*index).map_err(|err| {
                        refuse(format!("cannot read {}: {err}", part.name))
                            .hint("unpack the archive and import the folder")
                    })?;
                    let result = read(part, &mut budget.part(entry));
                    if let Some(why) = budget.exceeded() {
                        return Err(over_budget(&part.name, &why));
                    }
                    result?;
                }
            }
        }
        Ok(())
    }
}

fn over_budget(name: &str, why: &str) -> anyhow::Error {
    refuse(format!("{name} {why}; nothing was imported"))
        .hint("check where the archive came from; an export that really is this large can be unpacked and its folder imported")
        .into()
}

impl Part {
    /// Its path inside the export folder or archive; for a file given by itself, its path.
    fn inner_name(&self) -> &str {
        if self.entry.is_empty() {
            &self.name
        } else {
            &self.entry
        }
    }

    fn new(name: String, entry: String, size: u64, origin: Origin) -> Part {
        Part {
            name,
            size,
            entry,
            origin,
        }
    }

    fn head(&self) -> anyhow::Result<Vec<u8>> {
        let Origin::File(path) = &self.origin else {
            anyhow::bail!("internal error: only a file given by itself is told by its content");
        };
        let file = File::open(path).map_err(|err| cannot_open(path, &err))?;
        let mut head = Vec::new();
        file.take(4096).read_to_end(&mut head)?;
        Ok(head)
    }
}

type ZipReader = zip::ZipArchive<Packed<File>>;

/// Opens a zip archive once, with the budget its entries are unpacked under.
fn open_zip(path: &Path) -> anyhow::Result<(ZipReader, Budget)> {
    let file = File::open(path).map_err(|err| cannot_open(path, &err))?;
    let (file, packed) = Packed::new(file);
    let zip = zip::ZipArchive::new(file).map_err(|err| {
        refuse(format!(
            "{} is not a readable zip file: {err}",
            path.display()
        ))
    })?;
    if zip.len() > MAX_ARCHIVE_ENTRIES {
        return Err(too_many_entries(path));
    }
    Ok((zip, Budget::new(packed)))
}

fn too_many_entries(path: &Path) -> anyhow::Error {
    refuse(format!(
        "{} holds more than {MAX_ARCHIVE_ENTRIES} files, more than any export",
        path.display()
    ))
    .hint("unpack the archive and import the export's folder")
    .into()
}

fn cannot_open(path: &Path, err: &std::io::Error) -> anyhow::Error {
    refuse(format!("cannot open {}: {err}", path.display())).into()
}

/// What a path given to import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Folder,
    Zip,
    Tar {
        gzip: bool,
    },
    /// The export's file itself.
    File,
}

/// Tells a folder, a zip, a tar (.tar, .tar.gz, .tgz) or a plain file by its first bytes.
fn container(path: &Path) -> anyhow::Result<Container> {
    let metadata = std::fs::metadata(path).map_err(|err| cannot_open(path, &err))?;
    if metadata.is_dir() {
        return Ok(Container::Folder);
    }
    let file = File::open(path).map_err(|err| cannot_open(path, &err))?;
    let mut head = Vec::new();
    file.take(512).read_to_end(&mut head)?;
    Ok(match head.as_slice() {
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Container::Zip,
        [0x1f, 0x8b, ..] => Container::Tar { gzip: true },
        _ if head.get(257..262) == Some(b"ustar") => Container::Tar { gzip: false },
        _ => Container::File,
    })
}

/// Files of an export that are not its data: macOS resource forks and metadata.
fn is_noise(entry: &str) -> bool {
    entry.starts_with("__MACOSX/")
        || entry
            .rsplit('/')
            .next()
            .is_some_and(|name| name.starts_with("._") || name == ".DS_Store")
}

/// Finds the export's file(s) in `path` (file, folder, zip or tar archive). With `wanted`,
/// only that format; otherwise the format is told from the content.
pub fn locate(path: &Path, wanted: Option<ImportFormat>) -> anyhow::Result<Located> {
    let container = container(path)?;
    if container == Container::File {
        let part = Part::new(
            path.display().to_string(),
            String::new(),
            std::fs::metadata(path).map_or(0, |m| m.len()),
            Origin::File(path.to_path_buf()),
        );
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
            zip: None,
        });
    }
    let formats: Vec<ImportFormat> = match wanted {
        Some(ImportFormat::Csv) => {
            let what = format!(
                "{} is a folder or archive; give the generic CSV file itself",
                path.display()
            );
            return Err(refuse(what).into());
        }
        Some(format) => vec![format],
        None => ImportFormat::exports(),
    };
    let wanted_name =
        |entry: &str| !is_noise(entry) && formats.iter().any(|f| f.matches_name(entry));
    let candidates = match container {
        Container::Folder => {
            let mut files = Vec::new();
            walk(path, 0, &mut files)?;
            files
                .into_iter()
                .filter_map(|file| {
                    let entry = file
                        .strip_prefix(path)
                        .unwrap_or(&file)
                        .to_string_lossy()
                        .replace('\\', "/");
                    wanted_name(&entry).then(|| {
                        let size = std::fs::metadata(&file).map_or(0, |m| m.len());
                        Part::new(file.display().to_string(), entry, size, Origin::File(file))
                    })
                })
                .collect()
        }
        Container::Zip => zip_candidates(path, &wanted_name)?,
        Container::Tar { gzip } => spool_tar(path, gzip, &wanted_name)?,
        Container::File => unreachable!("handled above"),
    };
    let zip = (container == Container::Zip).then(|| path.to_path_buf());
    choose(path, wanted, &formats, candidates, zip)
}

/// The entries of a zip archive whose names are wanted (only the directory is read).
fn zip_candidates(path: &Path, wanted: &dyn Fn(&str) -> bool) -> anyhow::Result<Vec<Part>> {
    let (mut zip, _) = open_zip(path)?;
    let mut parts = Vec::new();
    for index in 0..zip.len() {
        let Some(Ok(entry)) = zip.name_for_index(index) else {
            continue;
        };
        if entry.ends_with('/') || !wanted(&entry) {
            continue;
        }
        let entry = entry.into_owned();
        let size = zip.by_index_raw(index).map_or(0, |file| file.size());
        let name = format!("{}:{entry}", path.display());
        parts.push(Part::new(name, entry, size, Origin::Zipped(index)));
    }
    Ok(parts)
}

/// Goes through a tar archive once, unpacking the wanted files into unnamed temporary
/// files as they pass (a tar has no directory to look things up in).
fn spool_tar(path: &Path, gzip: bool, wanted: &dyn Fn(&str) -> bool) -> anyhow::Result<Vec<Part>> {
    let file = File::open(path).map_err(|err| cannot_open(path, &err))?;
    let (file, packed) = Packed::new(file);
    let budget = Budget::new(packed);
    let stream: Box<dyn Read> = if gzip {
        Box::new(budget.stream(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let unreadable = |err: std::io::Error| -> anyhow::Error {
        match budget.exceeded() {
            Some(why) => over_budget(&path.display().to_string(), &why),
            None => refuse(format!(
                "{} is not a readable tar archive: {err}",
                path.display()
            ))
            .hint("a Mastodon archive is a .tar.gz; pass the unpacked folder if it is damaged")
            .into(),
        }
    };
    let mut archive = tar::Archive::new(stream);
    let mut parts = Vec::new();
    // Raw entries: the tar crate would read a long name or pax header of any size into
    // memory; here they are read only up to a bound.
    let mut long_name: Option<String> = None;
    for (count, entry) in archive.entries().map_err(unreadable)?.raw(true).enumerate() {
        if count >= MAX_ARCHIVE_ENTRIES {
            return Err(too_many_entries(path));
        }
        let mut entry = entry.map_err(unreadable)?;
        let kind = entry.header().entry_type();
        if kind.is_gnu_longname() || kind.is_pax_local_extensions() {
            if entry.header().entry_size().map_err(unreadable)? > MAX_NAME_HEADER {
                let what = format!(
                    "{} has a file name header longer than {}: not an export",
                    path.display(),
                    limits::size_text(MAX_NAME_HEADER)
                );
                return Err(refuse(what).into());
            }
            long_name = long_entry_name(&mut entry).map_err(unreadable)?;
            continue;
        }
        let name = long_name
            .take()
            .unwrap_or_else(|| String::from_utf8_lossy(&entry.path_bytes()).into_owned());
        let name = name.trim_start_matches("./").to_string();
        if !kind.is_file() || !wanted(&name) {
            continue;
        }
        let mut spooled = tempfile::tempfile()
            .map_err(|err| refuse(format!("cannot unpack {name} to a temporary file: {err}")))?;
        let size =
            std::io::copy(&mut budget.part_of_stream(entry), &mut spooled).map_err(unreadable)?;
        let display = format!("{}:{name}", path.display());
        parts.push(Part::new(display, name, size, Origin::Spooled(spooled)));
    }
    Ok(parts)
}

/// How long a GNU long-name or pax header may be (a name is at most a few kilobytes).
const MAX_NAME_HEADER: u64 = 64 << 10;

/// The name a GNU long-name or pax header gives the entry after it.
fn long_entry_name<R: Read>(entry: &mut tar::Entry<'_, R>) -> std::io::Result<Option<String>> {
    if entry.header().entry_type().is_gnu_longname() {
        let mut name = Vec::new();
        entry.read_to_end(&mut name)?;
        let name = name.strip_suffix(&[0]).unwrap_or(&name);
        return Ok(Some(String::from_utf8_lossy(name).into_owned()));
    }
    let mut name = None;
    if let Some(extensions) = entry.pax_extensions()? {
        for extension in extensions {
            let extension = extension?;
            if extension.key() == Ok("path") {
                name = Some(String::from_utf8_lossy(extension.value_bytes()).into_owned());
            }
        }
    }
    Ok(name)
}

/// The one format whose files `candidates` holds, and its parts in order.
fn choose(
    path: &Path,
    wanted: Option<ImportFormat>,
    formats: &[ImportFormat],
    mut candidates: Vec<Part>,
    zip: Option<PathBuf>,
) -> anyhow::Result<Located> {
    let found: Vec<ImportFormat> = formats
        .iter()
        .copied()
        .filter(|format| candidates.iter().any(|p| format.matches_name(&p.entry)))
        .collect();
    match found.as_slice() {
        [format] => {
            candidates.retain(|p| format.matches_name(&p.entry));
            // An X archive's long posts (note-tweet.js) come first, to give their tweets
            // the full text; the rest in the order of their paths.
            candidates.sort_by(|a, b| {
                (!holds_note_tweets(a), &a.entry).cmp(&(!holds_note_tweets(b), &b.entry))
            });
            Ok(Located {
                format: *format,
                parts: candidates,
                zip,
            })
        }
        [] => {
            let file = wanted.map_or("known export file".to_string(), |f| {
                format!("{f} export file")
            });
            Err(refuse(format!("found no {file} in {}", path.display()))
                .hint("LinkedIn: Shares.csv; X: data/tweets.js; Mastodon: outbox.json; Facebook: your_posts*.json; Instagram: posts_1.json")
                .into())
        }
        _ => {
            let formats: Vec<&str> = found.iter().map(|f| f.as_str()).collect();
            let what = format!(
                "{} holds several exports ({}); choose one with --from",
                path.display(),
                formats.join(", ")
            );
            Err(refuse(what).into())
        }
    }
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
        let file = |path: &str| Part::new(path.into(), String::new(), 0, Origin::File(path.into()));
        assert!(holds_note_tweets(&file("a/data/note-tweet.js")));
        assert!(!holds_note_tweets(&file("a/data/tweets.js")));
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
    fn macos_leftovers_are_not_export_files() {
        assert!(is_noise("__MACOSX/data/._tweets.js"));
        assert!(is_noise("export/._Shares.csv"));
        assert!(is_noise(".DS_Store"));
        assert!(!is_noise("Shares.csv"));
        assert!(!is_noise("data/tweets.js"));
    }

    #[test]
    fn archives_are_told_by_their_content_not_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            container(&path).unwrap()
        };
        assert_eq!(write("a.json", b"PK\x03\x04rest"), Container::Zip);
        assert_eq!(write("a.zip", b"PK\x05\x06"), Container::Zip);
        assert_eq!(write("a", b"\x1f\x8b\x08"), Container::Tar { gzip: true });
        let mut tar = vec![0u8; 512];
        tar[257..262].copy_from_slice(b"ustar");
        assert_eq!(write("a.bin", &tar), Container::Tar { gzip: false });
        assert_eq!(
            write("a.tar.gz", b"{\"orderedItems\": []}"),
            Container::File
        );
        assert_eq!(container(dir.path()).unwrap(), Container::Folder);
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
