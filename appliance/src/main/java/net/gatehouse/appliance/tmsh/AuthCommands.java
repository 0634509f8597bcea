package net.gatehouse.appliance.tmsh;

import java.util.List;
import net.gatehouse.appliance.audit.AuditLog;
import net.gatehouse.appliance.auth.Role;
import net.gatehouse.appliance.auth.UserAccounts;
import net.gatehouse.appliance.auth.UserRoles;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.syntax.Token;

/**
 * The shell's account and audit commands: {@code show auth login-failures},
 * {@code reset-stats auth login-failures [user]} (admin and user-manager only) and
 * {@code show sys log audit [lines N]}.
 */
public final class AuthCommands {

    private static final int DEFAULT_LINES = 50;
    private static final String RULE = "-".repeat(54) + "\n";

    private final UserAccounts users;
    private final AuditLog audit;

    public AuthCommands(UserAccounts users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    /** Whether {@code words} (after the verb) name one of these commands. */
    static boolean handles(String verb, List<Token> words) {
        String rest = String.join(" ", words.stream().skip(1).limit(3).map(Token::text).toList());
        return (verb.equals("show") && (rest.startsWith("auth login-failures") || rest.startsWith("sys log audit")))
                || (verb.equals("reset-stats") && rest.startsWith("auth login-failures"));
    }

    String run(Principal principal, Snapshot running, List<Token> words) throws TmshError {
        String verb = words.get(0).text();
        if (verb.equals("reset-stats")) {
            return reset(principal, running, words.subList(3, words.size()));
        }
        if (words.get(1).is("auth")) {
            return loginFailures();
        }
        return auditLog(principal, words.subList(4, words.size()));
    }

    private String loginFailures() {
        StringBuilder out = new StringBuilder(RULE).append("Auth::Login Failures\n")
                .append(String.format("%-20s %-10s %s%n", "User Name", "Failures", "Locked Out")).append(RULE);
        for (UserAccounts.LoginFailures failures : users.loginFailures()) {
            out.append(String.format("%-20s %-10d %s%n", failures.user(), failures.failures(),
                    failures.lockedOut() ? "yes" : "no"));
        }
        return out.toString();
    }

    private String reset(Principal principal, Snapshot running, List<Token> names) throws TmshError {
        Role role = UserRoles.of(running, principal.user()).system();
        boolean trusted = principal.origin() == Principal.Origin.BOOT;
        if (!trusted && role != Role.ADMIN && role != Role.USER_MANAGER) {
            throw new TmshError("01070822:3: Access Denied: user (" + principal.user()
                    + ") does not have modify access to object (login_failures)");
        }
        if (names.isEmpty()) {
            users.resetAll();
        }
        for (Token name : names) {
            users.reset(name.text());
        }
        return "";
    }

    private String auditLog(Principal principal, List<Token> options) throws TmshError {
        int lines = DEFAULT_LINES;
        if (!options.isEmpty()) {
            if (options.size() != 2 || !options.get(0).is("lines") || !options.get(1).text().matches("[0-9]{1,6}")) {
                throw new TmshError("Syntax Error: show sys log audit takes \"lines <number>\"");
            }
            lines = Integer.parseInt(options.get(1).text());
        }
        try {
            return audit.read(principal, lines);
        } catch (ConfigError e) {
            throw new TmshError(e.getMessage());
        }
    }
}
