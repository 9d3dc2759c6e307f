import GlossaModel
import GlossaText

/// One segment of an XLIFF file, translated or not, as `XLIFFReader.nextSegment()` reads it.
///
/// A segment is a 1.2 `<trans-unit>` (or, when it has a `<seg-source>`, each `<mrk mtype="seg">`
/// of it, with the target's `<mrk>` of the same `mid`), or an XLIFF 2 `<segment>`.
public struct XLIFFSegment: Sendable {
    /// The `id` of its `<trans-unit>` or `<unit>`.
    public var unitId: String?
    /// The `mid` of its `<mrk mtype="seg">` (1.2) or the `id` of its `<segment>` (2); nil when
    /// the unit is not segmented.
    public var segmentId: String?
    /// How many segments its unit has.
    public var segmentsInUnit: Int
    public var version: XLIFFVersion
    public var sourceLanguage: LanguageTag?
    public var targetLanguage: LanguageTag?
    public var source: XLIFFInlineCodes.Content
    /// nil when there is no `<target>` (or no target `<mrk>` of its `mid`).
    public var target: XLIFFInlineCodes.Content?
    /// The state that decides whether it is imported, as the file writes it: XLIFF `state`,
    /// `approved="yes"` as `approved`, SDL Trados' `conf`, memoQ's `mq:status`.
    public var state: String?
    /// Which attribute `state` came from.
    public var stateOrigin: StateOrigin
    /// XLIFF 1.2 `state-qualifier` (e.g. `leveraged-tm`, `fuzzy-match`).
    public var stateQualifier: String?
    /// False for `translate="no"` units (or groups and files, which their units inherit).
    public var translatable: Bool
    /// The `original` of its `<file>`.
    public var original: String?
    public var notes: [String]
    /// Line of its `<trans-unit>` or `<unit>`.
    public var line: Int

    public enum StateOrigin: String, Sendable {
        case none
        /// `<target state>` (1.2) or `<segment state>` (2).
        case xliff
        /// `<trans-unit approved="yes">`.
        case approved
        /// `<sdl:seg conf>` of an `.sdlxliff` file.
        case sdl
        /// `<trans-unit mq:status>` of an `.mqxliff` file.
        case memoQ
    }

    /// The id reported for it: the unit's id, with the segment's after `#` when the unit has several.
    public var tuid: String? {
        guard segmentsInUnit > 1, let segmentId else { return unitId }
        return "\(unitId ?? "")#\(segmentId)"
    }
}

extension XLIFFSegment {
    /// XLIFF 1.2 states of finished translations. `new`, `needs-translation`, `needs-adaptation`,
    /// `needs-l10n` and the three `needs-review-*` are drafts: a memory keeps only translations a
    /// translator stands by, so review states count as not finished (as Okapi's leveraging does,
    /// stricter than Weblate, which shows `needs-review-*` as translated).
    public static let finishedStates1: Set<String> = ["translated", "signed-off", "final"]
    /// XLIFF 2 states of finished translations; `initial` is a draft.
    public static let finishedStates2: Set<String> = ["translated", "reviewed", "final"]
    /// SDL Trados confirmation levels of finished translations; `Draft`, `RejectedTranslation`,
    /// `RejectedSignOff` and no level are not.
    public static let finishedSDLLevels: Set<String> = ["Translated", "ApprovedTranslation", "ApprovedSignOff"]
    /// memoQ statuses of confirmed translations (`Proofread` is the second reviewer's); `NotStarted`,
    /// `PreTranslated`, `PartiallyEdited`, `MachineTranslated`, `AssembledFromFragments` and
    /// `Rejected` are not.
    public static let finishedMemoQStatuses: Set<String> = ["ManuallyConfirmed", "Reviewer1Confirmed", "Proofread"]

    /// Why the segment is not imported as a memory unit, nil when it is: it must be translatable,
    /// have a non-empty target and a finished state (an absent state counts as finished when
    /// there is a target, as tools that keep no states write them).
    public var reasonNotImported: String? {
        guard translatable else { return "not to be translated (translate=\"no\")" }
        guard let target, target.hasText else { return "untranslated (no target text)" }
        let finished: Bool
        switch stateOrigin {
        case .none, .approved: finished = true
        case .xliff: finished = state.map { (version == .v1 ? Self.finishedStates1 : Self.finishedStates2).contains($0) } ?? true
        case .sdl: finished = state.map(Self.finishedSDLLevels.contains) ?? false
        case .memoQ: finished = state.map(Self.finishedMemoQStatuses.contains) ?? false
        }
        return finished ? nil : "a draft (\(stateDescription)), not a finished translation"
    }

    /// The state as the report names it.
    var stateDescription: String {
        switch stateOrigin {
        case .none: "no state"
        case .xliff: "state=\"\(state ?? "")\""
        case .approved: "approved=\"yes\""
        case .sdl: "SDL confirmation level \(state ?? "none")"
        case .memoQ: "memoQ status \(state ?? "none")"
        }
    }
}
