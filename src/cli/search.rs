//! `jianbao search DIR QUERY`: search a project from the terminal.

use std::io::{self, Write};
use std::path::PathBuf;

use serde_json::json;

use crate::archive::search::{SearchRequest, SearchResults, SortOrder};

/// Arguments of `jianbao search`.
#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// Project folder.
    pub dir: PathBuf,
    /// Query: words (AND), "phrase", -exclude, A OR B, tag: reporter:/记者:
    /// page: date:2024-06 date:a..b headline:/标题: (one argument; quote it).
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    /// Hits to show at most (the total is always exact).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `--sort` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
    /// Oldest first.
    DateAsc,
}

/// Runs `jianbao search`. Exit code 0, whether or not anything matched; 1
/// when some edition could not be read (the total is short, and stderr says
/// which file, line and column); a malformed query is an error that says
/// what is wrong. How the index was opened (read-only project, repaired,
/// another process updating it) is one line on stderr.
pub fn run(args: &SearchArgs) -> anyhow::Result<u8> {
    // The index is searched as it is while another thread compares the
    // edition files with it; only when they changed (edited by hand, or by
    // another process) is it brought up to date and searched again.
    let mut session = super::open_read_only_with(&args.dir, |dir| {
        crate::archive::Session::open_read_only_trusting(dir)
    })?;
    let query = args.query.clone();
    let request = SearchRequest {
        query: query.clone(),
        sort: match args.sort {
            SortArg::Relevance => SortOrder::Relevance,
            SortArg::Date => SortOrder::DateDesc,
            SortArg::DateAsc => SortOrder::DateAsc,
        },
        offset: args.offset,
        limit: args.limit,
        facets: args.json,
        snippets: true,
    };
    let (first, stale) = std::thread::scope(|scope| {
        let check = scope.spawn(|| session.index_is_stale());
        let first = session.search(&request);
        let stale = check
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, stale)
    });
    let results = match (first, stale?) {
        (Ok(results), false) => results,
        (_, true) => {
            session.reopen_index()?;
            session.search_repairing(&request)?
        }
        (Err(_), false) => session.search_repairing(&request)?,
    };
    for notice in session.index().notices() {
        eprintln!("jianbao: {notice}");
    }
    for skipped in &results.skipped {
        eprintln!(
            "warning: {}; its articles are not searched, so the total may be short",
            skipped.error
        );
    }
    let out = if args.json {
        serde_json::to_string_pretty(&to_json(&query, &results))? + "\n"
    } else {
        to_text(&results)
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(if results.skipped.is_empty() {
        crate::cli::EXIT_OK
    } else {
        crate::cli::EXIT_PARTIAL
    })
}

/// The JSON document printed by `--json`.
pub fn to_json(query: &str, results: &SearchResults) -> serde_json::Value {
    let hits: Vec<serde_json::Value> = results
        .hits
        .iter()
        .map(|h| {
            json!({
                "id": h.id.as_str(),
                "date": h.date.format("%Y-%m-%d").to_string(),
                "page": h.page,
                "headline": h.headline.as_deref().unwrap_or_default().replace('\n', ""),
                "reporters": h.reporters,
                "tags": h.tags,
                "score": h.score,
                "snippet": h.snippet,
            })
        })
        .collect();
    json!({
        "query": query,
        "total": results.total,
        "took_ms": results.took.as_secs_f64() * 1000.0,
        "hits": hits,
        "facets": results.facets,
        "skipped": results.skipped,
    })
}

fn to_text(results: &SearchResults) -> String {
    let mut out = format!(
        "{} article{} ({:.1} ms)\n",
        results.total,
        if results.total == 1 { "" } else { "s" },
        results.took.as_secs_f64() * 1000.0
    );
    for hit in &results.hits {
        let headline = hit
            .headline
            .as_deref()
            .unwrap_or("（无标题）")
            .replace('\n', "");
        out.push_str(&format!(
            "\n{}  第{}版  {}  {}\n",
            hit.date, hit.page, hit.id, headline
        ));
        if !hit.snippet.is_empty() {
            out.push_str(&format!("    {}\n", hit.snippet));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Store;
    use crate::archive::model::{Article, ArticleId, Edition, Page};
    use crate::archive::search::SearchIndex;

    #[test]
    fn json_has_the_documented_shape_and_exact_total() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path(), "报").unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2024, 6, 28).unwrap();
        let mut edition = Edition::new(date);
        let articles = (1..=3)
            .map(|seq| Article {
                id: ArticleId::new(date, 1, seq),
                headline: Some(format!("苏陕协作{seq}")),
                paragraphs: vec!["推动苏陕协作走深走实。".into()],
                ..Article::default()
            })
            .collect();
        edition.pages.push(Page {
            number: 1,
            articles,
            ..Page::default()
        });
        store.save_edition(&edition).unwrap();
        let index = SearchIndex::open(&store).unwrap();
        let mut request = SearchRequest::new("苏陕");
        request.limit = 1;
        let results = index.search(&request).unwrap();
        let json = to_json("苏陕", &results);
        assert_eq!(json["total"], 3);
        assert_eq!(json["hits"].as_array().map(Vec::len), Some(1));
        for key in ["id", "date", "page", "headline", "score", "snippet"] {
            assert!(!json["hits"][0][key].is_null(), "{key}");
        }
        assert!(
            json["hits"][0]["snippet"]
                .as_str()
                .unwrap()
                .contains("【苏陕】")
        );
        for key in ["year", "page", "reporter", "tag"] {
            assert!(json["facets"][key].is_object(), "{key}");
        }
        assert_eq!(json["facets"]["year"]["2024"], 3);
        let args = SearchArgs {
            dir: dir.path().to_path_buf(),
            query: "苏陕 -走实".into(),
            limit: 5,
            offset: 0,
            sort: SortArg::Date,
            json: false,
        };
        assert_eq!(run(&args).unwrap(), crate::cli::EXIT_OK);
        let bad = SearchArgs {
            query: "\"苏陕".into(),
            ..args
        };
        let err = run(&bad).unwrap_err();
        assert!(format!("{err:#}").contains("unbalanced quote"), "{err:#}");
    }
}
