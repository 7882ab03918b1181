import Hummingbird
import WardenCore

extension RequestContext {
    /// The integer path parameter `name`, or a 404 saying `missing`: a path whose item is not
    /// a number names nothing there is.
    func pathID(_ name: String = "id", missing: String) throws -> Int64 {
        guard let id = parameters.get(name, as: Int64.self) else { throw WardenError.notFound(missing) }
        return id
    }
}
