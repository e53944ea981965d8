package io.higress.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events stream of one rollout: no change is lost between the first event and the live ones. */
class RolloutEventsTest {

    final ClusterProgress dev = new ClusterProgress("dev");
    final Rollout rollout = new Rollout(document());

    static RolloutDocument document() {
        RolloutDocument d = new RolloutDocument();
        d.id = "r1";
        d.updatedAt = Instant.now();
        d.waves = List.of(List.of());
        return d;
    }

    @Test
    void aChangeBeforeTheSubscriptionIsInTheFirstEvent() {
        var events = rollout.events();
        rollout.update(null, d -> d.state = RolloutState.RUNNING);

        AssertSubscriber<RolloutEvent> sub = events.subscribe().withSubscriber(AssertSubscriber.create(10));
        rollout.update(dev, d -> dev.state = ClusterState.BAKING);

        assertThat(sub.getItems()).extracting(RolloutEvent::state, RolloutEvent::clusterState).containsExactly(
                tuple(RolloutState.RUNNING, null),
                tuple(RolloutState.RUNNING, ClusterState.BAKING));
    }

    @Test
    void aSubscriberThatRequestsLittleIsBufferedNotFailedAndTheStreamEndsWithTheRollout() {
        AssertSubscriber<RolloutEvent> sub = rollout.events().subscribe().withSubscriber(AssertSubscriber.create(1));
        rollout.update(dev, d -> dev.state = ClusterState.APPLYING);
        rollout.update(null, d -> d.state = RolloutState.SUCCEEDED);

        sub.assertNotTerminated();
        sub.request(10);
        sub.assertCompleted();
        assertThat(sub.getItems()).extracting(RolloutEvent::state)
                .containsExactly(RolloutState.PENDING, RolloutState.PENDING, RolloutState.SUCCEEDED);
    }
}
