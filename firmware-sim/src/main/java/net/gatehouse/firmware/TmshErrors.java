package net.gatehouse.firmware;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a tmsh result tells a refusal: a line starting with {@code Syntax Error:} or with an F5 message
 * code ({@code 01020036:3: The requested Pool ... was not found.}), as Gatehouse's tmsh words every error,
 * or with the utility's name ({@code run util ping: no reply from ...}).
 */
final class TmshErrors {

    private static final Pattern ERROR_LINE =
            Pattern.compile("(?m)^(Syntax Error:|[0-9a-f]{8}:[0-9]:|run util [a-z0-9]+: )");

    private TmshErrors() {
    }

    static boolean isFailure(String output) {
        return ERROR_LINE.matcher(output).find();
    }

    /** The output from its first error line on (what came before it was other commands' output). */
    static String fromFirstError(String output) {
        Matcher error = ERROR_LINE.matcher(output);
        return error.find() ? output.substring(error.start()) : output;
    }
}
