import GlossaFormats
import GlossaModel
import GlossaText

/// What pre-translating a file asks.
public struct PretranslationOptions: Sendable {
    /// Lowest score written as a candidate.
    public var minimum = QueryBounds.pretranslationMinimum.defaultValue
    /// Lowest score written as a target (XLIFF 2: exact matches only, whatever this says).
    public var fill = QueryBounds.pretranslationFill.defaultValue
    /// Look up segments that already have a target too, and replace it when a match fills it.
    public var overwrite = false
    /// Candidates written per segment, best first.
    public var candidates = QueryBounds.pretranslationCandidates.defaultValue
    /// The memories searched; every memory when nil.
    public var scope: MemoryScope?
    /// Languages that replace (or supply) what the file says.
    public var source: LanguageTag?
    public var target: LanguageTag?

    public init() {}
}

/// What pre-translating a file did, segment by segment.
public struct PretranslationReport: Sendable, Codable, Equatable {
    /// `1.2` or `2`.
    public var version: String
    public var units = 0
    /// Source segments of the translatable units.
    public var segments = 0
    /// Segments given the target of a 100 match.
    public var filledExact = 0
    /// Segments given the target of a match at or above `fill`, below 100 (XLIFF 1.2 only).
    public var filledFuzzy = 0
    /// Segments given candidates but no target.
    public var candidatesOnly = 0
    /// Segments left as they were: a target already there, no match, or not translatable.
    public var untouched = 0
    /// Segments whose best match would have filled them but whose inline codes do not line up
    /// with the source's (counted in `candidatesOnly` too).
    public var codesMismatched = 0

    init(version: XLIFFVersion) {
        self.version = version.rawValue
    }
}

/// Pre-translates an XLIFF file from the memory: a first pass checks the file (`XLIFFCheck`), a
/// second copies it unit by unit (`XLIFFUnitScanner`), looks up the segments of a batch of units
/// at a time and writes each unit back with what the matches give.
///
/// The decisions: a segment is looked up when it has no target (or, with `overwrite`, when its
/// target is not signed off: XLIFF 1.2 `approved="yes"`, XLIFF 2 `state="final"`). Its
/// best match fills it when it scores `fill` or more and its inline codes line up with the
/// source's: XLIFF 1.2 writes `state="translated" state-qualifier="leveraged-tm"` for 100 and
/// `state="needs-translation" state-qualifier="fuzzy-match"` below (never `approved`, never
/// `needs-review-translation`, which Weblate counts as done); XLIFF 2 fills exact matches only, its
/// segments `initial`. Every match at or above `minimum` becomes a candidate.
public struct Pretranslator: Sendable {
    /// Units read before their segments are looked up together.
    static let unitsPerBatch = 64
    /// Lookups run at once within a batch.
    static let parallelLookups = 4
    static let exactScore = 100
    /// Longer sources are left untouched: no sentence is this long, and scoring costs the product
    /// of the two lengths (the batch lookup route has the same bound).
    public static let maxSegmentCharacters = 10_000

    public let memory: TranslationMemory

    public init(memory: TranslationMemory) {
        self.memory = memory
    }

    /// Reads the file at `path` and writes the pre-translated file through `output`, in order.
    /// Throws (`FormatError`, `XLIFFError`) before writing a byte when the file is not XLIFF or not
    /// well-formed; the caller must still discard what was written when it throws later.
    public func pretranslate(
        path: String, options: PretranslationOptions, output: @escaping ([UInt8]) throws -> Void
    ) async throws -> PretranslationReport {
        let summary = try XLIFFCheck.check(path: path)
        var options = options
        if options.scope == nil { options.scope = try await memory.scopeOfEveryMemory() }
        var report = PretranslationReport(version: summary.version)
        let scanner = try XLIFFUnitScanner(path: path, output: output)
        var batch: [XLIFFUnit] = []
        while let unit = try scanner.nextUnit() {
            batch.append(unit)
            if batch.count >= Self.unitsPerBatch {
                try await process(batch, scanner: scanner, options: options, report: &report)
                batch = []
            }
        }
        try await process(batch, scanner: scanner, options: options, report: &report)
        try scanner.finish()
        return report
    }

    private struct Job: Sendable {
        let unit: Int
        let segment: Int
        let query: LookupQuery
    }

    private func process(
        _ batch: [XLIFFUnit], scanner: XLIFFUnitScanner, options: PretranslationOptions, report: inout PretranslationReport
    ) async throws {
        var jobs: [Job] = []
        for (unitIndex, unit) in batch.enumerated() {
            report.units += 1
            guard unit.isTranslatable else { continue }
            report.segments += unit.segments.count
            guard !unit.isSegmented else { continue }
            let languages = try Self.languages(of: unit, options: options)
            for (segmentIndex, segment) in unit.segments.enumerated() {
                let text = segment.source.text
                guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }),
                    text.unicodeScalars.count <= Self.maxSegmentCharacters
                else { continue }
                // `--overwrite` replaces drafts, never a translation signed off.
                if segment.hasTarget, !options.overwrite || unit.isApproved || segment.isFinal { continue }
                jobs.append(
                    Job(
                        unit: unitIndex, segment: segmentIndex,
                        query: LookupQuery(
                            text: text, source: languages.source, target: languages.target, minimum: options.minimum,
                            limit: options.candidates, scope: options.scope)))
            }
        }
        let matches = try await lookUp(jobs)
        var rewrites = [XLIFFUnitRewrite](repeating: XLIFFUnitRewrite(), count: batch.count)
        var candidatesOnly = 0
        for (job, found) in zip(jobs, matches) {
            let unit = batch[job.unit]
            let decision = Self.decide(found, segment: unit.segments[job.segment], version: unit.version, options: options)
            if let fill = decision.fill {
                rewrites[job.unit].fills[job.segment] = fill.fill
                if fill.exact { report.filledExact += 1 } else { report.filledFuzzy += 1 }
            } else if !decision.candidates.isEmpty {
                candidatesOnly += 1
            }
            if decision.codesMismatched { report.codesMismatched += 1 }
            if !decision.candidates.isEmpty { rewrites[job.unit].candidates[job.segment] = decision.candidates }
        }
        report.candidatesOnly += candidatesOnly
        report.untouched = report.segments - report.filledExact - report.filledFuzzy - report.candidatesOnly
        for (unit, rewrite) in zip(batch, rewrites) { try scanner.write(unit, rewrite) }
    }

    private func lookUp(_ jobs: [Job]) async throws -> [[Match]] {
        var results = [[Match]](repeating: [], count: jobs.count)
        let memory = memory
        try await withThrowingTaskGroup(of: (Int, [Match]).self) { group in
            var next = 0
            func add() {
                guard next < jobs.count else { return }
                let (index, query) = (next, jobs[next].query)
                group.addTask { (index, try await memory.lookup(query)) }
                next += 1
            }
            for _ in 0..<Self.parallelLookups { add() }
            while let (index, matches) = try await group.next() {
                results[index] = matches
                add()
            }
        }
        return results
    }

    static func languages(of unit: XLIFFUnit, options: PretranslationOptions) throws -> (source: LanguageTag, target: LanguageTag) {
        func tag(_ given: LanguageTag?, _ written: String?, _ which: String) throws -> LanguageTag {
            if let given { return given }
            guard let written, !written.isEmpty else { throw XLIFFError.missingLanguage(which) }
            do { return try LanguageTag(written) } catch { throw XLIFFError.invalidLanguage(written, reason: "\(error)") }
        }
        return (try tag(options.source, unit.sourceLanguage, "source"), try tag(options.target, unit.targetLanguage, "target"))
    }

    struct Decision {
        var fill: (fill: XLIFFFill, exact: Bool)?
        var candidates: [XLIFFCandidate] = []
        var codesMismatched = false
    }

    /// What a segment gets from its matches (best first).
    static func decide(_ matches: [Match], segment: XLIFFUnitSegment, version: XLIFFVersion, options: PretranslationOptions) -> Decision {
        var decision = Decision()
        for (rank, match) in matches.enumerated() where match.score.value >= options.minimum {
            let sourceMarkup = match.source.markup ?? XMLEscaping.escapeText(match.source.text)
            let targetMarkup = match.target.markup ?? XMLEscaping.escapeText(match.target.text)
            let target = InlineCodeTransfer.xliffTarget(source: segment.source, matchSource: sourceMarkup, matchTarget: targetMarkup)
            if rank == 0, match.score.value >= options.fill {
                let exact = match.score.value >= exactScore
                if (version == .v1 || exact) && segment.canFill {
                    if let target {
                        decision.fill = (fill(target, exact: exact, version: version), exact)
                    } else {
                        decision.codesMismatched = true
                    }
                }
            }
            let source = InlineCodeTransfer.xliffTarget(source: segment.source, matchSource: sourceMarkup, matchTarget: sourceMarkup)
            decision.candidates.append(
                XLIFFCandidate(
                    similarity: match.score.value,
                    origin: "glossa:" + (match.provenance?.memory?.value ?? MemoryName.defaultMemory.value),
                    source: source ?? XMLEscaping.escapeText(match.source.text),
                    target: target ?? XMLEscaping.escapeText(match.target.text),
                    sourceLanguage: match.source.language.canonical, targetLanguage: match.target.language.canonical))
        }
        return decision
    }

    static func fill(_ content: String, exact: Bool, version: XLIFFVersion) -> XLIFFFill {
        switch version {
        case .v1:
            exact
                ? XLIFFFill(content: content, state: "translated", stateQualifier: "leveraged-tm")
                : XLIFFFill(content: content, state: "needs-translation", stateQualifier: "fuzzy-match")
        case .v2:
            XLIFFFill(content: content, state: "initial")
        }
    }
}
