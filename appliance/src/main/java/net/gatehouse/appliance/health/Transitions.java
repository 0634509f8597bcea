package net.gatehouse.appliance.health;

import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.runtime.HealthStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs status changes as BIG-IP's {@code /var/log/ltm} does, with its message numbers. */
final class Transitions {

    private static final Logger LOG = LoggerFactory.getLogger("net.gatehouse.ltm.monitor");

    private Transitions() {
    }

    static void logMember(Monitored member, HealthStatus from, HealthStatus to, long lastedNanos) {
        String word = word(to);
        String code = switch (word) {
            case "up" -> "01070727:5";
            case "down", "forced down" -> "01070638:5";
            case "disabled", "user disabled" -> "01070639:5";
            default -> "01070729:5";
        };
        LOG.info("{}: Pool {} member {} monitor status {}. [ {} ]  [ was {} for {} ]", code, member.poolPath(),
                member.path(), word, monitors(member), word(from), lasted(lastedNanos));
    }

    static void logNode(String nodePath, String address, Monitored node, HealthStatus from, HealthStatus to,
            long lastedNanos) {
        String word = word(to);
        String code = word.equals("up") ? "01070728:5" : "01070640:5";
        LOG.info("{}: Node {} address {} monitor status {}. [ {} ]  [ was {} for {} ]", code, nodePath, address, word,
                monitors(node), word(from), lasted(lastedNanos));
    }

    static void logPool(String poolPath, boolean available) {
        if (available) {
            LOG.info("01010221:3: Pool {} now has available members", poolPath);
        } else {
            LOG.error("01010028:3: No members available for pool {}", poolPath);
        }
    }

    /** The word after {@code monitor status}: up, down, unchecked, checking, disabled, forced down. */
    static String word(HealthStatus status) {
        if (status.reason().equals(Reasons.FORCED_DOWN)) {
            return "forced down";
        }
        if (!status.enabled()) {
            return status.reason().endsWith("monitor disabled") ? "disabled" : "user disabled";
        }
        return status.availability().memberState();
    }

    /** {@code /Common/http: down; last error: /Common/http: Unable to connect @2026/11/29 08:00:00. }. */
    private static String monitors(Monitored target) {
        StringJoiner out = new StringJoiner(", ");
        for (MonitorInstance instance : target.instances()) {
            MonitorStatus status = instance.status();
            String state = switch (status.state()) {
                case UP -> "up";
                case DOWN, HELD -> "down";
                case UNKNOWN -> "unknown";
                case CHECKING -> "checking";
            };
            String text = instance.spec().fullPath() + ": " + state;
            if (status.isDown() || status.state() == MonitorStatus.State.UNKNOWN) {
                text += "; last error: " + instance.spec().fullPath() + ": " + status.lastError() + " @"
                        + instance.changedAt() + ". ";
            }
            out.add(text);
        }
        return out.toString();
    }

    /** BIG-IP's duration: {@code 0hr:0min:19sec}, {@code 837hrs:31mins:36sec}. */
    static String lasted(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nanos));
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        return hours + (hours > 1 ? "hrs" : "hr") + ":" + minutes + (minutes > 1 ? "mins" : "min") + ":"
                + seconds % 60 + "sec";
    }
}
