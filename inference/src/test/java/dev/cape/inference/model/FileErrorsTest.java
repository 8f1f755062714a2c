package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** I/O failures in words, without exception class names or the repeated path. */
class FileErrorsTest {

    @Test
    void accessDeniedIsPermissionDenied() {
        assertEquals("permission denied", FileErrors.reason(new AccessDeniedException("/m/config.json")));
    }

    @Test
    void missingFileAndFileSystemReasonsAreWords() {
        assertEquals("no such file", FileErrors.reason(new NoSuchFileException("/m/config.json")));
        assertEquals("Is a directory", FileErrors.reason(new FileSystemException("/m", null, "Is a directory")));
        assertEquals("disk gone", FileErrors.reason(new IOException("disk gone")));
    }
}
