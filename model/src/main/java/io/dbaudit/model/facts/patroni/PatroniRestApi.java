package io.dbaudit.model.facts.patroni;

import io.dbaudit.model.facts.Fact;

/**
 * How the member's REST API is protected. {@code tls}: served over HTTPS (live: the URL scheme that
 * answered; file: {@code restapi.certfile} set). {@code authentication}: the unsafe endpoints (switchover,
 * restart, reinitialize, config changes) refuse anonymous callers (live: an unauthenticated request to
 * one of them was answered 401/403; file: {@code restapi.authentication} set). {@code evidence} says how it
 * was determined; {@code location} is the URL or "patroni.yml:LINE".
 */
public record PatroniRestApi(String location, boolean tls, boolean authentication, String evidence) implements Fact {
}
