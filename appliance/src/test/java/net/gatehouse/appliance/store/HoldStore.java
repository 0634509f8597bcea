package net.gatehouse.appliance.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A child process for {@link StoreSelfTestTest}: opens the store in {@code args[0]}, prints
 * {@code open}, and keeps it open until its standard input is closed.
 */
public final class HoldStore {

    private HoldStore() {
    }

    public static void main(String[] args) throws IOException {
        try (H2ConfigStore store = H2ConfigStore.open(Path.of(args[0]))) {
            System.out.println("open at generation " + store.generation());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes our input
            }
        }
    }
}
