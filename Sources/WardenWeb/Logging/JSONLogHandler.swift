import Foundation
public import Logging
import WardenCore

/// Writes each log event as one JSON object per line, and redacts by default: only metadata
/// keys on ``allowedKeys`` (which never carry personal data) are written as they are; any
/// other value is replaced by `"[redacted]"`, so a careless `logger.info(..., metadata:)`
/// cannot put a name or an email in the logs.
///
/// ```swift
/// LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
/// ```
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    let label: String
    let write: @Sendable (String) -> Void

    /// Metadata keys that identify requests and errors, never the people in them.
    public static let allowedKeys: Set<String> = ["error.type", "path", "status", "method", "route", "count", "file", "layout", "job"]

    public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: String] = [
            "ts": Timestamp.now.description, "level": event.level.rawValue, "label": label, "message": event.message.description,
        ]
        let merged = metadata.merging(metadataProvider?.get() ?? [:]) { $1 }.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged {
            fields[key] = Self.allowedKeys.contains(key) ? value.description : "[redacted]"
        }
        if let error = event.error { fields["error.type"] = String(describing: type(of: error)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(fields) else { return }
        write(String(decoding: data, as: UTF8.self))
    }

    /// Writes a line to standard error.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
