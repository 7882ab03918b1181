import Foundation
import Hummingbird
import Mustache

/// Renders the HTML pages from the bundled Mustache templates, which escape every value
/// by default.
struct Pages: Sendable {
    let library: MustacheLibrary
    let stylesheet: String
    let openAPIDocument: String

    /// Loads templates and static files from the module's resources.
    static func load() async throws -> Pages {
        guard let templates = Bundle.module.path(forResource: "Templates", ofType: nil),
              let staticFolder = Bundle.module.path(forResource: "Static", ofType: nil)
        else { throw WebError.missingResources }
        let stylesheet = try String(contentsOfFile: staticFolder + "/style.css", encoding: .utf8)
        let openAPI = try String(contentsOfFile: staticFolder + "/openapi.json", encoding: .utf8)
        return Pages(library: try await MustacheLibrary(directory: templates), stylesheet: stylesheet, openAPIDocument: openAPI)
    }

    /// A page as an HTML response.
    func render(_ view: Any, template: String, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = library.render(view, withTemplate: template) else { throw WebError.missingTemplate(template) }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

enum WebError: Error {
    case missingResources
    case missingTemplate(String)
}
