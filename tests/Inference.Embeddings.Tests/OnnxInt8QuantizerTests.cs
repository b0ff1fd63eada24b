using Google.Protobuf;
using Inference.Embeddings;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Inference.Embeddings.Tests;

/// <summary>The int8 rewrite on a hand-built graph, run by ONNX Runtime.</summary>
public sealed class OnnxInt8QuantizerTests
{
    private static readonly float[] Weight = [0.5f, -1f, 0.25f, 2f, 0.75f, -0.5f, -2f, 1f, 0.1f, 0.3f, -0.3f, 1.5f];

    [Fact]
    public void A_weight_shared_by_two_products_is_quantized_once_and_both_stay_close_to_float()
    {
        var (model, quantized) = OnnxInt8Quantizer.Quantize(TwoProductsOfOneWeight());

        Assert.Equal(2, quantized);
        var graph = ModelProto.Parser.ParseFrom(model).Graph;
        Assert.Equal(["w_int8", "w_scale", "w_zero_point"], graph.Initializer.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.All(graph.Node, n => Assert.Equal("DynamicQuantizeMatMul", n.OpType));

        float[] x = [1f, -2f, 0.5f, 3f];
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(x, [1, 4]);
        using var run = new RunOptions();
        using var outputs = session.Run(run, ["x"], [input], ["a", "b"]);
        var expected = Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, 4).Sum(r => x[r] * Weight[(r * 3) + c])).ToArray();
        foreach (var output in outputs)
        {
            var actual = output.GetTensorDataAsSpan<float>().ToArray();
            Assert.All(actual.Zip(expected), p => Assert.Equal(p.Second, p.First, 0.1));
        }
    }

    private static byte[] TwoProductsOfOneWeight()
    {
        var weight = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Weight.AsSpan())) };
        weight.Dims.Add([4, 3]);
        var graph = new GraphProto { Name = "two-products" };
        graph.Initializer.Add(weight);
        graph.Input.Add(Value("x", 1, 4));
        graph.Output.Add([Value("a", 1, 3), Value("b", 1, 3)]);
        foreach (var output in new[] { "a", "b" })
        {
            var node = new NodeProto { OpType = "MatMul", Name = "matmul_" + output };
            node.Input.Add(["x", "w"]);
            node.Output.Add(output);
            graph.Node.Add(node);
        }

        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private static ValueInfoProto Value(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
