package no.katapult.events.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookUrlsTest {

    /** A resolver with fixed answers, so that no test depends on DNS. */
    private static final Map<String, String[]> DNS = Map.of(
            "partner.example.no", new String[]{"93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"},
            "rebound.example.no", new String[]{"93.184.216.34", "10.1.2.3"},
            "intranet.example.no", new String[]{"192.168.10.20"},
            "localhost", new String[]{"127.0.0.1", "::1"},
            "metadata.example.no", new String[]{"169.254.169.254"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] answers = DNS.get(host);
        if (answers == null) {
            // Literal addresses resolve to themselves, as InetAddress does, without a lookup.
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[]{InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] result = new InetAddress[answers.length];
        for (int i = 0; i < answers.length; i++) {
            result[i] = InetAddress.getByName(answers[i]);
        }
        return result;
    }

    private final WebhookUrls production = new WebhookUrls(false, WebhookUrlsTest::resolve);
    private final WebhookUrls demo = new WebhookUrls(true, WebhookUrlsTest::resolve);

    private static String refusal(WebhookUrls rules, String url) {
        return assertThrows(WebhookUrls.Refused.class, () -> rules.check(url), url).getMessage();
    }

    @Test
    void acceptsHttpsToPublicAddresses() throws Exception {
        WebhookUrls.Target target = production.check("https://partner.example.no/katapult/events?tenant=in");
        assertTrue(target.https());
        assertEquals("partner.example.no", target.host());
        assertEquals(443, target.port());
        assertEquals("/katapult/events?tenant=in", target.pathAndQuery());
        assertEquals(2, target.addresses().size(), "every address is checked and kept");
        assertEquals(8443, production.check("https://partner.example.no:8443").port());
        assertEquals("/", production.check("https://partner.example.no").pathAndQuery());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://partner.example.no/hook", "ftp://partner.example.no/hook", "partner.example.no/hook",
            "/relative", "mailto:someone@example.no", "https:///nohost"})
    void refusesAnythingButHttps(String url) {
        refusal(production, url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://10.0.0.1/", "https://172.16.5.4/",
            "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data", "https://[::1]/", "https://[fe80::1]/",
            "https://[fd00::1]/", "https://224.0.0.1/", "https://0.0.0.0/", "https://100.64.0.1/", "https://[::ffff:10.0.0.1]/",
            "https://intranet.example.no/", "https://metadata.example.no/", "https://255.255.255.255/"})
    void refusesPrivateLoopbackLinkLocalAndMulticastAddresses(String url) {
        assertTrue(refusal(production, url).contains("public address"), url);
    }

    @Test
    void refusesAHostWithAnyPrivateAddressAmongItsAnswers() {
        assertTrue(refusal(production, "https://rebound.example.no/hook").contains("10.1.2.3"));
    }

    @Test
    void refusesCredentialsFragmentsUnknownHostsAndVeryLongUrls() {
        assertTrue(refusal(production, "https://user:pw@partner.example.no/").contains("credentials"));
        refusal(production, "https://partner.example.no/#top");
        assertTrue(refusal(production, "https://nowhere.example.no/").contains("cannot be resolved"));
        refusal(production, "https://partner.example.no/" + "a".repeat(WebhookUrls.MAX_LENGTH));
        refusal(production, " ");
        refusal(production, null);
        refusal(production, "https://partner.example.no/a b");
    }

    @Test
    void theLoopbackAllowanceAddsHttpToLocalhostAnd127001Only() throws Exception {
        assertEquals(8089, demo.check("http://127.0.0.1:8089/hook").port());
        assertEquals("localhost", demo.check("http://localhost:9000/x").host());
        demo.check("https://localhost:9443/x");
        demo.check("https://partner.example.no/hook");
        refusal(demo, "http://partner.example.no/hook");
        refusal(demo, "http://192.168.1.1/hook");
        refusal(demo, "https://10.0.0.1/hook");
        refusal(demo, "http://127.0.0.2:8089/hook");
        refusal(production, "http://127.0.0.1:8089/hook");
        refusal(production, "http://localhost:8089/hook");
    }

    @Test
    void publicAddressesArePublic() throws Exception {
        for (String address : new String[]{"93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1"}) {
            assertTrue(WebhookUrls.isPublic(InetAddress.getByName(address)), address);
        }
        for (String address : new String[]{"192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1", "240.0.0.1",
                "2001:db8::1", "2002:0a00:0001::1", "64:ff9b::a00:1", "::10.0.0.1", "2001:0:4136:e378::1"}) {
            assertFalse(WebhookUrls.isPublic(InetAddress.getByName(address)), address);
        }
        assertTrue(WebhookUrls.isPublic(InetAddress.getByName("2002:5db8:d822::1")), "6to4 of a public address");
    }
}
