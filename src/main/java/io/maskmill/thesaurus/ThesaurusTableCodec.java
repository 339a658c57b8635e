package io.maskmill.thesaurus;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The table's file format, version 1 (big-endian; "varint" = unsigned LEB128):
 *
 * <pre>
 * bytes 0-3   magic "MMTH"
 * bytes 4-5   format version (1)
 * bytes 6-13  normaliser hash (FNV-1a 64 of the plural exception table used)
 * lexicon     int concept count; per concept: UTF name, byte flags (1 class, 2 scene),
 *             ushort phrase count, UTF phrases
 * varint      captions read
 * varint × C  n(c) per concept, in lexicon order
 * varint      P, the number of non-zero pairs
 * P × (varint gap, varint count)   pairs a &lt; b in order of a·C + b; gap = that index minus the
 *             previous pair's index (the first pair's gap is its index)
 * bytes       CRC-32 (int) of everything before it
 * </pre>
 *
 * Files are written to a temporary sibling, forced to disk and renamed into place, so a reader
 * never sees a partial table under the final name.
 */
final class ThesaurusTableCodec {
    static final byte[] MAGIC = {'M', 'M', 'T', 'H'};
    static final int VERSION = 1;

    private ThesaurusTableCodec() {
    }

    static byte[] encode(ThesaurusTable table) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeShort(VERSION);
            out.writeLong(table.normaliserHash());
            table.lexicon().writeTo(out);
            writeVarLong(out, table.captions());
            for (long n : table.termCounts()) {
                writeVarLong(out, n);
            }
            long[] pairs = table.pairCounts();
            writeVarLong(out, Arrays.stream(pairs).filter(n -> n != 0).count());
            long previous = 0;
            for (int i = 0; i < pairs.length; i++) {
                if (pairs[i] != 0) {
                    writeVarLong(out, i - previous);
                    writeVarLong(out, pairs[i]);
                    previous = i;
                }
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
    }

    static void writeAtomically(ThesaurusTable table, Path file) throws IOException {
        byte[] bytes = encode(table);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // a hidden sibling with a random suffix (same file system, so the rename is atomic)
        Path tmp = dir.resolve("." + file.getFileName() + "." + java.util.UUID.randomUUID()
                + ".partial");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static ThesaurusTable read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static ThesaurusTable read(InputStream in, String source) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length < MAGIC.length + 2 + 4 || !Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
            throw new IOException(source + ": not a thesaurus table (magic 'MMTH' missing)");
        }
        int version = ((bytes[4] & 0xFF) << 8) | (bytes[5] & 0xFF);
        if (version != VERSION) {
            throw new IOException(source + ": table format version " + version + ", this build reads " + VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new IOException(source + ": checksum mismatch, the table is truncated or corrupt");
        }
        try {
            DataInputStream data = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 6, bytes.length - 10));
            long normaliserHash = data.readLong();
            Lexicon lexicon = Lexicon.readFrom(data);
            int c = lexicon.size();
            long captions = readVarLong(data);
            long[] terms = new long[c];
            for (int i = 0; i < c; i++) {
                terms[i] = readVarLong(data);
            }
            long[] pairs = new long[c * c];
            long pairCount = readVarLong(data);
            long index = 0;
            for (long p = 0; p < pairCount; p++) {
                index += readVarLong(data);
                if (index >= pairs.length) {
                    throw new IOException("pair index " + index + " is outside the " + c + "×" + c + " table");
                }
                pairs[(int) index] = readVarLong(data);
            }
            return new ThesaurusTable(lexicon, normaliserHash, captions, terms, pairs);
        } catch (EOFException e) {
            throw new IOException(source + ": table ends early", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(source + ": malformed table: " + e.getMessage(), e);
        }
    }

    static void writeVarLong(DataOutputStream out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static long readVarLong(DataInputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("varint longer than 10 bytes");
    }
}
