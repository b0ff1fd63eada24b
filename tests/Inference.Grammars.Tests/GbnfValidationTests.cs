using Xunit;

namespace Inference.Grammars.Tests;

public class GbnfValidationTests
{
    [Theory]
    [InlineData("root ::= \"a\"")]
    [InlineData("root ::= item+ # comment\nitem ::= [a-z] | \"\\x41\" | \"\\u00e9\"\r\n")]
    [InlineData("root ::= (\n  \"a\" |\n  \"b\"\n)* \"c\"{2,5} [^\\]\\-]? .")]
    [InlineData("root ::= | \"x\"")]
    [InlineData("root ::= <[42]> !<[7]> \"a\"")]
    [InlineData("\n# leading comment\nroot ::= x\nx ::= \"\\\"\" [\\\\] \"\\t\"\n")]
    [InlineData("root ::= \"a\"{2000}")]
    public void Valid_grammars_have_no_errors(string grammar) =>
        Assert.Empty(GbnfGrammar.Validate(grammar));

    [Theory]
    [InlineData("root = \"a\"", 1, 6, "'::='")]
    [InlineData("root ::= \"a\"\nitem ::= missing", 2, 10, "undefined rule 'missing'")]
    [InlineData("item ::= \"a\"", 1, 1, "no 'root' rule")]
    [InlineData("root ::= root \"a\"", 1, 1, "left recursion")]
    [InlineData("root ::= x\nx ::= \"b\"? x", 1, 1, "left recursion")]
    [InlineData("root ::= \"\\q\"", 1, 11, "unknown escape")]
    [InlineData("root ::= \"abc", 1, 14, "unexpected end")]
    [InlineData("root ::= [a-", 1, 13, "unexpected end")]
    [InlineData("root ::= * \"a\"", 1, 10, "expected an item")]
    [InlineData("root ::= \"a\"{3000}", 1, 19, "above the limit")]
    [InlineData("root ::= \"a\"{2,x}", 1, 16, "'}'")]
    [InlineData("root ::= (\"a\" | \"b\"", 1, 20, "')'")]
    [InlineData("root ::= \"a\" )", 1, 14, "newline or end")]
    [InlineData("root ::= \"\\x4\"", 1, 13, "2 hex digits")]
    [InlineData("root ::= (\"a\" (\"b\")? (\"c\")?){1000}", 1, 29, "too many generated rules")]
    [InlineData("root_x ::= \"a\"", 1, 5, "'::='")]
    [InlineData("root ::= \"a\"\0", 1, 13, "NUL")]
    public void Invalid_grammars_report_line_column_and_reason(string grammar, int line, int column, string reason)
    {
        var error = Assert.Single(GbnfGrammar.Validate(grammar));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_throws_with_all_errors()
    {
        var error = Assert.Throws<GbnfGrammarException>(() => GbnfGrammar.Parse("root ::= a b"));
        Assert.Equal(2, error.Errors.Count);
    }

    [Fact]
    public void Recognizer_follows_repetition_semantics()
    {
        var grammar = GbnfGrammar.Parse("root ::= (\"ab\" | [0-9]){2,3} tail?\ntail ::= [^x]");
        Assert.True(grammar.Matches("ab1"));
        Assert.True(grammar.Matches("12ab!"));
        Assert.False(grammar.Matches("1"));
        Assert.False(grammar.Matches("1234x"));
        Assert.True(grammar.MatchesPrefix("a"));
    }
}
