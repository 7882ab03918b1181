public import Hummingbird
import Logging
import Metrics
public import Prometheus
public import WardenServices

/// Where and how the server listens.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies `Secure`. Browsers accept Secure cookies from http://127.0.0.1 and
    /// http://localhost, so this stays on unless a test client needs otherwise.
    public var secureCookies: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = true) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
    }
}

/// The router with every page and API route, for the server and for in-process tests.
public func buildRouter(
    warden: Warden, configuration: WebConfiguration = WebConfiguration(),
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) async throws -> Router<WardenRequestContext> {
    let pages = try await Pages.load()
    let router = Router(context: WardenRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware(pages: pages))
    router.add(middleware: SessionMiddleware(authentication: warden.authentication))
    OperationsRoutes(registry: metrics).register(on: router)
    APIRoutes(warden: warden, pages: pages).register(on: router)
    LogRoutes(log: warden.log).register(on: router)
    TraceRoutes(warden: warden).register(on: router)
    TracePageRoutes(warden: warden, pages: pages).register(on: router)
    CanvassRoutes(warden: warden).register(on: router)
    CanvassPageRoutes(warden: warden, pages: pages).register(on: router)
    CampaignPageRoutes(warden: warden, pages: pages).register(on: router)
    AccessRoutes(warden: warden).register(on: router)
    AccessPageRoutes(warden: warden, pages: pages).register(on: router)
    PageRoutes(warden: warden, pages: pages, secureCookies: configuration.secureCookies).register(on: router)
    return router
}

/// The Warden web server: HTML pages and the JSON API over one ``Warden``.
///
/// ```swift
/// let app = try await buildApplication(warden: warden, configuration: WebConfiguration(port: 8080))
/// try await app.runService()
/// ```
public func buildApplication(
    warden: Warden, configuration: WebConfiguration, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(warden: warden, configuration: configuration, metrics: metrics)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Warden"),
        services: [Housekeeping(warden: warden)],
        logger: Logger(label: "warden.web"))
}

/// Routes swift-metrics to a Prometheus registry for `/metrics`. Call once per process.
public func bootstrapMetrics() -> PrometheusCollectorRegistry {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}
