package net.gatehouse.appliance.persist.irule;

import java.util.Locale;
import java.util.Optional;
import net.gatehouse.appliance.persist.PersistContext;

/**
 * The {@code <key>} of a recognised {@code persist uie <key>}: one of the iRule commands below,
 * evaluated against a connection. Every result is a string; a command whose input is absent (no
 * request at layer 4, a header the request lacks) gives nothing.
 */
public sealed interface KeyExpression {

    Optional<String> evaluate(PersistContext context);

    /** Whether the expression reads the HTTP request (so it needs {@code HTTP_REQUEST}). */
    boolean readsRequest();

    /** {@code [HTTP::header [value] NAME]}. */
    record Header(String name) implements KeyExpression {
        public Optional<String> evaluate(PersistContext context) {
            return context.request().flatMap(r -> r.header(name));
        }

        public boolean readsRequest() {
            return true;
        }
    }

    /** {@code [HTTP::cookie [value] NAME]}. */
    record Cookie(String name) implements KeyExpression {
        public Optional<String> evaluate(PersistContext context) {
            return context.request().flatMap(r -> r.cookie(name));
        }

        public boolean readsRequest() {
            return true;
        }
    }

    /** {@code [HTTP::uri]}, {@code [HTTP::path]}, {@code [HTTP::query]}, {@code [HTTP::host]}. */
    record Request(String part) implements KeyExpression {
        public Optional<String> evaluate(PersistContext context) {
            return context.request().flatMap(r -> switch (part) {
                case "uri" -> Optional.of(r.uri());
                case "path" -> Optional.of(pathOf(r.uri()));
                case "query" -> Optional.of(queryOf(r.uri()));
                case "host" -> r.header("Host");
                default -> throw new IllegalStateException("HTTP::" + part + " is not a recognised command");
            });
        }

        public boolean readsRequest() {
            return true;
        }
    }

    /** {@code [URI::query [HTTP::uri] NAME]}: the value of the first query parameter of that name. */
    record QueryParameter(String name) implements KeyExpression {
        public Optional<String> evaluate(PersistContext context) {
            return context.request().flatMap(r -> {
                for (String pair : queryOf(r.uri()).split("&")) {
                    int equals = pair.indexOf('=');
                    if ((equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                        return Optional.of(equals < 0 ? "" : pair.substring(equals + 1));
                    }
                }
                return Optional.empty();
            });
        }

        public boolean readsRequest() {
            return true;
        }
    }

    /** {@code [IP::client_addr]}. */
    record ClientAddress() implements KeyExpression {
        public Optional<String> evaluate(PersistContext context) {
            return Optional.of(context.client().getAddress().getHostAddress());
        }

        public boolean readsRequest() {
            return false;
        }
    }

    /** {@code [string tolower ...]}. */
    record ToLower(KeyExpression inner) implements KeyExpression {
        public Optional<String> evaluate(PersistContext context) {
            return inner.evaluate(context).map(s -> s.toLowerCase(Locale.ROOT));
        }

        public boolean readsRequest() {
            return inner.readsRequest();
        }
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static String queryOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? "" : uri.substring(query + 1);
    }
}
