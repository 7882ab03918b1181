import Foundation

/// The served OpenAPI document, read as plain JSON so the tests check what clients receive.
struct OpenAPIDocument: Sendable {
    let root: JSONValue

    init(data: Data) throws {
        root = try JSONValue(data: data)
        guard root.object != nil else { throw DocumentError("the document is not a JSON object") }
    }

    struct DocumentError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// One operation: `GET /api/v1/people/{id}`.
    struct Operation: Hashable, Comparable, Sendable, CustomStringConvertible {
        var method: String
        var path: String
        var description: String { "\(method) \(path)" }
        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
    }

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    var paths: [String: JSONValue] { root["paths"]?.object ?? [:] }

    var operations: Set<Operation> {
        var found = Set<Operation>()
        for (path, item) in paths {
            for key in (item.object ?? [:]).keys where Self.methods.contains(key) {
                found.insert(Operation(method: key.uppercased(), path: path))
            }
        }
        return found
    }

    func object(_ operation: Operation) -> JSONValue? {
        paths[operation.path]?[operation.method.lowercased()]
    }

    /// The operation's documented status codes.
    func statuses(_ operation: Operation) -> Set<Int> {
        Set((object(operation)?["responses"]?.object ?? [:]).keys.compactMap { Int($0) })
    }

    /// Whether the operation needs a credential: its own `security`, else the document's.
    func isSecured(_ operation: Operation) -> Bool {
        let security = object(operation)?["security"] ?? root["security"]
        return !(security?.array ?? []).isEmpty
    }

    /// The documented response for `status`, with `$ref` resolved.
    func response(_ operation: Operation, status: Int) -> JSONValue? {
        object(operation)?["responses"]?[String(status)].map(resolve)
    }

    /// The schema of a documented response's JSON (or problem) body, if it has one.
    func schema(_ operation: Operation, status: Int, contentType: String) -> JSONValue? {
        response(operation, status: status)?["content"]?[contentType]?["schema"]
    }

    /// Follows a local `$ref` such as `#/components/schemas/Person`.
    func resolve(_ node: JSONValue) -> JSONValue {
        guard let reference = node["$ref"]?.string, reference.hasPrefix("#/") else { return node }
        var current: JSONValue? = root
        for part in reference.dropFirst(2).split(separator: "/") {
            current = current?[String(part)]
        }
        return current.map(resolve) ?? .object([:])
    }

    /// Where `value` strays from `schema`, as paths with a reason; empty when it conforms.
    /// Checks types, required and undeclared properties (unless the schema allows more),
    /// enums, constants, array items and `oneOf`/`anyOf`.
    func mismatches(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        let schema = resolve(schema)
        if let choices = (schema["oneOf"] ?? schema["anyOf"])?.array {
            let failures = choices.map { mismatches(value, $0, at: path) }
            return failures.contains { $0.isEmpty } ? [] : ["\(path): matches none of its alternatives \(failures.flatMap { $0 }.prefix(4))"]
        }
        if let type = schema["type"] {
            let types = type.array?.compactMap(\.string) ?? [type.string ?? ""]
            let accepted = types.contains(value.kind) || (types.contains("number") && value.kind == "integer")
            if !accepted { return ["\(path): \(value.kind) where the schema says \(types.joined(separator: " or "))"] }
        }
        if let allowed = schema["enum"]?.array, !allowed.contains(where: { $0.description == value.description && $0.kind == value.kind }) {
            return ["\(path): \(value) is not one of \(allowed)"]
        }
        if let constant = schema["const"], constant.description != value.description {
            return ["\(path): \(value) is not \(constant)"]
        }
        var found: [String] = []
        if let object = value.object {
            let properties = schema["properties"]?.object ?? [:]
            for name in schema["required"]?.array?.compactMap(\.string) ?? [] where object[name] == nil {
                found.append("\(path).\(name): required but absent")
            }
            let additional = schema["additionalProperties"]
            for (name, item) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    found += mismatches(item, property, at: "\(path).\(name)")
                } else if let additional, additional.object != nil {
                    found += mismatches(item, additional, at: "\(path).\(name)")
                } else if additional?.bool != true {
                    found.append("\(path).\(name): returned but not in the schema")
                }
            }
        }
        if let array = value.array, let items = schema["items"] {
            for (index, item) in array.enumerated() {
                found += mismatches(item, items, at: "\(path)[\(index)]")
            }
        }
        return found
    }
}
