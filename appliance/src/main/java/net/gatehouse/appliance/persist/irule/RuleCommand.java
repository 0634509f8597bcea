package net.gatehouse.appliance.persist.irule;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.gatehouse.appliance.persist.PersistContext;
import net.gatehouse.appliance.persist.PersistMode;

/** One iRule command of the subset a virtual server's rules can use, and what it does to a connection. */
sealed interface RuleCommand {

    void run(PersistContext context, RuleDecision decision);

    /** {@code persist uie|hash <key> [timeout]}: an empty key sets nothing (as a profile's rule). */
    record PersistOn(PersistMode mode, KeyExpression key, OptionalLong timeoutSeconds) implements RuleCommand {
        public void run(PersistContext context, RuleDecision decision) {
            key.evaluate(context).filter(k -> !k.isEmpty())
                    .ifPresent(k -> decision.persistence(new RuleDecision.Keyed(mode, k, timeoutSeconds)));
        }
    }

    /** {@code persist none}. */
    record PersistNone() implements RuleCommand {
        public void run(PersistContext context, RuleDecision decision) {
            decision.persistence(new RuleDecision.Disabled());
        }
    }

    /** {@code pool NAME}, with the name resolved to the pool's full path. */
    record Pool(String fullPath) implements RuleCommand {
        public void run(PersistContext context, RuleDecision decision) {
            decision.pool(fullPath);
        }
    }

    /** {@code HTTP::redirect <url>}: BIG-IP answers 302 with the URL as {@code Location}. */
    record Redirect(Template url) implements RuleCommand {
        public void run(PersistContext context, RuleDecision decision) {
            decision.respond(new RuleDecision.LocalResponse(302, "", true,
                    List.of(Map.entry("Location", url.evaluate(context)))));
        }
    }

    /** {@code HTTP::respond <status> [content <text>] [noserver] [<name> <value>]...}. */
    record Respond(int status, Template content, boolean server, List<Header> headers) implements RuleCommand {
        record Header(String name, Template value) {
        }

        public void run(PersistContext context, RuleDecision decision) {
            decision.respond(new RuleDecision.LocalResponse(status, content.evaluate(context), server,
                    headers.stream().map(h -> Map.entry(h.name(), h.value().evaluate(context))).toList()));
        }
    }
}
