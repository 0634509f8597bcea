package net.gatehouse.appliance.command;

import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;

/**
 * The running {@code auth password-policy}, applied to a new password when its
 * {@code policy-enforcement} is enabled: length and the counts of lowercase, uppercase, numeric and
 * special characters. The answer is the first rule the password breaks, in pam_cracklib's words.
 */
record PasswordPolicy(boolean enforced, int minimumLength, int lowercase, int uppercase, int numeric, int special) {

    static PasswordPolicy of(Snapshot snapshot) {
        Optional<ComponentType> type = snapshot.schema().type("auth password-policy");
        Body body = type.flatMap(t -> snapshot.get(t, t.singletonName())).map(o -> o.body()).orElse(Body.EMPTY);
        return new PasswordPolicy(body.text("policy-enforcement").orElse("disabled").equals("enabled"),
                number(body, "minimum-length", 6), number(body, "required-lowercase", 0),
                number(body, "required-uppercase", 0), number(body, "required-numeric", 0),
                number(body, "required-special", 0));
    }

    private static int number(Body body, String property, int otherwise) {
        return body.text(property).map(Integer::parseInt).orElse(otherwise);
    }

    /** Why the password is refused, or empty when it passes (always, when the policy is not enforced). */
    Optional<String> refusal(String password) {
        if (!enforced) {
            return Optional.empty();
        }
        if (password.length() < minimumLength) {
            return Optional.of("it is shorter than " + minimumLength + " characters");
        }
        if (count(password, Character::isLowerCase) < lowercase) {
            return Optional.of("it needs at least " + lowercase + " lowercase letter(s)");
        }
        if (count(password, Character::isUpperCase) < uppercase) {
            return Optional.of("it needs at least " + uppercase + " uppercase letter(s)");
        }
        if (count(password, Character::isDigit) < numeric) {
            return Optional.of("it needs at least " + numeric + " digit(s)");
        }
        if (count(password, c -> !Character.isLetterOrDigit(c)) < special) {
            return Optional.of("it needs at least " + special + " special character(s)");
        }
        return Optional.empty();
    }

    private static long count(String password, java.util.function.IntPredicate kind) {
        return password.chars().filter(kind).count();
    }
}
