using System.Text.RegularExpressions;
using Inference.Engine;
using Inference.Grammars;
using Inference.Server.Hosting;
using Inference.Server.OpenAi;
using Inference.Templates;
using Inference.ToolCalling;

namespace Inference.Server.Endpoints;

/// <summary>
/// What a chat request becomes before it reaches the engine: the prompt rendered through the
/// model's template, its tokens, the grammar that constrains the output (structured output,
/// forced tool calls), and whether the output is to be parsed for tool calls.
/// </summary>
internal sealed record ChatRequestPlan(string Prompt, GenerationRequest Generation, ToolCallFormat? ToolFormat, ParseOptions? ToolParseOptions)
{
    public static ChatRequestPlan Create(ChatCompletionRequest request, ServedModel served, string requestId)
    {
        var prompt = RenderPrompt(request, served);
        var tokenizer = served.Engine.Tokenizer;
        var tokens = tokenizer.Tokenize(prompt, addSpecial: served.Chat.ShouldAddBos(tokenizer, prompt), parseSpecial: true);
        ContextFit.Ensure(tokens.Length, request.Generation.MaxTokens, served.ContextLength, "messages");
        var generation = SamplingMapper.ToGenerationRequest(request.Generation, tokens, tokenizer.VocabularySize, requestId);

        var callsTools = request.Tools.Count > 0 && request.ToolChoice.Kind != ToolChoiceKind.None;
        var format = callsTools ? served.Chat.ToolFormat : null;
        var grammar = OutputGrammar(request, format);
        if (grammar is not null)
        {
            generation = generation with
            {
                Sampling = generation.Sampling with { Grammar = grammar.Value.Gbnf, GrammarTriggerPatterns = grammar.Value.Triggers },
            };
        }

        if (format is not null && format != ToolCallFormat.Generic)
        {
            // Tool-call markers are often special tokens; the parser needs to see them as text.
            generation = generation with { RenderSpecialTokens = true };
        }

        var parseOptions = format is null ? null : new ParseOptions(Tools: [.. request.Tools.Select(t => t.ToDefinition())]);
        return new ChatRequestPlan(prompt, generation, format, parseOptions);
    }

    public static string RenderPrompt(ChatCompletionRequest request, ServedModel served)
    {
        try
        {
            return served.Chat.Render(
                ChatTemplateInput.Messages(request.Messages),
                request.ToolChoice.Kind == ToolChoiceKind.None ? null : ChatTemplateInput.Tools(request.Tools),
                addGenerationPrompt: true,
                ChatTemplateInput.TemplateArguments(request.ChatTemplateKwargs));
        }
        catch (TemplateException ex)
        {
            // The model's own template refused this conversation (e.g. roles that do not alternate).
            throw OpenAiError.InvalidRequest("The model's chat template rejected the messages: " + ex.Message, "messages").ToException();
        }
    }

    private static (string Gbnf, IReadOnlyList<string>? Triggers)? OutputGrammar(ChatCompletionRequest request, ToolCallFormat? format)
    {
        var fromResponseFormat = ResponseFormatGrammar(request.ResponseFormat);
        var raw = request.Generation.Grammar;
        if (raw is not null)
        {
            var errors = GbnfGrammar.Validate(raw);
            if (errors.Count > 0)
            {
                throw OpenAiError.InvalidRequest(
                    "Invalid grammar: " + string.Join("; ", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}")), "grammar").ToException();
            }
        }

        ToolCallGrammar? toolGrammar = null;
        if (format is not null)
        {
            try
            {
                toolGrammar = format.BuildGrammar([.. request.Tools.Select(t => t.ToDefinition())], request.ToolChoice, request.ParallelToolCalls);
            }
            catch (InvalidSchemaException ex)
            {
                throw OpenAiError.InvalidRequest($"Tool parameters schema at {ex.JsonPath}: {ex.Message}", "tools").ToException();
            }
        }

        if (toolGrammar is not null && (fromResponseFormat is not null || raw is not null))
        {
            throw OpenAiError.InvalidRequest("A forced or strict tool call cannot be combined with response_format or grammar.", "tool_choice").ToException();
        }

        if (toolGrammar is not null)
        {
            var triggers = toolGrammar.IsLazy
                ? toolGrammar.TriggerWords.Select(w => "[\\s\\S]*?(" + Regex.Escape(w) + ")[\\s\\S]*").ToArray()
                : null;
            return (toolGrammar.Gbnf, triggers);
        }

        return fromResponseFormat is not null ? (fromResponseFormat, null) : raw is not null ? (raw, null) : null;
    }

    private static string? ResponseFormatGrammar(ResponseFormat format)
    {
        try
        {
            return format.Type switch
            {
                ResponseFormatType.JsonObject when format.Schema is { } schema => JsonSchemaToGbnf.Convert(schema),
                ResponseFormatType.JsonObject => JsonSchemaToGbnf.JsonObjectGrammar(),
                ResponseFormatType.JsonSchema when format.Schema is { } schema => JsonSchemaToGbnf.Convert(schema),
                ResponseFormatType.JsonSchema => JsonSchemaToGbnf.JsonObjectGrammar(),
                _ => null,
            };
        }
        catch (UnsupportedSchemaException ex)
        {
            throw OpenAiError.InvalidRequest(
                $"Unsupported JSON schema keyword(s) {string.Join(", ", ex.Keywords)} at {ex.JsonPath}.", "response_format", "unsupported_schema").ToException();
        }
        catch (InvalidSchemaException ex)
        {
            throw OpenAiError.InvalidRequest($"Invalid JSON schema at {ex.JsonPath}: {ex.Message}", "response_format").ToException();
        }
    }
}
