using System.Text.Json.Nodes;
using Inference.Engine;
using Inference.Native;
using Inference.Templates;
using Inference.ToolCalling;

namespace Inference.Server.Hosting;

/// <summary>
/// Renders chat messages into the model's prompt with its own Jinja chat template (from the
/// GGUF, or --chat-template-file), with bos_token / eos_token from the vocab. A model without a
/// template gets ChatML, as llama-server does.
/// </summary>
public sealed class ChatPromptRenderer
{
    private const string ChatMlFallback =
        "{%- for message in messages -%}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n' }}{%- endfor -%}" +
        "{%- if add_generation_prompt -%}{{ '<|im_start|>assistant\n' }}{%- endif -%}";

    private readonly ChatTemplate _template;
    private readonly ChatTemplate? _toolTemplate;

    private ChatPromptRenderer(string source, string? toolSource, string bosToken, string eosToken)
    {
        Source = source;
        _template = ChatTemplate.Compile(source);
        _toolTemplate = toolSource is null ? null : ChatTemplate.Compile(toolSource);
        BosToken = bosToken;
        EosToken = eosToken;
        ToolFormat = ToolCallFormat.Detect(toolSource ?? source);
    }

    /// <summary>The template text in use (tool-calling formats are detected from it).</summary>
    public string Source { get; }

    /// <summary>How this model writes tool calls, read from its template.</summary>
    public ToolCallFormat ToolFormat { get; }

    public string BosToken { get; }

    public string EosToken { get; }

    public static ChatPromptRenderer Create(LlamaModel model, string? templateFile)
    {
        var source = templateFile is not null ? File.ReadAllText(templateFile) : model.GetChatTemplate() ?? ChatMlFallback;
        var toolSource = templateFile is null ? model.GetChatTemplate("tool_use") : null;
        var vocab = model.Vocab;
        return new ChatPromptRenderer(source, toolSource, vocab.GetSpecialText(vocab.Bos), vocab.GetSpecialText(vocab.Eos));
    }

    /// <summary>Renders the conversation. Throws <see cref="TemplateException"/> when the template refuses it.</summary>
    public string Render(JsonArray messages, JsonArray? tools, bool addGenerationPrompt, JsonObject? templateArguments)
    {
        var variables = new JsonObject
        {
            ["messages"] = messages.DeepClone(),
            ["tools"] = tools?.DeepClone(),
            ["documents"] = null,
            ["add_generation_prompt"] = addGenerationPrompt,
            ["bos_token"] = BosToken,
            ["eos_token"] = EosToken,
        };
        if (templateArguments is not null)
        {
            foreach (var (key, value) in templateArguments)
            {
                variables[key] = value?.DeepClone();
            }
        }

        var template = tools is { Count: > 0 } && _toolTemplate is not null ? _toolTemplate : _template;
        return template.Render(variables);
    }

    /// <summary>Whether tokenizing the rendered prompt should add BOS (the template may already have).</summary>
    public bool ShouldAddBos(ITokenizer tokenizer, string prompt) =>
        tokenizer.AddsBeginningOfSequence && (BosToken.Length == 0 || !prompt.StartsWith(BosToken, StringComparison.Ordinal));
}
