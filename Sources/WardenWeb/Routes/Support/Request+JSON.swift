import Hummingbird
import WardenCore

extension Request {
    /// The JSON body as `T`, or a 400 saying what was `expected`: the decoder's own message
    /// names Swift types and coding paths, which tell a client nothing it can act on.
    ///
    /// A key `T` does not have is refused too, as the OpenAPI document's
    /// `additionalProperties: false` says: a misspelt optional field (`"emailConsnet"`) would
    /// otherwise be dropped without a word, and the client would believe it had been taken.
    func json<T: Decodable>(_ type: T.Type, context: some RequestContext, expected: String) async throws -> T {
        let body: KeyedBody<T>
        do {
            body = try await decode(as: KeyedBody<T>.self, context: context)
        } catch {
            throw WardenError.invalidRequest(expected)
        }
        if let unknown = body.unknownKey {
            throw WardenError.invalidRequest("\(KeyedBody<T>.named(unknown)): not a field of this request; \(expected)")
        }
        return body.value
    }
}

/// A body decoded as `T`, with the top-level keys the JSON object held that `T` has no
/// property for. `T`'s keys are its stored properties' names: the request bodies use the
/// synthesised coding keys, so the two are the same.
struct KeyedBody<T: Decodable>: Decodable {
    let value: T
    let unknownKey: String?

    init(from decoder: any Decoder) throws {
        value = try T(from: decoder)
        let present = (try? decoder.container(keyedBy: AnyKey.self))?.allKeys.map(\.stringValue) ?? []
        let known = Set(Mirror(reflecting: value).children.compactMap(\.label))
        unknownKey = present.sorted().first { !known.contains($0) }
    }

    /// The key as a client wrote it when it is a plain name; otherwise words, so that no
    /// arbitrary text is echoed back.
    static func named(_ key: String) -> String {
        key.count <= 40 && key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) ? key : "a field"
    }
}

/// Any key of a JSON object, to list them all.
private struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
