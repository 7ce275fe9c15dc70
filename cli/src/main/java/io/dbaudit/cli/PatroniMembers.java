package io.dbaudit.cli;

import io.dbaudit.collectors.PasswordSource;
import io.dbaudit.collectors.Targets;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Patroni target may name its PostgreSQL members (parameter {@code members}: URLs separated by
 * {@code ;}). Each member is scanned as a PostgreSQL target of its own, and all of them share a
 * {@code cluster} with the Patroni target, so the Patroni session sees the members' settings (as peer
 * facts) and the members are compared with each other. Member passwords follow the PostgreSQL
 * conventions (PGPASSWORD, ~/.pgpass): the REST API's password is not theirs.
 */
final class PatroniMembers {
    static final String MEMBERS = "members";

    private PatroniMembers() {
    }

    static List<TargetSpec> expand(List<TargetSpec> specs) {
        List<TargetSpec> out = new ArrayList<>();
        for (TargetSpec spec : specs) {
            Target t = spec.target();
            String members = t.parameters().get(MEMBERS);
            if (t.engine() != EngineKind.PATRONI || members == null || members.isBlank()) {
                out.add(spec);
                continue;
            }
            String cluster = t.parameters().getOrDefault(ClusterPeers.CLUSTER, t.id());
            out.add(new TargetSpec(withCluster(t, t.id(), cluster), spec.password()));
            for (String url : members.split(";")) {
                if (url.isBlank()) {
                    continue;
                }
                Target member;
                try {
                    member = Targets.parse(url.strip());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(t.id() + ": members: " + e.getMessage());
                }
                if (member.engine() != EngineKind.POSTGRESQL) {
                    throw new BadInputException(t.id() + ": members must be postgresql:// URLs");
                }
                out.add(new TargetSpec(withCluster(member, t.id() + "/" + member.id(), cluster),
                        new PasswordSource.Default()));
            }
        }
        return out;
    }

    private static Target withCluster(Target t, String id, String cluster) {
        Map<String, String> params = new LinkedHashMap<>(t.parameters());
        params.put(ClusterPeers.CLUSTER, cluster);
        params.remove(MEMBERS);
        return new Target(id, t.engine(), t.endpoint(), params);
    }
}
