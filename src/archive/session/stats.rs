//! 稿件统计 of the archive or of a query's results, counted from the
//! index's fast fields (`SearchIndex::count_stats`): no edition is read.

use super::{Result, Session};
use crate::archive::stats::{StatsBy, StatsTable};

impl Session {
    /// Articles per month, per page or per reporter per month, of every
    /// article, or of those `query` finds.
    pub fn stats(&self, by: StatsBy, query: Option<&str>) -> Result<StatsTable> {
        Ok(self.index.count_stats(by, query.unwrap_or(""))?)
    }
}
