package io.maskmill.runtime.graph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.protobuf.ByteString;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.platform.Fp16Conversions;

/**
 * Builds or extends an ONNX graph with the protobuf classes: inputs, initializers, nodes (outputs
 * named {@code <node>_output_0} as torch's exporter names them) and outputs. Used by the
 * tiny-model generator and by the {@code prepare} graph surgery.
 */
public final class GraphBuilder {
    public static final int OPSET = 17;
    private static final int IR_VERSION = 8;

    private final GraphProto.Builder graph;
    private final Set<String> names = new HashSet<>();
    private boolean fp16Weights;
    private java.io.OutputStream externalData;
    private String externalLocation;
    private long externalOffset;
    private int externalMinBytes;

    public GraphBuilder(String name) {
        this.graph = GraphProto.newBuilder().setName(name);
    }

    /** Continues an existing graph (its node names are reserved). */
    public GraphBuilder(GraphProto existing) {
        this.graph = existing.toBuilder();
        existing.getNodeList().forEach(n -> names.add(n.getName()));
        existing.getInitializerList().forEach(t -> names.add(t.getName()));
    }

    /** Store {@link #weight} tensors as float16 (cast to float32 in the graph). */
    public GraphBuilder fp16Weights(boolean on) {
        this.fp16Weights = on;
        return this;
    }

    /**
     * Streams every initializer of at least {@code minBytes} to {@code out} as it is added (recorded as
     * external data at {@code location}): a model whose weights exceed protobuf's 2 GB never exists whole.
     */
    public GraphBuilder externalData(java.io.OutputStream out, String location, int minBytes) {
        this.externalData = out;
        this.externalLocation = location;
        this.externalMinBytes = minBytes;
        return this;
    }

    /** Declares a graph input; dims are Long/Integer (fixed) or String (symbolic). */
    public String input(String name, TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
        return name;
    }

    public void output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        TypeProto t = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(type.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(t).build();
    }

    /** A float32 constant. */
    public String floats(String name, float[] data, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return initializer(name, TensorProto.DataType.FLOAT, b.array(), shape);
    }

    public String longs(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return initializer(name, TensorProto.DataType.INT64, b.array(), values.length);
    }

    /** A weight: float32, or float16 plus a Cast to float32 when fp16 weights are on. */
    public String weight(String name, float[] data, long... shape) {
        if (!fp16Weights) {
            return floats(name, data, shape);
        }
        ByteBuffer b = ByteBuffer.allocate(data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            b.putShort(Fp16Conversions.floatToFp16(v));
        }
        String half = initializer(name, TensorProto.DataType.FLOAT16, b.array(), shape);
        return cast(name + "/Cast", half, TensorProto.DataType.FLOAT);
    }

    /** An initializer from raw little-endian bytes (streamed to the external data file when one is set). */
    public String raw(String name, TensorProto.DataType type, byte[] raw, long... shape) {
        return initializer(name, type, raw, shape);
    }

    private String initializer(String name, TensorProto.DataType type, byte[] raw, long... shape) {
        reserve(name);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        if (externalData != null && raw.length >= externalMinBytes) {
            try {
                externalData.write(raw);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("writing weights of " + name + ": " + e.getMessage(), e);
            }
            t.setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", externalLocation))
                    .addExternalData(entry("offset", Long.toString(externalOffset)))
                    .addExternalData(entry("length", Integer.toString(raw.length)));
            externalOffset += raw.length;
        } else {
            t.setRawData(ByteString.copyFrom(raw));
        }
        for (long d : shape) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    private static ai.onnx.proto.OnnxMl.StringStringEntryProto entry(String key, String value) {
        return ai.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** Adds a node with one output and returns that output's name. */
    public String node(String op, String name, List<String> inputs, AttributeProto... attributes) {
        return node(op, name, inputs, 1, attributes)[0];
    }

    public String[] node(String op, String name, List<String> inputs, int outputs, AttributeProto... attributes) {
        reserve(name);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs);
        String[] out = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            out[i] = name + "_output_" + i;
            n.addOutput(out[i]);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return out;
    }

    /** Gives {@code input} the graph-level name {@code outputName} (an Identity node). */
    public String identity(String input, String outputName) {
        reserve(outputName + "/Identity");
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(outputName + "/Identity")
                .addInput(input).addOutput(outputName));
        return outputName;
    }

    public String cast(String name, String input, TensorProto.DataType to) {
        return node("Cast", name, List.of(input), intAttr("to", to.getNumber()));
    }

    private void reserve(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate node or initializer name " + name);
        }
    }

    public static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    public GraphProto graph() {
        return graph.build();
    }

    /** A model around this graph at opset {@value #OPSET}. */
    public ModelProto model(String producer) {
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName(producer)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build();
    }
}
