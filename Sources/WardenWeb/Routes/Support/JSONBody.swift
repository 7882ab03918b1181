import Hummingbird

/// A domain value as a JSON response, without making the domain type depend on Hummingbird.
struct JSONBody<Value: Encodable & Sendable>: ResponseEncodable {
    var value: Value

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}
