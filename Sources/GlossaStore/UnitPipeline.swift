import Foundation
import GlossaFormats
import GlossaModel

/// Reads a file of units (TMX, XLIFF, PO) on a thread of its own and hands prepared units to the writer in batches:
/// parsing, hashing, normalizing and tokenizing on one core, the database on the other.
///
/// The reader belongs to the producer thread from `init` until `join()` returns. The queue is
/// bounded, so memory stays flat however far the reader could run ahead.
final class UnitPipeline: @unchecked Sendable {
    enum Item {
        case unit(PreparedUnit, skipped: [UnitIssue])
        case rejected(UnitIssue)
    }

    struct Batch {
        var items: [Item] = []
        /// Bytes of the file read when the batch was full, for progress lines.
        var bytesRead = 0
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Batch] = []
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private var variants = 0
    private let exited = DispatchSemaphore(value: 0)

    private static let batchSize = 256
    private static let queuedBatches = 8

    init(reader: any UnitReader) {
        // Handed over: only the producer thread uses the reader from here on.
        nonisolated(unsafe) let reader = reader
        let thread = Thread { [self] in
            produce(reader)
            exited.signal()
        }
        thread.name = "glossa-import-reader"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch, nil at the end of the file; throws what the reader threw. The wait happens
    /// on a thread of the reader's pace, not on one of the few that run async tasks.
    func next() async throws -> Batch? {
        try await withCheckedThrowingContinuation { continuation in
            Self.waits.async { continuation.resume(with: Result { try self.nextBatch() }) }
        }
    }

    private static let waits = DispatchQueue(label: "glossa.import-pipeline", attributes: .concurrent)

    private func nextBatch() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !finished { condition.wait() }
        if !queue.isEmpty {
            condition.broadcast()
            return queue.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reader (when the writer fails) and waits for its thread to end. Call once.
    func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
    }

    /// `<tuv>` elements read; final once `next()` returned nil.
    var variantsRead: Int {
        condition.lock()
        defer { condition.unlock() }
        return variants
    }

    private func produce(_ reader: any UnitReader) {
        var batch = Batch()
        do {
            while let item = try reader.next() {
                switch item {
                case .unit(let unit, let skipped): batch.items.append(.unit(PreparedUnit(unit), skipped: skipped))
                case .rejected(let issue): batch.items.append(.rejected(issue))
                }
                if batch.items.count == Self.batchSize {
                    batch.bytesRead = reader.bytesConsumed
                    guard put(batch) else { break }
                    batch = Batch()
                }
            }
            batch.bytesRead = reader.bytesConsumed
            if !batch.items.isEmpty { _ = put(batch) }
        } catch {
            condition.lock()
            failure = error
            condition.unlock()
        }
        condition.lock()
        variants = reader.variantsRead
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the queue is full; false once the writer has given up.
    private func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.queuedBatches, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }
}
