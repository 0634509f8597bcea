package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.components.Profiles.derived;
import static net.gatehouse.appliance.schema.components.Profiles.profile;
import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.words;

import java.util.Arrays;
import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * The application-layer profiles {@code http-compression}, {@code web-acceleration}, {@code fasthttp},
 * {@code request-log} and {@code websocket}, with 15.1's built-ins from {@code profile_base.conf}.
 * They are configurable and round-trip; the data plane does not act on them yet (all inert).
 */
public final class LtmTraffic {

    private LtmTraffic() {
    }

    public static List<ComponentType> all() {
        return List.of(httpCompression(), webAcceleration(), fastHttp(), requestLog(), websocket());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }


    private static Value list(String... words) {
        return new Value.Items(Arrays.stream(words).map(Item::named).toList());
    }


    public static ComponentType httpCompression() {
        return profile("http-compression", "httpcompression")
                .with(inert(enabled("allow-http-10", "disabled")),
                        inert(number("buffer-size", 4096)),
                        inert(words("content-type-exclude")),
                        inert(words("content-type-include")),
                        inert(enabled("cpu-saver", "enabled")),
                        inert(number("cpu-saver-high", 0, 100, 90)),
                        inert(number("cpu-saver-low", 0, 100, 75)),
                        inert(number("gzip-level", 1, 9, 1)),
                        inert(text("gzip-memory-level", "8k")),
                        inert(text("gzip-window-size", "16k")),
                        inert(enabled("keep-accept-encoding", "disabled")),
                        inert(choice("method-prefer", "gzip", "gzip", "deflate")),
                        inert(number("min-size", 1024)),
                        inert(enabled("selective", "disabled")),
                        inert(words("uri-exclude")),
                        inert(words("uri-include")),
                        inert(enabled("vary-header", "enabled")))
                .builtin("httpcompression", Body.texts("defaults-from", "none")
                        .with("content-type-include", list("text/", "application/(xml|x-javascript)"))
                        .with("uri-include", list(".*")))
                .builtin("wan-optimized-compression", derived("httpcompression",
                        "allow-http-10", "enabled",
                        "buffer-size", "131072",
                        "gzip-memory-level", "16k",
                        "gzip-window-size", "64k"))
                .build();
    }

    public static ComponentType webAcceleration() {
        return profile("web-acceleration", "webacceleration")
                .with(inert(text("applications", "none")),
                        inert(number("cache-aging-rate", 0, 10, 9)),
                        inert(choice("cache-client-cache-control-mode", "all", "all", "max-age", "none")),
                        inert(enabled("cache-insert-age-header", "enabled")),
                        inert(number("cache-max-age", 3600)),
                        inert(number("cache-max-entries", 10000)),
                        inert(number("cache-object-max-size", 50000)),
                        inert(number("cache-object-min-size", 500)),
                        inert(number("cache-size", 100)),
                        inert(words("cache-uri-exclude")),
                        inert(words("cache-uri-include")),
                        inert(words("cache-uri-include-override")),
                        inert(words("cache-uri-pinned")),
                        inert(number("metadata-cache-max-size", 25)))
                .builtin("webacceleration", Body.texts("defaults-from", "none").with("cache-uri-include", list(".*")))
                .builtin("optimized-acceleration", derived("webacceleration",
                        "cache-object-max-size", "67108864",
                        "cache-object-min-size", "0",
                        "cache-size", "6144"))
                .builtin("optimized-caching", derived("webacceleration",
                        "cache-max-age", "86400",
                        "cache-object-max-size", "2000000",
                        "cache-object-min-size", "0",
                        "cache-size", "10"))
                .build();
    }

    public static ComponentType fastHttp() {
        return profile("fasthttp", "fasthttp")
                .with(inert(number("client-close-timeout", 5)),
                        inert(number("connpool-idle-timeout-override", 0)),
                        inert(number("connpool-max-reuse", 0)),
                        inert(number("connpool-max-size", 2048)),
                        inert(number("connpool-min-size", 0)),
                        inert(enabled("connpool-replenish", "enabled")),
                        inert(number("connpool-step", 4)),
                        inert(enabled("force-http-10-response", "disabled")),
                        inert(text("hardware-syn-cookie", "enabled")),
                        inert(text("header-insert", "none")),
                        inert(enabled("http-11-close-workarounds", "disabled")),
                        inert(number("idle-timeout", 300)),
                        inert(enabled("insert-xforwarded-for", "disabled")),
                        inert(enabled("layer-7", "enabled")),
                        inert(number("max-header-size", 32768)),
                        inert(number("max-requests", 0)),
                        inert(number("mss-override", 0)),
                        inert(number("receive-window-size", 0)),
                        inert(enabled("reset-on-timeout", "enabled")),
                        inert(number("server-close-timeout", 5)),
                        inert(enabled("server-sack", "disabled")),
                        inert(enabled("server-timestamp", "disabled")),
                        inert(enabled("unclean-shutdown", "disabled")))
                .builtin("fasthttp", Body.texts("defaults-from", "none"))
                .build();
    }

    /** Request logging; {@code request-log} is the built-in (logging disabled). */
    public static ComponentType requestLog() {
        return profile("request-log", "request-log")
                .with(inert(text("log-request-logging-errors", "no")),
                        inert(text("log-response-by-default", "yes")),
                        inert(text("log-response-logging-errors", "no")),
                        inert(text("proxy-close-on-error", "no")),
                        inert(text("proxy-respond-on-logging-error", "no")),
                        inert(text("proxy-response", "none")),
                        inert(text("request-log-error-pool", "none")),
                        inert(text("request-log-error-protocol", "mds-udp")),
                        inert(text("request-log-error-template", "none")),
                        inert(text("request-log-pool", "none")),
                        inert(text("request-log-protocol", "mds-udp")),
                        inert(text("request-log-template", "none")),
                        inert(enabled("request-logging", "disabled")),
                        inert(text("response-log-error-pool", "none")),
                        inert(text("response-log-error-protocol", "mds-udp")),
                        inert(text("response-log-error-template", "none")),
                        inert(text("response-log-pool", "none")),
                        inert(text("response-log-protocol", "mds-udp")),
                        inert(text("response-log-template", "none")),
                        inert(enabled("response-logging", "disabled")))
                .builtin("request-log", Body.texts("defaults-from", "none"))
                .build();
    }

    public static ComponentType websocket() {
        return profile("websocket", "websocket")
                .with(inert(choice("masking", "selective", "selective", "preserve", "remask", "unmask")),
                        inert(text("payload-protocol-profile", "none")))
                .builtin("websocket", Body.texts("defaults-from", "none"))
                .build();
    }
}
