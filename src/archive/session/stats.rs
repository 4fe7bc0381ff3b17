//! 稿件统计 of the archive or of a query's results: each edition read once
//! (only the editions a query's results name), counted, dropped.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{Result, Session};
use crate::archive::ArticleId;
use crate::archive::stats::{ArticleFacts, StatsBy, StatsCounter, StatsTable};

impl Session {
    /// Articles per month, per page or per reporter per month, of every
    /// article, or of those `query` finds.
    pub fn stats(&self, by: StatsBy, query: Option<&str>) -> Result<StatsTable> {
        let only: Option<HashSet<ArticleId>> = match query.filter(|q| !q.trim().is_empty()) {
            Some(query) => Some(self.index.matching_ids(query)?.into_iter().collect()),
            None => None,
        };
        // A query's results name their editions: read only those.
        let only_dates: Option<HashSet<NaiveDate>> = only
            .as_ref()
            .map(|ids| ids.iter().filter_map(ArticleId::date).collect());
        let store = self.store();
        let mut counter = StatsCounter::new(by);
        for date in store.edition_dates()? {
            if only_dates.as_ref().is_some_and(|d| !d.contains(&date)) {
                continue;
            }
            let Some(edition) = store.load_edition(date)? else {
                continue;
            };
            for (page, article) in edition.articles() {
                if only.as_ref().is_none_or(|ids| ids.contains(&article.id)) {
                    counter.add(&ArticleFacts {
                        date,
                        page,
                        reporters: &article.reporters,
                    });
                }
            }
        }
        Ok(counter.finish())
    }
}
