import Foundation
import Testing
import TransparencyLog

/// Runs the transparency-dev/merkle proof-verification vectors in `Tests/testdata/merkle`
/// (copied into the repository; see the README there).
struct TestVectorTests {
    /// Every field is optional: tampered cases may have null or missing values.
    struct InclusionCase: Decodable {
        var leafIdx: UInt64?
        var treeSize: UInt64?
        var root: String?
        var leafHash: String?
        var proof: [String]?
        var wantErr: Bool?
        var desc: String?
    }

    struct ConsistencyCase: Decodable {
        var size1: UInt64?
        var size2: UInt64?
        var root1: String?
        var root2: String?
        var proof: [String]?
        var wantErr: Bool?
        var desc: String?
    }

    static let expectedCaseCount = 196

    /// `Tests/testdata/merkle`, found from this file (`Tests/TransparencyLogTests/…`): never
    /// outside the repository. Nil when it is missing, which fails the test.
    static func vectorDirectory() -> URL? {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let candidate = tests.appendingPathComponent("testdata/merkle")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return candidate
    }

    static func jsonFiles(in directory: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        let files = (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "json" }
        return files.sorted { $0.path < $1.path }
    }

    /// Undecodable or absent base64 becomes empty bytes, which can never verify.
    static func bytes(_ base64: String?) -> [UInt8] {
        base64.flatMap { Data(base64Encoded: $0) }.map(Array.init) ?? []
    }

    /// Decodes one case, recording (not throwing) a failure so every file gets reported.
    static func decode<T: Decodable>(_ type: T.Type, _ file: URL, _ decoder: JSONDecoder) -> T? {
        do {
            return try decoder.decode(type, from: Data(contentsOf: file))
        } catch {
            Issue.record("\(file.path): \(error)")
            return nil
        }
    }

    @Test func allVectors() throws {
        let directory = try #require(Self.vectorDirectory(), "Tests/testdata/merkle not found (looked beside the directory of \(#filePath))")
        let decoder = JSONDecoder()
        var inclusionCount = 0
        var consistencyCount = 0

        for file in Self.jsonFiles(in: directory.appendingPathComponent("inclusion")) {
            guard let c = Self.decode(InclusionCase.self, file, decoder) else { continue }
            guard let wantErr = c.wantErr else {
                Issue.record("\(file.path) has no wantErr")
                continue
            }
            let ok = MerkleTree.verifyInclusion(
                leafHash: Self.bytes(c.leafHash),
                index: c.leafIdx ?? .max,
                size: c.treeSize ?? 0,
                proof: (c.proof ?? []).map { Self.bytes($0) },
                root: Self.bytes(c.root)
            )
            #expect(ok == !wantErr, "inclusion \(file.path): \(c.desc ?? "")")
            inclusionCount += 1
        }

        for file in Self.jsonFiles(in: directory.appendingPathComponent("consistency")) {
            guard let c = Self.decode(ConsistencyCase.self, file, decoder) else { continue }
            guard let wantErr = c.wantErr else {
                Issue.record("\(file.path) has no wantErr")
                continue
            }
            let ok = MerkleTree.verifyConsistency(
                size1: c.size1 ?? .max,
                size2: c.size2 ?? 0,
                proof: (c.proof ?? []).map { Self.bytes($0) },
                root1: Self.bytes(c.root1),
                root2: Self.bytes(c.root2)
            )
            #expect(ok == !wantErr, "consistency \(file.path): \(c.desc ?? "")")
            consistencyCount += 1
        }

        print("Merkle test vectors checked: \(inclusionCount) inclusion + \(consistencyCount) consistency = \(inclusionCount + consistencyCount)")
        #expect(inclusionCount > 0)
        #expect(consistencyCount > 0)
        #expect(inclusionCount + consistencyCount == Self.expectedCaseCount)
    }
}
