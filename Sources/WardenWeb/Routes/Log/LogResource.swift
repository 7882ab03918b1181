import Foundation
import Hummingbird
import HTTPTypes
import WardenCore
import WardenServices

/// The log's public face under `/api/v1/log`: the newest signed checkpoint, the verifier
/// key, and RFC 9162 inclusion and consistency proofs. They hold only hashes, so no sign-in
/// is needed: members and outside witnesses check them with any RFC 6962 verifier.
struct LogResource: Resource {
    let log: LogService

    func register(on surfaces: Surfaces) {
        let group = surfaces.api.group("log")
        group.get("checkpoint") { _, _ in
            guard let note = try await log.latestNote() else { throw WardenError.notFound("no checkpoint yet") }
            return Self.text(note)
        }
        group.get("key") { _, _ in Self.text(try await log.verifierKey + "\n") }
        group.get("proof/inclusion") { request, context in
            let index = try Self.number("index", request)
            let size = try Self.number("size", request)
            let path = try await log.inclusionProof(index: index, size: size)
            return try InclusionResponse(leafIndex: index, treeSize: size, auditPath: path.map { Data($0).base64EncodedString() })
                .response(from: request, context: context)
        }
        group.get("proof/consistency") { request, context in
            let first = try Self.number("first", request)
            let second = try Self.number("second", request)
            let proof = try await log.consistencyProof(from: first, to: second)
            return try ConsistencyResponse(first: first, second: second, consistency: proof.map { Data($0).base64EncodedString() })
                .response(from: request, context: context)
        }
    }

    struct InclusionResponse: ResponseEncodable {
        var leafIndex: UInt64
        var treeSize: UInt64
        var auditPath: [String]
    }

    struct ConsistencyResponse: ResponseEncodable {
        var first: UInt64
        var second: UInt64
        var consistency: [String]
    }

    static func number(_ name: String, _ request: Request) throws -> UInt64 {
        guard let text = request.query(name), let value = UInt64(text) else {
            throw WardenError.invalidRequest("\(name): a whole number is required")
        }
        return value
    }

    static func text(_ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
