//! The rival a newsroom would reach for: SQLite FTS5 with its trigram
//! tokenizer, fed the same article texts, searched for the same strings.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, params};

/// An FTS5 table of articles (`headline`, `body`) in a database file.
pub struct Fts5 {
    db: Connection,
}

impl Fts5 {
    /// A new database at `path` with one FTS5 trigram table.
    pub fn create(path: &Path) -> rusqlite::Result<Self> {
        let db = Connection::open(path)?;
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE VIRTUAL TABLE article USING fts5(headline, body, tokenize = 'trigram');",
        )?;
        Ok(Self { db })
    }

    /// Inserts `(headline, body)` pairs in one transaction (SQLite's
    /// fastest way in); returns the time it took.
    pub fn insert_all<'a>(
        &mut self,
        articles: impl Iterator<Item = (String, String)> + 'a,
    ) -> rusqlite::Result<Duration> {
        let started = Instant::now();
        let tx = self.db.transaction()?;
        {
            let mut insert = tx.prepare("INSERT INTO article (headline, body) VALUES (?1, ?2)")?;
            for (headline, body) in articles {
                insert.execute(params![headline, body])?;
            }
        }
        tx.commit()?;
        Ok(started.elapsed())
    }

    /// Count + the 50 best rows with a snippet, as jianbao answers. Trigram
    /// MATCH needs three characters: shorter strings are a LIKE scan, as the
    /// FTS5 documentation says to do.
    pub fn search(&self, query: &str) -> rusqlite::Result<usize> {
        let (pattern, count_sql, top_sql) = if query.chars().count() >= 3 {
            (
                format!("\"{}\"", query.replace('"', "\"\"")),
                "SELECT count(*) FROM article WHERE article MATCH ?1",
                "SELECT rowid, snippet(article, 1, '【', '】', '…', 20) FROM article
                 WHERE article MATCH ?1 ORDER BY rank LIMIT 50",
            )
        } else {
            (
                format!("%{query}%"),
                "SELECT count(*) FROM article WHERE headline LIKE ?1 OR body LIKE ?1",
                "SELECT rowid, substr(body, 1, 100) FROM article
                 WHERE headline LIKE ?1 OR body LIKE ?1 LIMIT 50",
            )
        };
        let total: i64 = self
            .db
            .query_row(count_sql, params![pattern], |row| row.get(0))?;
        let mut top = self.db.prepare_cached(top_sql)?;
        for row in top.query_map(params![pattern], |row| row.get::<_, i64>(0))? {
            row?;
        }
        Ok(usize::try_from(total).unwrap_or(0))
    }
}
