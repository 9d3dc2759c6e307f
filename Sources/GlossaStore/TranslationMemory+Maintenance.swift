import Foundation
import GlossaModel
import GlossaText

/// Why an edit of a unit was refused, worded for the person who sent it.
public enum UnitEditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The segment in this language would have no text: nothing to match or translate.
    case emptySegment(LanguageTag)
    /// The unit has no segment in this language: an edit corrects a unit, it does not grow it.
    case newLanguage(LanguageTag)
    /// The edit leaves fewer than two languages: nothing to translate to (the importer's rule).
    case tooFewLanguages

    public var description: String {
        switch self {
        case .emptySegment(let language): "the segment in \(language.canonical) would be empty"
        case .newLanguage(let language): "the unit has no segment in \(language.canonical); an edit cannot add a language"
        case .tooFewLanguages: "a unit needs segments in two languages at least"
        }
    }
}

/// Correcting and removing units: the store keeps the term index in step in the same transaction.
extension TranslationMemory {
    /// Removes the units with these ids; returns how many were stored.
    public func deleteUnits(ids: [Int64]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await store.deleteUnits(ids: Array(Set(ids)).sorted())
    }

    /// One unit with its segments, nil when there is none.
    public func unit(id: Int64) async throws -> StoredUnit? {
        try await store.unit(id: id)
    }

    /// Replaces a unit's segments with `segments` (each keeps the metadata of the stored segment
    /// in its language unless it brings its own), keeping the unit's id, tuid, source language
    /// and metadata, with TMX `changedate` set to `date`. Returns the unit as stored, nil when
    /// there is none; throws `UnitEditError` for an edit it refuses and
    /// `StoreError.duplicateContent` when another unit already has this content.
    public func updateUnit(id: Int64, segments: [Segment], date: Date = Date()) async throws -> StoredUnit? {
        guard let stored = try await store.unit(id: id) else { return nil }
        return try await updateUnit(stored, segments: segments, date: date)
    }

    /// Corrects a unit: the segments given replace those of their languages, the others stay.
    /// Otherwise as `updateUnit(id:segments:date:)`.
    public func correctUnit(id: Int64, segments: [Segment], date: Date = Date()) async throws -> StoredUnit? {
        guard let stored = try await store.unit(id: id) else { return nil }
        let corrected = Set(segments.map(\.language))
        let kept = stored.segments.map(\.segment).filter { !corrected.contains($0.language) }
            .map { Segment(language: $0.language, text: $0.text, markup: $0.markup) }
        return try await updateUnit(stored, segments: kept + segments, date: date)
    }

    private func updateUnit(_ stored: StoredUnit, segments: [Segment], date: Date) async throws -> StoredUnit? {
        let id = stored.id
        var metadataByLanguage: [LanguageTag: Metadata] = [:]
        for (segment, metadata) in stored.segments where metadataByLanguage[segment.language] == nil {
            metadataByLanguage[segment.language] = metadata
        }
        let edited = segments.map { segment in
            var segment = segment
            if segment.metadata.isEmpty { segment.metadata = metadataByLanguage[segment.language] ?? Metadata() }
            return segment
        }
        let unit = TranslationUnit(tuid: stored.tuid, sourceLanguage: stored.sourceLanguage, segments: edited, metadata: stored.metadata)
        return try await updateUnit(id: id, to: unit, stored: stored, date: date)
    }

    /// Replaces a unit with `unit` whole (its tuid when it has one, else the stored one), with TMX
    /// `changedate` set to `date`; the same rules and answers as `updateUnit(id:segments:date:)`.
    public func updateUnit(id: Int64, to unit: TranslationUnit, date: Date = Date()) async throws -> StoredUnit? {
        guard let stored = try await store.unit(id: id) else { return nil }
        return try await updateUnit(id: id, to: unit, stored: stored, date: date)
    }

    private func updateUnit(id: Int64, to unit: TranslationUnit, stored: StoredUnit, date: Date) async throws -> StoredUnit? {
        let languages = Set(stored.segments.map(\.segment.language))
        for segment in unit.segments {
            guard languages.contains(segment.language) else { throw UnitEditError.newLanguage(segment.language) }
            guard !segment.text.allSatisfy(\.isWhitespace) else { throw UnitEditError.emptySegment(segment.language) }
        }
        guard Set(unit.segments.map(\.language)).count >= Self.minimumLanguages else { throw UnitEditError.tooFewLanguages }
        var unit = unit
        unit.metadata.attributes[Self.changeDateAttribute] = Self.tmxDate(date)
        guard try await store.replaceUnit(id: id, with: PreparedUnit(unit)) else { return nil }
        return try await store.unit(id: id)
    }

    /// TMX's attribute for when a unit last changed (`yyyyMMddTHHmmssZ`, as `creationdate`).
    static let changeDateAttribute = "changedate"
    /// As the TMX reader: a unit in one language has nothing to translate to.
    static let minimumLanguages = 2
}
