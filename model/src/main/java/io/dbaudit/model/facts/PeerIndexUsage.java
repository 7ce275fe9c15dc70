package io.dbaudit.model.facts;

/**
 * How often another member of the same cluster used an index (replicas serve reads too), so "unused"
 * means unused everywhere in the scan.
 */
public record PeerIndexUsage(String peer, String database, String schema, String index, long scans)
        implements Fact {
}
