//! The edit layer end to end on the sample page: tagging, the vocabulary,
//! notes, saved searches, undo/redo, the journal surviving a crash, the
//! version-1 migration and re-import keeping editorial work.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use jianbao::archive::edit::{Edit, EditError, EditSummary};
use jianbao::archive::import::ImportOptions;
use jianbao::archive::model::{SavedSearch, TagDef};
use jianbao::archive::search::SearchRequest;
use jianbao::archive::store::JOURNAL_FILE;
use jianbao::archive::{ArticleId, ArticleSelection, Session, SessionError, TagId};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/wujin-daily-2024-06-28.txt"
);

fn sample_session(dir: &Path) -> Session {
    let mut session = Session::create(dir, "武进日报").expect("create");
    let report = session.import(
        &[PathBuf::from(SAMPLE)],
        &ImportOptions::default(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    session
}

fn ids(session: &Session, query: &str) -> Vec<String> {
    let mut request = SearchRequest::new(query);
    request.limit = 100;
    let mut ids: Vec<String> = session
        .search(&request)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.id.0)
        .collect();
    ids.sort();
    ids
}

fn id(n: u32) -> ArticleId {
    ArticleId(format!("20240628-01-{n:02}"))
}

/// Creates a tag and returns its id.
fn create_tag(session: &mut Session, name: &str) -> TagId {
    let def = session.new_tag(name);
    let id = def.id;
    session.apply(Edit::CreateTag(def)).expect("create tag");
    id
}

/// Creates tag `name` and puts it on the articles numbered `articles`.
fn tag_articles(session: &mut Session, name: &str, articles: &[u32]) -> TagId {
    let tag = create_tag(session, name);
    session
        .apply(Edit::Tag {
            articles: articles.iter().map(|n| id(*n)).collect(),
            add: vec![tag],
            remove: vec![],
        })
        .unwrap();
    tag
}

/// The sample page without its last article, saved in `dir` under the sample's name.
fn page_without_last_article(session: &Session, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let headline = session
        .article(&id(4))
        .unwrap()
        .unwrap()
        .article
        .headline
        .unwrap();
    let cut = text
        .find(headline.lines().next().unwrap())
        .expect("last headline in the page");
    let page = dir.join("wujin-daily-2024-06-28.txt");
    std::fs::write(&page, &text[..cut]).unwrap();
    page
}

#[test]
fn tagging_renaming_nesting_and_removing_follow_in_search_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session(dir.path());
    let party = create_tag(&mut session, "党建");
    let summary = session
        .apply(Edit::Tag {
            articles: vec![id(1), id(2)],
            add: vec![party],
            remove: vec![],
        })
        .unwrap();
    assert_eq!(
        summary,
        EditSummary::Tagged {
            articles: 2,
            tags: vec!["党建".into()]
        }
    );
    assert_eq!(ids(&session, "tag:党建"), vec![id(1).0, id(2).0]);
    // Hits carry tag names; facets count by tag.
    let results = session.search(&SearchRequest::new("tag:党建")).unwrap();
    assert_eq!(results.hits[0].tags, vec!["党建"]);
    assert_eq!(results.facets.tag.get("党建"), Some(&2));

    // Rename: project.ron only; every view follows.
    let def = session.tag_named("党建").unwrap().clone();
    session
        .apply(Edit::UpdateTag(TagDef {
            name: "党的建设".into(),
            ..def
        }))
        .unwrap();
    assert!(ids(&session, "tag:党建").is_empty());
    assert_eq!(ids(&session, "tag:党的建设").len(), 2);

    // Nest it under 主题: tag:主题 finds articles of nested tags.
    let theme = create_tag(&mut session, "主题");
    let def = session.tag_named("党的建设").unwrap().clone();
    session
        .apply(Edit::UpdateTag(TagDef {
            parent: Some(theme),
            ..def
        }))
        .unwrap();
    assert_eq!(ids(&session, "tag:主题").len(), 2);
    assert_eq!(ids(&session, "-tag:主题").len(), 2, "4 articles, 2 tagged");
    assert_eq!(session.tag_tree_counts().get(&theme), Some(&2));

    // A cycle is refused.
    let def = session.tag_named("主题").unwrap().clone();
    let err = session
        .apply(Edit::UpdateTag(TagDef {
            parent: Some(party),
            ..def
        }))
        .unwrap_err();
    assert!(
        matches!(err, SessionError::Edit(EditError::TagCycle { .. })),
        "{err}"
    );

    session
        .apply(Edit::Tag {
            articles: vec![id(2)],
            add: vec![],
            remove: vec![party],
        })
        .unwrap();
    assert_eq!(session.tag_counts().get(&party), Some(&1));
    session.close().unwrap();

    // Everything is in the files: the vocabulary in project.ron, the tag in the edition.
    let project = std::fs::read_to_string(dir.path().join("project.ron")).unwrap();
    assert!(
        project.contains("党的建设") && project.contains("主题"),
        "{project}"
    );
    assert!(!dir.path().join(JOURNAL_FILE).exists(), "folded on close");
    let reopened = Session::open_read_only(dir.path()).unwrap();
    assert_eq!(ids(&reopened, "tag:主题"), vec![id(1).0]);
}

#[test]
fn undo_and_redo_restore_exactly_and_a_bulk_edit_is_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session(dir.path());
    let party = create_tag(&mut session, "党建");
    let eco = create_tag(&mut session, "生态");
    session
        .apply(Edit::Tag {
            articles: vec![id(1)],
            add: vec![eco],
            remove: vec![],
        })
        .unwrap();
    // Ctrl+A on "every article": one step.
    let all = session
        .resolve(&ArticleSelection::Query(String::new()))
        .unwrap();
    assert_eq!(all.len(), 4);
    session
        .apply(Edit::Tag {
            articles: all,
            add: vec![party],
            remove: vec![],
        })
        .unwrap();
    assert_eq!(ids(&session, "tag:党建").len(), 4);
    let undone = session.undo().unwrap();
    assert_eq!(
        undone,
        EditSummary::Tagged {
            articles: 4,
            tags: vec!["党建".into()]
        }
    );
    assert!(ids(&session, "tag:党建").is_empty());
    assert_eq!(
        ids(&session, "tag:生态"),
        vec![id(1).0],
        "earlier tags kept"
    );
    session.redo().unwrap();
    assert_eq!(ids(&session, "tag:党建").len(), 4);

    // Deleting a tag takes it off its articles; undo puts it back on them.
    session.apply(Edit::DeleteTag(party)).unwrap();
    assert!(session.project().tag(party).is_none());
    assert!(ids(&session, "tag:党建").is_empty());
    session.undo().unwrap();
    assert_eq!(ids(&session, "tag:党建").len(), 4);

    // Merging: 生态's article gets 党建 once; undo splits them again.
    session
        .apply(Edit::MergeTag {
            from: eco,
            into: party,
        })
        .unwrap();
    assert!(session.project().tag_named("生态").is_none());
    assert_eq!(ids(&session, "tag:党建").len(), 4);
    session.undo().unwrap();
    assert_eq!(ids(&session, "tag:生态"), vec![id(1).0]);
    assert!(matches!(session.redo(), Ok(EditSummary::TagMerged { .. })));
    assert!(matches!(
        session.redo(),
        Err(SessionError::Edit(EditError::NothingTo("redo")))
    ));
}

#[test]
fn notes_and_saved_searches_are_saved_and_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session(dir.path());
    session
        .apply(Edit::SetNote {
            article: id(3),
            note: "核对：乔俊杰 职务\n第二行".into(),
        })
        .unwrap();
    session
        .apply(Edit::SaveSearch {
            position: usize::MAX,
            search: SavedSearch {
                name: "苏陕".into(),
                query: "苏陕协作".into(),
            },
        })
        .unwrap();
    assert!(matches!(
        session.apply(Edit::SaveSearch {
            position: 0,
            search: SavedSearch {
                name: "苏陕".into(),
                query: "x".into(),
            },
        }),
        Err(SessionError::Edit(EditError::SavedSearchExists(_)))
    ));
    session.close().unwrap();
    let mut session = Session::open(dir.path()).unwrap();
    let note = session.article(&id(3)).unwrap().unwrap().article.note;
    assert_eq!(note, "核对：乔俊杰 职务\n第二行");
    assert_eq!(session.project().saved_searches.len(), 1);
    session
        .apply(Edit::DeleteSavedSearch("苏陕".into()))
        .unwrap();
    assert!(session.project().saved_searches.is_empty());
    session.undo().unwrap();
    assert_eq!(session.project().saved_searches[0].query, "苏陕协作");
    assert!(matches!(
        session.apply(Edit::SetNote {
            article: ArticleId("20240628-09-09".into()),
            note: "x".into(),
        }),
        Err(SessionError::Edit(EditError::UnknownArticle(_)))
    ));
}

#[test]
fn an_edit_survives_a_crash_before_the_journal_is_folded() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session(dir.path());
    tag_articles(&mut session, "党建", &[4]);
    session
        .apply(Edit::SetNote {
            article: id(4),
            note: "未合并".into(),
        })
        .unwrap();
    // As kill -9 would: no close, no fold, no destructor.
    std::mem::forget(session);
    assert!(dir.path().join(JOURNAL_FILE).exists());
    // The writer lock died with the "process" only in a real crash; here the
    // forgotten session still holds it, so read as a second process would.
    let reader = Session::open_read_only(dir.path()).unwrap();
    assert_eq!(ids(&reader, "tag:党建"), vec![id(4).0]);
    assert_eq!(
        reader.article(&id(4)).unwrap().unwrap().article.note,
        "未合并"
    );
}

#[test]
fn reimport_keeps_tagged_articles_it_no_longer_finds_unless_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session(dir.path());
    tag_articles(&mut session, "党建", &[4]);
    let shorter = page_without_last_article(&session, dir.path());
    let import = |session: &mut Session, prune| {
        session.import(
            std::slice::from_ref(&shorter),
            &ImportOptions {
                prune,
                ..ImportOptions::default()
            },
            &mut |_, _| {},
            &AtomicBool::new(false),
        )
    };
    let report = import(&mut session, false);
    assert_eq!(report.kept.len(), 1, "{report:?}");
    assert_eq!(report.kept[0].id, id(4));
    assert_eq!(ids(&session, "tag:党建"), vec![id(4).0]);
    let report = import(&mut session, true);
    assert!(report.kept.is_empty());
    assert_eq!(report.removed, 1);
    assert!(ids(&session, "tag:党建").is_empty());
}

#[test]
fn a_version_1_project_migrates_keeping_every_tag_and_note() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1-project");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture, dir.path());
    let session = Session::open(dir.path()).expect("opens and migrates");
    assert_eq!(session.store().migrated().map(|m| m.from), Some(1));
    let project = session.project();
    let party = project.tag_named("党建").expect("党建 kept").clone();
    let theme = project.tag_named("主题").expect("主题 kept").clone();
    assert_eq!(party.parent, Some(theme.id));
    assert_eq!(party.colour.as_deref(), Some("#c0392b"));
    // A name only an article used joins the vocabulary.
    assert!(project.tag_named("生态").is_some());
    assert_eq!(ids(&session, "tag:党建"), vec![id(1).0, id(2).0]);
    assert_eq!(ids(&session, "tag:主题"), vec![id(1).0, id(2).0]);
    assert_eq!(ids(&session, "tag:生态"), vec![id(3).0]);
    let note = session.article(&id(2)).unwrap().unwrap().article.note;
    assert_eq!(note, "待核实：会议日期");
    drop(session);
    assert!(!dir.path().join("migration-backup-v1").exists());
    let text = std::fs::read_to_string(dir.path().join("project.ron")).unwrap();
    assert!(text.contains("version: 2"), "{text}");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn corrections_split_merge_and_set_fields_are_undoable_and_survive_reimport() {
    use jianbao::archive::edit::ArticleFields;
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session(dir.path());
    let party = tag_articles(&mut session, "党建", &[1]);
    let first = session.article(&id(1)).unwrap().unwrap().article;
    let paragraphs = first.paragraphs.len();

    // Split before the third paragraph: a new article, with the rest, right after it.
    session
        .apply(Edit::SplitArticle {
            article: id(1),
            at: 2,
        })
        .unwrap();
    let all = session
        .resolve(&ArticleSelection::Query(String::new()))
        .unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(
        all[1].0, "20240628-01-05",
        "a fresh id, after the split one"
    );
    let head = session.article(&id(1)).unwrap().unwrap().article;
    let tail = session.article(&all[1]).unwrap().unwrap().article;
    assert_eq!(head.paragraphs.len(), 2);
    assert_eq!(tail.paragraphs, first.paragraphs[2..].to_vec());
    assert_eq!(head.tags, vec![party], "tags stay on the split article");
    // Searching follows: the tail's text is found in the new article.
    let needle: String = first.paragraphs[paragraphs - 1].chars().take(12).collect();
    assert_eq!(ids(&session, &needle), vec![all[1].0.clone()]);
    session.undo().unwrap();
    assert_eq!(
        session
            .resolve(&ArticleSelection::Query(String::new()))
            .unwrap()
            .len(),
        4
    );
    assert_eq!(session.article(&id(1)).unwrap().unwrap().article, first);

    // Merge article 2 into article 1: its title lines become paragraphs.
    let second = session.article(&id(2)).unwrap().unwrap().article;
    session
        .apply(Edit::MergeWithPrevious { article: id(2) })
        .unwrap();
    let merged = session.article(&id(1)).unwrap().unwrap().article;
    assert!(session.article(&id(2)).unwrap().is_none());
    assert_eq!(
        merged.paragraphs.len(),
        first.paragraphs.len() + second.paragraphs.len() + 1,
        "the headline is a paragraph now; the byline opens the first"
    );
    assert!(matches!(
        session.apply(Edit::MergeWithPrevious { article: id(1) }),
        Err(SessionError::Edit(EditError::NothingBefore(_)))
    ));
    session.undo().unwrap();
    assert_eq!(session.article(&id(2)).unwrap().unwrap().article, second);

    // Correct a headline; a re-import keeps the corrected page.
    let mut fields = ArticleFields::of(&first);
    fields.set("headline", "更正后的标题").unwrap();
    session
        .apply(Edit::SetFields {
            article: id(1),
            fields,
        })
        .unwrap();
    assert_eq!(ids(&session, "标题:更正后的标题"), vec![id(1).0]);
    let report = session.import(
        &[PathBuf::from(SAMPLE)],
        &ImportOptions::default(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    );
    assert_eq!(report.corrected.len(), 1, "{report:?}");
    assert_eq!(report.files, 0);
    let kept = session.article(&id(1)).unwrap().unwrap().article;
    assert_eq!(kept.headline.as_deref(), Some("更正后的标题"));
    // Asked to, a re-import replaces it, keeping ids, tags and notes.
    let report = session.import(
        &[PathBuf::from(SAMPLE)],
        &ImportOptions {
            replace_corrected: true,
            ..ImportOptions::default()
        },
        &mut |_, _| {},
        &AtomicBool::new(false),
    );
    assert_eq!(report.files, 1);
    let replaced = session.article(&id(1)).unwrap().unwrap().article;
    assert_eq!(replaced.headline, first.headline);
    assert_eq!(replaced.tags, vec![party]);
}

#[test]
fn collections_keep_the_users_order_filter_searches_and_show_missing_articles() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session(dir.path());
    let collection = session.new_collection("苏陕");
    let cid = collection.id;
    session
        .apply(Edit::Batch(vec![
            Edit::CreateCollection {
                position: usize::MAX,
                collection,
            },
            Edit::AddToCollection {
                id: cid,
                articles: vec![id(3), id(1), id(4)],
            },
        ]))
        .unwrap();
    let listed = |session: &Session, query: &str| -> Vec<String> {
        session
            .search(&SearchRequest::new(query))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id.0)
            .collect()
    };
    assert_eq!(listed(&session, "in:苏陕"), vec![id(3).0, id(1).0, id(4).0]);
    assert_eq!(listed(&session, "选集:苏陕 -乔俊杰").len(), 1);
    session
        .apply(Edit::MoveInCollection {
            id: cid,
            article: id(4),
            to: 0,
        })
        .unwrap();
    assert_eq!(listed(&session, "in:苏陕"), vec![id(4).0, id(3).0, id(1).0]);
    session.undo().unwrap();
    assert_eq!(listed(&session, "in:苏陕"), vec![id(3).0, id(1).0, id(4).0]);
    assert!(matches!(
        session.apply(Edit::AddToCollection {
            id: cid,
            articles: vec![ArticleId("20240628-07-07".into())],
        }),
        Err(SessionError::Edit(EditError::UnknownArticle(_)))
    ));
    // Pruned away by a re-import, an article stays in the collection, shown missing.
    let shorter = page_without_last_article(&session, dir.path());
    session.import(
        std::slice::from_ref(&shorter),
        &ImportOptions {
            prune: true,
            ..ImportOptions::default()
        },
        &mut |_, _| {},
        &AtomicBool::new(false),
    );
    let kept = &session.project().collection(cid).unwrap().articles;
    assert_eq!(kept.len(), 3, "never silently dropped");
    assert_eq!(session.index().missing_articles(kept).unwrap(), vec![id(4)]);
    session.apply(Edit::DeleteCollection(cid)).unwrap();
    assert!(listed(&session, "in:苏陕").is_empty());
    session.undo().unwrap();
    assert_eq!(listed(&session, "in:苏陕").len(), 2);
}

#[test]
fn a_json_lines_export_restores_articles_tags_and_notes_in_a_new_archive() {
    use jianbao::archive::export::{ExportFormat, ExportOptions, export_to_path, load_records};
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session(&dir.path().join("from"));
    tag_articles(&mut session, "党建", &[1, 2]);
    session
        .apply(Edit::SetNote {
            article: id(2),
            note: "核对\n第二行".into(),
        })
        .unwrap();
    let all = session
        .resolve(&ArticleSelection::Query(String::new()))
        .unwrap();
    let never = AtomicBool::new(false);
    let loaded = load_records(session.store(), &all, &never).unwrap();
    let file = dir.path().join("moved.jsonl");
    let options = ExportOptions::new(ExportFormat::Jsonl, "武进日报", "全部");
    export_to_path(
        &file,
        &loaded.records,
        &options,
        false,
        &mut |_, _| {},
        &never,
    )
    .unwrap();

    let mut target = Session::create(dir.path().join("to"), "武进日报").unwrap();
    let report = target.import(
        std::slice::from_ref(&file),
        &ImportOptions::default(),
        &mut |_, _| {},
        &never,
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!((report.files, report.new), (1, 4));
    for id in &all {
        let a = session.article(id).unwrap().unwrap().article;
        let b = target.article(id).unwrap().unwrap().article;
        // Exports give the headline on one line: wrapped lines are layout.
        assert_eq!(a.headline_one_line(), b.headline_one_line());
        assert_eq!(
            (&a.kicker, &a.byline, &a.paragraphs),
            (&b.kicker, &b.byline, &b.paragraphs)
        );
        assert_eq!(a.reporters, b.reporters);
        assert_eq!(a.note, b.note);
        let names = |s: &Session, tags: &[TagId]| -> Vec<String> {
            tags.iter().map(|t| s.project().tag_name(*t)).collect()
        };
        assert_eq!(names(&session, &a.tags), names(&target, &b.tags));
    }
    assert_eq!(ids(&target, "tag:党建"), vec![id(1).0, id(2).0]);
    // A broken line is an error naming the line; nothing of the file is saved.
    std::fs::write(&file, "{\"id\": 1}\n").unwrap();
    let report = target.import(
        std::slice::from_ref(&file),
        &ImportOptions::default(),
        &mut |_, _| {},
        &never,
    );
    assert!(
        report.errors[0].problem.to_string().contains("line 1"),
        "{:?}",
        report.errors
    );
}

#[test]
fn tags_by_name_creates_each_new_name_once_with_fresh_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = sample_session(dir.path());
    let party = create_tag(&mut session, "党建");
    let (tags, creates) =
        session.tags_by_name(["党建", "乡村振兴", " 乡村振兴 ", "", "生态", "党建"]);
    assert_eq!(tags.len(), 3, "党建, 乡村振兴, 生态: {tags:?}");
    assert_eq!(tags[0], party);
    assert_eq!(creates.len(), 2, "one CreateTag per new name");
    assert!(tags[1] != tags[2] && tags[1] != party && tags[2] != party);
    let mut steps = creates;
    steps.push(Edit::Tag {
        articles: vec![id(1), id(2)],
        add: tags.clone(),
        remove: vec![],
    });
    session.apply(Edit::Batch(steps)).expect("one step");
    for name in ["党建", "乡村振兴", "生态"] {
        assert_eq!(ids(&session, &format!("tag:{name}")).len(), 2, "{name}");
    }
    assert_eq!(session.project().tags.len(), 3);
    // One undo takes the new tags away with the tagging.
    session.undo().expect("undo");
    assert_eq!(session.project().tags.len(), 1);
}

#[test]
fn an_entity_merge_is_one_undoable_step_and_survives_reopening() {
    use jianbao::archive::model::EntityKind;
    use jianbao::archive::session::NameKind;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("archive");
    let mut session = sample_session(&dir);
    let people = |s: &Session| -> Vec<String> {
        s.names(NameKind::Person)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect()
    };
    let before = people(&session);
    assert!(before.contains(&"郑政平".to_string()), "{before:?}");
    // First an alias, so that the merge moves an entry with aliases.
    let alias = session
        .alias_entity(EntityKind::Person, "郑政平", "郑区长")
        .unwrap();
    session.apply(alias).unwrap();
    let merge = session
        .merge_entity(EntityKind::Person, "郑政平", "李皓")
        .unwrap();
    let summary = session.apply(merge).unwrap();
    assert_eq!(
        summary,
        EditSummary::EntityMerged {
            from: "郑政平".into(),
            into: "李皓".into()
        }
    );
    let merged = session
        .project()
        .entity_covering(EntityKind::Person, "郑区长");
    assert_eq!(merged.map(|e| e.name.as_str()), Some("李皓"));
    assert!(!people(&session).contains(&"郑政平".to_string()));
    assert_eq!(ids(&session, "person:郑政平"), ids(&session, "person:李皓"));
    // A merge into itself is refused.
    assert!(
        session
            .merge_entity(EntityKind::Person, "郑区长", "李皓")
            .is_err()
    );
    // Undo brings back the entry with its alias, as it was.
    session.undo().unwrap();
    let back = session
        .project()
        .entity_covering(EntityKind::Person, "郑区长")
        .cloned()
        .unwrap();
    assert_eq!(back.name, "郑政平");
    assert!(
        session
            .project()
            .entity_covering(EntityKind::Person, "李皓")
            .is_none()
    );
    assert_eq!(people(&session), before);
    session.redo().unwrap();
    drop(session);
    let session = Session::open(&dir).unwrap();
    assert_eq!(
        session
            .project()
            .entity_covering(EntityKind::Person, "郑政平")
            .map(|e| e.name.as_str()),
        Some("李皓")
    );
}
