package io.maskmill.runtime.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.maskmill.runtime.ModelFileException;

/** Reading and writing ONNX model files, including weights kept in an external data file. */
public final class OnnxFiles {
    private OnnxFiles() {
    }

    /** Parses a model file (the graph; external weights stay where they are). */
    public static ModelProto read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "model file does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            ModelProto model = ModelProto.parseFrom(coded);
            if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
                throw new ModelFileException(file, "is not an ONNX model (no graph nodes)");
            }
            return model;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ModelFileException(file, "is not a valid ONNX protobuf (corrupt or truncated): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The external data files the model's initializers refer to (relative to its folder). */
    public static Set<String> externalFiles(ModelProto model) {
        Set<String> files = new LinkedHashSet<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                t.getExternalDataList().stream().filter(e -> e.getKey().equals("location"))
                        .forEach(e -> files.add(e.getValue()));
            }
        }
        return files;
    }

    /**
     * Refuses a model whose external data file is missing or shorter than the model's tensors need,
     * naming the file, what was expected and what was found.
     */
    public static void requireExternalFiles(ModelProto model, Path file) {
        java.util.Map<String, Long> needed = new java.util.LinkedHashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                continue;
            }
            String location = null;
            long offset = 0;
            long length = 0;
            for (StringStringEntryProto e : t.getExternalDataList()) {
                switch (e.getKey()) {
                    case "location" -> location = e.getValue();
                    case "offset" -> offset = Long.parseLong(e.getValue());
                    case "length" -> length = Long.parseLong(e.getValue());
                    default -> { }
                }
            }
            if (location != null) {
                needed.merge(location, offset + length, Math::max);
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        needed.forEach((name, end) -> {
            Path data = dir.resolve(name);
            if (!Files.isRegularFile(data)) {
                throw new ModelFileException(file, "expected its external weights file " + data + " (" + end
                        + " bytes or more), found none");
            }
            try {
                long size = Files.size(data);
                if (size < end) {
                    throw new ModelFileException(data, "expected at least " + end + " bytes (the weights " + file.getFileName()
                            + " names), found " + size + ": truncated");
                }
            } catch (IOException e) {
                throw new ModelFileException(data, "cannot be read: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Writes {@code model} to {@code target}; the external data files it refers to are copied from
     * {@code sourceDir} (or hard-linked where the file system allows, since they can be gigabytes).
     */
    public static void write(ModelProto model, Path target, Path sourceDir) throws IOException {
        Path targetDir = target.toAbsolutePath().getParent();
        Files.createDirectories(targetDir);
        for (String name : externalFiles(model)) {
            Path from = sourceDir.resolve(name);
            Path to = targetDir.resolve(name);
            if (!Files.isRegularFile(from)) {
                throw new ModelFileException(from, "external weights file named by the model does not exist");
            }
            if (from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
                continue;
            }
            linkOrCopy(from, to);
        }
        writeAtomically(model.toByteArray(), target);
    }

    /**
     * Writes {@code model} with every initializer of at least {@code minBytes} moved to
     * {@code dataFile} next to it (the layout of diffusers' UNet exports: model.onnx + weights.pb).
     */
    public static void writeWithExternalData(ModelProto model, Path target, String dataFile, int minBytes)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        ModelProto.Builder builder = model.toBuilder();
        Path data = dir.resolve(dataFile);
        Path dataTmp = temporary(data);
        try (OutputStream out = Files.newOutputStream(dataTmp)) {
            long offset = 0;
            for (TensorProto.Builder t : builder.getGraphBuilder().getInitializerBuilderList()) {
                ByteString raw = t.getRawData();
                if (raw.size() < minBytes) {
                    continue;
                }
                raw.writeTo(out);
                t.clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(entry("location", dataFile))
                        .addExternalData(entry("offset", Long.toString(offset)))
                        .addExternalData(entry("length", Integer.toString(raw.size())));
                offset += raw.size();
            }
        }
        Files.move(dataTmp, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeAtomically(builder.build().toByteArray(), target);
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code target} and renames it over the target: a
     * file another process has open or memory-mapped keeps its old contents (rename swaps the name,
     * never the inode's bytes), and no reader sees a half-written file.
     */
    public static void writeAtomically(byte[] bytes, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = temporary(target);
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Puts {@code from} at {@code to} as a hard link (weights can be gigabytes), or a copy where links
     * fail, through a temporary name and a rename: an existing {@code to} is replaced, never truncated.
     */
    public static void linkOrCopy(Path from, Path to) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        Path tmp = temporary(to);
        try {
            Files.createLink(tmp, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A name beside {@code target} that no other writer uses. */
    static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + java.util.UUID.randomUUID() + ".tmp");
    }
}
