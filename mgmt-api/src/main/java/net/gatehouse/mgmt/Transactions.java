package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.syntax.IcontrolJson;

/**
 * The open iControl REST transactions ({@code /mgmt/tm/transaction}): each belongs to the user who
 * started it and collects commands (requests sent with {@code X-F5-REST-Coordination-Id}) until it
 * is committed as one batch, deleted, or left alone longer than its timeout. Kept in memory only.
 */
final class Transactions {

    /** How long a transaction may stay open without a change, as BIG-IP's {@code timeoutSeconds}. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_OPEN = 64;

    enum State { STARTED, VALIDATING, COMPLETED, FAILED }

    /** One collected request: what the client sent, and the command it became. */
    record Entry(long commandId, String method, String uri, JsonNode body, Command command) {
    }

    static final class Transaction {
        private final long id;
        private final String user;
        private final List<Entry> entries = new ArrayList<>();
        private Instant touched;
        private State state = State.STARTED;
        private String failureReason = "";
        private boolean validateOnly;

        private Transaction(long id, String user, Instant created) {
            this.id = id;
            this.user = user;
            this.touched = created;
        }

        long id() {
            return id;
        }

        State state() {
            return state;
        }

        boolean validateOnly() {
            return validateOnly;
        }

        List<Command> commands() {
            return entries.stream().map(Entry::command).toList();
        }
    }

    private final Clock clock;
    private final Map<Long, Transaction> open = new LinkedHashMap<>();
    private long lastId;

    Transactions(Clock clock) {
        this.clock = clock;
        this.lastId = clock.millis();
    }

    synchronized Transaction start(String user) {
        expire();
        if (open.size() >= MAX_OPEN) {
            throw new RestError(400, "Too many open transactions (" + MAX_OPEN + "); commit or delete one first.");
        }
        Transaction transaction = new Transaction(++lastId, user, clock.instant());
        open.put(transaction.id, transaction);
        return transaction;
    }

    /** The caller's transaction {@code id}; 404 when it does not exist, has expired or is another user's. */
    synchronized Transaction get(String user, String id) {
        expire();
        Transaction transaction;
        try {
            transaction = open.get(Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            transaction = null;
        }
        if (transaction == null || !transaction.user.equals(user)) {
            throw new RestError(404, "Transaction " + id + " does not exist.");
        }
        return transaction;
    }

    synchronized List<Transaction> all(String user) {
        expire();
        return open.values().stream().filter(t -> t.user.equals(user)).toList();
    }

    /** Adds a command to the caller's started transaction {@code id} and returns its entry. */
    synchronized ObjectNode add(String user, String id, String method, String uri, JsonNode body, Command command) {
        Transaction transaction = get(user, id);
        if (transaction.state != State.STARTED) {
            throw new RestError(400, "Transaction " + id + " is " + transaction.state + "; commands can be added"
                    + " only while it is STARTED.");
        }
        Entry entry = new Entry(transaction.entries.size() + 1L, method, uri, body, command);
        transaction.entries.add(entry);
        transaction.touched = clock.instant();
        return json(transaction, entry);
    }

    synchronized void delete(String user, String id) {
        open.remove(get(user, id).id);
    }

    /** Marks the start of a commit: the transaction can take no more commands. */
    synchronized Transaction validating(String user, String id, boolean validateOnly) {
        Transaction transaction = get(user, id);
        if (transaction.state != State.STARTED) {
            throw new RestError(400, "Transaction " + id + " is " + transaction.state + "; only a STARTED"
                    + " transaction can be committed.");
        }
        if (transaction.entries.isEmpty()) {
            throw new RestError(400, "Transaction " + id + " has no commands to commit.");
        }
        transaction.state = State.VALIDATING;
        transaction.validateOnly = validateOnly;
        return transaction;
    }

    /** Records how a commit ended; a completed transaction is no longer open. */
    synchronized void finished(Transaction transaction, String failure) {
        transaction.state = failure == null ? State.COMPLETED : State.FAILED;
        transaction.failureReason = failure == null ? "" : failure;
        if (failure == null) {
            open.remove(transaction.id);
        }
        transaction.touched = clock.instant();
    }

    private void expire() {
        Instant now = clock.instant();
        open.values().removeIf(t -> t.touched.plus(TIMEOUT).isBefore(now));
    }

    static ObjectNode json(Transaction transaction) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("transId", transaction.id);
        node.put("state", transaction.state.name());
        node.put("timeoutSeconds", TIMEOUT.toSeconds());
        node.put("asyncExecution", false);
        node.put("validateOnly", transaction.validateOnly);
        node.put("executionTimeout", 300);
        node.put("executionTime", 0);
        node.put("failedCommandNumber", 0);
        if (!transaction.failureReason.isEmpty()) {
            node.put("failureReason", transaction.failureReason);
        }
        node.put("kind", "tm:transactionstate");
        node.put("selfLink", "https://localhost/mgmt/tm/transaction/" + transaction.id + "?ver=" + IcontrolJson.VERSION);
        return node;
    }

    static ObjectNode json(Transaction transaction, Entry entry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("method", entry.method());
        node.put("uri", entry.uri());
        node.set("body", entry.body());
        node.put("evalOrder", entry.commandId());
        node.put("commandId", entry.commandId());
        node.put("kind", "tm:transaction:commandsstate");
        node.put("selfLink", "https://localhost/mgmt/tm/transaction/" + transaction.id + "/commands/"
                + entry.commandId() + "?ver=" + IcontrolJson.VERSION);
        return node;
    }

    synchronized List<ObjectNode> commandsJson(Transaction transaction) {
        return transaction.entries.stream().map(e -> json(transaction, e)).toList();
    }
}
