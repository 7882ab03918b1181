import Hummingbird
import Prometheus
import WardenCore
import WardenServices

/// `/healthz` for load balancers and `/metrics` for Prometheus: neither holds personal data.
///
/// `/metrics` is served only when a token is configured, and then only to a request
/// bearing it: the counts per route and status it reports are operational detail an
/// outsider should not read.
///
/// Registered on the router itself, before the session middleware: neither route has a
/// user, and the metrics token is not a session token to look up.
struct OperationsResource {
    let registry: PrometheusCollectorRegistry
    let metricsToken: MetricsToken?
    /// The store's transactions since it opened, by kind.
    let transactions: @Sendable () -> TransactionCounts
    let health: DatabaseHealth
    /// The server's backup schedule, for the last good backup and the next one.
    let backups: (schedule: BackupSchedule, service: BackupService)?

    func register(on router: Router<WardenRequestContext>) {
        router.get("healthz") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        guard let metricsToken else { return }
        router.get("metrics") { request, _ in
            guard metricsToken.admits(request.headers[.authorization]) else {
                return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"])
            }
            let counts = transactions()
            registry.makeGauge(name: "warden_store_transactions", labels: [("kind", "read")]).set(Double(counts.reads))
            registry.makeGauge(name: "warden_store_transactions", labels: [("kind", "write")]).set(Double(counts.writes))
            registry.makeGauge(name: "warden_database_intact").set(Double(health.damaged == nil ? 1 : 0))
            if let (schedule, service) = backups {
                // A failure to read the status shows as no good backup: an alert rule on the age fires.
                let last = try? await service.lastGood()
                registry.makeGauge(name: "warden_backup_last_success_timestamp_seconds").set(Double(last?.at.secondsSince1970 ?? 0))
                registry.makeGauge(name: "warden_backup_last_bytes").set(Double(last?.bytes ?? 0))
                registry.makeGauge(name: "warden_backup_next_timestamp_seconds").set(Double(schedule.next(after: last).secondsSince1970))
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
