package dev.cape.inference.safetensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.cape.inference.model.DType;
import dev.cape.inference.model.FileErrors;
import dev.cape.inference.model.JsonErrors;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.model.PositionalReads;
import dev.cape.inference.model.TensorData;
import dev.cape.inference.model.TensorStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code .safetensors} file: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}}), then the data, offsets
 * relative to the end of the header. The header is validated completely on open (length within the file and at most
 * {@value #MAX_HEADER_BYTES} bytes, every entry well-formed, sizes matching shape × dtype, ranges inside the file and
 * not overlapping); each tensor is memory-mapped when asked for.
 */
public final class SafetensorsFile implements TensorStore {

    /** Largest header accepted (the reference implementation's limit); longer ones are refused before reading. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    /** One header entry; {@code dtype} is null for a known but unsupported element type. */
    private record Entry(String name, String dtypeName, DType dtype, long[] shape, long begin, long end) {
    }

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, Map<String, Entry> entries,
            Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @throws ModelLoadException naming the file (and tensor) when it cannot be read or is malformed
     */
    public static SafetensorsFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new ModelLoadException("cannot open safetensors file " + file + ": " + FileErrors.reason(e), e);
        }
        try {
            long size = channel.size();
            if (size < 8) {
                throw fail(file, "file has " + size + " bytes, fewer than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen < 0 || headerLen > size - 8) {
                throw fail(file, "header length " + Long.toUnsignedString(headerLen) + " runs past the end of the file ("
                        + size + " bytes)");
            }
            if (headerLen > MAX_HEADER_BYTES) {
                throw fail(file, "header length " + headerLen + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(channel, header, 8);
            String json = new String(header.array(), StandardCharsets.UTF_8);
            long dataStart = 8 + headerLen;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Entry> entries = parseHeader(file, json, size - dataStart, metadata);
            return new SafetensorsFile(file, channel, dataStart, entries, Collections.unmodifiableMap(metadata));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ModelLoadException("cannot read safetensors file " + file + ": " + FileErrors.reason(e), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static Map<String, Entry> parseHeader(Path file, String json, long dataBytes, Map<String, String> metadata) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw fail(file, "header is not valid JSON: " + JsonErrors.describe(e));
        }
        if (!root.isJsonObject()) {
            throw fail(file, "header is not a JSON object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                if (!e.getValue().isJsonObject()) {
                    throw fail(file, "__metadata__ is not a JSON object");
                }
                for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                    metadata.put(m.getKey(), m.getValue().isJsonPrimitive() ? m.getValue().getAsString()
                            : m.getValue().toString());
                }
                continue;
            }
            entries.put(name, parseEntry(file, name, e.getValue(), dataBytes));
        }
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        Entry previous = null;
        for (Entry entry : sorted) {
            if (previous != null && entry.begin() < previous.end()) {
                throw fail(file, "tensor '" + entry.name() + "' data [" + entry.begin() + ", " + entry.end()
                        + ") overlaps tensor '" + previous.name() + "' [" + previous.begin() + ", " + previous.end() + ")");
            }
            if (entry.end() > entry.begin()) {
                previous = entry;
            }
        }
        return Collections.unmodifiableMap(entries);
    }

    private static Entry parseEntry(Path file, String name, JsonElement value, long dataBytes) {
        if (!value.isJsonObject()) {
            throw fail(file, "entry for tensor '" + name + "' is not a JSON object");
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dtypeEl = o.get("dtype");
        if (dtypeEl == null || !dtypeEl.isJsonPrimitive() || !dtypeEl.getAsJsonPrimitive().isString()) {
            throw fail(file, "tensor '" + name + "' has no string field 'dtype'");
        }
        String dtypeName = dtypeEl.getAsString();
        int elementBits = elementBits(dtypeName);
        if (elementBits < 0) {
            throw fail(file, "tensor '" + name + "' has unknown dtype '" + dtypeName
                    + "' (safetensors dtypes: F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8, BOOL, F8_E4M3, F8_E5M2)");
        }
        long[] shape = longArray(file, name, o, "shape", -1);
        long[] offsets = longArray(file, name, o, "data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw fail(file, "tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] with begin > end");
        }
        if (end > dataBytes) {
            throw fail(file, "tensor '" + name + "' data [" + begin + ", " + end + ") runs past the end of the data ("
                    + dataBytes + " bytes after the header): the file is truncated or the offsets are out of range");
        }
        long count = 1;
        try {
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            long expected = Math.multiplyExact(count, (long) elementBits) / 8;
            if (expected != end - begin) {
                throw fail(file, "tensor '" + name + "' has shape " + java.util.Arrays.toString(shape) + " of "
                        + dtypeName + " = " + expected + " bytes, but data_offsets span " + (end - begin) + " bytes");
            }
        } catch (ArithmeticException e) {
            throw fail(file, "tensor '" + name + "' has shape " + java.util.Arrays.toString(shape)
                    + " whose size overflows 64 bits");
        }
        return new Entry(name, dtypeName, supported(dtypeName), shape, begin, end);
    }

    private static long[] longArray(Path file, String name, JsonObject o, String field, int requiredLength) {
        JsonElement el = o.get(field);
        if (el == null || !el.isJsonArray()) {
            throw fail(file, "tensor '" + name + "' has no array field '" + field + "'");
        }
        JsonArray arr = el.getAsJsonArray();
        if (requiredLength >= 0 && arr.size() != requiredLength) {
            throw fail(file, "tensor '" + name + "' field '" + field + "' has " + arr.size() + " values, expected "
                    + requiredLength);
        }
        long[] out = new long[arr.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = arr.get(i);
            long x;
            try {
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                    throw new NumberFormatException(v.toString());
                }
                x = new java.math.BigDecimal(v.getAsString()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw fail(file, "tensor '" + name + "' field '" + field + "' holds " + v + ", expected an integer");
            }
            if (x < 0) {
                throw fail(file, "tensor '" + name + "' field '" + field + "' holds negative value " + x);
            }
            out[i] = x;
        }
        return out;
    }

    private static int elementBits(String dtype) {
        switch (dtype) {
            case "F64": case "I64": case "U64":
                return 64;
            case "F32": case "I32": case "U32":
                return 32;
            case "F16": case "BF16": case "I16": case "U16":
                return 16;
            case "I8": case "U8": case "BOOL": case "F8_E4M3": case "F8_E5M2":
                return 8;
            default:
                return -1;
        }
    }

    private static DType supported(String dtype) {
        switch (dtype) {
            case "F32":
                return DType.F32;
            case "F16":
                return DType.F16;
            case "BF16":
                return DType.BF16;
            default:
                return null;
        }
    }

    /** The file this store reads. */
    public Path file() {
        return file;
    }

    /** The {@code __metadata__} map of the header (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Set<String> names() {
        return entries.keySet();
    }

    /** Shape of a tensor without mapping its data. */
    @Override
    public long[] shape(String name) {
        return entry(name).shape().clone();
    }

    @Override
    public DType dtype(String name) {
        Entry e = entry(name);
        if (e.dtype() == null) {
            throw fail(file, "tensor '" + name + "' has dtype " + e.dtypeName()
                    + ", which the runtime does not read (supported: F32, F16, BF16)");
        }
        return e.dtype();
    }

    @Override
    public TensorData get(String name) {
        Entry e = entry(name);
        if (e.dtype() == null) {
            throw fail(file, "tensor '" + name + "' has dtype " + e.dtypeName()
                    + ", which the runtime does not read (supported: F32, F16, BF16)");
        }
        long length = e.end() - e.begin();
        if (length > Integer.MAX_VALUE) {
            throw fail(file, "tensor '" + name + "' has " + length + " bytes; a single tensor above 2 GiB is not supported");
        }
        try {
            ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            return new TensorData(name, e.dtype(), e.shape().clone(), data);
        } catch (IOException ex) {
            throw new ModelLoadException("cannot map tensor '" + name + "' of " + file + ": " + ex, ex);
        }
    }

    @Override
    public ByteBuffer map(String name) {
        Entry e = entry(name);
        long length = e.end() - e.begin();
        if (e.dtype() == null || length > Integer.MAX_VALUE) {
            return null;
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), length)
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) {
            throw new ModelLoadException("cannot map tensor '" + name + "' of " + file + ": " + ex, ex);
        }
    }

    @Override
    public Location locate(String name) {
        Entry e = entry(name);
        return e.dtype() == null ? null : new Location(file, dataStart + e.begin(), e.end() - e.begin());
    }

    /** A positional read of the tensor's bytes, without mapping them. */
    @Override
    public void read(String name, ByteBuffer dst) {
        Entry e = entry(name);
        long length = e.end() - e.begin();
        if (dst.remaining() < length) {
            throw new IllegalArgumentException("buffer has " + dst.remaining() + " bytes left, tensor '" + name
                    + "' has " + length);
        }
        ByteBuffer slice = dst.duplicate();
        slice.limit(slice.position() + (int) length);
        try {
            readFully(channel, slice, dataStart + e.begin());
        } catch (IOException ex) {
            throw new ModelLoadException("cannot read tensor '" + name + "' of " + file + ": " + ex, ex);
        }
        dst.position(dst.position() + (int) length);
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw fail(file, "has no tensor '" + name + "'");
        }
        return e;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        PositionalReads.readFully(channel, buf, position);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read-only channel: nothing to recover
        }
    }

    private static ModelLoadException fail(Path file, String what) {
        return new ModelLoadException("safetensors file " + file + ": " + what);
    }
}
