package io.dbaudit.model.facts.redis;

import io.dbaudit.model.facts.Fact;

/** LASTSAVE: the Unix time of the last successful RDB save (the start time when none has happened). */
public record RedisLastSave(long epochSecond) implements Fact {
    public long ageSeconds(java.time.Instant now) {
        return now.getEpochSecond() - epochSecond;
    }
}
