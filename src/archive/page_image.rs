//! The printed page as pixels: a page of a kept PDF rendered at any scale
//! (hayro, on the CPU), a rectangle of it, and clippings (剪报) — an
//! article's region cut out of the page as one image.
//!
//! Coordinates are the regions' own: PDF points in the page's user space,
//! origin bottom-left ([`crate::archive::model::Region`]). The page's crop
//! box and rotation are applied as a viewer would, so a pixel at scale `s`
//! is `1/s` points. Fonts a PDF names but does not embed are drawn from the
//! standard fonts hayro carries and, for Chinese (Adobe-GB1, Adobe-CNS1 or a
//! CJK name), from the bundled CJK font the window uses.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::font::{FontData, FontQuery};
use hayro::hayro_interpret::hayro_cmap::CidFamily;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::{Affine, Rect as KRect};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{RenderCache, RenderSettings, render_into};

use crate::archive::model::Region;

/// The bundled CJK font (a subset of Noto Sans CJK SC, see `fonts/OFL.txt`):
/// the window's text and the face for Chinese a PDF does not embed.
pub const BUNDLED_CJK_FONT: &[u8] = include_bytes!("../../fonts/NotoSansSC-Jianbao.otf");

/// The largest image side rendered, in pixels (a guard against a zoom or a
/// `--dpi` that would ask for gigabytes).
pub const MAX_SIDE_PX: u32 = 12_000;

/// Why a page could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PageImageError {
    /// The kept PDF could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
    /// It is not a PDF hayro can open (damaged, encrypted).
    #[error("{path}: not a readable PDF ({detail})")]
    NotPdf {
        /// The file.
        path: PathBuf,
        /// hayro's word for it.
        detail: String,
    },
    /// The PDF has fewer pages than the archive says.
    #[error("{path}: has no page {index} (it has {pages})")]
    NoSuchPage {
        /// The file.
        path: PathBuf,
        /// The page asked for (from 1).
        index: usize,
        /// How many it has.
        pages: usize,
    },
    /// The image would be larger than [`MAX_SIDE_PX`] on a side.
    #[error("an image of {width}×{height} pixels is too large (at most {MAX_SIDE_PX} a side)")]
    TooLarge {
        /// Pixels across.
        width: u32,
        /// Pixels down.
        height: u32,
    },
    /// The image could not be encoded or written.
    #[error("{path}: {detail}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
}

/// Pixels of a page or a piece of it: RGBA, 8 bits a channel, opaque
/// (drawn on white paper), rows top to bottom.
#[derive(Clone, PartialEq, Eq)]
pub struct PageImage {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// `width × height × 4` bytes.
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for PageImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PageImage({}×{})", self.width, self.height)
    }
}

impl PageImage {
    /// The pixel at column `x`, row `y`.
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * self.width + x) * 4) as usize;
        [
            self.rgba[i],
            self.rgba[i + 1],
            self.rgba[i + 2],
            self.rgba[i + 3],
        ]
    }

    /// Encoded as PNG.
    pub fn to_png(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
            writer
                .write_image_data(&self.rgba)
                .map_err(|e| e.to_string())?;
        }
        Ok(out)
    }

    /// Written to `path` as PNG, atomically (a file already there is
    /// replaced whole or not at all).
    pub fn write_png(&self, path: &Path) -> Result<(), PageImageError> {
        let write = |detail: String| PageImageError::Write {
            path: path.to_path_buf(),
            detail,
        };
        let bytes = self.to_png().map_err(write)?;
        crate::archive::store::write_atomic(path, &bytes).map_err(|e| write(e.to_string()))
    }
}

/// One page of a kept PDF, parsed once and rendered as often as asked.
pub struct PrintedPage {
    pdf: Pdf,
    /// Index among the PDF's pages, from 0.
    index: usize,
}

impl std::fmt::Debug for PrintedPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrintedPage(page {})", self.index + 1)
    }
}

impl PrintedPage {
    /// Page `index` (from 1) of the PDF at `path`.
    pub fn open(path: &Path, index: usize) -> Result<Self, PageImageError> {
        let bytes = std::fs::read(path).map_err(|source| PageImageError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(bytes, index).map_err(|e| match e {
            PageImageError::NotPdf { detail, .. } => PageImageError::NotPdf {
                path: path.to_path_buf(),
                detail,
            },
            PageImageError::NoSuchPage { index, pages, .. } => PageImageError::NoSuchPage {
                path: path.to_path_buf(),
                index,
                pages,
            },
            other => other,
        })
    }

    /// Page `index` (from 1) of a PDF held in memory.
    pub fn from_bytes(bytes: Vec<u8>, index: usize) -> Result<Self, PageImageError> {
        let pdf = Pdf::new(bytes).map_err(|e| PageImageError::NotPdf {
            path: PathBuf::new(),
            detail: format!("{e:?}"),
        })?;
        let pages = pdf.pages().len();
        if index == 0 || index > pages {
            return Err(PageImageError::NoSuchPage {
                path: PathBuf::new(),
                index,
                pages,
            });
        }
        Ok(PrintedPage {
            pdf,
            index: index - 1,
        })
    }

    /// The page as shown (crop box, rotated), in points: width, height.
    pub fn size(&self) -> [f32; 2] {
        let (w, h) = self.pdf.pages()[self.index].render_dimensions();
        [w, h]
    }

    /// The whole page at `scale` pixels a point.
    pub fn render(&self, scale: f32) -> Result<PageImage, PageImageError> {
        let [w, h] = self.size();
        self.render_px(scale, KRect::new(0.0, 0.0, f64::from(w), f64::from(h)))
    }

    /// The rectangle `rect` (`[x0, y0, x1, y1]` in PDF points, as regions
    /// are kept) at `scale` pixels a point.
    pub fn render_rect(&self, rect: [f32; 4], scale: f32) -> Result<PageImage, PageImageError> {
        self.render_px(scale, self.to_shown(rect, 1.0))
    }

    /// A clipping: the bounding box of the region's rectangles at `scale`,
    /// white wherever no rectangle covers, so an article set over two
    /// columns comes out cut along its outline as a reader's scissors would
    /// cut it. `None` for an empty region (an article from text).
    pub fn clipping(
        &self,
        region: &Region,
        scale: f32,
    ) -> Result<Option<PageImage>, PageImageError> {
        let Some(bounds) = region_bounds(region) else {
            return Ok(None);
        };
        let shown = self.to_shown(bounds, 1.0);
        let mut image = self.render_px(scale, shown)?;
        // Each rectangle in the image's pixels.
        let keep: Vec<KRect> = region
            .0
            .iter()
            .map(|r| {
                let px = self.to_shown(*r, 1.0);
                KRect::new(
                    (px.x0 - shown.x0) * f64::from(scale),
                    (px.y0 - shown.y0) * f64::from(scale),
                    (px.x1 - shown.x0) * f64::from(scale),
                    (px.y1 - shown.y0) * f64::from(scale),
                )
            })
            .collect();
        let width = image.width as usize;
        for (i, pixel) in image.rgba.chunks_exact_mut(4).enumerate() {
            let (x, y) = ((i % width) as f64 + 0.5, (i / width) as f64 + 0.5);
            if !keep
                .iter()
                .any(|k| k.contains(hayro::kurbo::Point::new(x, y)))
            {
                pixel.copy_from_slice(&[255, 255, 255, 255]);
            }
        }
        Ok(Some(image))
    }

    /// `rect` (PDF points, origin bottom-left) on the page as shown: points
    /// from the top-left corner of the crop box, times `scale`.
    pub fn to_shown(&self, rect: [f32; 4], scale: f32) -> KRect {
        let page = &self.pdf.pages()[self.index];
        let t = Affine::scale(f64::from(scale)) * page.initial_transform(true).to_kurbo();
        t.transform_rect_bbox(KRect::new(
            f64::from(rect[0]),
            f64::from(rect[1]),
            f64::from(rect[2]),
            f64::from(rect[3]),
        ))
    }

    /// The part `shown` (points from the shown page's top-left corner) at
    /// `scale` pixels a point.
    fn render_px(&self, scale: f32, shown: KRect) -> Result<PageImage, PageImageError> {
        let s = f64::from(scale.max(0.01));
        let width = ((shown.width() * s).round() as u32).max(1);
        let height = ((shown.height() * s).round() as u32).max(1);
        if width > MAX_SIDE_PX || height > MAX_SIDE_PX {
            return Err(PageImageError::TooLarge { width, height });
        }
        let page = &self.pdf.pages()[self.index];
        let transform = Affine::translate((-shown.x0 * s, -shown.y0 * s))
            * Affine::scale(s)
            * page.initial_transform(true).to_kurbo();
        let cache = RenderCache::new();
        let mut ctx = RenderContext::new(width as u16, height as u16);
        render_into(
            page,
            &cache,
            &interpreter_settings(),
            &RenderSettings::default(),
            &mut ctx,
            transform,
        );
        ctx.flush();
        let mut pixmap = Pixmap::new(width as u16, height as u16);
        ctx.render_with(
            &mut pixmap,
            &mut Resources::default(),
            RasterizerSettings {
                target_init: TargetInit::Clear(WHITE),
                ..Default::default()
            },
        );
        // On white paper every pixel is opaque: premultiplied is plain RGBA.
        Ok(PageImage {
            width,
            height,
            rgba: pixmap.data_as_u8_slice().to_vec(),
        })
    }
}

/// The smallest rectangle holding every rectangle of `region`.
pub fn region_bounds(region: &Region) -> Option<[f32; 4]> {
    region.0.iter().copied().reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    })
}

/// hayro's defaults, with Chinese that is not embedded drawn in the bundled
/// CJK face.
fn interpreter_settings() -> InterpreterSettings {
    InterpreterSettings {
        font_resolver: Arc::new(|query| match query {
            FontQuery::Standard(s) => Some(s.get_font_data()),
            FontQuery::Fallback(f) => {
                let cjk_collection = f.character_collection.as_ref().is_some_and(|cc| {
                    matches!(cc.family, CidFamily::AdobeGB1 | CidFamily::AdobeCNS1)
                });
                let cjk_name = [&f.post_script_name, &f.font_name, &f.font_family]
                    .into_iter()
                    .flatten()
                    .any(|n| looks_chinese(n));
                if cjk_collection || cjk_name {
                    let data: FontData = Arc::new(BUNDLED_CJK_FONT);
                    Some((data, 0))
                } else {
                    Some(f.pick_standard_font().get_font_data())
                }
            }
        }),
        ..InterpreterSettings::default()
    }
}

/// Whether a font name is one of a Chinese face (宋体 and the typesetting
/// systems' FZ…/STSong…/SimSun…, or written in Chinese).
fn looks_chinese(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !name.is_ascii()
        || [
            "song",
            "hei",
            "kai",
            "sim",
            "fz",
            "ming",
            "gb",
            "cjk",
            "sourcehan",
        ]
        .iter()
        .any(|k| lower.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_is_bounded_by_its_rectangles() {
        let region = Region(vec![[10.0, 20.0, 30.0, 40.0], [5.0, 30.0, 25.0, 60.0]]);
        assert_eq!(region_bounds(&region), Some([5.0, 20.0, 30.0, 60.0]));
        assert_eq!(region_bounds(&Region::default()), None);
    }

    #[test]
    fn chinese_face_names_are_recognised() {
        assert!(looks_chinese("STSong-Light"));
        assert!(looks_chinese("FZSSK--GBK1-0"));
        assert!(looks_chinese("宋体"));
        assert!(!looks_chinese("Times-Roman"));
        assert!(!looks_chinese("Helvetica-Bold"));
    }
}
