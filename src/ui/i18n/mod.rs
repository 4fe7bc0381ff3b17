//! Every string the UI shows, one catalogue per language (`zh` default, `en`).
//!
//! Panels never hard-code text: they ask for a [`Msg`] in the current
//! [`Lang`]. Templates use `{name}` placeholders filled by [`fill`].

mod en;
pub mod words;
mod zh;

use serde::{Deserialize, Serialize};

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the menu lists them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The text of `msg` in this language.
    pub fn tr(self, msg: Msg) -> &'static str {
        match self {
            Lang::Zh => zh::text(msg),
            Lang::En => en::text(msg),
        }
    }

    /// The language's own name, as the language menu shows it.
    pub fn native_name(self) -> &'static str {
        self.tr(Msg::LanguageName)
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

/// Every message of the UI. Each catalogue matches on all of them, so a
/// missing translation is a compile error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // the names say what they are; the catalogues hold the text
pub enum Msg {
    LanguageName,
    AppTitle,
    // Menus
    MenuFile,
    MenuEdit,
    MenuView,
    MenuHelp,
    NewArchive,
    OpenArchive,
    RecentArchives,
    NoRecentArchives,
    OpenSampleArchive,
    ImportFiles,
    ImportFolder,
    Quit,
    CopyArticle,
    SelectAll,
    Find,
    Language,
    Theme,
    ThemeLight,
    ThemeDark,
    ShowArchivePanel,
    ShowReaderPanel,
    About,
    AboutText,
    Shortcuts,
    Close,
    // Search
    Search,
    SearchHint,
    ResultCount,
    RemoveFilter,
    ClearSearch,
    // Results
    ColumnDate,
    ColumnPage,
    ColumnHeadline,
    ColumnReporters,
    ColumnTags,
    Columns,
    HiddenForWidth,
    ShowSnippets,
    Loading,
    NoResults,
    Untitled,
    // Archive panel
    ArchiveHeading,
    TagsHeading,
    CollectionsHeading,
    NothingYet,
    YearNode,
    MonthNode,
    DayNode,
    PageNode,
    CalendarMonth,
    PreviousMonth,
    NextMonth,
    Weekdays,
    NoArchiveOpen,
    // Reader
    PreviousArticle,
    NextArticle,
    CopyText,
    Copied,
    Reporters,
    Correspondents,
    DatePage,
    PageNumber,
    NoArticleSelected,
    Tags,
    Note,
    // Status bar
    ArticleTotal,
    EditionTotal,
    SelectedCount,
    Importing,
    Indexing,
    Opening,
    BuildingSample,
    Cancel,
    ReadOnly,
    Ready,
    // Import
    ConfirmDateTitle,
    ConfirmDateText,
    EditionDate,
    DateFormatError,
    StartImport,
    ImportDone,
    ImportCancelled,
    ImportErrorsTitle,
    ImportErrorsText,
    NewArchiveName,
    // Errors
    OpenFailed,
    SearchFailed,
    LoadFailed,
    OpenedReadOnly,
    // Editing
    Undo,
    Redo,
    UndoStep,
    RedoStep,
    StepDone,
    StepUndone,
    StepRedone,
    TagSelection,
    SumTagged,
    SumUntagged,
    SumRetagged,
    SumNote,
    SumTagCreated,
    SumTagRenamed,
    SumTagChanged,
    SumTagMoved,
    SumTagMovedTop,
    SumTagRecoloured,
    SumTagDeleted,
    SumTagMerged,
    SumSearchSaved,
    SumSearchChanged,
    SumSearchDeleted,
    SumSeveral,
    Export,
    ExportTitle,
    ExportWhat,
    ExportSelection,
    ExportResults,
    ExportCollection,
    ExportDates,
    ExportFrom,
    ExportTo,
    ExportFormatLabel,
    ExportFields,
    ExportJsonlAll,
    ExportExists,
    ExportOverwrite,
    ExportChoose,
    FieldId,
    FieldCorrespondents,
    FieldCharacters,
    FieldText,
    Exporting,
    ExportDone,
    OpenFolder,
    ExportFailed,
    ExportCancelled,
    ErrExportFormat,
    ErrBadDate,
    TitleSelection,
    TitleSearch,
    TitleCollection,
    TitleDates,
    TitleAll,
    IndexInCache,
    IndexInMemory,
    IndexBusy,
    IndexRepaired,
    EditionsSkipped,
    SumCollectionCreated,
    SumCollectionRenamed,
    SumCollectionDeleted,
    SumAddedToCollection,
    SumRemovedFromCollection,
    SumCollectionReordered,
    ErrUnknownCollection,
    ErrCollectionExists,
    AddToCollection,
    NewCollection,
    NewCollectionTitle,
    RemoveFromCollection,
    MoveUp,
    MoveDown,
    RenameCollection,
    DeleteCollection,
    CollectionMissing,
    OpenArticle,
    FilterHere,
    ExportPeriod,
    OpenedInReader,
    SumSplit,
    SumMerged,
    SumFieldsCorrected,
    SumPageRestored,
    ErrUnknownField,
    ErrBadSplit,
    ErrNothingBefore,
    Correct,
    CorrectDone,
    SplitHere,
    MergePrevious,
    EditFields,
    FieldsTitle,
    FieldKicker,
    FieldHeadline,
    FieldSubtitle,
    FieldByline,
    FieldReporters,
    CorrectedByHand,
    ImportKeptCorrected,
    AddTag,
    TagName,
    AddTagHint,
    CreateTagNamed,
    RemoveTag,
    NoteHeading,
    NoteHint,
    TagDialogTitle,
    NothingSelected,
    RenameTag,
    TagColour,
    NoColour,
    DescribeTag,
    MergeTagInto,
    MoveToTop,
    DeleteTag,
    DeleteTagConfirm,
    Delete,
    NewName,
    Description,
    Ok,
    DragToNest,
    SavedHeading,
    SaveSearch,
    SaveSearchTitle,
    SearchName,
    Save,
    SavedCount,
    FilterByTag,
    ShortcutsNavigation,
    ShortcutsCommands,
    ShortcutsSyntax,
    NavMove,
    NavPage,
    NavEnds,
    NavOpen,
    NavShiftClickKey,
    NavShiftClick,
    NavCtrlClickKey,
    NavCtrlClick,
    NavDropKey,
    NavDrop,
    SynAnd,
    SynPhrase,
    SynExclude,
    SynOr,
    SynTag,
    SynCollection,
    SynReporter,
    SynPage,
    SynDate,
    SynHeadline,
    SynNotes,
    EditFailed,
    Migrated,
    ErrLocked,
    ErrReadOnly,
    ErrRon,
    ErrIo,
    ErrNotFound,
    ErrPermission,
    ErrDiskFull,
    ErrNotProject,
    ErrExists,
    ErrNewer,
    ErrNeedsMigration,
    ErrEncode,
    ErrQuery,
    QueryBeingTyped,
    QuerySyntaxHint,
    QOrNeedsWords,
    QNegatedOr,
    QLoneMinus,
    QUnbalancedQuote,
    QEmptyValue,
    QEmptyPhrase,
    QEmptyWord,
    QNothingToSearch,
    QPageBackwards,
    QDateBackwards,
    QOpenRange,
    QBadPage,
    QBadDate,
    ErrIndex,
    ErrUnknownTag,
    ErrTagExists,
    ErrBadTagName,
    ErrTagCycle,
    ErrTagInUse,
    ErrUnknownArticle,
    ErrUnknownSaved,
    ErrSavedExists,
    ErrEmptyName,
    ErrNothingToUndo,
    ErrNothingToRedo,
    DialogOpen,
    DialogNewFolder,
    DialogNewFolderName,
    DialogRename,
    DialogRefresh,
    DialogParent,
    DialogFileLabel,
    DialogShowHidden,
    NoNativeDialog,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_placeholders() {
        let text = fill("{n} 条结果 · {ms} 毫秒", &[("n", &3), ("ms", &"12")]);
        assert_eq!(text, "3 条结果 · 12 毫秒");
    }

    #[test]
    fn catalogues_differ() {
        assert_ne!(Lang::Zh.tr(Msg::MenuFile), Lang::En.tr(Msg::MenuFile));
    }
}
