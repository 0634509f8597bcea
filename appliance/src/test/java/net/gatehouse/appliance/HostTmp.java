package net.gatehouse.appliance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * {@code @TempDir(factory = HostTmp.class)}: a folder in the host's {@code /tmp/}, one of the folders
 * an import may read (whatever {@code java.io.tmpdir} says).
 */
public final class HostTmp implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), "gatehouse-import-");
    }
}
