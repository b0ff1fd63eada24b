using Inference.Engine;
using Inference.Server.Hosting;
using Inference.Server.OpenAi;

namespace Inference.Server.Endpoints;

/// <summary>What a text completion request becomes before it reaches the engine (HTTP and gRPC alike).</summary>
internal static class CompletionPlan
{
    public static GenerationRequest Create(CompletionRequest request, ServedModel served, string id)
    {
        var tokenizer = served.Engine.Tokenizer;
        IReadOnlyList<int> tokens;
        if (request.Prompt.Tokens is { } given)
        {
            SamplingMapper.EnsureInVocabulary(given, tokenizer.VocabularySize, "prompt");
            tokens = given;
        }
        else
        {
            tokens = tokenizer.Tokenize(request.Prompt.Text ?? "", addSpecial: true, parseSpecial: true);
        }

        if (tokens.Count == 0)
        {
            throw OpenAiError.InvalidRequest("The prompt is empty.", "prompt").ToException();
        }

        ContextFit.Ensure(tokens.Count, request.Generation.MaxTokens, served.ContextLength, "prompt");
        var generation = SamplingMapper.ToGenerationRequest(request.Generation, tokens, tokenizer.VocabularySize, id);
        if (generation.Sampling.Grammar is { } grammar && Inference.Grammars.GbnfGrammar.Validate(grammar) is { Count: > 0 } errors)
        {
            throw OpenAiError.InvalidRequest("Invalid grammar: " + string.Join("; ", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")), "grammar").ToException();
        }

        return generation;
    }
}
