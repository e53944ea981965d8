package io.higress.fleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The facade's HTTP API as fleetctl calls it (the JDK's client, no other library). Answers of 400 and above become a
 * {@link ProblemException}; a facade that cannot be reached, a {@link CliFailure} naming the URL.
 */
final class FleetClient {
    static final String JSON = "application/json";

    private final URI base;
    private final Credential credential;
    private final Duration timeout;
    private final HttpClient http;

    FleetClient(URI base, Credential credential, Duration timeout) {
        this.base = base;
        this.credential = credential;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0
                ? timeout : Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    URI base() {
        return base;
    }

    Answer get(String path, Query query) {
        return get(path, query, JSON);
    }

    Answer get(String path, Query query, String accept) {
        return send(request(path, query, accept, true).GET());
    }

    Answer post(String path, Query query, String contentType, byte[] body) {
        HttpRequest.Builder b = request(path, query, JSON, true);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer postJson(String path, Query query, JsonNode body) {
        return post(path, query, JSON, Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    /** A body read as it arrives (config_dump, server-sent events): no deadline once the headers are in. */
    InputStream stream(String path, Query query, String accept) {
        HttpResponse<InputStream> r = exchange(request(path, query, accept, false).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() >= 400) {
            try (InputStream body = r.body()) {
                throw problem(r.statusCode(), r.headers().firstValue("Content-Type"), body.readAllBytes());
            } catch (IOException e) {
                throw unreachable(e);
            }
        }
        return r.body();
    }

    private HttpRequest.Builder request(String path, Query query, String accept, boolean deadline) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + (query == null ? "" : query)))
                .header("Accept", accept + ", application/problem+json")
                .header("User-Agent", "fleetctl/" + Fleetctl.version());
        if (deadline) {
            b.timeout(timeout);
        }
        if (credential.token() != null) {
            b.header("Authorization", "Bearer " + credential.token());
        }
        return b;
    }

    private Answer send(HttpRequest.Builder request) {
        HttpResponse<byte[]> r = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 400) {
            throw problem(r.statusCode(), r.headers().firstValue("Content-Type"), r.body());
        }
        return new Answer(r.statusCode(), r.headers(), r.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failed("interrupted", e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private ProblemException problem(int status, Optional<String> contentType, byte[] body) {
        return new ProblemException(status, Problems.parse(status, contentType.orElse(""), body), credential);
    }

    private CliFailure unreachable(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return CliFailure.failed("cannot reach " + base + ": no connection within the timeout "
                    + "(--url, FLEET_URL)", e);
        }
        if (e instanceof HttpTimeoutException) {
            return CliFailure.failed(base + " did not answer within " + timeout.toMillis() + " ms (--timeout)", e);
        }
        if (e instanceof ConnectException) {
            return CliFailure.failed("cannot reach " + base + ": connection refused; is the facade running there? "
                    + "(--url, FLEET_URL)", e);
        }
        return CliFailure.failed("calling " + base + " failed: " + (e.getMessage() == null ? e.getClass()
                .getSimpleName() : e.getMessage()), e);
    }
}
