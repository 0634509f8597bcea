package net.gatehouse.appliance.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.crypto.CertificateDetails;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.syntax.IcontrolJson;
import net.gatehouse.appliance.syntax.StanzaWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every core component, in each of its four forms, matches a golden file of the text BIG-IP
 * shows: tmsh {@code list <type> <name>}, {@code list <type> <name> all-properties}, the
 * bigip.conf stanza {@code save sys config} writes, and the iControl REST GET body (Jackson's
 * default pretty printer, one trailing newline). A certificate's details read from its file are
 * shown as the appliance shows them; its fingerprint, which changes with each generated key, is
 * written {@code SHA256/{fingerprint}}.
 *
 * <p>Goldens live in {@code src/test/resources/golden/<component-with-dashes>/} as
 * {@code list.txt}, {@code all-properties.txt}, {@code bigip.conf} and {@code rest.json}, and are
 * compared exactly.
 *
 * <p>To (re)write them from the current output instead of comparing, run
 * <pre>
 * mvn -B -o -q test -pl appliance -Dtest=GoldenFormsTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true
 * </pre>
 * then review every changed golden against F5's documented output before committing it: a golden
 * is a claim about BIG-IP, not a snapshot of whatever the code happens to print.
 */
class GoldenFormsTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path SOURCE_GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One realistic configuration holding an object of every core component. */
    private static final List<String> CONFIGURATION = List.of(
            "create ltm monitor http web_health defaults-from http"
                    + " send \"GET /health HTTP/1.1\\r\\nHost: www.example.com\\r\\nConnection: close\\r\\n\\r\\n\""
                    + " recv \"200 OK\" interval 10 timeout 31",
            "create ltm monitor https web_tls defaults-from https send \"GET /status\\r\\n\" recv up"
                    + " destination *:8443",
            "create ltm monitor tcp web_port defaults-from tcp interval 15 timeout 46",
            "create ltm monitor gateway-icmp router_ping defaults-from gateway_icmp interval 10 timeout 31",
            "create ltm node app1 address 10.0.0.11 description \"first app server\" connection-limit 500",
            "create ltm pool web load-balancing-mode ratio-member min-active-members 1"
                    + " members add { app1:80 { ratio 3 priority-group 10 } 10.0.0.12:80 }"
                    + " monitor min 1 of { http tcp }",
            "create ltm profile tcp web_tcp defaults-from tcp idle-timeout 600",
            "create ltm profile udp dns_udp defaults-from udp idle-timeout 30",
            "create ltm profile fastl4 l4_fast defaults-from fastL4 idle-timeout 120",
            "create ltm profile http web_http defaults-from http fallback-host http://sorry.example.com/"
                    + " enforcement { max-header-count 128 } insert-xforwarded-for enabled",
            "create ltm profile one-connect web_oneconnect defaults-from oneconnect source-mask 255.255.255.0"
                    + " max-size 500",
            "create ltm persistence cookie web_cookie defaults-from cookie cookie-name WEBSRV expiration 1:0:0",
            "create ltm persistence source-addr web_src defaults-from source_addr mask 255.255.255.0 timeout 600",
            "create ltm snatpool web_snat members add { 10.1.1.200 10.1.1.201 }",
            "create ltm virtual web_vs destination 10.1.1.10:80 pool web profiles add { tcp http }"
                    + " persist replace-all-with { cookie { default yes } }"
                    + " source-address-translation { type automap } description \"public web site\"",
            "modify sys db ui.advisory.enabled value true",
            "create sys file ssl-cert www.example.com.crt cache-path /config/ssl/ssl.crt/www.example.com.crt"
                    + " source-path file:///var/tmp/www.example.com.crt",
            "create sys file ssl-key www.example.com.key cache-path /config/ssl/ssl.key/www.example.com.key"
                    + " source-path file:///var/tmp/www.example.com.key",
            "create sys crypto key www_key key-size 4096",
            "create sys crypto cert www_cert common-name www.example.com organization \"Example Inc\" key www_key"
                    + " lifetime 730",
            "create sys crypto csr www_csr common-name www.example.com country US key www_key",
            "create ltm profile client-ssl www_clientssl defaults-from clientssl cert www.example.com.crt"
                    + " key www.example.com.key options replace-all-with { dont-insert-empty-fragments no-tlsv1 }",
            "create ltm profile server-ssl api_serverssl defaults-from serverssl server-name api.example.com",
            "create ltm profile http-compression web_compress defaults-from httpcompression gzip-level 6",
            "create ltm profile web-acceleration web_cache defaults-from optimized-caching cache-size 50",
            "create ltm profile fasthttp fast_web defaults-from fasthttp idle-timeout 120",
            "create ltm profile request-log web_log defaults-from request-log request-logging enabled",
            "create ltm profile websocket ws defaults-from websocket masking preserve",
            "create ltm rule jsession { when HTTP_REQUEST {\n    persist uie [HTTP::cookie \"JSESSIONID\"]\n} }",
            "create ltm persistence universal jsession_persist defaults-from universal rule jsession timeout 1800",
            "create ltm persistence dest-addr dst_persist defaults-from dest_addr mask 255.255.255.0",
            "create ltm persistence ssl ssl_persist defaults-from ssl timeout 600",
            "create ltm persistence hash hash_persist defaults-from hash hash-length 16 hash-offset 4",
            "create ltm data-group internal blocked type ip records add { 10.66.0.0/16 { data scanners } }",
            "create ltm policy Drafts/api_routing controls replace-all-with { forwarding }"
                    + " requires replace-all-with { http } rules replace-all-with { to_api { conditions"
                    + " replace-all-with { 0 { http-uri path starts-with values { /api } } } actions"
                    + " replace-all-with { 0 { forward select pool web } } } }",
            "publish ltm policy Drafts/api_routing",
            "create auth partition Dev description \"development applications\"",
            "create auth user ops encrypted-password \"$6$Xq3h1s8p$0cIdEhpuYw8U6cOqV4c5Z7tq2nZpN0wXy5QyJr8S1mGq0b9kQnJ"
                    + "Q7w1tO6u4zYx8rSx3l2kPq9hT0v5sW1nMw/\" description Operator"
                    + " partition-access add { Dev { role operator } } shell tmsh",
            "create net vlan internal interfaces add { 1.2 { tagged } } tag 20",
            "create net self self_internal address 10.0.0.5/24 vlan internal allow-service { default tcp:22 }",
            "create net route default_gw network default gw 10.1.1.1",
            "create net route-domain rd1 id 1 vlans add { /Common/internal } description tenant",
            "create cm device bigip2.example.com configsync-ip 10.0.0.6 hostname bigip2.example.com",
            "create cm device-group failover_group type sync-failover devices add { bigip1 bigip2.example.com }"
                    + " auto-sync enabled network-failover enabled",
            "modify cm traffic-group traffic-group-1 ha-order replace-all-with { bigip1 bigip2.example.com }",
            "modify cm trust-domain Root non-ca-devices add { bigip2.example.com }",
            "modify sys global-settings hostname lb1.example.com gui-setup disabled",
            "modify sys dns name-servers replace-all-with { 10.0.0.53 10.0.0.54 } search replace-all-with"
                    + " { example.com }",
            "modify sys ntp servers replace-all-with { 0.pool.ntp.org } timezone UTC",
            "modify ltm snat-translation 10.1.1.200 tcp-idle-timeout 300 arp disabled",
            "create sys file data-group blocked_hosts_file type ip"
                    + " source-path file:/var/config/rest/downloads/blocked_hosts_file",
            "create ltm data-group external blocked_hosts external-file-name blocked_hosts_file"
                    + " description \"hosts kept out\"");

    /** A component of the golden set: its tmsh type, the object shown, and its golden folder. */
    record Component(String type, String name) {
        String folder() {
            return type.replace(' ', '-');
        }

        String fullPath() {
            if (name.isEmpty()) {
                return type.substring(type.lastIndexOf(' ') + 1);
            }
            return UNPARTITIONED.contains(type) ? name : Paths.join(Paths.COMMON, name);
        }

        String listed() {
            return name.isEmpty() ? type : type + " " + name;
        }

        @Override
        public String toString() {
            return type + " " + name;
        }
    }

    /** The four forms of an object. */
    enum Form {
        LIST("list.txt"),
        ALL_PROPERTIES("all-properties.txt"),
        BIGIP_CONF("bigip.conf"),
        REST("rest.json");

        final String file;

        Form(String file) {
            this.file = file;
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private static final List<Component> COMPONENTS = List.of(
            new Component("ltm node", "app1"),
            new Component("ltm pool", "web"),
            new Component("ltm monitor http", "web_health"),
            new Component("ltm monitor https", "web_tls"),
            new Component("ltm monitor tcp", "web_port"),
            new Component("ltm monitor gateway-icmp", "router_ping"),
            new Component("ltm virtual", "web_vs"),
            new Component("ltm virtual-address", "10.1.1.10"),
            new Component("ltm profile tcp", "web_tcp"),
            new Component("ltm profile udp", "dns_udp"),
            new Component("ltm profile fastl4", "l4_fast"),
            new Component("ltm profile http", "web_http"),
            new Component("ltm profile one-connect", "web_oneconnect"),
            new Component("ltm persistence cookie", "web_cookie"),
            new Component("ltm persistence source-addr", "web_src"),
            new Component("ltm snatpool", "web_snat"),
            new Component("ltm snat-translation", "10.1.1.200"),
            new Component("sys file data-group", "blocked_hosts_file"),
            new Component("ltm data-group external", "blocked_hosts"),
            new Component("sys db", "ui.advisory.enabled"),
            new Component("sys file ssl-cert", "www.example.com.crt"),
            new Component("sys file ssl-key", "www.example.com.key"),
            new Component("sys crypto key", "www_key"),
            new Component("sys crypto cert", "www_cert"),
            new Component("sys crypto csr", "www_csr"),
            new Component("ltm profile client-ssl", "www_clientssl"),
            new Component("ltm profile server-ssl", "api_serverssl"),
            new Component("ltm profile http-compression", "web_compress"),
            new Component("ltm profile web-acceleration", "web_cache"),
            new Component("ltm profile fasthttp", "fast_web"),
            new Component("ltm profile request-log", "web_log"),
            new Component("ltm profile websocket", "ws"),
            new Component("ltm rule", "jsession"),
            new Component("ltm persistence universal", "jsession_persist"),
            new Component("ltm persistence dest-addr", "dst_persist"),
            new Component("ltm persistence ssl", "ssl_persist"),
            new Component("ltm persistence hash", "hash_persist"),
            new Component("ltm data-group internal", "blocked"),
            new Component("ltm policy", "api_routing"),
            new Component("auth partition", "Dev"),
            new Component("auth user", "ops"),
            new Component("net vlan", "internal"),
            new Component("net self", "self_internal"),
            new Component("net route", "default_gw"),
            new Component("net route-domain", "rd1"),
            new Component("cm device", "bigip2.example.com"),
            new Component("cm device-group", "failover_group"),
            new Component("cm traffic-group", "traffic-group-1"),
            new Component("cm trust-domain", "Root"),
            new Component("sys global-settings", ""),
            new Component("sys dns", ""),
            new Component("sys ntp", ""));

    /** Components whose names are not full paths. */
    private static final java.util.Set<String> UNPARTITIONED = java.util.Set.of("sys db", "auth partition",
            "auth user");

    @TempDir
    static Path dir;

    private static CoreFixture core;

    /** The upload {@code create sys file data-group blocked_hosts_file} imports: 40 bytes of address records. */
    private static final String BLOCKED_HOSTS = "host 10.66.10.10,\nnetwork 10.66.2.0/24,\n";

    @BeforeAll
    static void configure() throws IOException {
        Path uploads = Files.createDirectories(dir.resolve("rest").resolve("downloads"));
        Files.writeString(uploads.resolve("blocked_hosts_file"), BLOCKED_HOSTS, StandardCharsets.US_ASCII);
        core = CoreFixture.open(dir);
        for (String line : CONFIGURATION) {
            core.tmsh(line);
        }
    }

    @AfterAll
    static void close() {
        if (core != null) {
            core.close();
        }
    }

    static Stream<Arguments> forms() {
        List<Arguments> cases = new ArrayList<>();
        for (Component component : COMPONENTS) {
            for (Form form : Form.values()) {
                cases.add(Arguments.of(component, form));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} shows its {1} as BIG-IP does")
    @MethodSource("forms")
    void componentShowsEachFormAsBigIpDoes(Component component, Form form) throws IOException {
        // A certificate's fingerprint changes with each generated key: the goldens write it as {fingerprint}.
        String actual = render(component, form).replaceAll("SHA256/[0-9A-F:]{95}", "SHA256/{fingerprint}");
        String resource = "golden/" + component.folder() + "/" + form.file;
        if (UPDATE) {
            Path file = SOURCE_GOLDEN.resolve(component.folder()).resolve(form.file);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual).as("%s (%s); rewrite goldens with -Dgolden.update=true", resource, component)
                .isEqualTo(golden(resource));
    }

    private static String render(Component component, Form form) {
        switch (form) {
            case LIST:
                return core.tmsh("list " + component.listed());
            case ALL_PROPERTIES:
                return core.tmsh("list " + component.listed() + " all-properties");
            case BIGIP_CONF:
                return new StanzaWriter(snapshot(), StanzaWriter.Mode.CONF, Paths.COMMON).write(object(component));
            case REST:
                try {
                    return JSON.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(new IcontrolJson(snapshot(), "localhost", HealthView.unchecked(),
                                    new CertificateDetails(core.appliance().crypto())).write(object(component), true))
                            + "\n";
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            default:
                throw new IllegalArgumentException(form.name());
        }
    }

    private static Snapshot snapshot() {
        return core.appliance().snapshot();
    }

    private static ConfigObject object(Component component) {
        Snapshot snapshot = snapshot();
        return snapshot.get(snapshot.schema().require(component.type()), component.fullPath())
                .orElseThrow(() -> new AssertionError("no " + component.type() + " " + component.fullPath()));
    }

    private static String golden(String resource) throws IOException {
        try (InputStream in = GoldenFormsTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing golden " + resource + "; write it with -Dgolden.update=true");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
