using System.Runtime.CompilerServices;
using Inference.Templates.Syntax.Nodes;

namespace Inference.Templates.Syntax;

/// <summary>
/// Builds the statement tree from tokens, following Jinja's parser (jinja2/parser.py) rule by rule so
/// that precedence and the accepted syntax match. Expressions are parsed in Parser.Expressions.cs.
/// </summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> UnsupportedTags = ["block", "extends", "include", "import", "from", "autoescape"];

    private readonly TokenStream _stream;
    private readonly Stack<string> _openTags = new();
    private readonly Stack<string[]> _endTokens = new();
    private int _loopDepth;

    private Parser(TokenStream stream)
    {
        _stream = stream;
    }

    public static IReadOnlyList<Stmt> Parse(string source)
    {
        var parser = new Parser(new TokenStream(Lexer.Tokenize(source)));
        return parser.Subparse(null);
    }

    /// <summary>Parsing recurses per nesting level; refuse absurd nesting instead of overflowing the stack.</summary>
    private static void EnsureNestingDepth(Token token)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Lexer.SyntaxError("template nesting too deep", token.Line);
        }
    }

    private IReadOnlyList<Stmt> Subparse(string[]? endTokens)
    {
        EnsureNestingDepth(_stream.Current);
        var body = new List<Stmt>();
        var pending = new List<Expr>();
        if (endTokens is not null)
        {
            _endTokens.Push(endTokens);
        }

        try
        {
            while (_stream.Current.Kind != TokenKind.Eof)
            {
                var token = _stream.Current;
                switch (token.Kind)
                {
                    case TokenKind.Data:
                        pending.Add(new TemplateData(token.Text, token.Line));
                        _stream.Next();
                        break;
                    case TokenKind.VariableBegin:
                        _stream.Next();
                        pending.Add(ParseTuple());
                        _stream.Expect(TokenKind.VariableEnd);
                        break;
                    case TokenKind.BlockBegin:
                        FlushOutput(body, pending);
                        _stream.Next();
                        if (endTokens is not null && _stream.Current.Kind == TokenKind.Name && endTokens.Contains(_stream.Current.Text))
                        {
                            return body;
                        }

                        body.Add(ParseStatement());
                        _stream.Expect(TokenKind.BlockEnd);
                        break;
                    default:
                        throw Lexer.SyntaxError($"unexpected '{token.Describe()}'", token.Line);
                }
            }

            FlushOutput(body, pending);
            return body;
        }
        finally
        {
            if (endTokens is not null)
            {
                _endTokens.Pop();
            }
        }
    }

    private static void FlushOutput(List<Stmt> body, List<Expr> pending)
    {
        if (pending.Count > 0)
        {
            body.Add(new Output([.. pending], pending[0].Line));
            pending.Clear();
        }
    }

    private Stmt ParseStatement()
    {
        var token = _stream.Current;
        if (token.Kind != TokenKind.Name)
        {
            throw Lexer.SyntaxError("tag name expected", token.Line);
        }

        if (UnsupportedTags.Contains(token.Text))
        {
            throw Lexer.SyntaxError($"the '{token.Text}' tag is not supported: chat templates are rendered standalone", token.Line);
        }

        _openTags.Push(token.Text);
        try
        {
            return token.Text switch
            {
                "for" => ParseFor(),
                "if" => ParseIf(),
                "set" => ParseSet(),
                "macro" => ParseMacro(),
                "call" => ParseCallBlock(),
                "filter" => ParseFilterBlock(),
                "with" => ParseWith(),
                "print" => ParsePrint(),
                "break" or "continue" => ParseLoopControl(),
                "generation" => ParseGeneration(),
                _ => throw UnknownTag(token),
            };
        }
        finally
        {
            _openTags.Pop();
        }
    }

    /// <summary>Parses a body up to one of <paramref name="endTokens"/>; the end tag is consumed when <paramref name="dropNeedle"/>.</summary>
    private IReadOnlyList<Stmt> ParseStatements(string[] endTokens, bool dropNeedle = false)
    {
        _stream.SkipIfOperator(":");
        _stream.Expect(TokenKind.BlockEnd);
        var body = Subparse(endTokens);
        if (_stream.Current.Kind == TokenKind.Eof)
        {
            throw Lexer.SyntaxError($"Unexpected end of template. Jinja was looking for the following tags: {DescribeTags(endTokens)}. The innermost block that needs to be closed is '{_openTags.Peek()}'.", _stream.Current.Line);
        }

        if (dropNeedle)
        {
            _stream.Next();
        }

        return body;
    }

    private For ParseFor()
    {
        var line = _stream.ExpectName("for").Line;
        var target = ParseAssignTarget(extraEndRules: ["in"]);
        _stream.ExpectName("in");
        var iterable = ParseTuple(withConditional: false, extraEndRules: ["recursive"]);
        var condition = _stream.SkipIfName("if") ? ParseExpression() : null;
        var recursive = _stream.SkipIfName("recursive");
        _loopDepth++;
        var body = ParseStatements(["endfor", "else"]);
        _loopDepth--;
        var otherwise = _stream.Next().Text == "endfor" ? [] : ParseStatements(["endfor"], dropNeedle: true);
        return new For(target, iterable, condition, recursive, body, otherwise, line);
    }

    private If ParseIf()
    {
        var line = _stream.ExpectName("if").Line;
        var branches = new List<KeyValuePair<Expr, IReadOnlyList<Stmt>>>();
        IReadOnlyList<Stmt> otherwise = [];
        while (true)
        {
            var test = ParseTuple(withConditional: false);
            branches.Add(new(test, ParseStatements(["elif", "else", "endif"])));
            var token = _stream.Next();
            if (token.Text == "elif")
            {
                continue;
            }

            if (token.Text == "else")
            {
                otherwise = ParseStatements(["endif"], dropNeedle: true);
            }

            return new If(branches, otherwise, line);
        }
    }

    private Stmt ParseSet()
    {
        var line = _stream.Next().Line;
        var target = ParseAssignTarget(withNamespace: true);
        if (_stream.SkipIfOperator("="))
        {
            return new Set(target, ParseTuple(), line);
        }

        var filter = (Filter?)ParseFilterChain(null);
        return new SetBlock(target, filter, ParseStatements(["endset"], dropNeedle: true), line);
    }

    private MacroDefinitionStmt ParseMacro()
    {
        var line = _stream.Next().Line;
        var name = _stream.Expect(TokenKind.Name).Text;
        var (parameters, defaults) = ParseSignature();
        var body = ParseDetachedBody("endmacro");
        return new MacroDefinitionStmt(name, parameters, defaults, body, line);
    }

    private CallBlock ParseCallBlock()
    {
        var line = _stream.Next().Line;
        var (parameters, defaults) = _stream.Current.IsOperator("(") ? ParseSignature() : ([], []);
        var call = ParseExpression() as Call ?? throw Lexer.SyntaxError("expected call", line);
        return new CallBlock(call, parameters, defaults, ParseDetachedBody("endcall"), line);
    }

    private FilterBlock ParseFilterBlock()
    {
        var line = _stream.Next().Line;
        var filter = (Filter)ParseFilterChain(null, startInline: true)!;
        return new FilterBlock(filter, ParseStatements(["endfilter"], dropNeedle: true), line);
    }

    private With ParseWith()
    {
        var line = _stream.Next().Line;
        var assignments = new List<KeyValuePair<AssignTarget, Expr>>();
        while (_stream.Current.Kind != TokenKind.BlockEnd)
        {
            if (assignments.Count > 0)
            {
                _stream.ExpectOperator(",");
            }

            var target = ParseAssignTarget();
            _stream.ExpectOperator("=");
            assignments.Add(new(target, ParseExpression()));
        }

        return new With(assignments, ParseStatements(["endwith"], dropNeedle: true), line);
    }

    private Output ParsePrint()
    {
        var line = _stream.Next().Line;
        var parts = new List<Expr>();
        while (_stream.Current.Kind != TokenKind.BlockEnd)
        {
            if (parts.Count > 0)
            {
                _stream.ExpectOperator(",");
            }

            parts.Add(ParseExpression());
        }

        return new Output(parts, line);
    }

    private Stmt ParseLoopControl()
    {
        var token = _stream.Next();
        if (_loopDepth == 0)
        {
            throw Lexer.SyntaxError($"'{token.Text}' outside loop", token.Line);
        }

        return token.Text == "break" ? new Break(token.Line) : new Continue(token.Line);
    }

    /// <summary>transformers' <c>{% generation %}</c>: a call block in Jinja, so its body gets its own scope.</summary>
    private ScopedBody ParseGeneration()
    {
        var line = _stream.Next().Line;
        return new ScopedBody(ParseDetachedBody("endgeneration"), line);
    }

    /// <summary>Macro and call bodies compile to separate functions in Jinja: loop controls cannot cross them.</summary>
    private IReadOnlyList<Stmt> ParseDetachedBody(string endTag)
    {
        var outerDepth = _loopDepth;
        _loopDepth = 0;
        try
        {
            return ParseStatements([endTag], dropNeedle: true);
        }
        finally
        {
            _loopDepth = outerDepth;
        }
    }

    private (IReadOnlyList<string> Parameters, IReadOnlyList<Expr?> Defaults) ParseSignature()
    {
        var parameters = new List<string>();
        var defaults = new List<Expr?>();
        _stream.ExpectOperator("(");
        while (!_stream.Current.IsOperator(")"))
        {
            if (parameters.Count > 0)
            {
                _stream.ExpectOperator(",");
            }

            var name = _stream.Expect(TokenKind.Name);
            parameters.Add(name.Text);
            if (_stream.SkipIfOperator("="))
            {
                defaults.Add(ParseExpression());
            }
            else if (defaults.Exists(d => d is not null))
            {
                throw Lexer.SyntaxError("non-default argument follows default argument", name.Line);
            }
            else
            {
                defaults.Add(null);
            }
        }

        _stream.ExpectOperator(")");
        return (parameters, defaults);
    }

    private AssignTarget ParseAssignTarget(string[]? extraEndRules = null, bool withNamespace = false)
    {
        if (withNamespace && _stream.Peek.IsOperator("."))
        {
            var name = _stream.Expect(TokenKind.Name).Text;
            _stream.Next();
            return new NamespaceTarget(name, _stream.Expect(TokenKind.Name).Text);
        }

        var line = _stream.Current.Line;
        return ToAssignTarget(ParseTuple(simplified: true, extraEndRules: extraEndRules), line);
    }

    private static AssignTarget ToAssignTarget(Expr expression, int line) => expression switch
    {
        Name name => new NameTarget(name.Identifier),
        TupleLiteral tuple => new TupleTarget(tuple.Items.Select(item => ToAssignTarget(item, line)).ToList()),
        _ => throw Lexer.SyntaxError($"can't assign to '{expression.GetType().Name.ToLowerInvariant()}'", line),
    };

    private TemplateException UnknownTag(Token token)
    {
        var message = $"Encountered unknown tag '{token.Text}'.";
        if (_endTokens.Count > 0)
        {
            message += $" Jinja was looking for the following tags: {DescribeTags(_endTokens.Peek())}.";
            if (_openTags.Count > 1)
            {
                message += $" The innermost block that needs to be closed is '{_openTags.ElementAt(1)}'.";
            }
        }

        return Lexer.SyntaxError(message, token.Line);
    }

    private static string DescribeTags(string[] tags) => string.Join(" or ", tags.Select(tag => $"'{tag}'"));
}
