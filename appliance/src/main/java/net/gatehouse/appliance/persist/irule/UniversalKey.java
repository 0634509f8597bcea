package net.gatehouse.appliance.persist.irule;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.gatehouse.appliance.persist.PersistContext;

/**
 * The persistence key an iRule's recognised {@code persist uie} commands give a connection, in
 * the order BIG-IP runs their events ({@code CLIENT_ACCEPTED} before {@code HTTP_REQUEST}): as in
 * Tcl, a later {@code persist uie} replaces an earlier one, and one whose key is empty (a header
 * the request lacks) sets nothing.
 */
public record UniversalKey(List<Statement> statements) {

    public UniversalKey {
        statements = List.copyOf(statements);
    }

    /** One {@code persist uie <key> [timeout]} in an event. */
    public record Statement(String event, KeyExpression key, OptionalLong timeoutSeconds) {
    }

    /** A key and, when the statement gave one, its timeout in seconds. */
    public record Key(String value, OptionalLong timeoutSeconds) {
    }

    public Optional<Key> key(PersistContext context) {
        Optional<Key> chosen = Optional.empty();
        for (String event : List.of("CLIENT_ACCEPTED", "HTTP_REQUEST")) {
            for (Statement statement : statements) {
                if (statement.event().equals(event)) {
                    Optional<String> value = statement.key().evaluate(context).filter(v -> !v.isEmpty());
                    if (value.isPresent()) {
                        chosen = Optional.of(new Key(value.get(), statement.timeoutSeconds()));
                    }
                }
            }
        }
        return chosen;
    }
}
