public import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Metrics
public import Prometheus
public import WardenServices

/// The router with every page and API route, for the server and for in-process tests.
public func buildRouter(
    warden: Warden, configuration: WebConfiguration = WebConfiguration(),
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) async throws -> Router<WardenRequestContext> {
    let pages = try await Pages.load()
    let router = Router(context: WardenRequestContext.self)
    router.add(middleware: DamageMiddleware(health: warden.health))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware(pages: pages, authentication: warden.authentication))
    router.add(middleware: BodyLimitMiddleware())
    let routes = RouteTable()
    router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
    // Before the session middleware: the metrics token is not a session token to look up.
    OperationsResource(registry: metrics, metricsToken: MetricsToken(configuration.metricsToken), transactions: { warden.transactions },
                       health: warden.health, backups: configuration.backups.map { schedule in (schedule, warden.backups) })
        .register(on: router)
    let gateChecked = GateCheckedRoutes()
    router.add(middleware: SessionMiddleware(authentication: warden.authentication, gateChecked: gateChecked))
    let surfaces = Surfaces(router, gateChecked: gateChecked)
    let resources: [any Resource] = [
        PublicFilesResource(pages: pages),
        SessionResource(warden: warden, pages: pages, cookies: CookiePolicy(secure: configuration.secureCookies)),
        PasswordResource(warden: warden, pages: pages),
        PeopleResource(warden: warden, pages: pages),
        MembershipResource(warden: warden),
        ContactsResource(warden: warden),
        AreasResource(warden: warden, pages: pages),
        WalkListsResource(warden: warden, pages: pages),
        CanvassResultsResource(warden: warden),
        CampaignsResource(warden: warden, pages: pages),
        SurveyResource(warden: warden),
        AssignmentsResource(warden: warden),
        SheetsResource(warden: warden, pages: pages),
        AccountsResource(warden: warden, pages: pages),
        GrantsResource(warden: warden, pages: pages),
        AccessReportResource(warden: warden, pages: pages),
        AlertsResource(warden: warden, pages: pages),
        InvestigationsResource(warden: warden, pages: pages),
        SubjectAccessResource(warden: warden, pages: pages),
        ErasureResource(warden: warden, pages: pages),
        IncidentResource(warden: warden, pages: pages),
        BallotResource(warden: warden, pages: pages),
        MailingResource(warden: warden, pages: pages),
        ExportResource(warden: warden, pages: pages),
        ExportLinkResource(warden: warden, pages: pages),
        BackupsResource(warden: warden, pages: pages, schedule: configuration.backups),
        OversightResource(warden: warden, pages: pages),
        MembershipOfficeResource(warden: warden, pages: pages),
        JoinResource(warden: warden, pages: pages),
        MyRecordResource(warden: warden, pages: pages),
        RollbackResource(warden: warden, pages: pages),
        NoticesResource(warden: warden, pages: pages),
        VotingResource(warden: warden, pages: pages),
        UnsubscribeResource(warden: warden, pages: pages),
        VolunteerSignUpResource(warden: warden, pages: pages),
        VolunteerResource(warden: warden, pages: pages),
        EventRSVPResource(warden: warden, pages: pages),
        EventResource(warden: warden, pages: pages),
        EventMemberResource(warden: warden, pages: pages),
        LogResource(log: warden.log),
    ]
    for resource in resources { resource.register(on: surfaces) }
    routes.record(router.routes)
    return router
}

/// The Warden web server: HTML pages and the JSON API over one ``Warden``.
///
/// ```swift
/// let app = try await buildApplication(warden: warden, configuration: WebConfiguration(port: 8080))
/// try await app.runService()
/// ```
///
/// `onServerRunning` is told the port the server listens on: the real one when
/// `configuration.port` is 0 and the system picks a free port.
public func buildApplication(
    warden: Warden, configuration: WebConfiguration, metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(warden: warden, configuration: configuration, metrics: metrics)
    let logger = Logger(label: "warden.web")
    return Application(
        router: router,
        server: .warden(configuration),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "Warden",
            availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)),
        services: [Housekeeping(warden: warden)] + (configuration.backups.map { [BackupScheduler(warden: warden, schedule: $0)] } ?? []),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// Routes swift-metrics to a Prometheus registry for `/metrics`. Call once per process.
public func bootstrapMetrics() -> PrometheusCollectorRegistry {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}
