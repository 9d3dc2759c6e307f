import Foundation
internal import GRDB
import GlossaModel
import GlossaStore
import GlossaText

/// The database schema, declared once as migrations.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: translation memory") { db in
            try db.execute(
                sql: """
                    CREATE TABLE unit (
                        id INTEGER PRIMARY KEY,
                        content_key TEXT NOT NULL UNIQUE,   -- SHA-256 of languages + markup: units are keyed by content
                        tuid TEXT,
                        source_language TEXT,               -- NULL for *all*
                        origin TEXT NOT NULL,               -- the file (or request) it came from
                        metadata TEXT                       -- JSON: props, notes, attributes; NULL when none
                    );
                    CREATE TABLE segment (
                        id INTEGER PRIMARY KEY,
                        unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        language TEXT NOT NULL,             -- canonical BCP 47
                        language_group TEXT NOT NULL,       -- language + likely script: the fallback group
                        text TEXT NOT NULL,                 -- plain text, inline codes left out
                        markup TEXT,                        -- TMX markup when it holds inline codes, else NULL
                        fold TEXT NOT NULL,                 -- NFKC case-folded comparison key
                        word_count INTEGER NOT NULL,
                        metadata TEXT
                    );
                    CREATE INDEX segment_by_unit ON segment(unit_id);
                    CREATE INDEX segment_by_fold ON segment(language_group, fold);
                    -- Index terms of each segment (ICU words of the fold key), space-separated: rowid = segment.id.
                    CREATE VIRTUAL TABLE segment_terms USING fts5(
                        terms, content='', tokenize="unicode61 remove_diacritics 0 categories 'L* M* N* Co'"
                    );
                    -- Segments per index term: picks a query's rarest terms in O(log n) (fts5vocab reads
                    -- a term's whole posting list to count it).
                    CREATE TABLE term_frequency (
                        term TEXT PRIMARY KEY,
                        segments INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE import_log (
                        id INTEGER PRIMARY KEY,
                        origin TEXT NOT NULL,
                        finished_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                        units_read INTEGER NOT NULL,
                        imported INTEGER NOT NULL,
                        duplicates INTEGER NOT NULL,
                        rejected INTEGER NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2: glossary") { db in
            try db.execute(
                sql: """
                    CREATE TABLE concept (
                        id INTEGER PRIMARY KEY,
                        content_key TEXT NOT NULL UNIQUE,   -- SHA-256 of the terms: concepts are keyed by content
                        external_id TEXT,                   -- the entry's id in its file
                        domain TEXT,
                        definition TEXT,
                        note TEXT,
                        source TEXT,
                        origin TEXT NOT NULL
                    );
                    CREATE TABLE term (
                        id INTEGER PRIMARY KEY,
                        concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        language TEXT NOT NULL,
                        text TEXT NOT NULL,
                        status TEXT NOT NULL,               -- preferred, admitted, deprecated, forbidden
                        part_of_speech TEXT,
                        note TEXT
                    );
                    CREATE INDEX term_by_concept ON term(concept_id);
                    -- Search keys of each term (see SearchKeys): exact and prefix lookups are index ranges.
                    CREATE TABLE term_key (
                        key TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,
                        PRIMARY KEY (key, term_id, kind)
                    ) WITHOUT ROWID;
                    CREATE INDEX term_key_by_term ON term_key(term_id);
                    """)
        }
        migrator.registerMigration("v3: glossary revision") { db in
            // Bumped by every change of terms, so a matcher built from the terms knows when it is
            // stale (rowids are reused after a delete: a count or max id would not tell).
            try db.execute(
                sql: """
                    CREATE TABLE glossary_revision (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        revision INTEGER NOT NULL
                    );
                    INSERT INTO glossary_revision VALUES (1, 0);
                    CREATE TRIGGER term_inserted AFTER INSERT ON term
                        BEGIN UPDATE glossary_revision SET revision = revision + 1; END;
                    CREATE TRIGGER term_deleted AFTER DELETE ON term
                        BEGIN UPDATE glossary_revision SET revision = revision + 1; END;
                    CREATE TRIGGER term_updated AFTER UPDATE ON term
                        BEGIN UPDATE glossary_revision SET revision = revision + 1; END;
                    """)
        }
        migrator.registerMigration("v4: own term index") { db in
            // See TermIndex: replaces the FTS5 index and its term counts.
            try db.execute(
                sql: """
                    DROP TABLE IF EXISTS segment_terms;
                    DROP TABLE IF EXISTS term_frequency;
                    ALTER TABLE segment ADD COLUMN tokens BLOB;     -- the fold key as vocabulary ids
                    CREATE TABLE token (
                        id INTEGER PRIMARY KEY,
                        language_group TEXT NOT NULL,
                        text TEXT NOT NULL,
                        segments INTEGER NOT NULL DEFAULT 0,        -- segments holding it as a word
                        UNIQUE (language_group, text)
                    );
                    CREATE INDEX token_by_text ON token(text);
                    CREATE TABLE posting (
                        id INTEGER PRIMARY KEY,
                        token_id INTEGER NOT NULL,
                        segments BLOB NOT NULL                      -- a block of the word's posting list
                    );
                    CREATE INDEX posting_by_token ON posting(token_id, id);
                    """)
            // Memories stored before: index their segments.
            let index = try TermIndexWriter(db)
            let update = try db.makeStatement(sql: "UPDATE segment SET tokens = ?, word_count = ? WHERE id = ?")
            var last: Int64 = 0
            while true {
                // In pages: the rows are not updated under an open cursor.
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, language_group, fold FROM segment WHERE id > ? ORDER BY id LIMIT 10000",
                    arguments: [last])
                guard let final = rows.last else { break }
                for row in rows {
                    let indexed = try index.index(segmentID: row[0], languageGroup: row[1], tokens: WordTokenizer.tokens(row[2]))
                    try update.execute(arguments: [Data(indexed.tokens), indexed.words, row[0] as Int64])
                }
                last = final[0]
            }
            try index.finish()
        }
        migrator.registerMigration("v5: inflected and near name keys") { db in
            // Near keys: a Latin key with one letter deleted (and the key itself), for names typed
            // with a slip. Stem keys join term_key; every term is keyed again to get them.
            try db.execute(
                sql: """
                    CREATE TABLE term_near (
                        probe TEXT NOT NULL,
                        term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,
                        key TEXT NOT NULL,                          -- the term's Latin key the probe comes from
                        PRIMARY KEY (probe, term_id, key)
                    ) WITHOUT ROWID;
                    CREATE INDEX term_near_by_term ON term_near(term_id);
                    DELETE FROM term_key;
                    """)
            for row in try Row.fetchAll(db, sql: "SELECT id, language, text FROM term") {
                guard let language = try? LanguageTag(row["language"] as String) else { continue }
                try SQLiteStore.insertKeys(TermKeys(Term(text: row["text"], language: language)), termID: row["id"], db)
            }
        }
        migrator.registerMigration("v6: named memories") { db in
            // Units belong to a memory, and content keys are unique within it: the unit table is
            // made again (SQLite cannot drop a UNIQUE constraint). What was stored goes to `default`,
            // public as the one memory was. Every import is numbered before its units, which
            // record the number, so that an import can be undone.
            try db.execute(
                sql: """
                    CREATE TABLE memory (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        description TEXT,
                        client TEXT,
                        domain TEXT,
                        project TEXT,
                        penalty INTEGER NOT NULL DEFAULT 0,
                        public INTEGER NOT NULL DEFAULT 0,
                        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                    );
                    INSERT INTO memory (id, name, public) VALUES (\(SQLiteStore.defaultMemoryID), '\(MemoryName.defaultMemory)', 1);
                    CREATE TABLE unit_in_memory (
                        id INTEGER PRIMARY KEY,
                        memory_id INTEGER NOT NULL REFERENCES memory(id),
                        import_id INTEGER,                  -- the import_log entry of the import that added it
                        content_key TEXT NOT NULL,
                        tuid TEXT,
                        source_language TEXT,
                        origin TEXT NOT NULL,
                        metadata TEXT,
                        UNIQUE (memory_id, content_key)
                    );
                    INSERT INTO unit_in_memory (id, memory_id, content_key, tuid, source_language, origin, metadata)
                        SELECT id, \(SQLiteStore.defaultMemoryID), content_key, tuid, source_language, origin, metadata FROM unit;
                    DROP TABLE unit;
                    ALTER TABLE unit_in_memory RENAME TO unit;
                    CREATE INDEX unit_by_import ON unit(import_id);
                    ALTER TABLE import_log ADD COLUMN memory_id INTEGER NOT NULL DEFAULT \(SQLiteStore.defaultMemoryID);
                    """)
        }
        migrator.registerMigration("access tokens") { db in
            // Only the secret's SHA-256 is kept (see AccessTokens): a copy of the file opens nothing.
            try db.execute(
                sql: """
                    CREATE TABLE access_token (
                        id INTEGER PRIMARY KEY,
                        secret_hash TEXT NOT NULL UNIQUE,           -- SHA-256 hex of the secret
                        scope TEXT NOT NULL CHECK (scope IN ('glossary-write', 'memory')),
                        memory TEXT,                                -- the memory's name; NULL unless scope is memory
                        rights TEXT CHECK (rights IN ('read', 'read-write')),
                        note TEXT,
                        created_at TEXT NOT NULL,                   -- ISO 8601, UTC
                        revoked_at TEXT,                            -- NULL while the token is valid
                        CHECK ((scope = 'memory') = (memory IS NOT NULL AND rights IS NOT NULL))
                    );
                    CREATE INDEX access_token_by_memory ON access_token(memory);
                    """)
        }
        return migrator
    }
}
