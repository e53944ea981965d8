package io.higress.fleet.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The authenticated caller of the current request, as {@link SecurityGate} proved it. Inject it in a resource:
 * {@code if (!currentCaller.get().isAdmin()) redact(...)}. Vert.x-level code uses {@link #of(RoutingContext)}.
 */
@ApplicationScoped
public class CurrentCaller {

    /** RoutingContext attribute holding the {@link Caller}. */
    public static final String KEY = "fleet.security.caller";

    private final CurrentVertxRequest request;

    public CurrentCaller(CurrentVertxRequest request) {
        this.request = request;
    }

    /** The caller, or {@link Caller#ANONYMOUS} on an open path or outside a request. */
    public Caller get() {
        return of(request.getCurrent());
    }

    public boolean isAdmin() {
        return get().isAdmin();
    }

    public static Caller of(RoutingContext ctx) {
        Caller c = ctx == null ? null : ctx.get(KEY);
        return c != null ? c : Caller.ANONYMOUS;
    }
}
