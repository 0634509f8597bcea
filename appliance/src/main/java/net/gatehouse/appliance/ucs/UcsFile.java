package net.gatehouse.appliance.ucs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A UCS archive's bytes: a gzip'd tar of regular files by relative path, as BIG-IP's is. Reading is
 * bounded (entries, bytes) and refuses anything but plain relative file names, so a hostile archive
 * cannot write outside the appliance's directories or exhaust its memory.
 */
final class UcsFile {

    static final int MAX_ENTRIES = 20_000;
    static final long MAX_BYTES = 256L * 1024 * 1024;

    private UcsFile() {
    }

    /** Writes {@code entries} to {@code target} (owner-only, through a temporary file moved into place). */
    static void write(Path target, Map<String, byte[]> entries, Instant time) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream file = Files.newOutputStream(temporary);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                header.setSize(entry.getValue().length);
                header.setMode(0600);
                header.setModTime(Date.from(time));
                tar.putArchiveEntry(header);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads every entry of the archive at {@code source}; anything but a well-formed UCS is refused. */
    static Map<String, byte[]> read(Path source) throws UcsError {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (InputStream file = Files.newInputStream(source);
                GzipCompressorInputStream gzip = new GzipCompressorInputStream(file);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (!entry.isFile() || !safe(name)) {
                    throw new UcsError("The UCS file (" + source + ") holds an entry that cannot be restored: " + name);
                }
                if (entries.size() >= MAX_ENTRIES) {
                    throw new UcsError("The UCS file (" + source + ") holds more than " + MAX_ENTRIES + " files.");
                }
                total += entry.getSize();
                if (entry.getSize() < 0 || total > MAX_BYTES) {
                    throw new UcsError("The UCS file (" + source + ") holds more than " + MAX_BYTES + " bytes.");
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) entry.getSize());
                tar.transferTo(bytes);
                entries.put(name, bytes.toByteArray());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UcsError("The UCS file (" + source + ") is not a valid UCS archive: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(entries);
    }

    /** A relative path of plain names: no absolute path, no {@code .} or {@code ..}, no empty part. */
    static boolean safe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
            return false;
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
