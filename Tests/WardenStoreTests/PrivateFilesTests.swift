import Foundation
import Testing
import WardenCore
@_spi(Gate) import WardenStore

/// Files that hold personal data are their owner's only from the moment they exist.
@Suite("Private files")
struct PrivateFilesTests {
    @Test func theDatabaseAndItsWALAndSharedMemoryFilesAreBorn0600UnderAnOpenUmask() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("warden-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("party.sqlite").path
        let previous = umask(0o022)
        defer { umask(previous) }
        let store = try RelationalStore(path: path)
        _ = try await store.saveAreas(Fixture.areas, audit: Fixture.audit(.areasImported))
        for file in [path, path + "-wal", path + "-shm"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int, "\(file)")
            #expect(mode == 0o600, "\(file) is \(String(mode, radix: 8))")
        }
    }
}
