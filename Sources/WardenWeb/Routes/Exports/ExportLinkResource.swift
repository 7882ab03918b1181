import Hummingbird
import WardenCore
import WardenServices

/// The public page behind an export's one-time link. Opening the link only shows a button:
/// mail scanners and link previews fetch links, and must not use the one download up. The
/// button's POST fetches the file, once. The token in the link is the only credential.
struct ExportLinkResource: Resource {
    let warden: Warden
    let pages: Pages

    func register(on surfaces: Surfaces) {
        surfaces.pages.get("exports/download/:token", use: page)
        surfaces.pages.post("exports/download/:token", use: download)
    }

    struct LinkPage {
        var chrome: Chrome
        var token: String
    }

    @Sendable func page(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try pages.render(LinkPage(chrome: Chrome(context), token: try token(context)), template: "export-link")
    }

    /// There is no session to forge a request against, so no CSRF token is needed.
    @Sendable func download(_ request: Request, context: WardenRequestContext) async throws -> Response {
        try Self.attachment(try await warden.exports.openLink(try token(context)))
    }

    func token(_ context: WardenRequestContext) throws -> String {
        guard let token = context.parameters.get("token"), token.count <= 64 else { throw WardenError.notFound("this link is not one Warden gave out") }
        return token
    }

    /// The file as a download, never shown in the browser.
    static func attachment(_ download: ExportDownload) throws -> Response {
        var buffer = ByteBuffer()
        try download.send { buffer.writeBytes($0) }
        var headers = HTTPFields()
        headers[.contentType] = download.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(download.fileName)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }
}
