package io.dbaudit.cli;

import io.dbaudit.model.facts.Fact;
import io.dbaudit.model.facts.PeerIndexUsage;
import io.dbaudit.model.facts.PeerSetting;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.pg.PgIndex;
import io.dbaudit.model.facts.pg.PgSetting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Targets with the same {@code cluster} parameter are members of one cluster (a primary and its
 * replicas): each member's session also gets the others' settings and index usage as Peer facts, so
 * drift and "unused everywhere" are single-session rules.
 */
final class ClusterPeers {
    static final String CLUSTER = "cluster";

    private ClusterPeers() {
    }

    static List<TargetFacts> join(List<TargetFacts> targets) {
        Map<String, List<TargetFacts>> byCluster = targets.stream()
                .filter(t -> t.target().parameters().containsKey(CLUSTER))
                .collect(Collectors.groupingBy(t -> t.target().parameters().get(CLUSTER)));
        List<TargetFacts> out = new ArrayList<>();
        for (TargetFacts t : targets) {
            String cluster = t.target().parameters().get(CLUSTER);
            List<TargetFacts> members = cluster == null ? List.of() : byCluster.get(cluster);
            if (members.size() < 2) {
                out.add(t);
                continue;
            }
            List<Fact> facts = new ArrayList<>(t.facts());
            for (TargetFacts peer : members) {
                if (peer == t) {
                    continue;
                }
                String id = peer.target().id();
                for (Fact f : peer.facts()) {
                    if (f instanceof PgSetting s) {
                        facts.add(new PeerSetting(id, s.name(), s.setting()));
                    } else if (f instanceof PgIndex i) {
                        facts.add(new PeerIndexUsage(id, i.database(), i.schema(), i.name(), i.scans()));
                    }
                }
            }
            out.add(new TargetFacts(t.target(), t.version(), facts, t.collected()));
        }
        return out;
    }
}
