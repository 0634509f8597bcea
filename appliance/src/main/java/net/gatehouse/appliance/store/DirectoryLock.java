package net.gatehouse.appliance.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on {@code <directory>/store.lock}, held while a store is open. H2's own
 * file lock keeps other processes out, but inside one JVM H2 shares an open database; this lock
 * also refuses a second appliance in the same JVM (the JVM reports the overlap), so two appliances
 * can never write one store.
 */
final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /** Takes the lock, or fails with the store's "locked by another process" message. */
    static DirectoryLock take(Path directory, Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve("store.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw StoreErrors.notWritable(file, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw locked(channel, file, null);
            }
            return new DirectoryLock(channel);
        } catch (OverlappingFileLockException e) {
            throw locked(channel, file, e);
        } catch (IOException e) {
            StoreFailure failure = StoreErrors.notWritable(file, e);
            closeAfterFailure(channel, failure);
            throw failure;
        }
    }

    private static StoreFailure locked(FileChannel channel, Path file, RuntimeException cause) {
        StoreFailure failure = new StoreFailure("configuration store " + file + " is locked by another process",
                cause);
        closeAfterFailure(channel, failure);
        return failure;
    }

    private static void closeAfterFailure(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
