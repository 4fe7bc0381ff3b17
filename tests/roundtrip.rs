//! JSON Lines as the archive's backup: an archive with tags (nested, coloured,
//! described), notes, collections, saved searches, user words and hand
//! corrections, exported to JSON Lines and imported into a new archive,
//! gives back the same edition files and project file; an export imported
//! into an archive with a vocabulary of its own merges by name; a JSON Lines
//! file written before the round trip was whole still imports.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use jianbao::archive::edit::{ArticleFields, Edit};
use jianbao::archive::export::{self, ExportFormat, ExportOptions};
use jianbao::archive::import::ImportOptions;
use jianbao::archive::model::{
    Collection, Edition, EntityKind, Project, SavedSearch, TagDef, TagId,
};
use jianbao::archive::store::Store;
use jianbao::archive::{ArticleId, ArticleSelection, Session};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/wujin-daily-2024-06-28.txt"
);

/// A second page: a kicker, a headline printed on two lines, a subtitle, a
/// byline naming a reporter and a correspondent, and a brief after it.
const PAGE_TWO: &str = "深化改革开放\n\n\
    村里来了\n科技特派员\n\n——记武进区农业技术推广站\n\n\
    本报讯（记者 王晓 通讯员 李明）昨天，区农业技术推广站的八名技术员来到村里。\n\n\
    他们带来了新的种子和技术。\n\n\
    短讯一则\n\n本报讯 区图书馆今起延长开放时间。";

fn never() -> AtomicBool {
    AtomicBool::new(false)
}

fn import(session: &mut Session, paths: &[PathBuf]) {
    let report = session.import(paths, &ImportOptions::default(), &mut |_, _| {}, &never());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
}

fn id(date: &str, page: u32, n: u32) -> ArticleId {
    ArticleId(format!("{date}-{page:02}-{n:02}"))
}

fn create_tag(
    session: &mut Session,
    name: &str,
    colour: Option<&str>,
    parent: Option<TagId>,
) -> TagId {
    let tag = TagDef {
        colour: colour.map(str::to_string),
        parent,
        description: Some(format!("{name}的说明")),
        ..session.new_tag(name)
    };
    let id = tag.id;
    session.apply(Edit::CreateTag(tag)).expect("create tag");
    id
}

fn tag(session: &mut Session, tag: TagId, articles: Vec<ArticleId>) {
    session
        .apply(Edit::Tag {
            articles,
            add: vec![tag],
            remove: vec![],
        })
        .expect("tag");
}

/// Builds the archive to back up in `dir`: two editions, three pages (one
/// in GB18030), every kind of editorial work.
fn build_archive(dir: &Path, pages: &Path) {
    std::fs::create_dir_all(pages).unwrap();
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let second = pages.join("2024-06-28_02.txt");
    std::fs::write(&second, encoding_rs::GB18030.encode(PAGE_TWO).0).unwrap();
    let next_day = pages.join("2024-06-29_01.txt");
    std::fs::write(&next_day, &sample).unwrap();
    let mut session = Session::create(dir, "武进日报").expect("create");
    import(&mut session, &[PathBuf::from(SAMPLE), second, next_day]);

    // Tags: a hierarchy three deep, colours, a tag moved under a newer one,
    // and a deleted tag, so ids have a gap and next_tag_id is past them all.
    let party = create_tag(&mut session, "党建", Some("#c0392b"), None);
    let gone = create_tag(&mut session, "待删除", None, None);
    let local = create_tag(&mut session, "基层党建", Some("#2980b9"), Some(party));
    let village = create_tag(&mut session, "乡村", None, None);
    let rural = create_tag(&mut session, "乡村振兴", Some("#27ae60"), None);
    session
        .apply(Edit::UpdateTag(TagDef {
            parent: Some(rural),
            ..session.project().tag(village).unwrap().clone()
        }))
        .expect("move a tag under a newer one");
    let deep = create_tag(&mut session, "村党支部", None, Some(local));
    session.apply(Edit::DeleteTag(gone)).expect("delete tag");
    tag(
        &mut session,
        party,
        vec![id("20240628", 1, 1), id("20240629", 1, 2)],
    );
    tag(&mut session, deep, vec![id("20240628", 1, 2)]);
    tag(
        &mut session,
        village,
        vec![id("20240628", 2, 1), id("20240628", 1, 1)],
    );
    tag(&mut session, rural, vec![id("20240628", 1, 4)]);

    for (article, note) in [
        (id("20240628", 1, 1), "核对,\"原文\"\n第二行"),
        (id("20240628", 2, 2), "待核实"),
    ] {
        session
            .apply(Edit::SetNote {
                article,
                note: note.into(),
            })
            .expect("note");
    }

    // Hand corrections: a split (a new id in the middle of the page), a
    // merge (a sequence number no article holds any more), fields set.
    session
        .apply(Edit::SplitArticle {
            article: id("20240628", 1, 1),
            at: 2,
        })
        .expect("split");
    session
        .apply(Edit::MergeWithPrevious {
            article: id("20240629", 1, 4),
        })
        .expect("merge");
    let third = session
        .article(&id("20240628", 1, 3))
        .unwrap()
        .unwrap()
        .article;
    let mut fields = ArticleFields::of(&third);
    fields.set("headline", "更正后的\n两行标题").unwrap();
    fields.set("subtitle", "——副题改过").unwrap();
    session
        .apply(Edit::SetFields {
            article: id("20240628", 1, 3),
            fields,
        })
        .expect("set fields");

    // Collections: one in a chosen order, one empty, one deleted.
    let mut ids = Vec::new();
    for name in ["苏陕协作", "空选集", "删掉的"] {
        let collection = session.new_collection(name);
        ids.push(collection.id);
        session
            .apply(Edit::CreateCollection {
                position: usize::MAX,
                collection,
            })
            .expect("collection");
    }
    session
        .apply(Edit::AddToCollection {
            id: ids[0],
            articles: vec![
                id("20240629", 1, 3),
                id("20240628", 2, 1),
                id("20240628", 1, 5),
            ],
        })
        .expect("add");
    session
        .apply(Edit::MoveInCollection {
            id: ids[0],
            article: id("20240628", 1, 5),
            to: 0,
        })
        .expect("move");
    session
        .apply(Edit::DeleteCollection(ids[2]))
        .expect("delete");
    session
        .apply(Edit::SaveSearch {
            position: 0,
            search: SavedSearch {
                name: "苏陕".into(),
                query: "苏陕 tag:党建".into(),
            },
        })
        .expect("saved search");
    // The entity vocabulary: an alias, and a name that is none.
    let alias = session
        .alias_entity(EntityKind::Person, "乔俊杰", "乔书记")
        .expect("alias");
    session.apply(alias).expect("alias");
    let none = session
        .not_an_entity(EntityKind::Place, "美丽乡")
        .expect("not an entity");
    session.apply(none).expect("not an entity");
    session.close().expect("close");

    // User words have no edit of their own: set in the project file.
    let mut store = Store::open(dir).expect("store");
    let project = Project {
        user_words: vec!["汉滨".into(), "苏陕协作".into()],
        ..store.project().clone()
    };
    store.save_project(project).expect("user words");
}

/// Exports every article of the archive in `dir` to `file`, oldest first.
fn export_all(dir: &Path, file: &Path) {
    let session = Session::open_read_only(dir).expect("open");
    let all = session
        .resolve(&ArticleSelection::Query(String::new()))
        .unwrap();
    let loaded = export::load_records(session.store(), &all, &never()).unwrap();
    assert!(loaded.missing.is_empty());
    let options = ExportOptions::new(ExportFormat::Jsonl, "武进日报", "全部");
    export::export_to_path(
        file,
        &loaded.records,
        &options,
        false,
        &mut |_, _| {},
        &never(),
    )
    .expect("export");
}

fn editions(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for year in std::fs::read_dir(dir.join("editions")).unwrap() {
        let year = year.unwrap().path();
        for file in std::fs::read_dir(&year).unwrap() {
            let path = file.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            files.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
        }
    }
    files.sort();
    files
}

fn assert_same_edition(a: &Edition, b: &Edition) {
    assert_eq!(a.date, b.date);
    assert_eq!(a.version, b.version, "{}", a.date);
    assert_eq!(a.pages.len(), b.pages.len(), "{}", a.date);
    for (pa, pb) in a.pages.iter().zip(&b.pages) {
        let at = format!("{} page {}", a.date, pa.number);
        assert_eq!(pa.number, pb.number, "{at}");
        assert_eq!(pa.source, pb.source, "{at}: source");
        assert_eq!(pa.encoding, pb.encoding, "{at}: encoding");
        assert_eq!(pa.last_seq, pb.last_seq, "{at}: last_seq");
        assert_eq!(
            pa.corrected_by_hand, pb.corrected_by_hand,
            "{at}: corrected"
        );
        let ids = |p: &jianbao::archive::model::Page| -> Vec<ArticleId> {
            p.articles.iter().map(|a| a.id.clone()).collect()
        };
        assert_eq!(ids(pa), ids(pb), "{at}: articles in order");
        for (x, y) in pa.articles.iter().zip(&pb.articles) {
            let at = format!("{at}, {}", x.id);
            assert_eq!(x.kicker, y.kicker, "{at}: kicker");
            assert_eq!(x.headline, y.headline, "{at}: headline as printed");
            assert_eq!(x.subtitle, y.subtitle, "{at}: subtitle");
            assert_eq!(x.byline, y.byline, "{at}: byline");
            assert_eq!(x.reporters, y.reporters, "{at}: reporters");
            assert_eq!(x.correspondents, y.correspondents, "{at}: correspondents");
            assert_eq!(x.paragraphs, y.paragraphs, "{at}: paragraphs");
            assert_eq!(x.tags, y.tags, "{at}: tags");
            assert_eq!(x.note, y.note, "{at}: note");
        }
    }
    assert_eq!(a, b);
}

fn assert_same_project(a: &Project, b: &Project) {
    assert_eq!(a.version, b.version);
    assert_eq!(a.paper, b.paper);
    assert_eq!(
        a.tags, b.tags,
        "tags: ids, names, colours, parents, descriptions"
    );
    assert_eq!(a.next_tag_id, b.next_tag_id);
    assert_eq!(a.collections, b.collections);
    assert_eq!(a.next_collection_id, b.next_collection_id);
    assert_eq!(a.saved_searches, b.saved_searches);
    assert_eq!(a.user_words, b.user_words);
    assert_eq!(a.entities, b.entities, "the entity vocabulary");
    assert_eq!(a.next_entity_id, b.next_entity_id);
    assert_eq!(a, b);
}

#[test]
fn a_json_lines_round_trip_gives_back_the_same_edition_and_project_files() {
    let dir = tempfile::tempdir().unwrap();
    let (from, to) = (dir.path().join("from"), dir.path().join("to"));
    build_archive(&from, &dir.path().join("pages"));
    let file = dir.path().join("backup.jsonl");
    export_all(&from, &file);

    let mut target = Session::create(&to, "武进日报").expect("create");
    import(&mut target, std::slice::from_ref(&file));
    target.close().expect("close");

    let (a, b) = (
        Store::open_read_only(&from).unwrap(),
        Store::open_read_only(&to).unwrap(),
    );
    // What the archive holds is what was built: the test would pass on nothing otherwise.
    let project = a.project();
    assert_eq!(project.tags.len(), 5);
    assert!(
        project
            .tags
            .iter()
            .any(|t| t.parent.is_some_and(|p| p > t.id))
    );
    assert_eq!(project.next_tag_id, 7);
    assert_eq!(project.collections.len(), 2);
    assert_eq!(project.collections[0].articles.len(), 3);
    assert_eq!(project.next_collection_id, 4);
    assert_same_project(a.project(), b.project());

    let date = |d| NaiveDate::from_ymd_opt(2024, 6, d).unwrap();
    for day in [28, 29] {
        let x = a.load_edition(date(day)).unwrap().unwrap();
        let y = b.load_edition(date(day)).unwrap().unwrap();
        assert_same_edition(&x, &y);
    }
    let first = a.load_edition(date(28)).unwrap().unwrap();
    assert!(first.pages[0].corrected_by_hand);
    assert_eq!(
        first.pages[0].articles[1].id,
        id("20240628", 1, 5),
        "split off in place"
    );
    assert_eq!(first.pages[1].encoding.as_deref(), Some("GB18030"));
    assert!(
        first
            .articles()
            .any(|(_, x)| x.headline.as_deref() == Some("村里来了\n科技特派员")),
        "{:?}",
        first.pages[1].articles
    );
    assert!(
        first.articles().any(|(_, x)| !x.correspondents.is_empty()),
        "a correspondent to carry"
    );
    let merged = a.load_edition(date(29)).unwrap().unwrap();
    assert!(merged.pages[0].last_seq > merged.pages[0].articles.len() as u32);

    // The files themselves, byte for byte.
    assert_eq!(editions(&from), editions(&to));
    assert_eq!(
        std::fs::read(from.join("project.ron")).unwrap(),
        std::fs::read(to.join("project.ron")).unwrap()
    );
    // And the search index of the restored archive finds by tag and collection.
    let target = Session::open_read_only(&to).unwrap();
    let found = |q: &str| target.resolve(&ArticleSelection::Query(q.into())).unwrap();
    assert_eq!(
        found("tag:党建").len(),
        3,
        "党建 and the tags nested under it"
    );
    assert_eq!(found("in:苏陕协作").len(), 3);
}

#[test]
fn an_export_into_an_archive_with_its_own_tags_merges_them_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("from");
    build_archive(&from, &dir.path().join("pages"));
    let file = dir.path().join("backup.jsonl");
    export_all(&from, &file);

    // The other archive has 党建 under another id and a collection of the same name.
    let mut target = Session::create(dir.path().join("to"), "另一份报").expect("create");
    let own = create_tag(&mut target, "自有标签", None, None);
    let party = create_tag(&mut target, "党建", Some("#000000"), None);
    assert_ne!(party, TagId(1));
    let collection = Collection {
        ..target.new_collection("苏陕协作")
    };
    target
        .apply(Edit::CreateCollection {
            position: 0,
            collection,
        })
        .unwrap();
    import(&mut target, std::slice::from_ref(&file));
    let project = target.project().clone();
    assert_eq!(project.paper, "另一份报", "the archive's own name stays");
    assert_eq!(
        project.tag(party).unwrap().colour.as_deref(),
        Some("#000000")
    );
    assert!(project.tag(own).is_some());
    let named = |name: &str| project.tag_named(name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(
        named("基层党建").parent,
        Some(party),
        "nested under the archive's 党建"
    );
    assert_eq!(named("村党支部").parent, Some(named("基层党建").id));
    assert_eq!(named("乡村").parent, Some(named("乡村振兴").id));
    assert_eq!(named("乡村振兴").colour.as_deref(), Some("#27ae60"));
    assert!(
        project.tag_named("待删除").is_none(),
        "unused tags stay behind"
    );
    assert_eq!(
        project.collections.len(),
        1,
        "no empty collection brought in"
    );
    assert_eq!(project.collections[0].articles.len(), 3);
    assert!(project.saved_searches.is_empty());
    let found = |q: &str| target.resolve(&ArticleSelection::Query(q.into())).unwrap();
    assert_eq!(found("tag:党建").len(), 3);
    let a = target
        .article(&id("20240628", 1, 2))
        .unwrap()
        .unwrap()
        .article;
    assert_eq!(a.tags, vec![named("村党支部").id]);
}

#[test]
fn an_older_json_lines_file_still_imports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.jsonl");
    // As exports wrote it before headlines kept their breaks: no tag ids,
    // no placement, no archive snapshot.
    std::fs::write(
        &file,
        concat!(
            r#"{"id":"20240628-01-02","date":"2024-06-28","page":1,"source":"a.txt","kicker":null,"headline":"第二篇","subtitle":null,"byline":null,"reporters":[],"correspondents":[],"paragraphs":["二。"],"tags":["党建","乡村"],"note":"注","characters":4}"#,
            "\n",
            r#"{"id":"20240628-01-01","date":"2024-06-28","page":1,"source":"a.txt","kicker":null,"headline":"第一篇","subtitle":null,"byline":null,"reporters":["张三"],"correspondents":[],"paragraphs":["一。"],"tags":[],"note":"","characters":4}"#,
            "\n"
        ),
    )
    .unwrap();
    let mut target = Session::create(dir.path().join("to"), "武进日报").expect("create");
    import(&mut target, std::slice::from_ref(&file));
    let project = target.project().clone();
    let names: Vec<&str> = project.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, vec!["党建", "乡村"]);
    let date = NaiveDate::from_ymd_opt(2024, 6, 28).unwrap();
    let edition = target.store().load_edition(date).unwrap().unwrap();
    let page = &edition.pages[0];
    // Without placements, file order.
    assert_eq!(page.articles[0].id.0, "20240628-01-02");
    assert_eq!(page.articles[0].tags.len(), 2);
    assert_eq!(page.articles[0].note, "注");
    assert_eq!(page.last_seq, 2);
    assert!(!page.corrected_by_hand);
}

#[test]
fn the_cli_round_trip_export_then_import_gives_back_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    let (from, to) = (dir.path().join("from"), dir.path().join("to"));
    build_archive(&from, &dir.path().join("pages"));
    let file = dir.path().join("backup.jsonl");
    let jianbao = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(args)
            .output()
            .expect("run jianbao");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    jianbao(&[
        os("export"),
        from.as_os_str(),
        os("--date"),
        os("2024-06-28..2024-06-29"),
        os("--format"),
        os("jsonl"),
        os("-o"),
        file.as_os_str(),
    ]);
    // `jianbao new` without --paper: the paper's name comes from the export.
    jianbao(&[os("new"), to.as_os_str()]);
    jianbao(&[os("import"), to.as_os_str(), file.as_os_str()]);
    assert_eq!(editions(&from), editions(&to));
    assert_eq!(
        std::fs::read_to_string(from.join("project.ron")).unwrap(),
        std::fs::read_to_string(to.join("project.ron")).unwrap()
    );
}
