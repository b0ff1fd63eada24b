using Inference.Grammars;

namespace Inference.ToolCalling;

/// <summary>Assembles the grammar for forced calls: one rule per allowed tool, the format's call layout, and its allowed prefix.</summary>
internal static class ToolGrammarBuilder
{
    public static ToolCallGrammar? Build(ToolCallSyntax syntax, IReadOnlyList<ToolDefinition> tools, ToolChoice choice, bool parallel, bool startsInReasoning)
    {
        if (choice.Kind == ToolChoiceKind.None)
        {
            return null;
        }
        var lazy = choice.Kind == ToolChoiceKind.Auto;
        if (lazy && (!tools.Any(t => t.Strict) || syntax.GrammarTriggers.Count == 0))
        {
            return null;
        }
        var allowed = choice.Kind == ToolChoiceKind.Function
            ? tools.Where(t => t.Name == choice.FunctionName).ToList()
            : tools.ToList();
        if (allowed.Count == 0)
        {
            throw new ArgumentException(choice.FunctionName is null ? "No tools to call." : $"Tool '{choice.FunctionName}' is not among the tools.", nameof(choice));
        }

        var builder = new GbnfBuilder();
        var grammar = new ToolGrammarContext(builder);
        var callRules = allowed.Select(t => builder.AddRule($"call-{t.Name}", syntax.CallRule(grammar, t))).ToList();
        var call = builder.AddRule("call", string.Join(" | ", callRules));
        var calls = syntax.CallsRule(call, parallel);
        var prefix = lazy ? "" : syntax.ForcedPrefix(grammar, startsInReasoning);
        builder.AddRule(GbnfBuilder.RootRuleName, prefix.Length == 0 ? calls : $"{prefix} {calls}");
        return new ToolCallGrammar(builder.Build(), lazy, lazy ? syntax.GrammarTriggers : []);
    }
}
