package io.dbaudit.model.facts;

/**
 * A setting of another member of the same cluster in the same scan (inserted by the scan, not collected),
 * so drift between members is a rule over one session.
 */
public record PeerSetting(String peer, String name, String setting) implements Fact {
}
