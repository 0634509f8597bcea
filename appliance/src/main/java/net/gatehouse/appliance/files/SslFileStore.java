package net.gatehouse.appliance.files;

import java.nio.file.Path;

/**
 * Where the material of {@code sys file ssl-cert} and {@code sys file ssl-key} objects is kept once
 * imported (from an upload): the object itself only records its {@code cache-path}, {@code checksum}
 * and {@code source-path}. {@link #inConfigFolder} keeps files under {@code <data-dir>/config/filestore}
 * as BIG-IP does under {@code /config/filestore}; a key-slot implementation (the crypto card) takes
 * over {@link Kind#KEY} so private keys are held in slots and encrypted at rest.
 */
public interface SslFileStore {

    /** The two kinds of material, with BIG-IP's filestore folder for each. */
    enum Kind {
        CERTIFICATE("certificate_d"),
        KEY("certificate_key_d");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    /**
     * Keeps {@code content} as revision {@code revision} of the object {@code fullPath} and returns its
     * {@code cache-path} ({@code /config/filestore/files_d/Common_d/certificate_d/:Common:web.crt_1}).
     */
    String store(Kind kind, String fullPath, long revision, byte[] content);

    /** Files in {@code configDirectory} ({@code <data-dir>/config}, which {@code /config} paths name). */
    static SslFileStore inConfigFolder(Path configDirectory) {
        return new FolderSslFileStore(configDirectory);
    }
}
