import Hummingbird
import WardenCore

extension Request {
    /// The JSON body as `T`, or a 400 saying what was `expected`: the decoder's own message
    /// names Swift types and coding paths, which tell a client nothing it can act on.
    func json<T: Decodable>(_ type: T.Type, context: some RequestContext, expected: String) async throws -> T {
        do {
            return try await decode(as: type, context: context)
        } catch {
            throw WardenError.invalidRequest(expected)
        }
    }
}
