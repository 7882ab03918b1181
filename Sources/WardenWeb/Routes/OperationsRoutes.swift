import Hummingbird
import Prometheus

/// `/healthz` for load balancers and `/metrics` for Prometheus: neither holds personal data.
struct OperationsRoutes {
    let registry: PrometheusCollectorRegistry

    func register(on router: Router<WardenRequestContext>) {
        router.get("healthz") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}
