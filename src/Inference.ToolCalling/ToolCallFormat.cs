namespace Inference.ToolCalling;

/// <summary>
/// A model family's way of writing tool calls (and reasoning): parses replies, streams them as deltas,
/// and builds grammars that force calls. Pick one with <see cref="Detect"/> from the chat template.
/// </summary>
public sealed class ToolCallFormat
{
    private ToolCallFormat(string name, ToolCallSyntax syntax)
    {
        Name = name;
        Syntax = syntax;
    }

    /// <summary>Hermes 2 Pro/3, Qwen 2.5: <c>&lt;tool_call&gt;{json}&lt;/tool_call&gt;</c>.</summary>
    public static ToolCallFormat Hermes { get; } = new("hermes", new HermesSyntax());

    /// <summary>Qwen 3 and other Hermes-style templates with <c>&lt;think&gt;</c> reasoning.</summary>
    public static ToolCallFormat HermesWithThinking { get; } = new("hermes-think", new HermesSyntax { Reasoning = ReasoningTags.Think });

    public static ToolCallFormat Llama3 { get; } = new("llama3", new Llama3Syntax());

    /// <summary>Mistral Nemo and older: <c>[TOOL_CALLS][{json}, ...]</c>.</summary>
    public static ToolCallFormat MistralNemo { get; } = new("mistral-nemo", new MistralSyntax(writesArgsMarker: false));

    /// <summary>Mistral Small 3.2, Devstral: <c>[TOOL_CALLS]name[ARGS]{json}</c>.</summary>
    public static ToolCallFormat Mistral { get; } = new("mistral", new MistralSyntax(writesArgsMarker: true));

    /// <summary>Magistral / Ministral reasoning models: as <see cref="Mistral"/> with <c>[THINK]...[/THINK]</c>.</summary>
    public static ToolCallFormat MistralWithThinking { get; } = new("mistral-think", new MistralSyntax(writesArgsMarker: true) { Reasoning = new ReasoningTags("[THINK]", "[/THINK]") });

    public static ToolCallFormat DeepSeekR1 { get; } = new("deepseek-r1", new DeepSeekSyntax(fencedJson: true) { Reasoning = ReasoningTags.Think });

    public static ToolCallFormat DeepSeekV3 { get; } = new("deepseek-v3", new DeepSeekSyntax(fencedJson: false) { Reasoning = ReasoningTags.Think });

    public static ToolCallFormat FunctionaryV31 { get; } = new("functionary-v3.1", new FunctionaryV31Syntax());

    public static ToolCallFormat FunctionaryV32 { get; } = new("functionary-v3.2", new FunctionaryV32Syntax());

    public static ToolCallFormat CommandRPlus { get; } = new("command-r-plus", new CommandRSyntax(actionTokens: false));

    public static ToolCallFormat CommandR7B { get; } = new("command-r7b", new CommandRSyntax(actionTokens: true) { Reasoning = new ReasoningTags("<|START_THINKING|>", "<|END_THINKING|>") });

    public static ToolCallFormat Glm { get; } = new("glm-4.5", new GlmSyntax { Reasoning = ReasoningTags.Think });

    public static ToolCallFormat GptOss { get; } = new("gpt-oss", new HarmonySyntax());

    /// <summary>Templates with no tool syntax: <c>{"tool_calls": [...]}</c>.</summary>
    public static ToolCallFormat Generic { get; } = new("generic", new GenericJsonSyntax());

    public string Name { get; }

    internal ToolCallSyntax Syntax { get; }

    /// <summary>The format a chat template's tool syntax implies; <see cref="Generic"/> when it has none.</summary>
    public static ToolCallFormat Detect(string? chatTemplate) => TemplateDetection.Detect(chatTemplate ?? "");

    /// <summary>Splits a complete reply into content, reasoning and tool calls.</summary>
    public ParsedMessage Parse(string output, ParseOptions? options = null)
    {
        options ??= new ParseOptions();
        var snapshot = Syntax.Parse(output, isFinal: true, options);
        return ToMessage(snapshot, options.Ids ?? ToolCallIdGenerator.Random);
    }

    /// <summary>A parser for one streamed reply.</summary>
    public StreamingToolCallParser CreateStreamingParser(ParseOptions? options = null) => new(Syntax, options ?? new ParseOptions());

    /// <summary>
    /// A grammar forcing calls in this format: for <c>required</c> or a named function, a grammar over the
    /// whole reply; for <c>auto</c> with strict tools, a lazy grammar started by the call marker (null if
    /// the format has no fixed marker); null for <c>none</c> or <c>auto</c> without strict tools.
    /// </summary>
    /// <exception cref="ArgumentException">The named function is not among the tools, or there are no tools.</exception>
    /// <exception cref="Inference.Grammars.InvalidSchemaException">A strict tool's schema cannot be converted.</exception>
    public ToolCallGrammar? BuildGrammar(IReadOnlyList<ToolDefinition> tools, ToolChoice choice, bool parallelToolCalls = true, bool startsInReasoning = false) =>
        ToolGrammarBuilder.Build(Syntax, tools, choice, parallelToolCalls, startsInReasoning);

    public override string ToString() => Name;

    internal static ParsedMessage ToMessage(MessageSnapshot snapshot, ToolCallIdGenerator ids)
    {
        var reasoning = snapshot.Reasoning.ToString().Trim();
        var calls = snapshot.Calls.Select(c => new ToolCall(ids.Next(), c.Name, c.Arguments)).ToList();
        return new ParsedMessage(snapshot.Content.ToString().Trim(), reasoning.Length == 0 ? null : reasoning, calls);
    }
}
