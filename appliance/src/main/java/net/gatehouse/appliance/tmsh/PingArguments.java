package net.gatehouse.appliance.tmsh;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of {@code run util ping}, checked before anything runs: only the options listed in
 * {@link #OPTIONS} (each with a number in its range) and one target that is an IP address or a host
 * name, nothing else, so that no word can reach {@code ping} as an option or a shell as a command.
 * {@code -c} is 4 when not given and at most 100: over REST there is no Ctrl-C.
 *
 * @param argv      the words to give the {@code ping} program after its name
 * @param count     how many echo requests are sent
 * @param timeBound how long the run may take before it is stopped
 */
public record PingArguments(List<String> argv, int count, Duration timeBound) {

    /** When {@code -c} is not given. */
    public static final int DEFAULT_COUNT = 4;
    /** The most echo requests one run may send. */
    public static final int MAX_COUNT = 100;

    private static final String PREFIX = "run util ping: ";
    /** What ping waits for a reply when {@code -W} is not given (iputils: 10 seconds). */
    private static final BigDecimal DEFAULT_WAIT = BigDecimal.TEN;
    private static final BigDecimal DEFAULT_INTERVAL = BigDecimal.ONE;
    private static final Duration SLACK = Duration.ofSeconds(5);

    /** An option that takes a number: whether it may have a fraction, and its range. */
    private record NumericOption(String meaning, boolean fraction, BigDecimal min, BigDecimal max) {
    }

    /** The options that take a number; {@code -n} and {@code -q} take none. */
    private static final Map<String, NumericOption> OPTIONS = Map.of(
            "-c", new NumericOption("count", false, BigDecimal.ONE, BigDecimal.valueOf(MAX_COUNT)),
            "-W", new NumericOption("timeout in seconds", true, BigDecimal.ONE, BigDecimal.valueOf(60)),
            "-i", new NumericOption("interval in seconds", true, new BigDecimal("0.2"), BigDecimal.TEN),
            "-s", new NumericOption("packet size", false, BigDecimal.ZERO, BigDecimal.valueOf(65507)),
            "-t", new NumericOption("ttl", false, BigDecimal.ONE, BigDecimal.valueOf(255)));
    private static final List<String> FLAGS = List.of("-n", "-q");
    /** Every option, in the order help lists them. */
    public static final List<String> KNOWN = List.of("-c", "-W", "-i", "-s", "-t", "-n", "-q");

    private static final Pattern ATTACHED = Pattern.compile("(-[cWist])(.+)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,3})?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    /** Hex digits, colons (two at least) and dots: the shape of an IPv6 address; ping checks the rest. */
    private static final Pattern IPV6 = Pattern.compile("(?=.*:.*:)[0-9A-Fa-f:.]{2,45}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    public PingArguments {
        argv = List.copyOf(argv);
    }

    /** Reads {@code [-c COUNT] [-W TIMEOUT] [-i INTERVAL] [-s SIZE] [-t TTL] [-n] [-q] HOST}. */
    public static PingArguments parse(List<String> words) throws TmshError {
        List<String> argv = new ArrayList<>();
        Optional<String> host = Optional.empty();
        BigDecimal count = BigDecimal.valueOf(DEFAULT_COUNT);
        BigDecimal wait = DEFAULT_WAIT;
        BigDecimal interval = DEFAULT_INTERVAL;
        boolean countGiven = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            Matcher attached = ATTACHED.matcher(word);
            String option = attached.matches() ? attached.group(1) : word;
            if (OPTIONS.containsKey(option)) {
                String value;
                if (attached.matches()) {
                    value = attached.group(2);
                } else if (i + 1 < words.size()) {
                    value = words.get(++i);
                } else {
                    throw new TmshError(PREFIX + "option " + option + " (" + OPTIONS.get(option).meaning()
                            + ") needs a value");
                }
                BigDecimal number = number(option, value);
                argv.add(option);
                argv.add(value);
                switch (option) {
                    case "-c" -> {
                        count = number;
                        countGiven = true;
                    }
                    case "-W" -> wait = number;
                    case "-i" -> interval = number;
                    default -> {
                        // size and ttl do not change how long the run takes
                    }
                }
            } else if (FLAGS.contains(word)) {
                argv.add(word);
            } else if (word.startsWith("-")) {
                throw new TmshError(PREFIX + "unknown option \"" + word + "\" (known: "
                        + String.join(" ", KNOWN) + ")");
            } else if (host.isPresent()) {
                throw new TmshError(PREFIX + "\"" + word + "\" unexpected argument: the host is already "
                        + host.get());
            } else {
                host = Optional.of(target(word));
            }
        }
        if (host.isEmpty()) {
            throw new TmshError(PREFIX + "a host (an IP address or a host name) is required");
        }
        if (!countGiven) {
            argv.add(0, "-c");
            argv.add(1, Integer.toString(DEFAULT_COUNT));
        }
        argv.add(host.get());
        BigDecimal seconds = count.multiply(interval).add(wait);
        Duration bound = Duration.ofMillis(seconds.movePointRight(3).longValue()).plus(SLACK);
        return new PingArguments(argv, count.intValue(), bound);
    }

    /** The host, last in {@link #argv()}. */
    public String host() {
        return argv.get(argv.size() - 1);
    }

    private static BigDecimal number(String option, String value) throws TmshError {
        NumericOption spec = OPTIONS.get(option);
        if (!NUMBER.matcher(value).matches() || !spec.fraction() && value.contains(".")) {
            throw new TmshError(PREFIX + "option " + option + " (" + spec.meaning() + ") takes "
                    + (spec.fraction() ? "a number" : "a whole number") + ", not \"" + value + "\"");
        }
        BigDecimal number = new BigDecimal(value);
        if (number.compareTo(spec.min()) < 0 || number.compareTo(spec.max()) > 0) {
            throw new TmshError(PREFIX + "option " + option + " (" + spec.meaning() + ") must be between "
                    + spec.min().toPlainString() + " and " + spec.max().toPlainString() + ", not " + value);
        }
        return number;
    }

    private static String target(String word) throws TmshError {
        if (IPV4.matcher(word).matches() || IPV6.matcher(word).matches()
                || HOST_NAME.matcher(word).matches() && !word.matches("[0-9.]+")) {
            return word;
        }
        throw new TmshError(PREFIX + "\"" + word + "\" is not an IP address or a host name");
    }
}
