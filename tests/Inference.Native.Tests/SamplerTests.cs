using System.Text;
using Inference.Native.Interop;

namespace Inference.Native.Tests;

public class SamplerTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>
{
    private int SampleOnce(LlamaSamplerChain chain, string prompt = "sampling test prompt")
    {
        using var context = fixture.NewContext();
        var tokens = fixture.Model.Vocab.Tokenize(prompt, addSpecial: true, parseSpecial: false);
        using var batch = new LlamaBatch(64);
        for (var i = 0; i < tokens.Length; i++)
        {
            batch.Add(tokens[i], i, 0, wantLogits: i == tokens.Length - 1);
        }

        Assert.Equal(0, context.Decode(batch));
        return chain.Sample(context, batch.Count - 1);
    }

    [Fact]
    public void Every_sampler_kind_builds_into_a_chain_in_order()
    {
        var vocab = fixture.Model.Vocab;
        using var chain = new LlamaSamplerChain()
            .AddLogitBias(vocab.TokenCount, [new LlamaLogitBias { token = 5, bias = -100 }])
            .AddPenalties(64, 1.1f, 0.1f, 0.1f)
            .AddTopK(40)
            .AddTypical(0.95f)
            .AddTopP(0.9f)
            .AddMinP(0.05f)
            .AddXtc(0.1f, 0.5f, 1, 7)
            .AddTopNSigma(2f)
            .AddTemperature(0.8f)
            .AddTemperatureExtended(0.8f, 0.1f, 1f)
            .AddDistribution(42);

        Assert.Equal(
            ["logit-bias", "penalties", "top-k", "typical", "top-p", "min-p", "xtc", "top-n-sigma", "temp", "temp-ext", "dist"],
            chain.Names);
        Assert.Equal(42u, chain.Seed);
        Assert.InRange(SampleOnce(chain), 0, vocab.TokenCount - 1);

        using var mirostat = new LlamaSamplerChain().AddMirostat(vocab.TokenCount, 1, 5f, 0.1f);
        using var mirostat2 = new LlamaSamplerChain().AddMirostatV2(1, 5f, 0.1f);
        Assert.InRange(SampleOnce(mirostat), 0, vocab.TokenCount - 1);
        Assert.InRange(SampleOnce(mirostat2), 0, vocab.TokenCount - 1);
    }

    [Fact]
    public void Dist_with_a_seed_is_reproducible()
    {
        int Draw(uint seed)
        {
            using var chain = new LlamaSamplerChain().AddTemperature(5f).AddDistribution(seed);
            return SampleOnce(chain);
        }

        var draws = Enumerable.Range(0, 8).Select(s => Draw((uint)s)).ToArray();

        Assert.Equal(draws, Enumerable.Range(0, 8).Select(s => Draw((uint)s)).ToArray());
        Assert.True(draws.Distinct().Count() > 1, "a hot distribution with different seeds should not always pick one token");
    }

    [Fact]
    public void Logit_bias_can_force_a_token()
    {
        var vocab = fixture.Model.Vocab;
        using var chain = new LlamaSamplerChain().AddLogitBias(vocab.TokenCount, [new LlamaLogitBias { token = vocab.Eos, bias = 1000 }]).AddGreedy();

        Assert.Equal(vocab.Eos, SampleOnce(chain));
    }

    [Fact]
    public void A_grammar_constrains_output_and_an_invalid_grammar_is_an_exception()
    {
        var vocab = fixture.Model.Vocab;
        using var chain = new LlamaSamplerChain().AddGrammar(vocab, "root ::= \"yes\" | \"no\"").AddGreedy();

        var token = SampleOnce(chain);
        var text = Encoding.UTF8.GetString(vocab.TokenToPiece(token, special: false));
        Assert.True("yes".StartsWith(text, StringComparison.Ordinal) || "no".StartsWith(text, StringComparison.Ordinal), $"'{text}' is not a prefix of yes/no");

        using var broken = new LlamaSamplerChain();
        Assert.Throws<LlamaException>(() => broken.AddGrammar(vocab, "root ::= ( unclosed"));
    }
}
