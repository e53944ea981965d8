package io.higress.fleet.sim;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In front of a mock API server's own dispatcher (CRUD + expectations): applies the cluster's {@link ApiFault}.
 * Delays use the mock server's timers (its Vert.x event loop is never blocked); a hang is an answer delayed for a
 * day, which no client waits for.
 */
final class FaultyApiDispatcher extends Dispatcher {

    private static final Duration FOREVER = Duration.ofDays(1);

    private final Dispatcher delegate;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong faulted = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private volatile ApiFault fault = ApiFault.NONE;

    FaultyApiDispatcher(Dispatcher delegate) {
        this.delegate = delegate;
    }

    void setFault(ApiFault fault) {
        this.fault = fault == null ? ApiFault.NONE : fault;
    }

    ApiFault fault() {
        return fault;
    }

    long requests() {
        return requests.get();
    }

    /** POST, PUT, PATCH and DELETE requests received (faulted ones included). */
    long writes() {
        return writes.get();
    }

    /** Requests the fault applied to. */
    long faulted() {
        return faulted.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        ApiFault f = fault;
        String method = request.getMethod() == null ? "" : request.getMethod();
        if (ApiFault.WRITE_METHODS.contains(method)) {
            writes.incrementAndGet();
        }
        String path = request.getPath() == null ? "/" : request.getPath().replaceFirst("\\?.*", "");
        if (f.isNone() || !f.appliesTo(method, path)) {
            return delegate.dispatch(request);
        }
        faulted.incrementAndGet();
        MockResponse response;
        if (f.hang()) {
            // the mock server delays only an answer with a body
            response = new MockResponse().setResponseCode(200).setBody("{}").setBodyDelay(FOREVER);
        } else if (f.status() != 0) {
            response = new MockResponse().setResponseCode(f.status()).setHeader("Content-Type", "application/json")
                    .setBody(status(f.status(), method + " " + path));
        } else {
            response = delegate.dispatch(request);
        }
        return f.latencyMs() > 0 && !f.hang() ? response.setBodyDelay(Duration.ofMillis(f.latencyMs())) : response;
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    /** The body a real API server sends with an error status. */
    private static String status(int code, String what) {
        String reason = switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code >= 500 ? "InternalError" : "";
        };
        return Json.obj("kind", "Status", "apiVersion", "v1", "metadata", Json.obj(), "status", "Failure",
                "message", "simulated fault: " + what + " answered " + code,
                "reason", reason.isEmpty() ? null : reason, "code", code).toString();
    }
}
