using Xunit;

namespace Inference.Grammars.Tests;

/// <summary>A model that never closes a number or keeps emitting whitespace must hit a wall.</summary>
public class BoundednessTests
{
    private static readonly GbnfGrammar AnyJson = SchemaAssert.Grammar("{}");

    [Fact]
    public void Digit_runs_are_bounded_in_every_numeric_position()
    {
        var digits = new string('7', 17);
        Assert.False(AnyJson.MatchesPrefix(digits));
        Assert.False(AnyJson.MatchesPrefix("1." + digits));
        Assert.False(AnyJson.MatchesPrefix("1e" + digits));
        Assert.False(SchemaAssert.Grammar("""{"type":"integer","minimum":0}""").MatchesPrefix(digits));
        Assert.False(SchemaAssert.Grammar("""{"type":"number","maximum":0}""").MatchesPrefix("-1." + digits));
    }

    [Fact]
    public void Whitespace_between_tokens_is_bounded()
    {
        Assert.True(AnyJson.Matches("{\n\n" + new string(' ', 20) + "\"a\": 1}"));
        // An empty container has two space rules back to back, so up to twice the bound fits there.
        Assert.False(AnyJson.MatchesPrefix("{" + new string(' ', 3)));
        Assert.False(AnyJson.MatchesPrefix("{\n\n\n\n\n"));
        Assert.False(AnyJson.MatchesPrefix("[" + new string(' ', 45)));
        Assert.False(AnyJson.MatchesPrefix("[1," + new string(' ', 2)));
        Assert.False(AnyJson.MatchesPrefix(" {"));
    }

    [Fact]
    public void Json_object_mode_accepts_objects_only()
    {
        var grammar = GbnfGrammar.Parse(JsonSchemaToGbnf.JsonObjectGrammar());
        Assert.True(grammar.Matches("{\"a\": [1, 2.5, \"x\", {\"b\": null}], \"c\": true}"));
        Assert.False(grammar.Matches("[1]"));
        Assert.False(grammar.Matches("\"text\""));
        Assert.False(grammar.MatchesPrefix("{\"a\":" + new string(' ', 30)));
    }
}
