import Foundation
import GlossaModel

/// The name of a memory: a slug (`news-2024`, `client-acme`), so that it reads the same in a URL,
/// a query parameter list (`memories=a,b`) and a shell.
public struct MemoryName: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public let value: String

    public init(_ value: String) throws(MemoryError) {
        guard Self.isValid(value) else { throw .invalidName(value) }
        self.value = value
    }

    public var description: String { value }
    public var rawValue: String { value }

    public static func < (lhs: MemoryName, rhs: MemoryName) -> Bool { lhs.value < rhs.value }

    public static let maxLength = 63
    /// What a valid name looks like, for error messages.
    public static let rule = "lowercase letters and digits, then also '.', '_' or '-', at most \(maxLength) characters"

    /// Lowercase ASCII letters and digits, then also `.`, `_` and `-`.
    public static func isValid(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, bytes.count <= maxLength, isAlphanumeric(first) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(value) } catch { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)")) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// Where units go when no memory is named, and where databases made before memories keep theirs.
    public static let defaultMemory = try! MemoryName("default")
    /// The sample data a new database starts with.
    public static let samples = try! MemoryName("samples")
}

/// What a user sets on a memory. `penalty` is subtracted from the score of every match the memory
/// gives (as OmegaT's `penalty-NN` folders do), unless a request sets another.
public struct MemorySettings: Sendable, Hashable, Codable {
    public var name: MemoryName
    public var description: String?
    public var client: String?
    public var domain: String?
    public var project: String?
    public var penalty: Int
    /// Readable without a token.
    public var isPublic: Bool

    public init(
        name: MemoryName, description: String? = nil, client: String? = nil, domain: String? = nil, project: String? = nil,
        penalty: Int = 0, isPublic: Bool = false
    ) throws(MemoryError) {
        guard Self.penalties.contains(penalty) else { throw .invalidPenalty(penalty) }
        self.name = name
        self.description = description
        self.client = client
        self.domain = domain
        self.project = project
        self.penalty = penalty
        self.isPublic = isPublic
    }

    public static let penalties = 0...100
}

/// Some settings changed, the others left as they are (nil); an empty text clears one.
public struct MemorySettingsChange: Sendable {
    public var name: MemoryName?
    public var description: String?
    public var client: String?
    public var domain: String?
    public var project: String?
    public var penalty: Int?
    public var isPublic: Bool?

    public init(
        name: MemoryName? = nil, description: String? = nil, client: String? = nil, domain: String? = nil, project: String? = nil,
        penalty: Int? = nil, isPublic: Bool? = nil
    ) {
        (self.name, self.description, self.client, self.domain, self.project) = (name, description, client, domain, project)
        (self.penalty, self.isPublic) = (penalty, isPublic)
    }

    public func apply(to settings: inout MemorySettings) throws(MemoryError) {
        func text(_ value: String?, _ old: String?) -> String? { value.map { $0.isEmpty ? nil : $0 } ?? old }
        if let name { settings.name = name }
        settings.description = text(description, settings.description)
        settings.client = text(client, settings.client)
        settings.domain = text(domain, settings.domain)
        settings.project = text(project, settings.project)
        if let penalty {
            guard MemorySettings.penalties.contains(penalty) else { throw .invalidPenalty(penalty) }
            settings.penalty = penalty
        }
        if let isPublic { settings.isPublic = isPublic }
    }
}

/// A memory as stored.
public struct StoredMemory: Sendable, Hashable {
    public let id: Int64
    public let settings: MemorySettings
    public let createdAt: String

    package init(id: Int64, settings: MemorySettings, createdAt: String) {
        self.id = id
        self.settings = settings
        self.createdAt = createdAt
    }

    public var name: MemoryName { settings.name }
}

/// One import as the import history keeps it.
public struct ImportRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let origin: String
    public let memoryID: Int64
    public let finishedAt: String
    public let counts: ImportCounts

    package init(id: Int64, origin: String, memoryID: Int64, finishedAt: String, counts: ImportCounts) {
        self.id = id
        self.origin = origin
        self.memoryID = memoryID
        self.finishedAt = finishedAt
        self.counts = counts
    }
}

/// Where a unit came from: its memory, its import and what its file said about it.
public struct UnitRecord: Sendable, Hashable {
    public let id: Int64
    public let memoryID: Int64
    public let origin: String
    /// The import that added it (nil for units stored before imports were numbered).
    public let importID: Int64?
    public let metadata: Metadata

    package init(id: Int64, memoryID: Int64, origin: String, importID: Int64?, metadata: Metadata) {
        self.id = id
        self.memoryID = memoryID
        self.origin = origin
        self.importID = importID
        self.metadata = metadata
    }
}

public enum MemoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidName(String)
    case invalidPenalty(Int)
    case notFound(String)
    case exists(String)
    case importNotFound(Int64)
    /// `default` receives every import that names no memory: it is emptied, never removed.
    case kept(String)

    public var description: String {
        switch self {
        case .invalidName(let name):
            "'\(name)' is not a memory name: \(MemoryName.rule)"
        case .invalidPenalty(let penalty):
            "a penalty of \(penalty) is outside \(MemorySettings.penalties.lowerBound)–\(MemorySettings.penalties.upperBound)"
        case .notFound(let name): "no memory named '\(name)'"
        case .exists(let name): "a memory named '\(name)' exists already"
        case .importNotFound(let id): "no import \(id) (or it was undone)"
        case .kept(let name): "the memory '\(name)' cannot be deleted: imports that name no memory go there; undo its imports instead"
        }
    }
}
