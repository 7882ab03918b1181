import Hummingbird

/// The files served as they are, to anyone: the stylesheet and the OpenAPI document that
/// describes `/api/v1`.
struct PublicFilesResource: Resource {
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.api.get("openapi.json") { _, _ in
            Self.file(pages.openAPIDocument, type: "application/json", maxAge: 300)
        }
        surfaces.pages.get("static/style.css") { _, _ in
            Self.file(pages.stylesheet, type: "text/css; charset=utf-8", maxAge: 3600)
        }
    }

    /// A file a cache may keep for `maxAge` seconds: it holds nothing personal.
    static func file(_ text: String, type: String, maxAge: Int) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=\(maxAge)"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
