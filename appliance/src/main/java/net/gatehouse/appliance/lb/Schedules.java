package net.gatehouse.appliance.lb;

/** Interleaved weighted schedules (smooth weighted round-robin), computed once and walked by a cursor. */
final class Schedules {

    /** The longest cycle a schedule is built for; larger weights are scaled down proportionally. */
    static final int MAX_SLOTS = 1 << 16;

    private Schedules() {
    }

    /**
     * The order a pool serves its members in: each member {@code weight} times per cycle,
     * interleaved, so 3:1 gives a, a, b, a rather than a, a, a, b. Equal weights give plain
     * round-robin. Weights below 1 count as 1.
     */
    static int[] of(int[] configured) {
        int[] weights = reduced(configured);
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int[] order = new int[total];
        long[] current = new long[weights.length];
        for (int slot = 0; slot < total; slot++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            order[slot] = best;
        }
        return order;
    }

    /** Weights divided by their greatest common divisor, and scaled so the cycle fits {@link #MAX_SLOTS}. */
    private static int[] reduced(int[] configured) {
        int divisor = 0;
        long total = 0;
        for (int weight : configured) {
            divisor = gcd(divisor, Math.max(1, weight));
        }
        int[] weights = new int[configured.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.max(1, configured[i]) / Math.max(1, divisor);
            total += weights[i];
        }
        if (total > MAX_SLOTS) {
            double scale = (double) MAX_SLOTS / total;
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (int) Math.max(1, Math.floor(weights[i] * scale));
            }
        }
        return weights;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
