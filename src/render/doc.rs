//! A report as a reader sees it, in one language: headings, headline figures, tables,
//! charts, quotes and notes, all text already formatted. Each output format renders the same
//! document (`text.rs`, `markdown.rs`, `page.rs`), so they never disagree.

/// A report ready to render.
#[derive(Debug, Default)]
pub struct Doc {
    /// The organisation the report is for (may be empty).
    pub organisation: String,
    /// An image to show beside the organisation's name in HTML: its media type and bytes.
    pub logo: Option<(String, Vec<u8>)>,
    pub title: String,
    /// Lines under the title: the period, the hashtags, what it is compared with.
    pub subtitle: Vec<String>,
    /// The language of the text (`fi`, `sv`, `en`), for the HTML page.
    pub lang: String,
    pub blocks: Vec<Block>,
    /// Notes at the end: how estimates are made, what was merged for privacy, when made.
    pub footer: Vec<String>,
}

/// One part of a report.
#[derive(Debug)]
pub enum Block {
    /// A section heading.
    Heading(String),
    /// Headline figures, each a label, a value and a line of detail or change.
    Figures(Vec<Figure>),
    /// A table whose cells are already text.
    Table(Table),
    /// Labelled bars, optionally with a second series (the previous cohort) beside them.
    Chart(Chart),
    /// A line chart of a value over time.
    Line(LineChart),
    /// What people said, each quoted as it was written.
    Quotes(Vec<String>),
    /// A sentence or two of explanation.
    Note(String),
}

/// A headline figure: "Ambassadors 21 — 12 employees, 9 managers".
#[derive(Debug, Default)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub detail: Option<String>,
    /// A change against the previous cohort, e.g. `+12 (+8,1 %)`; `rising` colours it.
    pub change: Option<(String, bool)>,
}

/// A table: column headings, whether each column holds numbers, and rows of cells.
#[derive(Debug, Default)]
pub struct Table {
    pub columns: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table of `width` columns without headings (label and value), numeric from
    /// `first_numeric` on.
    pub fn headless(width: usize, first_numeric: usize) -> Table {
        Table {
            columns: Vec::new(),
            numeric: (0..width).map(|i| i >= first_numeric).collect(),
            rows: Vec::new(),
        }
    }

    /// A table with `columns`, numeric from the column `first_numeric` on.
    pub fn new(columns: Vec<String>, first_numeric: usize) -> Table {
        let numeric = (0..columns.len()).map(|i| i >= first_numeric).collect();
        Table {
            columns,
            numeric,
            rows: Vec::new(),
        }
    }
}

/// Bars: a label per bar with its value (for the length) and the text shown on it.
#[derive(Debug, Default)]
pub struct Chart {
    /// The names of the series, when there are two (a legend).
    pub series: Vec<String>,
    pub bars: Vec<Bar>,
    /// Upright columns (months along the bottom) rather than bars across.
    pub upright: bool,
}

#[derive(Debug, Default)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
    /// The same measure in the second series (e.g. the previous cohort's same month).
    pub beside: Option<(f64, String)>,
}

/// A line per series over dated points.
#[derive(Debug, Default)]
pub struct LineChart {
    pub lines: Vec<Line>,
}

#[derive(Debug, Default)]
pub struct Line {
    pub name: String,
    /// Each point: its position in days from the first date, value, date text and value text.
    pub points: Vec<(i64, f64, String, String)>,
}
