import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WardenCore
import WardenServices
import WardenTestSupport

@Suite("The log, changes and investigations over HTTP")
struct TraceHTTPTests {
    @Test func checkpointsAndProofsArePublicAndAnIndependentVerifierAcceptsThem() async throws {
        let harness = try await WebHarness.make()
        let checkpoint = try #require(try await harness.test.warden.log.checkpoint())
        let first = try #require(try await harness.test.warden.log.checkpoint())
        _ = try await harness.test.warden.areas.save([], actor: .localOperator)
        _ = try await harness.test.warden.areas.save([], actor: .localOperator)
        let second = try #require(try await harness.test.warden.log.checkpoint())
        #expect(second.size == first.size + 2)
        let index: UInt64 = 3
        let entry = try await harness.test.warden.log.entry(index: index, actor: .localOperator)
        try await harness.run { client in
            let note = try await client.execute(uri: "/api/v1/log/checkpoint", method: .get) { response in
                #expect(response.status == .ok)
                return response.text
            }
            #expect(note.hasPrefix("warden.example/audit-log\n\(second.size)\n"))
            #expect(note.contains("\n\n\u{2014} warden.example/audit-log "))
            let key = try await client.execute(uri: "/api/v1/log/key", method: .get) { $0.text }
            #expect(key.hasPrefix("warden.example/audit-log+"))
            let inclusion = try await client.execute(uri: "/api/v1/log/proof/inclusion?index=\(index)&size=\(second.size)", method: .get) { response in
                #expect(response.status == .ok)
                return response.json
            }
            let consistency = try await client.execute(uri: "/api/v1/log/proof/consistency?first=\(first.size)&second=\(second.size)", method: .get) { response in
                #expect(response.status == .ok)
                return response.json
            }
            let verdict = try IndependentVerifier.run([
                "entry": Data(entry).base64EncodedString(), "index": index, "size": second.size,
                "audit_path": inclusion["auditPath"] ?? [], "root": Data(second.rootHash).base64EncodedString(),
                "first": first.size, "first_root": Data(first.rootHash).base64EncodedString(),
                "consistency": consistency["consistency"] ?? [],
            ])
            #expect(verdict == "inclusion ok\nconsistency ok\n")
            // A proof against a tree the log never signed is refused, not invented.
            try await client.execute(uri: "/api/v1/log/proof/inclusion?index=0&size=\(second.size + 50)", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(checkpoint.size <= first.size)
    }

    @Test func changingContactDetailsIsAllowedInScopeAndRefusedOutside() async throws {
        let harness = try await WebHarness.make()
        let ann = try await harness.annID()
        let cat = try await harness.catID()
        try await harness.run { client in
            let organiser = try await harness.token(client, "organiser")
            try await client.patch("/api/v1/people/\(ann)/contact", token: organiser,
                                   #"{"email":"ann.lee@example.org","phone":"07700 900002","reason":"told us at the branch meeting"}"#) { response in
                #expect(response.status == .ok)
                #expect(response.json["changed"] as? Bool == true)
                #expect(response.json["fields"] as? [String] == ["email", "phone"])
                #expect(response.json["notices"] as? Int == 4)
            }
            try await client.patch("/api/v1/people/\(cat)/contact", token: organiser, #"{"email":"x@example.net","reason":"tidy"}"#) { response in
                #expect(response.status == .notFound)
            }
            try await client.patch("/api/v1/people/\(ann)/contact", token: organiser, #"{"email":"nobody-at-all","reason":"tidy"}"#) { response in
                #expect(response.status == .badRequest)
                #expect(!response.text.contains("nobody-at-all"))
            }
            let canvasser = try await harness.token(client, "canvasser")
            try await client.patch("/api/v1/people/\(ann)/contact", token: canvasser, #"{"email":"x@example.net","reason":"tidy"}"#) { response in
                #expect(response.status == .forbidden)
            }
            let member = try await harness.token(client, "member")
            try await client.patch("/api/v1/people/\(ann)/contact", token: member, #"{"email":"ann@example.org","reason":"back to my usual address"}"#) { response in
                #expect(response.status == .ok)
                #expect(response.json["notices"] as? Int == 0)
            }
            // The DPO sees both changes; the organiser may not ask.
            let dpo = try await harness.token(client, "dpo")
            try await client.get("/api/v1/audit/people/\(ann)", token: dpo) { response in
                #expect(response.status == .ok)
                let actors = (response.json["changes"] as? [[String: Any]])?.compactMap { $0["actor"] as? String }
                #expect(actors?.suffix(2) == ["organiser", "member"])
            }
            try await client.get("/api/v1/audit/people/\(ann)", token: organiser) { response in
                #expect(response.status == .forbidden)
            }
        }
        let alerts = try await harness.test.warden.alerts.list(actor: .localOperator)
        #expect(alerts.contains { $0.kind == .outOfScope && $0.actor == "organiser" })
    }

    @Test func newRoutesRefuseAnonymousCallers() async throws {
        let harness = try await WebHarness.make()
        try await harness.run { client in
            for (method, uri) in [(HTTPRequest.Method.patch, "/api/v1/people/1/contact"), (.get, "/api/v1/audit/changes?account=a&from=x&to=y"),
                                  (.get, "/api/v1/audit/contacts?area=1"), (.get, "/api/v1/audit/people/1"), (.post, "/api/v1/rollback")] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .unauthorized, "\(method) \(uri)")
                }
            }
            try await client.execute(uri: "/audit", method: .get) { response in
                #expect(response.status == .seeOther || response.status == .found)
            }
        }
    }
}

extension TestClientProtocol {
    func patch<T>(_ uri: String, token: String, _ body: String, _ check: @escaping @Sendable (TestResponse) async throws -> T) async throws -> T {
        try await execute(uri: uri, method: .patch, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                          body: ByteBuffer(string: body), testCallback: check)
    }
}

/// RFC 9162 §2.1.3.2 and §2.1.4.2, written from the RFC in Python, knowing nothing of Warden's code.
enum IndependentVerifier {
    static let script = #"""
import base64, hashlib, json, sys
d = json.load(sys.stdin)
b = base64.b64decode
def node(l, r): return hashlib.sha256(b"\x01" + l + r).digest()
def inclusion(index, size, leaf, path, root):
    if index >= size: return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1; sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1; sn >>= 1
    return sn == 0 and r == root
def consistency(first, second, path, first_root, second_root):
    if first == second: return not path and first_root == second_root
    if first & (first - 1) == 0: path = [first_root] + path
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1; sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            fr = node(c, fr); sr = node(c, sr)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1; sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1; sn >>= 1
    return fr == first_root and sr == second_root and sn == 0
leaf = hashlib.sha256(b"\x00" + b(d["entry"])).digest()
print("inclusion", "ok" if inclusion(d["index"], d["size"], leaf, [b(p) for p in d["audit_path"]], b(d["root"])) else "FAILED")
print("consistency", "ok" if consistency(d["first"], d["size"], [b(p) for p in d["consistency"]], b(d["first_root"]), b(d["root"])) else "FAILED")
"""#

    static func run(_ input: [String: Any]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
