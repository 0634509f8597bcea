package net.gatehouse.mgmt;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upload folder: what BIG-IP's clients know as {@code /var/config/rest/downloads/}, kept in
 * {@code <data-dir>/rest/downloads/}. Files arrive in chunks ({@code Content-Range: start-end/total}),
 * in any order and possibly overlapping; a file appears under its name once every byte of it has
 * arrived, and until then is {@code <name>.part}. Names are one path segment of letters, digits,
 * {@code . _ -} (no {@code ..}, no slash), and no file may be larger than the limit.
 */
final class Uploads {

    /** The folder as F5's clients name it. */
    static final String REMOTE_FOLDER = "/var/config/rest/downloads/";

    /** BIG-IP's {@code /tmp/}, where {@code bigip_config} moves an upload before merging it. */
    static final String TMP_FOLDER = "/tmp/";

    /** The largest file accepted: 256 MiB. */
    static final long LIMIT_BYTES = 256L * 1024 * 1024;
    private static final int MAX_PENDING = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,18})-(\\d{1,18})/(\\d{1,18})\\s*");

    /** What one chunk left behind: how many bytes are still missing of how many. */
    record Progress(String name, long total, long remaining, Map<Long, Long> chunks) {
    }

    private final Path folder;
    private final long limitBytes;
    /** Per file being assembled: the ranges received so far, start to end exclusive, merged. */
    private final Map<String, TreeMap<Long, Long>> pending = new HashMap<>();
    private final Map<String, Long> pendingTotals = new HashMap<>();
    /** The files {@link #moveToTmp} put in {@code /tmp/}: the only ones there {@link #remove} removes. */
    private final Set<Path> movedToTmp = new HashSet<>();

    Uploads(Path folder, long limitBytes) {
        this.folder = folder;
        this.limitBytes = limitBytes;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("the upload folder " + folder + " cannot be created", e);
        }
    }

    Path folder() {
        return folder;
    }

    /** Writes one chunk of {@code name}; the whole file when {@code contentRange} is absent. */
    synchronized Progress write(String name, Optional<String> contentRange, byte[] data) {
        checkName(name);
        long start = 0;
        long end = data.length - 1L;
        long total = data.length;
        if (contentRange.isPresent()) {
            Matcher range = RANGE.matcher(contentRange.get());
            if (!range.matches()) {
                throw new RestError(400, "Content-Range \"" + contentRange.get() + "\" of upload " + name
                        + " is not start-end/total.");
            }
            start = Long.parseLong(range.group(1));
            end = Long.parseLong(range.group(2));
            total = Long.parseLong(range.group(3));
        }
        if (total > limitBytes) {
            throw new RestError(400, "Upload " + name + " of " + total + " bytes is larger than the limit of "
                    + limitBytes + " bytes.");
        }
        if (data.length == 0 && total == 0) {
            return complete(name, new TreeMap<>(), 0);
        }
        if (start > end || end >= total || end - start + 1 != data.length) {
            throw new RestError(400, "Content-Range " + start + "-" + end + "/" + total + " of upload " + name
                    + " does not match the " + data.length + " bytes sent.");
        }
        Path part = folder.resolve(name + ".part");
        TreeMap<Long, Long> received = pending.get(name);
        try {
            if (received == null || pendingTotals.get(name) != total) {
                if (received == null && pending.size() >= MAX_PENDING) {
                    throw new RestError(400, "Upload " + name + " refused: " + MAX_PENDING
                            + " other uploads are still incomplete.");
                }
                received = new TreeMap<>();
                pendingTotals.put(name, total);
                pending.put(name, received);
                Files.deleteIfExists(part);
            }
            try (RandomAccessFile file = new RandomAccessFile(part.toFile(), "rw")) {
                if (file.length() > total) {
                    file.setLength(total);
                }
                file.seek(start);
                file.write(data);
            }
        } catch (IOException e) {
            pending.remove(name);
            pendingTotals.remove(name);
            throw new UncheckedIOException("upload " + name + " cannot be written", e);
        }
        add(received, start, end + 1);
        long have = received.entrySet().stream().mapToLong(r -> r.getValue() - r.getKey()).sum();
        if (have < total) {
            return new Progress(name, total, total - have, Map.copyOf(received));
        }
        return complete(name, received, total);
    }

    private Progress complete(String name, TreeMap<Long, Long> received, long total) {
        pending.remove(name);
        pendingTotals.remove(name);
        try {
            Path part = folder.resolve(name + ".part");
            if (total == 0) {
                Files.write(part, new byte[0]);
            }
            Files.move(part, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("upload " + name + " cannot be completed", e);
        }
        return new Progress(name, total, 0, Map.copyOf(received));
    }

    /** Adds the range [start, end) and merges it with the ranges it touches. */
    private static void add(TreeMap<Long, Long> ranges, long start, long end) {
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(start);
        }
        ranges.put(start, end);
    }

    /**
     * The file a client names as {@code file:/var/config/rest/downloads/<name>},
     * {@code file:///var/config/rest/downloads/<name>} or {@code /var/config/rest/downloads/<name>};
     * empty for any other place.
     */
    Optional<Path> resolve(String remotePath) {
        String path = remotePath.startsWith("file://") ? remotePath.substring("file://".length())
                : remotePath.startsWith("file:") ? remotePath.substring("file:".length()) : remotePath;
        if (!path.startsWith(REMOTE_FOLDER)) {
            return Optional.empty();
        }
        String name = path.substring(REMOTE_FOLDER.length());
        checkName(name);
        return Optional.of(folder.resolve(name));
    }

    /**
     * Moves an uploaded file to {@code /tmp/<name>}, as {@code bigip_config} does before
     * {@code tmsh load sys config file /tmp/<name> merge}; a file already there that this appliance did
     * not put there is left alone.
     */
    synchronized void moveToTmp(Path upload, String target) {
        String name = target.substring(TMP_FOLDER.length());
        checkName(name);
        Path destination = Path.of(TMP_FOLDER, name);
        if (Files.exists(destination) && !movedToTmp.contains(destination)) {
            throw new RestError(400, "unix-mv refused: " + target + " exists and is not an upload.");
        }
        try {
            Files.move(upload, destination, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("upload " + upload.getFileName() + " cannot be moved to " + target, e);
        }
        movedToTmp.add(destination);
    }

    /**
     * Removes an uploaded file, named as the client names it, or a file {@link #moveToTmp} put in
     * {@code /tmp/}; false if it was not there.
     */
    synchronized boolean remove(String remotePath) {
        Path file;
        if (remotePath.startsWith(TMP_FOLDER) && movedToTmp.contains(Path.of(remotePath))) {
            file = Path.of(remotePath);
            movedToTmp.remove(file);
        } else {
            file = resolve(remotePath).orElseThrow(() -> new RestError(400, "unix-rm removes only files in "
                    + REMOTE_FOLDER + " and uploads moved to " + TMP_FOLDER + "; \"" + remotePath + "\" is not one."));
        }
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("upload " + file.getFileName() + " cannot be removed", e);
        }
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..") || name.endsWith(".part")) {
            throw new RestError(400, "Upload name \"" + name + "\" is not allowed: one name of letters, digits,"
                    + " '.', '_' and '-', without \"..\" or a path.");
        }
    }
}
