package no.katapult.gateway.routing;

import no.katapult.gateway.routing.RouteTable.Instance;
import no.katapult.gateway.routing.RouteTable.UpstreamService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One URL setting, one or several instances. */
class UpstreamServiceTest {

    @Test
    void oneUrlIsOneInstanceAsBefore() {
        UpstreamService service = UpstreamService.of("catapult-registry", config("http://localhost:8081"));
        assertEquals(1, service.instances().size());
        Instance only = service.instances().get(0);
        assertEquals("localhost", only.host());
        assertEquals(8081, only.port());
        assertEquals("catapult-registry#1", only.id());
        assertEquals("http://localhost:8081", service.urls());
        assertEquals("CatapultRegistry", service.schemaPrefix());
    }

    @Test
    void aCommaSeparatedListIsSeveralInstancesNumberedInOrder() {
        UpstreamService service = UpstreamService.of("facility-booking",
                config("http://a:8083", " http://b:8183 ", "https://c"));
        assertEquals(List.of("facility-booking#1", "facility-booking#2", "facility-booking#3"),
                service.instances().stream().map(Instance::id).toList());
        assertEquals("http://b:8183", service.instances().get(1).baseUrl());
        assertEquals(443, service.instances().get(2).port());
        assertTrue(service.instances().get(2).ssl());
        assertEquals("http://a:8083,http://b:8183,https://c:443", service.urls());
    }

    @Test
    void badListsAreNamedAtStart() {
        assertThrows(IllegalStateException.class, () -> UpstreamService.of("x", config("http://a:1", "http://a:1")),
                "the same instance twice");
        assertThrows(IllegalStateException.class, () -> UpstreamService.of("x", config("http://a:1/base")));
        assertThrows(IllegalStateException.class, () -> UpstreamService.of("x", config("ftp://a:1")));
        assertThrows(IllegalStateException.class, () -> UpstreamService.of("x", config(" ")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> UpstreamService.of("x", config("http://a:1", "http//b")));
        assertTrue(e.getMessage().contains("gateway.services.x.url"), e.getMessage());
    }

    private static GatewayConfig.Service config(String... urls) {
        return new GatewayConfig.Service() {
            @Override
            public List<String> url() {
                return List.of(urls);
            }

            @Override
            public Optional<String> schemaPrefix() {
                return Optional.empty();
            }

            @Override
            public boolean mergeOpenapi() {
                return true;
            }

            @Override
            public String openapiPath() {
                return "/q/openapi?format=json";
            }

            @Override
            public String healthPath() {
                return "/q/health/ready";
            }
        };
    }
}
