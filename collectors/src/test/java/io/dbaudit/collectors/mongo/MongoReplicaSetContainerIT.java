package io.dbaudit.collectors.mongo;

import io.dbaudit.collectors.CollectOptions;
import io.dbaudit.model.ErrorReason;
import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.facts.mongo.MongoOplog;
import io.dbaudit.model.facts.mongo.MongoOption;
import io.dbaudit.model.facts.mongo.MongoReplMember;
import io.dbaudit.model.facts.mongo.MongoReplSet;
import io.dbaudit.model.facts.mongo.MongoServer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against a real mongod 7 (Testcontainers' MongoDBContainer starts a one-member replica set "docker-rs"):
 * covers what {@link FakeMongo} cannot — real replSetGetStatus/Config, a real oplog, real getCmdLineOpts,
 * real serverStatus (WiredTiger cache, connections) and real $indexStats. Skipped where no Docker engine is
 * available (the default development machine has none).
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoReplicaSetContainerIT {
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7");

    @Test
    void readsARealReplicaSet() throws Exception {
        URI uri = URI.create(MONGO.getReplicaSetUrl());
        String url = "mongodb://" + uri.getHost() + ":" + uri.getPort();
        TargetFacts tf = new MongoCollector().collect(MongoTargetUrls.parse(url), Optional.empty(),
                new CollectOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(2)));

        MongoServer server = tf.facts().stream().filter(MongoServer.class::isInstance).map(MongoServer.class::cast)
                .findFirst().orElseThrow();
        assertEquals(7, server.major());
        assertEquals("docker-rs", server.setName());
        assertEquals("wiredTiger", server.storageEngine());
        MongoReplSet set = tf.facts().stream().filter(MongoReplSet.class::isInstance).map(MongoReplSet.class::cast)
                .findFirst().orElseThrow();
        assertEquals(1, set.membersCount());
        assertTrue(tf.facts().stream().filter(MongoReplMember.class::isInstance).map(MongoReplMember.class::cast)
                .anyMatch(m -> m.self() && m.primary() && m.healthy()));
        assertTrue(tf.facts().stream().anyMatch(f -> f instanceof MongoOplog o && o.windowSeconds() >= 0));
        assertTrue(tf.facts().stream().anyMatch(f -> f instanceof MongoOption o
                && o.path().equals("replication.replSet")), "the container passes --replSet on the command line");
        assertTrue(tf.collected().containsAll(java.util.Set.of("MongoParameter", "MongoUser", "MongoIndex",
                "MongoIndexStats", "MongoConnections", "MongoCache")), tf.collected().toString());
        assertFalse(tf.errors().stream().anyMatch(e -> e.reason() == ErrorReason.PRIVILEGE), tf.errors().toString());
    }
}
