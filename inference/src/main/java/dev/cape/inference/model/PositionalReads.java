package dev.cape.inference.model;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads from checkpoint files, shared by the readers and the loader. */
public final class PositionalReads {

    private PositionalReads() {
    }

    /**
     * Fills {@code dst} (its remaining bytes) from byte {@code position} of the file on; a file that ends first is an
     * {@link EOFException} ("unexpected end of file at byte N"), never a partial read.
     */
    public static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }
}
