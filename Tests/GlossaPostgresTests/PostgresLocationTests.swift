import Foundation
import GlossaPostgres
import GlossaStore
import Testing

/// The database URL: what it accepts, what it refuses, and that a password never shows.
@Suite struct PostgresLocationTests {
    @Test func readsHostPortDatabaseSchemaAndPool() throws {
        let location = try PostgresLocation(url: "postgres://glossa@db.example:6543/memory?schema=news&pool=4", environment: [:])
        #expect(location.host == "db.example" && location.port == 6543 && location.user == "glossa")
        #expect(location.database == "memory" && location.schema == "news" && location.maximumConnections == 4)
        #expect(location.description == "postgres://glossa@db.example:6543/memory?schema=news")
    }

    @Test func thePasswordComesFromTheEnvironmentOrAFileAndNeverShows() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-password-\(UUID())").path
        try "from-file-secret\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        for environment in [["PGPASSWORD": "env-secret"], ["GLOSSA_DATABASE_PASSWORD_FILE": file]] {
            let location = try PostgresLocation(url: "postgres://glossa@localhost/memory", environment: environment)
            #expect(!location.description.contains("secret"))
        }
        let inURL = try PostgresLocation(url: "postgres://glossa:url-secret@localhost/memory", environment: [:])
        #expect(!inURL.description.contains("secret") && !"\(inURL)".contains("secret"))
    }

    @Test(arguments: [
        ("mysql://glossa@localhost/memory", "not a PostgreSQL URL"),
        ("postgres://glossa:hunter2@localhost", "names no database"),
        ("postgres://localhost/memory", "names no user"),
        ("postgres://glossa:hunter2@localhost/memory?schema=Robert';drop", "schema must be"),
        ("postgres://glossa@localhost/memory?pool=0", "pool must be"),
        ("postgres://glossa@localhost/memory?sslmode=require", "unknown URL parameter 'sslmode'"),
    ])
    func aWrongURLIsAClearErrorWithoutItsPassword(url: String, message: String) {
        #expect {
            _ = try PostgresLocation(url: url, environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains(message) && !text.contains("hunter2")
        }
    }

    /// Port 1 on loopback: nothing listens there. The pool would retry for ever; opening fails instead.
    @Test(.timeLimit(.minutes(1))) func aServerThatIsNotThereIsUnavailable() async throws {
        await #expect {
            _ = try await PostgresStore(url: "postgres://glossa:hunter2@127.0.0.1:1/memory")
        } throws: { error in
            let text = "\(error)"
            return text.contains("unavailable") && !text.contains("hunter2")
        }
    }
}
