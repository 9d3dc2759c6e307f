import GlossaStore
import Logging
import PostgresNIO

/// The schema, declared once as migrations, with the same tables and meaning as the SQLite
/// engine's. Two differences serve several servers writing at once: segment ids come from a
/// sequence, and a word's segment count is the sum of its posting blocks' counts (imports only
/// append blocks, so two imports never wait for each other on a shared row of the index).
enum PostgresSchema {
    struct Migration {
        let name: String
        let sql: [String]
    }

    static let migrations: [Migration] = [
        Migration(
            name: "v1: translation memory, term index and glossary",
            sql: [
                """
                CREATE TABLE unit (
                    id bigserial PRIMARY KEY,
                    content_key text NOT NULL UNIQUE,
                    tuid text,
                    source_language text,
                    origin text NOT NULL,
                    metadata text
                )
                """,
                "CREATE SEQUENCE segment_id",
                """
                CREATE TABLE segment (
                    id bigint PRIMARY KEY,
                    unit_id bigint NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
                    position integer NOT NULL,
                    language text NOT NULL,
                    language_group text NOT NULL,
                    text text NOT NULL,
                    markup text,
                    fold text NOT NULL,
                    word_count integer NOT NULL,
                    tokens bytea NOT NULL,
                    metadata text
                )
                """,
                "CREATE INDEX segment_by_unit ON segment(unit_id, position)",
                // Hash indexes: a B-tree entry holds at most 2,704 bytes, and a segment or a word may be longer.
                "CREATE INDEX segment_by_fold ON segment USING hash (fold)",
                """
                CREATE TABLE token (
                    id bigserial PRIMARY KEY,
                    language_group text NOT NULL,
                    text text NOT NULL
                )
                """,
                "CREATE UNIQUE INDEX token_key ON token (language_group, md5(text))",
                "CREATE INDEX token_by_text ON token USING hash (text)",
                """
                CREATE TABLE posting (
                    id bigserial PRIMARY KEY,
                    token_id bigint NOT NULL,
                    segment_count integer NOT NULL,
                    segments bytea NOT NULL
                )
                """,
                "CREATE INDEX posting_by_token ON posting(token_id, id) INCLUDE (segment_count)",
                """
                CREATE TABLE import_log (
                    id bigserial PRIMARY KEY,
                    origin text NOT NULL,
                    finished_at timestamptz NOT NULL DEFAULT now(),
                    units_read bigint NOT NULL,
                    imported bigint NOT NULL,
                    duplicates bigint NOT NULL,
                    rejected bigint NOT NULL
                )
                """,
                """
                CREATE TABLE concept (
                    id bigserial PRIMARY KEY,
                    content_key text NOT NULL UNIQUE,
                    external_id text,
                    domain text,
                    definition text,
                    note text,
                    source text,
                    origin text NOT NULL
                )
                """,
                """
                CREATE TABLE term (
                    id bigserial PRIMARY KEY,
                    concept_id bigint NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
                    position integer NOT NULL,
                    language text NOT NULL,
                    text text NOT NULL,
                    status text NOT NULL,
                    part_of_speech text,
                    note text
                )
                """,
                "CREATE INDEX term_by_concept ON term(concept_id, position)",
                // Keys compare byte-wise (code point order), as in SQLite, so a prefix is an index range.
                """
                CREATE TABLE term_key (
                    key text COLLATE "C" NOT NULL,
                    kind text NOT NULL,
                    term_id bigint NOT NULL REFERENCES term(id) ON DELETE CASCADE,
                    PRIMARY KEY (key, term_id, kind)
                )
                """,
                "CREATE INDEX term_key_by_term ON term_key(term_id)",
                """
                CREATE TABLE term_near (
                    probe text COLLATE "C" NOT NULL,
                    term_id bigint NOT NULL REFERENCES term(id) ON DELETE CASCADE,
                    key text NOT NULL,
                    PRIMARY KEY (probe, term_id, key)
                )
                """,
                "CREATE INDEX term_near_by_term ON term_near(term_id)",
                // Bumped by every change of terms (in the same transaction), so a matcher built from
                // the terms knows when it is stale, on this server or another.
                "CREATE TABLE glossary_revision (id integer PRIMARY KEY CHECK (id = 1), revision bigint NOT NULL)",
                "INSERT INTO glossary_revision VALUES (1, 0)",
            ]),
        // Units belong to a memory, and content keys are unique within it. What was stored goes
        // to `default`, public as the one memory was. Every import is numbered before its units,
        // which record the number, so that an import can be undone.
        Migration(
            name: "v2: named memories",
            sql: [
                """
                CREATE TABLE memory (
                    id bigserial PRIMARY KEY,
                    name text NOT NULL UNIQUE,
                    description text,
                    client text,
                    domain text,
                    project text,
                    penalty integer NOT NULL DEFAULT 0,
                    public boolean NOT NULL DEFAULT false,
                    created_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                "INSERT INTO memory (id, name, public) VALUES (\(PostgresStore.defaultMemoryID), '\(MemoryName.defaultMemory)', true)",
                "SELECT setval(pg_get_serial_sequence('memory', 'id'), \(PostgresStore.defaultMemoryID))",
                "ALTER TABLE unit ADD COLUMN memory_id bigint NOT NULL DEFAULT \(PostgresStore.defaultMemoryID) REFERENCES memory(id)",
                "ALTER TABLE unit ALTER COLUMN memory_id DROP DEFAULT",
                "ALTER TABLE unit ADD COLUMN import_id bigint",
                "ALTER TABLE unit DROP CONSTRAINT unit_content_key_key",
                "ALTER TABLE unit ADD CONSTRAINT unit_memory_content_key UNIQUE (memory_id, content_key)",
                "CREATE INDEX unit_by_import ON unit(import_id)",
                "ALTER TABLE import_log ADD COLUMN memory_id bigint NOT NULL DEFAULT \(PostgresStore.defaultMemoryID)",
            ]),
        // Only the secret's SHA-256 is kept (see AccessTokens): a dump of the database opens nothing.
        Migration(
            name: "access tokens",
            sql: [
                """
                CREATE TABLE access_token (
                    id bigserial PRIMARY KEY,
                    secret_hash text NOT NULL UNIQUE,
                    scope text NOT NULL CHECK (scope IN ('glossary-write', 'memory')),
                    memory text,
                    rights text CHECK (rights IN ('read', 'read-write')),
                    note text,
                    created_at timestamptz NOT NULL,
                    revoked_at timestamptz,
                    CHECK ((scope = 'memory') = (memory IS NOT NULL AND rights IS NOT NULL))
                )
                """,
                "CREATE INDEX access_token_by_memory ON access_token(memory)",
            ]),
    ]

    /// Any number of servers may start at once: the first to take the lock migrates, the others
    /// then find nothing left to do.
    static let migrationLock: Int64 = 0x676C_6F73_7361  // "glossa"

    static func migrate(_ connection: PostgresConnection, schema: String?, logger: Logger) async throws {
        try await connection.run("SELECT pg_advisory_lock(\(migrationLock))", logger: logger)
        do {
            if let schema {
                try await connection.run("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema)", logger: logger)
            }
            try await connection.run(
                "CREATE TABLE IF NOT EXISTS glossa_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.run("SELECT name FROM glossa_migration", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for migration in migrations where !applied.contains(migration.name) {
                try await connection.withTransaction(logger: logger) { connection in
                    for statement in migration.sql { try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger) }
                    try await connection.run("INSERT INTO glossa_migration (name) VALUES (\(migration.name))", logger: logger)
                }
                logger.info("database migrated", metadata: ["migration": "\(migration.name)"])
            }
        } catch {
            _ = try? await connection.run("SELECT pg_advisory_unlock(\(migrationLock))", logger: logger)
            throw error
        }
        try await connection.run("SELECT pg_advisory_unlock(\(migrationLock))", logger: logger)
    }
}
