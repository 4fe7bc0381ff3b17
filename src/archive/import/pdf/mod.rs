//! PDF pages → articles, each with its region on the page: the second front
//! end of the importer, beside the text parser.
//!
//! `extract` walks each page's content stream (objects and filters read by
//! hayro-syntax) and gives every glyph its box, size, font and Unicode text
//! (`font`: ToUnicode maps, GBK-EUC-H and UniGB-UCS2-H codes decoded, vertical
//! Identity-V); `layout` joins glyphs into lines, cuts the page at rules and
//! white space into column pieces, and reads them into articles with the
//! text parser's byline rules. A font whose text cannot be recovered
//! (Identity-H without ToUnicode) gives no text and a warning naming the page.

mod cmap;
mod extract;
mod font;
#[doc(hidden)]
pub mod generate;
mod layout;
#[doc(hidden)]
pub mod make;
mod merge;

pub use layout::PageLayout;
pub use merge::{MAX_PDF_FILE_BYTES, import_pdf, is_pdf_path, kept_pdf_of, kept_pdf_path};

use crate::archive::parse::ParseWarning;

/// A rectangle in PDF points, origin bottom-left as PDF has it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rect {
    /// Left.
    pub x0: f32,
    /// Bottom.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Top.
    pub y1: f32,
}

impl Rect {
    /// The smallest rectangle holding both.
    pub fn union(self, other: Rect) -> Rect {
        Rect {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }
}

/// One glyph as drawn.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Its Unicode text (usually one character; empty when not recoverable).
    pub text: String,
    /// Its box on the page.
    pub rect: Rect,
    /// Its size in points (the font size as scaled on the page).
    pub size: f32,
    /// Index into [`PageContent::fonts`].
    pub font: usize,
    /// Written in a vertical font (Identity-V and other `-V` encodings).
    pub vertical: bool,
}

/// A font whose glyphs have no recoverable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableFont {
    /// The font's name (`/BaseFont`).
    pub font: String,
    /// Its encoding (`Identity-H`).
    pub encoding: String,
    /// Glyphs shown in it on the page.
    pub glyphs: usize,
}

/// What one page draws, as the layout needs it.
#[derive(Debug, Clone, Default)]
pub struct PageContent {
    /// Width and height in points.
    pub size: [f32; 2],
    /// Every glyph, in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Thin filled or stroked rectangles and lines, and boxes.
    pub rules: Vec<Rect>,
    /// Font names, by [`Glyph::font`].
    pub fonts: Vec<String>,
    /// Fonts whose text could not be recovered.
    pub unreadable: Vec<UnreadableFont>,
}

/// One page of a PDF, laid out.
#[derive(Debug, Clone, Default)]
pub struct PdfPage {
    /// Its place in the file, from 1.
    pub index: usize,
    /// Width and height in points.
    pub size: [f32; 2],
    /// The header line and the articles.
    pub layout: PageLayout,
    /// Fonts whose text could not be recovered.
    pub unreadable: Vec<UnreadableFont>,
}

impl PdfPage {
    /// The page's warnings in the parser's shape: `line` is 0 (a PDF has no
    /// lines of text), the message names the page.
    pub fn warnings(&self, pages_in_file: usize) -> Vec<ParseWarning> {
        let page = if pages_in_file > 1 {
            format!("page {} of the PDF: ", self.index)
        } else {
            String::new()
        };
        let mut warnings: Vec<ParseWarning> = self
            .unreadable
            .iter()
            .map(|u| ParseWarning {
                line: 0,
                message: format!(
                    "{page}{} glyphs in font {} ({} without a ToUnicode map) cannot be read as text and were left out",
                    u.glyphs, u.font, u.encoding
                ),
            })
            .collect();
        warnings.extend(self.layout.warnings.iter().map(|w| ParseWarning {
            line: 0,
            message: format!("{page}{}", w.message),
        }));
        warnings
    }
}

/// Why a PDF could not be read at all.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PdfError {
    /// The bytes are not a PDF the reader understands.
    #[error("not a readable PDF ({0})")]
    Unreadable(String),
    /// The PDF is encrypted.
    #[error("the PDF is encrypted; save an unencrypted copy and import that")]
    Encrypted,
    /// The PDF has no pages.
    #[error("the PDF has no pages")]
    NoPages,
    /// The file is larger than [`MAX_PDF_FILE_BYTES`], refused unread.
    #[error("the file is {bytes} bytes; a PDF page file holds at most {} MiB", MAX_PDF_FILE_BYTES >> 20)]
    TooLarge {
        /// Its size.
        bytes: u64,
    },
    /// The copy of the PDF the project keeps could not be written.
    #[error("cannot keep a copy of the PDF at {}: {detail}", path.display())]
    Keep {
        /// Where the copy goes.
        path: std::path::PathBuf,
        /// The OS's words.
        detail: String,
    },
}

/// Whether `bytes` start like a PDF (`%PDF-` within the first kilobyte).
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Reads every page of a PDF and lays each out into articles.
pub fn parse_pdf(bytes: &[u8]) -> Result<Vec<PdfPage>, PdfError> {
    let contents = extract::extract(bytes)?;
    if contents.is_empty() {
        return Err(PdfError::NoPages);
    }
    Ok(contents
        .into_iter()
        .enumerate()
        .map(|(i, content)| PdfPage {
            index: i + 1,
            size: content.size,
            layout: layout::lay_out(&content),
            unreadable: content.unreadable,
        })
        .collect())
}

/// The glyphs and rules of every page, without layout (for benchmarks and tests).
pub fn extract_pages(bytes: &[u8]) -> Result<Vec<PageContent>, PdfError> {
    extract::extract(bytes)
}

/// A line as [`debug_lines`] gives it: text, box, size.
pub type DebugLine = (String, [f32; 4], f32);

/// The lines of every page with their boxes, as the layout sees them (for
/// looking into a page the layout reads wrongly).
#[doc(hidden)]
pub fn debug_lines(bytes: &[u8]) -> Result<Vec<Vec<DebugLine>>, PdfError> {
    Ok(extract::extract(bytes)?
        .iter()
        .map(|c| {
            layout::build_lines(&c.glyphs, layout::body_size(&c.glyphs))
                .into_iter()
                .map(|l| (l.text, [l.rect.x0, l.rect.y0, l.rect.x1, l.rect.y1], l.size))
                .collect()
        })
        .collect())
}
