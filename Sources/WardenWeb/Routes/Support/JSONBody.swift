import Hummingbird

/// A domain value as a JSON response, without making the domain type depend on Hummingbird.
struct JSONBody<Value: Encodable & Sendable>: ResponseEncodable {
    var value: Value

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}

extension JSONBody {
    /// The value as the `201 Created` answer to a POST that made it.
    func created(from request: Request, context: some RequestContext) throws -> Response {
        var response = try response(from: request, context: context)
        response.status = .created
        return response
    }
}
