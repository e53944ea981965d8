package io.higress.fleet.revisions;

import io.higress.fleet.cluster.FleetConfig;
import io.higress.fleet.home.HomeCluster;
import io.higress.fleet.problem.ProblemResponses;
import io.higress.fleet.resources.Applier;
import io.higress.fleet.resources.FieldChange;
import io.higress.fleet.resources.ObjectAddress;
import io.higress.fleet.resources.ObjectDiff;
import io.higress.fleet.resources.StoredObject;
import io.higress.fleet.resources.WriteRecorder;
import io.higress.fleet.security.Caller;
import io.higress.fleet.security.CurrentCaller;
import io.higress.fleet.security.redaction.Redaction;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The revision history: the {@link WriteRecorder} of the Applier. Each object written in a cluster becomes a
 * {@link Revision}, redacted ({@link SecretFields}) and stored (home cluster, else data directory) on a worker
 * thread before the write answers, then the retention ({@code fleet.revisions.max-count}, {@code max-age}) drops
 * the oldest. A revision that cannot be stored is logged, never fails the write (which was made).
 */
@Startup // its store is read at start-up, on the main thread, not on the first write's thread
@ApplicationScoped
public class Revisions implements WriteRecorder {
    private static final Logger LOG = Logger.getLogger(Revisions.class);

    private final RevisionStore store;
    private final SecretFields secrets;
    private final CurrentVertxRequest current;
    private final int maxCount;
    private final Duration maxAge;
    private final AtomicLong seq;
    private final Object retaining = new Object();
    volatile Clock clock = Clock.systemUTC();

    @Inject
    public Revisions(FleetConfig fleet, RevisionsConfig config, HomeCluster home, Redaction redaction,
            CurrentVertxRequest current, Instance<Clock> clocks) {
        this(home.configured() ? new HomeRevisionStore(home.client(), home.namespace())
                        : new DataDirRevisionStore(Path.of(fleet.dataDir(), "revisions")),
                config, redaction, current);
        if (clocks.isResolvable()) {
            clock = clocks.get();
        }
    }

    Revisions(RevisionStore store, RevisionsConfig config, Redaction redaction, CurrentVertxRequest current) {
        this.store = store;
        this.secrets = new SecretFields(redaction);
        this.current = current;
        this.maxCount = config.maxCount();
        this.maxAge = config.maxAge();
        long last = 0;
        try {
            last = store.lastSeq();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot read the revisions kept: %s", e.getMessage());
        }
        this.seq = new AtomicLong(last);
    }

    RevisionStore store() {
        return store;
    }

    SecretFields secrets() {
        return secrets;
    }

    @Override
    public Origin origin(Applier.Options options) {
        RoutingContext ctx = request();
        Caller caller = CurrentCaller.of(ctx);
        String who = caller.kind() == Caller.Kind.ANONYMOUS
                ? options.rollout() != null ? "rollout " + options.rollout() : "higress-fleet"
                : caller.name();
        String requestId = ctx == null ? null : ctx.response().headers().get(ProblemResponses.REQUEST_ID);
        String reason = options.reason();
        if (reason == null && ctx != null) {
            reason = ctx.request().method().name() + " " + ctx.request().path();
        }
        return new Origin(who, requestId, options.rollout(), reason);
    }

    private RoutingContext request() {
        try {
            return Arc.container() != null && Arc.container().requestContext().isActive() ? current.getCurrent()
                    : null;
        } catch (RuntimeException e) { // no request on this thread: the facade's own work
            return null;
        }
    }

    @Override
    public Uni<Void> written(Origin origin, Written w) {
        Revision r = revision(origin, w);
        return Uni.createFrom().item(() -> {
                    store(r);
                    return (Void) null;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithItem(t -> {
                    LOG.errorf("Revision of %s in cluster %s not stored: %s", w.ref(), w.cluster(), t.getMessage());
                    return null;
                });
    }

    private void store(Revision r) {
        store.add(r);
        synchronized (retaining) {
            List<String> gone = Retention.expired(store.all(), clock.instant(), maxCount, maxAge);
            if (!gone.isEmpty()) {
                store.remove(gone);
            }
        }
    }

    Revision revision(Origin origin, Written w) {
        String id = Long.toString(clock.millis(), 36) + "-" + UUID.randomUUID().toString().substring(0, 8);
        String plural = w.source(); // null: a write that did not say (not restorable by kind)
        return new Revision(id, seq.incrementAndGet(), clock.instant(), w.cluster(), w.ref().kind(), plural,
                w.shownKind(), w.ref().namespace(), w.ref().name(), w.action(), origin.who(), origin.requestId(),
                origin.rollout(), origin.reason(), secrets.redacted(w.before()), secrets.redacted(w.after()),
                changes(w.before(), w.after()), secrets.redacted(w.hint()));
    }

    /** The field differences of each stored object (prefixed by its name when there are several), redacted. */
    List<FieldChange> changes(List<StoredObject> before, List<StoredObject> after) {
        Map<ObjectAddress, StoredObject> was = new LinkedHashMap<>();
        before.forEach(o -> was.put(o.address(), o));
        Map<ObjectAddress, StoredObject> now = new LinkedHashMap<>();
        after.forEach(o -> now.put(o.address(), o));
        Set<ObjectAddress> all = new LinkedHashSet<>(was.keySet());
        all.addAll(now.keySet());
        List<FieldChange> out = new ArrayList<>();
        for (ObjectAddress a : all) {
            StoredObject from = was.get(a);
            StoredObject to = now.get(a);
            boolean secret = SecretFields.secretObject(from) || SecretFields.secretObject(to);
            String prefix = all.size() > 1 ? "/" + a.name().replace("~", "~0").replace("/", "~1") : "";
            ObjectDiff.diff(a.type().content(from == null ? null : from.body()),
                            a.type().content(to == null ? null : to.body()))
                    .forEach(c -> out.add(secrets.redacted(new FieldChange(prefix + c.path(), c.from(), c.to()),
                            secret)));
        }
        return out;
    }

    Optional<Revision> find(String id) {
        return store.find(id);
    }
}
