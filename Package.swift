// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Warden",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "warden", targets: ["warden"]),
        .library(name: "WardenCore", targets: ["WardenCore"]),
        .library(name: "WardenServices", targets: ["WardenServices"]),
        .library(name: "WardenWeb", targets: ["WardenWeb"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // Domain: values, data classes and pure rules. No I/O, no SQL.
        .target(
            name: "WardenCore",
            dependencies: [
                "TransparencyLog",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The audit log's Merkle tree (RFC 6962/9162), proofs and signed checkpoints (C2SP):
        // pure, and verifiable by anyone outside Warden. The audit issue wires it to the log.
        .target(
            name: "TransparencyLog",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Outbound mail: message rendering, a minimal SMTP client and the outbox retry policy.
        .target(
            name: "WardenMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Server-side SVG charts for aggregates (the campaign dashboard); pure, no dependencies.
        .target(
            name: "Charts",
            swiftSettings: swiftSettings
        ),
        // The age v1 file format (c2sp.org/age), scrypt and X25519 recipients: what subject access
        // packages, exports and backups are sealed in, so Debian's `age -d` opens them.
        .target(
            name: "AgeEncryption",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Reading councils' and the party's files into domain values (streaming CSV, layouts).
        .target(
            name: "WardenImport",
            dependencies: ["WardenCore"],
            swiftSettings: swiftSettings
        ),
        // Store protocols, the rules above the engines, and the SQLite and PostgreSQL engines;
        // all SQL lives here.
        .target(
            name: "WardenStore",
            dependencies: [
                "WardenCore", "TransparencyLog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The one way to personal data: decide, limit, record, unseal, hand over the permitted
        // fields. The only module that imports the store's `Gate` SPI (ArchitectureTests).
        .target(
            name: "WardenGate",
            dependencies: [
                "WardenCore", "WardenStore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Use cases, each handed the Gate and the narrow store protocols it needs.
        .target(
            name: "WardenServices",
            dependencies: [
                "WardenCore", "WardenImport", "WardenStore", "WardenGate", "WardenMail", "AgeEncryption",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        // Synthetic constituency for `warden demo`: generated names and streets, no real people.
        .target(
            name: "WardenDemo",
            dependencies: ["WardenCore", "WardenServices", "AgeEncryption"],
            swiftSettings: swiftSettings
        ),
        // HTML pages and the JSON API.
        .target(
            name: "WardenWeb",
            dependencies: [
                "WardenCore", "WardenServices", "Charts",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "warden",
            dependencies: [
                "WardenCore", "WardenServices", "WardenWeb", "WardenDemo", "WardenMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Builds throwaway Wardens with small, known data for the service and web tests.
        .target(
            name: "WardenTestSupport",
            dependencies: [
                "WardenCore", "WardenServices", "WardenMail",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/WardenTestSupport",
            resources: [.copy("Resources/smtp_sink.py")],
            swiftSettings: swiftSettings
        ),
        // `warden-bench audit`: the audit log's benchmark for bench/run (not a test, not shipped).
        .executableTarget(
            name: "warden-bench",
            dependencies: [
                "WardenCore", "WardenStore", "WardenDemo", "TransparencyLog", "WardenServices", "WardenGate", "WardenImport", "AgeEncryption", "WardenMail",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            path: "Benchmarks/WardenBench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WardenMailTests",
            dependencies: [
                "WardenMail", "WardenTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/dkim_verify.py"), .copy("Resources/starttls_injector.py")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgeEncryptionTests",
            dependencies: ["AgeEncryption", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/testdata"), .copy("Resources/LICENSE")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BallotTests",
            dependencies: ["WardenCore"],
            exclude: ["Resources/shamir-vectors.py"],  // how the vectors were made, kept beside them
            resources: [.copy("Resources/ballots"), .copy("Resources/peers.py"), .copy("Resources/shamir-vectors.json")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChartsTests",
            dependencies: ["Charts"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TransparencyLogTests",
            dependencies: ["TransparencyLog", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WardenCoreTests",
            dependencies: ["WardenCore", "WardenImport", "WardenDemo", "WardenTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WardenStoreTests",
            dependencies: [
                "WardenCore", "WardenStore", "TransparencyLog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WardenServicesTests",
            dependencies: [
                "WardenCore", "WardenGate", "WardenServices", "WardenDemo", "WardenTestSupport", "TransparencyLog", "AgeEncryption", "WardenMail",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WardenWebTests",
            dependencies: [
                "WardenCore", "WardenServices", "WardenWeb", "WardenTestSupport", "AgeEncryption",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
