using System.Text.Json;
using Inference.Grammars;
using Inference.ToolCalling;
using Xunit;

namespace Inference.ToolCalling.Tests;

public class GrammarTests
{
    public static TheoryData<GrammarCase> AllCases => GrammarCases.Theory();

    private static GbnfGrammar Grammar(ToolCallFormat format, ToolChoice choice, bool parallel)
    {
        var result = format.BuildGrammar(Samples.Tools, choice, parallel);
        Assert.NotNull(result);
        Assert.False(result.IsLazy);
        Assert.Empty(GbnfGrammar.Validate(result.Gbnf));
        return GbnfGrammar.Parse(result.Gbnf);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Required_accepts_valid_calls_that_parse_back(GrammarCase c)
    {
        var grammar = Grammar(c.Format, ToolChoice.Required, parallel: true);
        Assert.True(grammar.Matches(c.OneCall), c.OneCall);
        Assert.Equal("get_weather", Assert.Single(c.Format.Parse(c.OneCall).ToolCalls).Name);
        if (c.TwoCalls.Length > 0)
        {
            Assert.True(grammar.Matches(c.TwoCalls), c.TwoCalls);
            Assert.Equal(["get_weather", "get_time"], c.Format.Parse(c.TwoCalls).ToolCalls.Select(t => t.Name));
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Required_rejects_bad_arguments_unknown_tools_and_plain_text(GrammarCase c)
    {
        var grammar = Grammar(c.Format, ToolChoice.Required, parallel: true);
        Assert.False(grammar.Matches(c.BadArguments), c.BadArguments);
        Assert.False(grammar.Matches(c.UnknownTool), c.UnknownTool);
        Assert.False(grammar.Matches("Sure, I can help with that."));
        Assert.False(grammar.Matches(""));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Without_parallel_calls_exactly_one_call_is_allowed(GrammarCase c)
    {
        var grammar = Grammar(c.Format, ToolChoice.Required, parallel: false);
        Assert.True(grammar.Matches(c.OneCall));
        if (c.TwoCalls.Length > 0)
        {
            Assert.False(grammar.Matches(c.TwoCalls));
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void A_named_function_allows_only_that_function(GrammarCase c)
    {
        var grammar = Grammar(c.Format, ToolChoice.Function("get_time"), parallel: true);
        Assert.True(grammar.Matches(c.TimeOnly), c.TimeOnly);
        Assert.False(grammar.Matches(c.OneCall));
    }

    [Fact]
    public void Auto_and_none_need_no_grammar_unless_tools_are_strict()
    {
        Assert.Null(ToolCallFormat.Hermes.BuildGrammar(Samples.Tools, ToolChoice.None));
        Assert.Null(ToolCallFormat.Hermes.BuildGrammar(Samples.Tools, ToolChoice.Auto));
        Assert.Null(ToolCallFormat.Generic.BuildGrammar([Samples.Tools[0] with { Strict = true }], ToolChoice.Auto));
    }

    [Fact]
    public void Auto_with_strict_tools_gives_a_lazy_grammar_from_the_marker()
    {
        var result = ToolCallFormat.Hermes.BuildGrammar([Samples.Tools[0] with { Strict = true }], ToolChoice.Auto);
        Assert.NotNull(result);
        Assert.True(result.IsLazy);
        Assert.Equal(["<tool_call>"], result.TriggerWords);
        var grammar = GbnfGrammar.Parse(result.Gbnf);
        Assert.True(grammar.Matches("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>"));
    }

    [Fact]
    public void Unsupported_schemas_fail_for_strict_tools_and_fall_back_to_any_object_otherwise()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"n":{"type":"integer","multipleOf":2}}}""").RootElement;
        Assert.Throws<UnsupportedSchemaException>(() => ToolCallFormat.Generic.BuildGrammar([new ToolDefinition("f", schema, Strict: true)], ToolChoice.Required));
        var relaxed = ToolCallFormat.Generic.BuildGrammar([new ToolDefinition("f", schema)], ToolChoice.Required);
        Assert.True(GbnfGrammar.Parse(relaxed!.Gbnf).Matches("{\"tool_calls\": [{\"name\": \"f\", \"arguments\": {\"anything\": [1]}}]}"));
    }

    [Fact]
    public void Unknown_named_function_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => ToolCallFormat.Hermes.BuildGrammar(Samples.Tools, ToolChoice.Function("nope")));

    [Fact]
    public void Reasoning_already_opened_by_the_prompt_must_be_closed_first()
    {
        var result = ToolCallFormat.HermesWithThinking.BuildGrammar(Samples.Tools, ToolChoice.Function("get_time"), startsInReasoning: true);
        var grammar = GbnfGrammar.Parse(result!.Gbnf);
        const string call = "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {\"tz\": \"UTC\"}}\n</tool_call>";
        Assert.True(grammar.Matches("Thinking...</think>\n" + call));
        Assert.False(grammar.Matches("<think>Thinking...</think>\n</think>" + call));
    }
}
