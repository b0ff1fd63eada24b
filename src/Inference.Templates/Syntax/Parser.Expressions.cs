using Inference.Templates.Syntax.Nodes;

namespace Inference.Templates.Syntax;

/// <summary>
/// Expression grammar, lowest precedence first: conditional, or, and, not, comparisons, + -, ~, * / // %,
/// **, unary - +, then primaries with postfix subscripts/calls and filters/tests (which bind tightest).
/// </summary>
internal sealed partial class Parser
{
    private static readonly Dictionary<string, string> ComparisonOperators = new()
    {
        ["=="] = "eq",
        ["!="] = "ne",
        ["<"] = "lt",
        ["<="] = "lteq",
        [">"] = "gt",
        [">="] = "gteq",
    };

    private static readonly Dictionary<string, BinaryOperator> MultiplicativeOperators = new()
    {
        ["*"] = BinaryOperator.Multiply,
        ["/"] = BinaryOperator.Divide,
        ["//"] = BinaryOperator.FloorDivide,
        ["%"] = BinaryOperator.Modulo,
    };

    private Expr ParseExpression(bool withConditional = true) => withConditional ? ParseConditional() : ParseOr();

    private Expr ParseConditional()
    {
        var line = _stream.Current.Line;
        var expression = ParseOr();
        while (_stream.SkipIfName("if"))
        {
            var test = ParseOr();
            var otherwise = _stream.SkipIfName("else") ? ParseConditional() : null;
            expression = new Conditional(test, expression, otherwise, line);
        }

        return expression;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (_stream.Current.IsName("or"))
        {
            var line = _stream.Next().Line;
            left = new Binary(BinaryOperator.Or, left, ParseAnd(), line);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (_stream.Current.IsName("and"))
        {
            var line = _stream.Next().Line;
            left = new Binary(BinaryOperator.And, left, ParseNot(), line);
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (_stream.Current.IsName("not"))
        {
            var line = _stream.Next().Line;
            return new Unary(UnaryOperator.Not, ParseNot(), line);
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var line = _stream.Current.Line;
        var first = ParseAdditive();
        var rest = new List<KeyValuePair<string, Expr>>();
        while (true)
        {
            var token = _stream.Current;
            if (token.Kind == TokenKind.Operator && ComparisonOperators.TryGetValue(token.Text, out var comparison))
            {
                _stream.Next();
                rest.Add(new(comparison, ParseAdditive()));
            }
            else if (_stream.SkipIfName("in"))
            {
                rest.Add(new("in", ParseAdditive()));
            }
            else if (token.IsName("not") && _stream.Peek.IsName("in"))
            {
                _stream.Next();
                _stream.Next();
                rest.Add(new("notin", ParseAdditive()));
            }
            else
            {
                break;
            }
        }

        return rest.Count == 0 ? first : new Compare(first, rest, line);
    }

    private Expr ParseAdditive()
    {
        var left = ParseConcat();
        while (_stream.Current.IsOperator("+") || _stream.Current.IsOperator("-"))
        {
            var token = _stream.Next();
            var op = token.Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = new Binary(op, left, ParseConcat(), token.Line);
        }

        return left;
    }

    private Expr ParseConcat()
    {
        var line = _stream.Current.Line;
        var parts = new List<Expr> { ParseMultiplicative() };
        while (_stream.SkipIfOperator("~"))
        {
            parts.Add(ParseMultiplicative());
        }

        return parts.Count == 1 ? parts[0] : new Concat(parts, line);
    }

    private Expr ParseMultiplicative()
    {
        var left = ParsePower();
        while (_stream.Current.Kind == TokenKind.Operator && MultiplicativeOperators.TryGetValue(_stream.Current.Text, out var op))
        {
            var line = _stream.Next().Line;
            left = new Binary(op, left, ParsePower(), line);
        }

        return left;
    }

    private Expr ParsePower()
    {
        var left = ParseUnary();
        while (_stream.Current.IsOperator("**"))
        {
            var line = _stream.Next().Line;
            left = new Binary(BinaryOperator.Power, left, ParseUnary(), line);
        }

        return left;
    }

    private Expr ParseUnary(bool withFilter = true)
    {
        var token = _stream.Current;
        EnsureNestingDepth(token);
        Expr node;
        if (token.IsOperator("-"))
        {
            _stream.Next();
            node = new Unary(UnaryOperator.Negate, ParseUnary(withFilter: false), token.Line);
        }
        else if (token.IsOperator("+"))
        {
            _stream.Next();
            node = new Unary(UnaryOperator.Plus, ParseUnary(withFilter: false), token.Line);
        }
        else
        {
            node = ParsePrimary();
        }

        node = ParsePostfix(node);
        return withFilter ? ParseFilterAndTests(node) : node;
    }

    private Expr ParsePrimary()
    {
        var token = _stream.Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                _stream.Next();
                return token.Text switch
                {
                    "true" or "True" => new Constant(true, token.Line),
                    "false" or "False" => new Constant(false, token.Line),
                    "none" or "None" => new Constant(null, token.Line),
                    _ => new Name(token.Text, token.Line),
                };
            case TokenKind.String:
                _stream.Next();
                var text = token.Text;
                while (_stream.Current.Kind == TokenKind.String)
                {
                    text += _stream.Next().Text;
                }

                return new Constant(text, token.Line);
            case TokenKind.Integer or TokenKind.Float:
                _stream.Next();
                return new Constant(token.Value, token.Line);
            case TokenKind.Operator when token.Text == "(":
                _stream.Next();
                var inner = ParseTuple(explicitParentheses: true);
                _stream.ExpectOperator(")");
                return inner;
            case TokenKind.Operator when token.Text == "[":
                return ParseList();
            case TokenKind.Operator when token.Text == "{":
                return ParseDict();
            default:
                throw Lexer.SyntaxError($"unexpected '{token.Describe()}'", token.Line);
        }
    }

    /// <summary>
    /// A comma-separated expression list; a single item without a trailing comma is returned as is.
    /// <paramref name="simplified"/> allows only primaries (assignment targets).
    /// </summary>
    private Expr ParseTuple(bool simplified = false, bool withConditional = true, string[]? extraEndRules = null, bool explicitParentheses = false)
    {
        var line = _stream.Current.Line;
        var items = new List<Expr>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                _stream.ExpectOperator(",");
            }

            if (IsTupleEnd(extraEndRules))
            {
                break;
            }

            items.Add(simplified ? ParsePrimary() : ParseExpression(withConditional));
            if (_stream.Current.IsOperator(","))
            {
                isTuple = true;
            }
            else
            {
                break;
            }
        }

        if (!isTuple)
        {
            if (items.Count > 0)
            {
                return items[0];
            }

            if (!explicitParentheses)
            {
                throw Lexer.SyntaxError($"Expected an expression, got '{_stream.Current.Describe()}'", _stream.Current.Line);
            }
        }

        return new TupleLiteral(items, line);
    }

    private bool IsTupleEnd(string[]? extraEndRules)
    {
        var current = _stream.Current;
        if (current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd || current.IsOperator(")"))
        {
            return true;
        }

        return extraEndRules is not null && current.Kind == TokenKind.Name && extraEndRules.Contains(current.Text);
    }

    private ListLiteral ParseList()
    {
        var line = _stream.ExpectOperator("[").Line;
        var items = new List<Expr>();
        while (!_stream.Current.IsOperator("]"))
        {
            if (items.Count > 0)
            {
                _stream.ExpectOperator(",");
            }

            if (_stream.Current.IsOperator("]"))
            {
                break;
            }

            items.Add(ParseExpression());
        }

        _stream.ExpectOperator("]");
        return new ListLiteral(items, line);
    }

    private DictLiteral ParseDict()
    {
        var line = _stream.ExpectOperator("{").Line;
        var pairs = new List<KeyValuePair<Expr, Expr>>();
        while (!_stream.Current.IsOperator("}"))
        {
            if (pairs.Count > 0)
            {
                _stream.ExpectOperator(",");
            }

            if (_stream.Current.IsOperator("}"))
            {
                break;
            }

            var key = ParseExpression();
            _stream.ExpectOperator(":");
            pairs.Add(new(key, ParseExpression()));
        }

        _stream.ExpectOperator("}");
        return new DictLiteral(pairs, line);
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var current = _stream.Current;
            if (current.IsOperator(".") || current.IsOperator("["))
            {
                node = ParseSubscript(node);
            }
            else if (current.IsOperator("("))
            {
                node = new Call(node, ParseCallArguments(), current.Line);
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseFilterAndTests(Expr node)
    {
        while (true)
        {
            var current = _stream.Current;
            if (current.IsOperator("|"))
            {
                node = ParseFilterChain(node)!;
            }
            else if (current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (current.IsOperator("("))
            {
                node = new Call(node, ParseCallArguments(), current.Line);
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript(Expr node)
    {
        var token = _stream.Next();
        if (token.Text == ".")
        {
            var attribute = _stream.Next();
            return attribute.Kind switch
            {
                TokenKind.Name => new GetAttribute(node, attribute.Text, token.Line),
                TokenKind.Integer => new GetItem(node, new Constant(attribute.Value, attribute.Line), token.Line),
                _ => throw Lexer.SyntaxError("expected name or number", attribute.Line),
            };
        }

        var keys = new List<Expr>();
        while (!_stream.Current.IsOperator("]"))
        {
            if (keys.Count > 0)
            {
                _stream.ExpectOperator(",");
            }

            keys.Add(ParseSubscribed());
        }

        _stream.ExpectOperator("]");
        var key = keys.Count == 1 ? keys[0] : new TupleLiteral(keys, token.Line);
        return new GetItem(node, key, token.Line);
    }

    /// <summary>One subscript: an expression or a <c>start:stop:step</c> slice with optional parts.</summary>
    private Expr ParseSubscribed()
    {
        var line = _stream.Current.Line;
        Expr? start = null;
        if (!_stream.Current.IsOperator(":"))
        {
            start = ParseExpression();
            if (!_stream.Current.IsOperator(":"))
            {
                return start;
            }
        }

        _stream.Next();
        Expr? stop = null;
        if (!IsSliceBoundEnd() && !_stream.Current.IsOperator(":"))
        {
            stop = ParseExpression();
        }

        Expr? step = null;
        if (_stream.SkipIfOperator(":") && !IsSliceBoundEnd())
        {
            step = ParseExpression();
        }

        return new Slice(start, stop, step, line);
    }

    private bool IsSliceBoundEnd() => _stream.Current.IsOperator("]") || _stream.Current.IsOperator(",");

    private Arguments ParseCallArguments()
    {
        var open = _stream.ExpectOperator("(");
        var positional = new List<Expr>();
        var named = new List<KeyValuePair<string, Expr>>();
        Expr? extraPositional = null;
        Expr? extraNamed = null;
        var requireComma = false;
        while (!_stream.Current.IsOperator(")"))
        {
            if (requireComma)
            {
                _stream.ExpectOperator(",");
                if (_stream.Current.IsOperator(")"))
                {
                    break;
                }
            }

            if (_stream.SkipIfOperator("*"))
            {
                Ensure(extraPositional is null && extraNamed is null, open);
                extraPositional = ParseExpression();
            }
            else if (_stream.SkipIfOperator("**"))
            {
                Ensure(extraNamed is null, open);
                extraNamed = ParseExpression();
            }
            else if (_stream.Current.Kind == TokenKind.Name && _stream.Peek.IsOperator("="))
            {
                Ensure(extraNamed is null, open);
                var key = _stream.Next().Text;
                _stream.Next();
                named.Add(new(key, ParseExpression()));
            }
            else
            {
                Ensure(extraPositional is null && extraNamed is null && named.Count == 0, open);
                positional.Add(ParseExpression());
            }

            requireComma = true;
        }

        _stream.ExpectOperator(")");
        return positional.Count == 0 && named.Count == 0 && extraPositional is null && extraNamed is null
            ? Arguments.None
            : new Arguments(positional, named, extraPositional, extraNamed);
    }

    private static void Ensure(bool valid, Token open)
    {
        if (!valid)
        {
            throw Lexer.SyntaxError("invalid syntax for function call expression", open.Line);
        }
    }

    /// <summary>Parses <c>| f(args) | g</c>; with <paramref name="startInline"/> the first pipe is implied.</summary>
    private Expr? ParseFilterChain(Expr? node, bool startInline = false)
    {
        while (_stream.Current.IsOperator("|") || startInline)
        {
            if (!startInline)
            {
                _stream.Next();
            }

            var token = _stream.Expect(TokenKind.Name);
            var name = token.Text;
            while (_stream.SkipIfOperator("."))
            {
                name += "." + _stream.Expect(TokenKind.Name).Text;
            }

            var arguments = _stream.Current.IsOperator("(") ? ParseCallArguments() : Arguments.None;
            node = new Filter(node, name, arguments, token.Line);
            startInline = false;
        }

        return node;
    }

    private Expr ParseTest(Expr node)
    {
        var line = _stream.Next().Line;
        var negated = _stream.SkipIfName("not");
        var name = _stream.Expect(TokenKind.Name).Text;
        while (_stream.SkipIfOperator("."))
        {
            name += "." + _stream.Expect(TokenKind.Name).Text;
        }

        var current = _stream.Current;
        Arguments arguments;
        if (current.IsOperator("("))
        {
            arguments = ParseCallArguments();
        }
        else if ((current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float
                    || current.IsOperator("(") || current.IsOperator("[") || current.IsOperator("{"))
                 && !current.IsName("else") && !current.IsName("or") && !current.IsName("and"))
        {
            if (current.IsName("is"))
            {
                throw Lexer.SyntaxError("You cannot chain multiple tests with is", current.Line);
            }

            arguments = new Arguments([ParsePostfix(ParsePrimary())], [], null, null);
        }
        else
        {
            arguments = Arguments.None;
        }

        Expr test = new Test(node, name, arguments, line);
        return negated ? new Unary(UnaryOperator.Not, test, line) : test;
    }
}
