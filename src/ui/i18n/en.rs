//! The English catalogue.

use super::Msg;

/// The English text of `msg`.
pub fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::CalendarHeading => "Calendar",
        Msg::CorrectHint => {
            "Correct this article: merge it with the one before, split it at a paragraph, fix its title block and byline"
        }
        Msg::MergeFirstHint => {
            "This is the first article of its page: there is none before it to merge with"
        }
        Msg::TextSize => "Text size",
        Msg::ZoomIn => "Larger text",
        Msg::ZoomOut => "Smaller text",
        Msg::ZoomReset => "Default text size",
        Msg::ImportPhaseRead => "reading and parsing {done}/{total}",
        Msg::ImportPhaseIndex => "writing and indexing…",
        Msg::ImportingPrefix => "Importing: ",
        Msg::EmptyArchive => {
            "This archive has no articles yet. Import page files (.txt) or a whole folder to begin."
        }
        Msg::PaperNameTitle => "New archive",
        Msg::PaperNameLabel => "Paper's name",
        Msg::NavSearchKeyLeave => "Esc / ↓ (in the search box)",
        Msg::NavSearchLeave => {
            "Leave the search box for the results; Ctrl+A then selects the results"
        }
        Msg::ReporterFilterHint => "Show only this reporter's articles",
        Msg::FilterByReporter => "Only {name}'s articles",
        Msg::SelectionExportName => "{n} selected",
        Msg::SearchExportName => "search {query}",
        Msg::LanguageName => "English",
        Msg::AppTitle => "Jianbao",
        Msg::MenuFile => "File",
        Msg::MenuEdit => "Edit",
        Msg::MenuView => "View",
        Msg::MenuHelp => "Help",
        Msg::NewArchive => "New archive…",
        Msg::OpenArchive => "Open archive…",
        Msg::RecentArchives => "Recent archives",
        Msg::NoRecentArchives => "(none)",
        Msg::OpenSampleArchive => "Open sample archive",
        Msg::ImportFiles => "Import files…",
        Msg::ImportFolder => "Import folder…",
        Msg::Quit => "Quit",
        Msg::CopyArticle => "Copy article",
        Msg::SelectAll => "Select all",
        Msg::Find => "Find",
        Msg::Language => "Language",
        Msg::Theme => "Theme",
        Msg::ThemeLight => "Light",
        Msg::ThemeDark => "Dark",
        Msg::ShowArchivePanel => "Archive panel",
        Msg::ShowReaderPanel => "Reader panel",
        Msg::About => "About Jianbao",
        Msg::AboutText => {
            "Jianbao (剪报): a newsroom's clipping archive. Import page text; search, read and tag articles."
        }
        Msg::Shortcuts => "Shortcuts and search syntax",
        Msg::Close => "Close",
        Msg::Search => "Search",
        Msg::SearchHint => "Search…  tag:…  date:{month}  reporter:…  in:…",
        Msg::ResultCount => "Results: {n} · {ms} ms",
        Msg::RemoveFilter => "Remove filter",
        Msg::ClearSearch => "Clear",
        Msg::ColumnDate => "Date",
        Msg::ColumnPage => "Page",
        Msg::ColumnHeadline => "Headline",
        Msg::ColumnReporters => "Reporters",
        Msg::ColumnTags => "Tags",
        Msg::Columns => "Columns",
        Msg::HiddenForWidth => "(hidden: the window is too narrow)",
        Msg::ShowSnippets => "A line of the match under each result",
        Msg::Loading => "Loading…",
        Msg::NoResults => "No articles found",
        Msg::Untitled => "(untitled)",
        Msg::ArchiveHeading => "Archive",
        Msg::TagsHeading => "Tags",
        Msg::CollectionsHeading => "Collections",
        Msg::NothingYet => "(none yet)",
        Msg::YearNode => "{year}",
        Msg::MonthNode => "{year}-{month02}",
        Msg::DayNode => "{year}-{month02}-{day02}",
        Msg::PageNode => "Page {page}",
        Msg::CalendarMonth => "{year}-{month02}",
        Msg::PreviousMonth => "Previous month",
        Msg::NextMonth => "Next month",
        Msg::Weekdays => "MTWTFSS",
        Msg::NoArchiveOpen => "No archive open",
        Msg::PreviousArticle => "Previous",
        Msg::NextArticle => "Next",
        Msg::CopyText => "Copy text",
        Msg::Copied => "Copied",
        Msg::Reporters => "Reporters: {names}",
        Msg::Correspondents => "Correspondents: {names}",
        Msg::DatePage => "{date} · page {page}",
        Msg::PageNumber => "Page {page}",
        Msg::NoArticleSelected => "Select an article in the list to read it",
        Msg::Tags => "Tags: {names}",
        Msg::Note => "Note: {note}",
        Msg::ArticleTotal => "Articles: {n}",
        Msg::EditionTotal => "Editions: {n}",
        Msg::SelectedCount => "Selected: {n}",
        Msg::Indexing => "Indexing…",
        Msg::Opening => "Opening archive…",
        Msg::BuildingSample => "Building the sample archive…",
        Msg::Cancel => "Cancel",
        Msg::ReadOnly => "Read-only (another window is editing this archive)",
        Msg::Ready => "Ready",
        Msg::ConfirmDateTitle => "Confirm the edition date",
        Msg::ConfirmDateText => "These file names carry no date; enter the date of these pages:",
        Msg::EditionDate => "Edition date",
        Msg::DateFormatError => "Write the date as YYYY-MM-DD",
        Msg::StartImport => "Import",
        Msg::ImportDone => {
            "Imported {files} files, {articles} articles ({new} new, {changed} changed, {removed} removed)"
        }
        Msg::ImportCancelled => "Import cancelled",
        Msg::ImportErrorsTitle => "Import errors",
        Msg::ImportErrorsText => "These files were not imported; the rest were:",
        Msg::NewArchiveName => "New archive",
        Msg::OpenFailed => "Cannot open the archive: {error}",
        Msg::SearchFailed => "Search failed: {error}",
        Msg::LoadFailed => "Cannot read the article: {error}",
        Msg::OpenedReadOnly => "Another window has this archive open; opened read-only",
        Msg::Undo => "Undo",
        Msg::Redo => "Redo",
        Msg::UndoStep => "Undo: {step}",
        Msg::RedoStep => "Redo: {step}",
        Msg::StepDone => "Done: {step}",
        Msg::StepUndone => "Undone: {step}",
        Msg::StepRedone => "Redone: {step}",
        Msg::TagSelection => "Tag selected articles…",
        Msg::SumTagged => "tag {n} article(s) ‘{tags}’",
        Msg::SumUntagged => "remove ‘{tags}’ from {n} article(s)",
        Msg::SumRetagged => "change the tags of {n} article(s)",
        Msg::SumNote => "edit a note",
        Msg::SumTagCreated => "create tag ‘{name}’",
        Msg::SumTagRenamed => "rename tag ‘{from}’ to ‘{to}’",
        Msg::SumTagChanged => "change tag ‘{name}’",
        Msg::SumTagDeleted => "delete tag ‘{name}’",
        Msg::SumTagMerged => "merge tag ‘{from}’ into ‘{into}’",
        Msg::SumSearchSaved => "save search ‘{name}’",
        Msg::SumSearchChanged => "change saved search ‘{name}’",
        Msg::SumSearchDeleted => "delete saved search ‘{name}’",
        Msg::SumSeveral => "{n} changes",
        Msg::AddTag => "Add tag",
        Msg::AddTagHint => "tag name or pinyin, Enter adds",
        Msg::CreateTagNamed => "Create tag “{name}”",
        Msg::RemoveTag => "Remove this tag",
        Msg::NoteHeading => "Note",
        Msg::NoteHint => "Write a note… (saved when you pause)",
        Msg::TagDialogTitle => "Tag {n} article(s)",
        Msg::NothingSelected => "Select articles in the results first",
        Msg::RenameTag => "Rename…",
        Msg::TagColour => "Colour",
        Msg::NoColour => "None",
        Msg::DescribeTag => "Description…",
        Msg::MergeTagInto => "Merge into",
        Msg::MoveToTop => "Move to top level",
        Msg::DeleteTag => "Delete…",
        Msg::DeleteTagConfirm => {
            "Delete tag “{name}”? It will be removed from {n} article(s) (undoable)."
        }
        Msg::Delete => "Delete",
        Msg::NewName => "New name",
        Msg::Description => "Description",
        Msg::Ok => "OK",
        Msg::DragToNest => "Drag onto another tag to nest it",
        Msg::SavedHeading => "Saved searches",
        Msg::SaveSearch => "Save this search…",
        Msg::SaveSearchTitle => "Save search",
        Msg::SearchName => "Name",
        Msg::Save => "Save",
        Msg::SavedCount => "{name} ({n})",
        Msg::FilterByTag => "Filter by this tag",
        Msg::ShortcutsNavigation => "The results list",
        Msg::ShortcutsCommands => "Commands",
        Msg::ShortcutsSyntax => "Search syntax",
        Msg::NavMove => "Previous / next result",
        Msg::NavPage => "One page up / down",
        Msg::NavEnds => "First / last result",
        Msg::NavOpen => "Open the current result in the reader",
        Msg::NavShiftClickKey => "Shift+click",
        Msg::NavShiftClick => "Select a run of results",
        Msg::NavCtrlClickKey => "Ctrl+click",
        Msg::NavCtrlClick => "Add or remove one result",
        Msg::NavDropKey => "Drag and drop",
        Msg::NavDrop => {
            "Drop page files on the window to import them, an archive folder to open it; drag selected results onto a collection"
        }
        Msg::SynAnd => "Both words (separated by a space)",
        Msg::SynPhrase => "The whole phrase, as written",
        Msg::SynExclude => "Without this word",
        Msg::SynOr => "Either word",
        Msg::SynTag => "Carrying this tag (or one under it)",
        Msg::SynCollection => "Articles in this collection; alone, in the collection's order",
        Msg::SynReporter => "By this reporter",
        Msg::EntityPeople => "People:",
        Msg::EntityPlaces => "Places:",
        Msg::EntityOrgs => "Organisations:",
        Msg::EntityMore => "and {n} more",
        Msg::EntitySearchHint => {
            "Search the archive for this name (found automatically; may be wrong)"
        }
        Msg::ErrIndexOld => {
            "The search index {path} was built by an older version and needs rebuilding"
        }
        Msg::SynEvent => "Speaks of that day (昨天, 6月26日—27日… counted from the edition's date)",
        Msg::SynPage => "On this page, or these pages",
        Msg::SynDate => "In this year, month, day, or range",
        Msg::SynHeadline => "With this word in the headline",
        Msg::SynNotes => {
            "A single character is found too, with Ctrl+F recall; full-width colons, quotes and minus signs work like ASCII ones. Conditions combine freely, e.g. 标签:党建 日期:{month} -汉滨"
        }
        Msg::EditFailed => "Edit failed: {error}",
        Msg::Migrated => "The archive was migrated from format {from}",
        Msg::ErrLocked => {
            "{path}: the archive is open for writing in another program{holder}; close it there or open read-only"
        }
        Msg::ErrReadOnly => "The archive is open read-only and cannot be changed",
        Msg::ErrRon => {
            "{path}:{line}:{col}: {message} (the file was left as it is; fix it or restore a backup)"
        }
        Msg::ErrIo => "{path}: {message}",
        Msg::ErrNotFound => "no such file or folder",
        Msg::ErrPermission => "permission denied",
        Msg::ErrDiskFull => "the disk is full",
        Msg::ErrNotProject => "{path} is not a Jianbao archive (no project.ron)",
        Msg::ErrExists => "{path} already holds an archive",
        Msg::ErrNewer => {
            "{path} was written by a newer Jianbao (format {found}; this one reads {supported}); upgrade Jianbao"
        }
        Msg::ErrNeedsMigration => "{path} must be migrated; open it for writing once",
        Msg::ErrEncode => "{path}: cannot save: {message}",
        Msg::ErrQuery => "Malformed query: {message}",
        Msg::IpNotFound => "No such file or folder",
        Msg::IpUnreadable => "Cannot be read: {detail}",
        Msg::IpNoDate => {
            "No edition date in the file name; name it like 2024-06-28.txt or 20240628_01.txt, or give the date when importing"
        }
        Msg::IpDateOutside => "The edition date {date} is outside the years {first}–{last}",
        Msg::IpPageOutside => "Page {page} is outside {first}–{last}",
        Msg::IpPageInName => {
            "The page number {text} in the file name is outside {first}–{last}; rename the file"
        }
        Msg::IpEmpty => "The file is empty",
        Msg::IpBinary => "The file looks binary (byte 0x{byte} at offset {offset}), not page text",
        Msg::IpUndecodable => {
            "The text is neither UTF-8 nor GB18030/GBK (undecodable from offset {offset}); convert it to UTF-8"
        }
        Msg::IpCollision => {
            "Lands on {date} page {page}, as does {others}; none of them was imported. Give each file its page in the name (…_01.txt, …_02.txt)"
        }
        Msg::IpIndex => "Saved, but the index was not updated: {error}",
        Msg::IpBadJsonLine => "Line {line}, column {column} is not valid JSON: {detail}",
        Msg::IpBadId => {
            "Line {line}: “{id}” is not an article id (YYYYMMDD-PP-NN, years {first}–{last})"
        }
        Msg::IpRecordDateOutside => {
            "Line {line}: the date {date} is outside the years {first}–{last}"
        }
        Msg::IpIdMismatch => {
            "Line {line}: article {id} says {date}, page {page}, which is not what its id gives"
        }
        Msg::IpDuplicateId => "Line {line}: article {id} is on line {first} already",
        Msg::IpBadTagInRecord => "Line {line}: “{name}” cannot be a tag name",
        Msg::IpArticleTooLarge => {
            "An article holds at most {limit} MiB of text; one here is larger"
        }
        Msg::IpArticleTooLargeAt => {
            "Line {line}: an article holds at most {limit} MiB of text; this one is larger"
        }
        Msg::IpFileTooLarge => "The file is {bytes} bytes; a page file holds at most {limit} MiB",
        Msg::ErrMergeIntoItself => "Tag “{name}” cannot be merged into itself",
        Msg::ErrTooLarge => "An article holds at most {limit} MiB of text",
        Msg::ExportNotAFile => {
            "{path} is not a regular file (a folder, link, pipe or device); choose a file name"
        }
        Msg::QueryBeingTyped => "…",
        Msg::QuerySyntaxHint => "Help › Shortcuts and search syntax lists every form",
        Msg::QOrNeedsWords => "OR needs a word on each side, e.g. 苏陕 OR 东西部",
        Msg::QNegatedOr => "`-` cannot be combined with OR; exclude words separately",
        Msg::QLoneMinus => "A `-` must be followed by a word to exclude, e.g. -汉滨",
        Msg::QUnbalancedQuote => "Unbalanced quote: {phrase} has no closing quote",
        Msg::QEmptyValue => "Nothing after `{field}:`, e.g. {example}",
        Msg::QEmptyPhrase => "Empty phrase \"\"",
        Msg::QEmptyWord => "Empty word",
        Msg::QNothingToSearch => "`{word}` has no characters, letters or digits to search for",
        Msg::QPageBackwards => "Page range {value} ends before it starts",
        Msg::QDateBackwards => "Date range {value} ends before it starts",
        Msg::QOpenRange => "`{field}:..` needs a start or an end",
        Msg::QBadPage => "`page:{value}`: a page is a number, e.g. page:3 or page:1..4",
        Msg::QBadDate => {
            "`date:{value}` is not a date; write a year, year-month or year-month-day, e.g. 2024, 2024-06, 2024-06-28 (ranges: a..b)"
        }
        Msg::ErrIndex => "Search index error ({path}): {message}",
        Msg::ErrUnknownTag => "No tag named “{name}”",
        Msg::ErrTagExists => "A tag named “{name}” exists already (use Merge into)",
        Msg::ErrBadTagName => {
            "“{name}” cannot be a tag name: it must not be empty or contain spaces, quotes or colons"
        }
        Msg::ErrTagCycle => "“{tag}” cannot go under “{parent}”, which is inside it",
        Msg::ErrTagInUse => "Tag “{name}” is still in use",
        Msg::ErrUnknownArticle => "No article {id}",
        Msg::ErrUnknownSaved => "No saved search named “{name}”",
        Msg::ErrSavedExists => "A saved search named “{name}” exists already",
        Msg::ErrEmptyName => "A name is needed",
        Msg::ErrNothingToUndo => "Nothing to undo",
        Msg::ErrNothingToRedo => "Nothing to redo",
        Msg::DialogOpen => "Open",
        Msg::DialogNewFolder => "New folder",
        Msg::DialogNewFolderName => "New folder",
        Msg::DialogRename => "Rename",
        Msg::DialogRefresh => "Refresh",
        Msg::DialogParent => "Parent folder",
        Msg::DialogFileLabel => "File:",
        Msg::DialogShowHidden => "Show hidden files",
        Msg::NoNativeDialog => {
            "The system file dialog cannot be shown (no working XDG desktop portal or zenity); using Jianbao's own dialog"
        }
        Msg::TagName => "Tag name",
        Msg::SumTagMoved => "nest tag ‘{name}’ under ‘{parent}’",
        Msg::SumTagMovedTop => "move tag ‘{name}’ to the top level",
        Msg::SumTagRecoloured => "recolour tag ‘{name}’",
        Msg::SumSplit => "split an article",
        Msg::SumMerged => "merge with the previous article",
        Msg::SumFieldsCorrected => "correct the title and byline",
        Msg::SumPageRestored => "restore a page",
        Msg::StatsTitle => "Article counts",
        Msg::StatsMenu => "Article counts…",
        Msg::StatsExport => "Export article counts",
        Msg::StatsByMonth => "Month",
        Msg::StatsByPage => "Page",
        Msg::StatsByReporter => "Reporter",
        Msg::StatsCount => "Articles",
        Msg::StatsTotal => "Total",
        Msg::StatsUnsigned => "(unsigned)",
        Msg::StatsAll => "Every article",
        Msg::StatsOfQuery => "This search: {query}",
        Msg::StatsArticles => "{n} articles",
        Msg::StatsExportXlsx => "Export XLSX…",
        Msg::StatsExportCsv => "Export CSV…",
        Msg::StatsExported => "Article counts written to {path}",
        Msg::NamesFilter => "Filter",
        Msg::ChartTitleDaily => "Articles per day",
        Msg::TabArchive => "Archive",
        Msg::TabNames => "Index",
        Msg::KindPerson => "People",
        Msg::KindPlace => "Places",
        Msg::KindOrg => "Organisations",
        Msg::KindReporter => "Reporters",
        Msg::NamesFilterHint => "characters, pinyin or initials",
        Msg::NamesOrder => "Order:",
        Msg::NamesByCount => "Count",
        Msg::NamesByPinyin => "Pinyin",
        Msg::NamesLoading => "Counting…",
        Msg::NamesCount => "{n} of {all}",
        Msg::NamesNone => "No name matches",
        Msg::NamesClickHint => {
            "Click to see the articles naming it; right-click to rename, merge or add a name"
        }
        Msg::NamesAliases => "Also: {aliases}",
        Msg::NamesRename => "Rename…",
        Msg::NamesAddAlias => "Add another name…",
        Msg::NamesMergeInto => "Merge into…",
        Msg::NamesNotAnEntity => "This is not a name",
        Msg::NamesRenameTitle => "Rename “{name}”",
        Msg::NamesAliasTitle => "Another name for “{name}”",
        Msg::NamesAliasLabel => "Other name",
        Msg::NamesMergeTitle => "Merge “{name}” into…",
        Msg::NamesMergeLabel => "Into",
        Msg::PageView => "Printed page",
        Msg::PageViewHint => "See the article on its printed page (Ctrl+Shift+P)",
        Msg::ShowOnPage => "Show on the page",
        Msg::PageN => "Page {n}",
        Msg::FitWidth => "Fit width",
        Msg::FitPage => "Fit page",
        Msg::PageZoomIn => "Zoom in",
        Msg::PageZoomOut => "Zoom out",
        Msg::CopyClipping => "Copy clipping",
        Msg::SaveClipping => "Save clipping…",
        Msg::NoRegionHint => "The article has no place on a printed page (imported as text)",
        Msg::PageFromText => {
            "This page was imported as text, so there is no picture of it. Import the page's PDF: its articles keep their tags and notes and gain their place on the page."
        }
        Msg::AttachPagePdf => "Import the page's PDF…",
        Msg::PageRendering => "Drawing the page…",
        Msg::ClippingCopied => "Clipping copied to the clipboard ({w}×{h} pixels)",
        Msg::ClippingSaved => "Clipping saved: {path}",
        Msg::ClippingFailed => "Cannot cut the clipping: {error}",
        Msg::ErrNotPdf => "{path}: not a readable PDF ({detail})",
        Msg::ErrNoSuchPdfPage => "{path}: has no page {index} (it has {pages})",
        Msg::ErrImageTooLarge => "The image would be {w}×{h} pixels (at most {max} a side)",
        Msg::ErrNoRegion => "The article has no place on its printed page",
        Msg::PageRenderFailed => "Cannot draw the page: {error}",
        Msg::ShowChart => "Chart by month",
        Msg::ShowNames => "Index of names",
        Msg::ChartTitle => "Articles per month",
        Msg::ChartSummary => "{n} articles, {from} to {to}; click a bar for its articles",
        Msg::ChartArticles => "articles",
        Msg::ChartCounting => "Counting…",
        Msg::ChartEmpty => "No articles",
        Msg::ErrNotAnAlias => "“{name}” is not another name of this entry",
        Msg::SumEntityRenamed => "rename ‘{from}’ to ‘{to}’",
        Msg::SumEntityMerged => "merge ‘{from}’ into ‘{into}’",
        Msg::SumEntityAliasAdded => "make ‘{alias}’ another name of ‘{name}’",
        Msg::SumEntityAliasRemoved => "split ‘{alias}’ off ‘{name}’",
        Msg::SumNotAnEntity => "mark ‘{name}’ as no entity",
        Msg::SumEntityChanged => "change ‘{name}’",
        Msg::ErrBadEntityName => "“{name}” cannot be a name (no spaces, quotes or colons)",
        Msg::ErrEntityNameTaken => "“{name}” already names another entry; merge the two instead",
        Msg::ErrUnknownEntity => "No such entry (id {name})",
        Msg::ErrUnknownField => "No field “{name}”",
        Msg::ErrBadSplit => "Article {id} has {n} paragraphs; it cannot be split there",
        Msg::ErrNothingBefore => {
            "Article {id} is the first on its page; there is nothing to merge it into"
        }
        Msg::Correct => "Correct…",
        Msg::CorrectDone => "Done correcting",
        Msg::SplitHere => "▼ Split here",
        Msg::MergePrevious => "Merge with previous",
        Msg::EditFields => "Edit title and byline…",
        Msg::FieldsTitle => "Correct title and byline",
        Msg::FieldKicker => "Kicker",
        Msg::FieldHeadline => "Headline",
        Msg::FieldSubtitle => "Subtitle",
        Msg::FieldByline => "Byline",
        Msg::FieldReporters => "Reporters",
        Msg::CorrectedByHand => "This page was corrected by hand; re-imports keep it",
        Msg::ImportKeptCorrected => "{n} page(s) corrected by hand were kept",
        Msg::SumCollectionCreated => "create collection ‘{name}’",
        Msg::SumCollectionRenamed => "rename collection ‘{from}’ to ‘{to}’",
        Msg::SumCollectionDeleted => "delete collection ‘{name}’",
        Msg::SumAddedToCollection => "add {n} article(s) to collection ‘{name}’",
        Msg::SumRemovedFromCollection => "remove {n} article(s) from collection ‘{name}’",
        Msg::SumCollectionReordered => "reorder collection ‘{name}’",
        Msg::ErrUnknownCollection => "No collection named “{name}”",
        Msg::ErrCollectionExists => "A collection named “{name}” exists already",
        Msg::AddToCollection => "Add to collection",
        Msg::NewCollection => "New collection…",
        Msg::NewCollectionTitle => "New collection ({n} articles)",
        Msg::RemoveFromCollection => "Remove from collection",
        Msg::MoveUp => "Move up",
        Msg::MoveDown => "Move down",
        Msg::RenameCollection => "Rename…",
        Msg::DeleteCollection => "Delete collection",
        Msg::CollectionMissing => "{name}: {n} missing (removed from the archive)",
        Msg::OpenArticle => "Open",
        Msg::FilterHere => "Show only these dates",
        Msg::ExportPeriod => "Export these dates…",
        Msg::OpenedInReader => "Opened in the reader: {headline}",
        Msg::IndexInCache => {
            "The archive folder cannot be written; searching an index in the cache: {path}"
        }
        Msg::IndexInMemory => {
            "The index cannot be written to disk; built in memory for this session"
        }
        Msg::IndexBusy => {
            "Another program is updating the index; changes to {n} editions are not searched yet"
        }
        Msg::IndexRepaired => {
            "The search index was damaged and has been rebuilt from the archive files"
        }
        Msg::EditionsSkipped => {
            "{n} edition file(s) could not be read; results may be incomplete: {first}"
        }
        Msg::Export => "Export…",
        Msg::ExportTitle => "Export",
        Msg::ExportWhat => "Which articles:",
        Msg::ExportSelection => "Selected articles ({n})",
        Msg::ExportResults => "All results of the search ({n})",
        Msg::ExportCollection => "Collection “{name}” ({n})",
        Msg::ExportDates => "Date range",
        Msg::ExportFrom => "From",
        Msg::ExportTo => "To",
        Msg::ExportFormatLabel => "Format:",
        Msg::ExportFields => "Fields and their order:",
        Msg::ExportJsonlAll => "JSON Lines always carries the full record",
        Msg::ExportExists => "{path} exists already.",
        Msg::ExportOverwrite => "Overwrite",
        Msg::ExportChoose => "Choose where and export…",
        Msg::FieldId => "Id",
        Msg::FieldCorrespondents => "Correspondents",
        Msg::FieldCharacters => "Characters",
        Msg::FieldText => "Text",
        Msg::Exporting => "Exporting {done}/{total}",
        Msg::ExportDone => "Exported {n} articles to {path}",
        Msg::OpenFolder => "Open folder",
        Msg::ExportFailed => "Export failed: {error}",
        Msg::ExportCancelled => "Export cancelled; no file was left",
        Msg::ErrExportFormat => "Cannot write {format}: {message}",
        Msg::ErrBadDate => "“{date}” is not a date (YYYY-MM-DD)",
        Msg::TitleSelection => "Selected articles",
        Msg::TitleSearch => "Search: {query}",
        Msg::TitleCollection => "Collection: {name}",
        Msg::TitleDates => "{from} to {to}",
        Msg::TitleAll => "All articles",
    }
}
