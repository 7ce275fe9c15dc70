package io.dbaudit.model.facts.patroni;

import io.dbaudit.model.facts.Fact;

import java.util.List;

/**
 * The distributed configuration store Patroni uses, from patroni.yml (the REST API does not reveal it).
 * {@code type} is the section name (not "kind": every fact's kind() is its class name) (etcd, etcd3, consul, zookeeper, exhibitor, kubernetes, raft);
 * {@code hosts} the endpoints as written; {@code hostsCount} their number (0 when discovered through
 * DNS SRV or a proxy, so unknown); {@code tls} whether the client talks TLS to it (https protocol/URLs,
 * or CA/cert settings).
 */
public record PatroniDcs(String type, List<String> hosts, boolean tls, int hostsCount, String location)
        implements Fact {
    public PatroniDcs {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** etcd's own quorum, which Patroni depends on: one node or an even number is a weak quorum. */
    public boolean etcd() {
        return "etcd".equals(type) || "etcd3".equals(type);
    }
}
