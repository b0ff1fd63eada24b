using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Inference.Embeddings;

/// <summary>
/// Dynamic int8 quantization of an ONNX model, done in memory at load: every <c>MatMul</c> by a constant 2-D float
/// weight becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c>, with the weight int8 and one symmetric
/// scale per output column; the activations are quantized per call. The same scheme as onnxruntime's
/// <c>quantize_dynamic(per_channel=True)</c>, which sentence-transformers publishes as its <c>qint8</c> ONNX files.
/// Everything else (embeddings, layer norms, attention's softmax) stays float32.
/// </summary>
public static class OnnxInt8Quantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>The rewritten model, and how many matrix products were quantized.</summary>
    public static (byte[] Model, int QuantizedMatMuls) Quantize(byte[] model)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        // A weight shared by several products is quantized once.
        var done = new Dictionary<string, (TensorProto Values, TensorProto Scales, TensorProto ZeroPoints)>(StringComparer.Ordinal);
        var quantized = 0;
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || node.Domain is not (null or "")
                || !initializers.TryGetValue(node.Input[1], out var weight)
                || weight.Dims.Count != 2 || weight.DataType != (int)TensorProto.Types.DataType.Float)
            {
                continue;
            }

            if (!done.TryGetValue(weight.Name, out var int8))
            {
                int8 = QuantizeColumns(weight);
                done[weight.Name] = int8;
                graph.Initializer.Add([int8.Values, int8.Scales, int8.ZeroPoints]);
            }

            var (values, scales, zeroPoints) = int8;
            var input = node.Input[0];
            node.OpType = "DynamicQuantizeMatMul";
            node.Domain = MicrosoftDomain;
            node.Input.Clear();
            node.Input.Add([input, values.Name, scales.Name, zeroPoints.Name]);
            quantized++;
        }

        // The float weights now unused would only make the session larger.
        var used = graph.Node.SelectMany(n => n.Input).ToHashSet();
        foreach (var unused in graph.Initializer.Where(i => !used.Contains(i.Name)).ToList())
        {
            graph.Initializer.Remove(unused);
        }

        if (!proto.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            proto.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return (proto.ToByteArray(), quantized);
    }

    private static (TensorProto Values, TensorProto Scales, TensorProto ZeroPoints) QuantizeColumns(TensorProto weight)
    {
        var rows = checked((int)weight.Dims[0]);
        var columns = checked((int)weight.Dims[1]);
        var floats = weight.RawData.Length > 0
            ? MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray()
            : [.. weight.FloatData];
        if (floats.Length != rows * columns)
        {
            throw new InvalidDataException($"Weight {weight.Name} holds {floats.Length} values, not {rows}×{columns}.");
        }

        var scales = new float[columns];
        for (var c = 0; c < columns; c++)
        {
            var max = 0f;
            for (var r = 0; r < rows; r++)
            {
                max = Math.Max(max, Math.Abs(floats[(r * columns) + c]));
            }

            scales[c] = max == 0 ? 1 : max / 127f;
        }

        var values = new sbyte[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = (sbyte)Math.Clamp(MathF.Round(floats[(r * columns) + c] / scales[c]), -127, 127);
            }
        }

        return (
            Tensor(weight.Name + "_int8", TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(values.AsSpan()), rows, columns),
            Tensor(weight.Name + "_scale", TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), columns),
            Tensor(weight.Name + "_zero_point", TensorProto.Types.DataType.Int8, new byte[columns], columns));
    }

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> data, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
