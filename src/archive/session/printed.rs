//! The printed page behind an article: where the page's kept PDF is, and
//! the region of every article on it (the 版面 view and `jianbao clip`).

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Result, Session};
use crate::archive::import::pdf::kept_pdf_of;
use crate::archive::model::{ArticleId, Region};

/// One page of an edition as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedPageInfo {
    /// Edition date.
    pub date: NaiveDate,
    /// Page number.
    pub page: u32,
    /// Width and height in PDF points (none for a page imported as text).
    pub size: Option<[f32; 2]>,
    /// The kept PDF holding the page and the page's place in it (from 1);
    /// none for a page imported as text or whose PDF is missing.
    pub pdf: Option<(PathBuf, usize)>,
    /// The page's articles in reading order, each with its region.
    pub articles: Vec<PageArticle>,
    /// Every page number of the edition (for moving between pages).
    pub pages: Vec<u32>,
}

/// An article on a printed page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageArticle {
    /// Its id.
    pub id: ArticleId,
    /// Its headline on one line (or its first words when it has none).
    pub title: String,
    /// Where it is printed (empty when it came from text).
    pub region: Region,
}

impl Session {
    /// Page `page` of the edition of `date`; `None` when there is none.
    pub fn printed_page(&self, date: NaiveDate, page: u32) -> Result<Option<PrintedPageInfo>> {
        let Some(edition) = self.store.load_edition(date)? else {
            return Ok(None);
        };
        let Some(p) = edition.page(page) else {
            return Ok(None);
        };
        let pdf = kept_pdf_of(self.root(), date, p).filter(|(path, _)| path.is_file());
        Ok(Some(PrintedPageInfo {
            date,
            page,
            size: p.page_size,
            pdf,
            articles: p
                .articles
                .iter()
                .map(|a| PageArticle {
                    id: a.id.clone(),
                    title: title_of(a),
                    region: a.region.clone(),
                })
                .collect(),
            pages: edition.pages.iter().map(|p| p.number).collect(),
        }))
    }
}

/// What names an article on the page: its headline, or its first words.
fn title_of(article: &crate::archive::model::Article) -> String {
    let headline = article.headline_one_line();
    if !headline.is_empty() {
        return headline;
    }
    article
        .paragraphs
        .first()
        .map(|p| p.chars().take(24).collect())
        .unwrap_or_default()
}
