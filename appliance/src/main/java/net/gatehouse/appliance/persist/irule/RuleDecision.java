package net.gatehouse.appliance.persist.irule;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.gatehouse.appliance.persist.PersistMode;

/**
 * What a virtual's iRules decided for one client connection so far: the pool ({@code pool}), the
 * persistence ({@code persist}) and, for the current request, an answer the appliance gives itself
 * ({@code HTTP::redirect}, {@code HTTP::respond}). As on BIG-IP, a pool or persistence set in one
 * event holds for the later events of the connection until a command sets it again. Used on the
 * connection's event loop only.
 */
public final class RuleDecision {

    /** What persistence a connection's rules chose. */
    public sealed interface Persistence {
    }

    /** No {@code persist} command ran: the virtual's persistence profiles decide. */
    public record ProfileDefault() implements Persistence {
    }

    /** {@code persist none}: this connection is balanced without persistence (cookie included). */
    public record Disabled() implements Persistence {
    }

    /**
     * {@code persist uie|hash <key> [timeout]}: persist on this key.
     *
     * @param timeoutSeconds the statement's timeout; empty to use the profile's
     */
    public record Keyed(PersistMode mode, String key, OptionalLong timeoutSeconds) implements Persistence {
    }

    /**
     * A response the appliance sends itself instead of carrying the request to a server.
     *
     * @param server  whether to add BIG-IP's {@code Server: BIG-IP} header ({@code noserver} leaves it out)
     * @param headers header names and values, in the order written
     */
    public record LocalResponse(int status, String content, boolean server, List<Map.Entry<String, String>> headers) {
        public LocalResponse {
            headers = List.copyOf(headers);
        }
    }

    private Optional<String> pool = Optional.empty();
    private Persistence persistence = new ProfileDefault();
    private Optional<LocalResponse> response = Optional.empty();

    /** The full path of the pool a {@code pool} command chose; empty for the virtual's default pool. */
    public Optional<String> pool() {
        return pool;
    }

    public Persistence persistence() {
        return persistence;
    }

    /** The answer to the current request; empty when it goes to a server. */
    public Optional<LocalResponse> response() {
        return response;
    }

    void pool(String fullPath) {
        pool = Optional.of(fullPath);
    }

    void persistence(Persistence chosen) {
        persistence = chosen;
    }

    void respond(LocalResponse answer) {
        response = Optional.of(answer);
    }

    /** A new request starts without an answer (pool and persistence carry over). */
    void nextRequest() {
        response = Optional.empty();
    }
}
