package io.dbaudit.collectors.mongo;

import io.dbaudit.collectors.Targets;
import io.dbaudit.model.EngineKind;
import io.dbaudit.model.Target;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoTargetUrlsTest {
    @Test
    void userHostPortAuthDbAndOptions() {
        Target t = MongoTargetUrls.parse("mongodb://auditor@db1.example.com:27018/ops?tls=true&appName=x");
        assertEquals("db1.example.com:27018", t.id());
        assertEquals(EngineKind.MONGODB, t.engine());
        assertEquals("auditor", t.parameters().get("user"));
        assertEquals("ops", t.parameters().get("authSource"));
        assertEquals("true", t.parameters().get("tls"));
        assertEquals("false", t.parameters().get("srv"));
    }

    @Test
    void defaultsToPort27017AndAdmin() {
        Target t = MongoTargetUrls.parse("mongodb://localhost");
        assertEquals("localhost:27017", t.id());
        assertEquals("admin", t.parameters().get("authSource"));
        assertFalse(t.parameters().containsKey("user"));
    }

    @Test
    void srvUrlsAreAcceptedWithoutPort() {
        Target t = MongoTargetUrls.parse("mongodb+srv://auditor@cluster0.example.net/?authSource=admin");
        assertEquals("cluster0.example.net:27017", t.id());
        assertEquals("true", t.parameters().get("srv"));
        assertThrows(IllegalArgumentException.class, () -> MongoTargetUrls.parse("mongodb+srv://h.example.net:27017"));
    }

    @Test
    void passwordIsRefusedWithoutEchoingIt() {
        for (String url : new String[] {"mongodb://auditor:Hunter2%zz@db:27017/admin",
                "mongodb://db:27017/?password=Hunter2%zz"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MongoTargetUrls.parse(url));
            assertFalse(e.getMessage().contains("Hunter2"), e.getMessage());
            assertTrue(e.getMessage().contains("--password-env"));
        }
    }

    @Test
    void seedListsAndForeignSchemesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MongoTargetUrls.parse("mongodb://a:27017,b:27017/?replicaSet=rs0"));
        assertThrows(IllegalArgumentException.class, () -> MongoTargetUrls.parse("postgresql://a/db"));
    }

    @Test
    void ipv6Host() {
        assertEquals("[::1]:27019", MongoTargetUrls.parse("mongodb://[::1]:27019").id());
    }

    @Test
    void targetsDispatchesMongoSchemesToThisCollector() {
        assertEquals(EngineKind.MONGODB, Targets.parse("mongodb://h:1").engine());
        assertEquals(EngineKind.MONGODB, Targets.parse("mongodb+srv://h.example.net").engine());
    }
}
