// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Glossa",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "glossa", targets: ["glossa"]),
        .library(name: "GlossaServer", targets: ["GlossaServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The system ICU 72, libxml2, libcrypto and Snowball's libstemmer behind a C header that exposes none of their types
        // (Foundation on Linux carries its own ICU, whose headers clash with the system's).
        .target(
            name: "CShims",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
                .linkedLibrary("xml2"), .linkedLibrary("crypto"), .linkedLibrary("stemmer"),
            ]
        ),
        // Normalization, comparison keys, word tokens, language tags.
        .target(name: "GlossaText", dependencies: ["CShims"]),
        // Translation units, segments and inline codes: the domain, independent of any format or store.
        .target(name: "GlossaModel", dependencies: ["GlossaText", "CShims"]),
        // TMX reading (streaming, no DTD or external entity is ever resolved) and writing.
        .target(name: "GlossaFormats", dependencies: ["GlossaModel", "GlossaText", "CShims"]),
        // Match scores: token edit distance over ICU words.
        .target(name: "GlossaMatching", dependencies: ["GlossaText"]),
        // The storage core: import, lookup, concordance, name search and term checks over the store
        // protocols, which each engine implements. No database library.
        .target(name: "GlossaStore", dependencies: ["GlossaModel", "GlossaFormats", "GlossaMatching", "GlossaText"]),
        // The SQLite engine (GRDB): one file, the default.
        .target(
            name: "GlossaSQLite",
            dependencies: [
                "GlossaStore", "GlossaModel", "GlossaMatching", "GlossaText",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API: the import's hot loop (BoundStatement) and interrupting quick reads.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL engine (postgres-nio): one database for any number of servers.
        .target(
            name: "GlossaPostgres",
            dependencies: [
                "GlossaStore", "GlossaModel", "GlossaMatching", "GlossaText",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The HTTP API (Hummingbird), its metrics and the search page. Knows the store only through its protocol.
        .target(
            name: "GlossaServer",
            dependencies: [
                "GlossaStore", "GlossaFormats", "GlossaModel", "GlossaText",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/page")]
        ),
        .executableTarget(
            name: "glossa",
            dependencies: [
                "GlossaServer", "GlossaStore", "GlossaSQLite", "GlossaPostgres", "GlossaFormats", "GlossaModel", "GlossaText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // glossa-bench: in-process lookup latency, recall against an exhaustive scan, transliteration
        // and name-search throughput (bench/run.sh drives it; bench/README.md).
        .executableTarget(
            name: "GlossaBench",
            dependencies: [
                "GlossaStore", "GlossaSQLite", "GlossaPostgres", "GlossaText", "GlossaMatching",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libFuzzer targets (.ci/fuzz.sh); built plain they replay inputs. Core modules only, so the
        // instrumented build stays small.
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzFormats", dependencies: ["FuzzDriver", "GlossaFormats", "GlossaText"]),
        .executableTarget(name: "FuzzQuery", dependencies: ["FuzzDriver", "GlossaText", "GlossaMatching"]),
        // Fixture paths and small builders shared by the test targets.
        .target(
            name: "GlossaTestSupport",
            dependencies: [
                "GlossaStore", "GlossaSQLite", "GlossaPostgres", "GlossaModel", "GlossaText",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/GlossaTestSupport"),
        .testTarget(name: "GlossaTextTests", dependencies: ["GlossaText", "GlossaMatching"]),
        .testTarget(name: "GlossaFormatsTests", dependencies: ["GlossaFormats", "GlossaModel", "GlossaText", "GlossaTestSupport"]),
        // The storage core's tests, on the engine `Fixtures.newStore()` opens.
        .testTarget(
            name: "GlossaStoreTests",
            dependencies: ["GlossaStore", "GlossaFormats", "GlossaMatching", "GlossaModel", "GlossaText", "GlossaTestSupport"]
        ),
        // What only the SQLite engine has: its migrations, its term-index flushes, its JSON.
        .testTarget(
            name: "GlossaSQLiteTests",
            dependencies: [
                "GlossaSQLite", "GlossaStore", "GlossaModel", "GlossaText", "GlossaTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL engine's own tests, and its answers next to SQLite's (need GLOSSA_TEST_POSTGRES).
        .testTarget(
            name: "GlossaPostgresTests",
            dependencies: ["GlossaPostgres", "GlossaSQLite", "GlossaStore", "GlossaModel", "GlossaText", "GlossaTestSupport"]
        ),
        // Runs the plain build of the fuzz targets (it lies beside the test bundle).
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzFormats", "GlossaTestSupport"]),
        .testTarget(
            name: "GlossaServerTests",
            dependencies: [
                "GlossaServer", "GlossaTestSupport", "GlossaStore", "GlossaModel", "GlossaText",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
