using Inference.Templates.Syntax.Nodes;

namespace Inference.Templates.Compilation;

/// <summary>
/// Finds whether a body reads a given variable anywhere (nested bodies included). Jinja decides from this
/// whether a loop needs its <c>loop</c> object and whether a macro accepts <c>varargs</c>, <c>kwargs</c>
/// or a <c>caller</c>.
/// </summary>
internal static class NameReferences
{
    public static bool Uses(IEnumerable<Stmt> body, string name) => body.Any(statement => Uses(statement, name));

    private static bool Uses(Stmt statement, string name) => statement switch
    {
        Output output => output.Parts.Any(part => Uses(part, name)),
        For loop => Uses(loop.Iterable, name) || Uses(loop.Condition, name) || Uses(loop.Body, name) || Uses(loop.Else, name),
        If branch => branch.Branches.Any(b => Uses(b.Key, name) || Uses(b.Value, name)) || Uses(branch.Else, name),
        Set set => Uses(set.Value, name),
        SetBlock block => Uses(block.Filter, name) || Uses(block.Body, name),
        MacroDefinitionStmt macro => macro.Defaults.Any(d => Uses(d, name)) || Uses(macro.Body, name),
        CallBlock call => Uses(call.Call, name) || call.Defaults.Any(d => Uses(d, name)) || Uses(call.Body, name),
        FilterBlock filter => Uses(filter.Filter, name) || Uses(filter.Body, name),
        With with => with.Assignments.Any(a => Uses(a.Value, name)) || Uses(with.Body, name),
        ScopedBody scoped => Uses(scoped.Body, name),
        _ => false,
    };

    private static bool Uses(Expr? expression, string name) => expression switch
    {
        null or TemplateData or Constant => false,
        Name n => n.Identifier == name,
        TupleLiteral tuple => tuple.Items.Any(item => Uses(item, name)),
        ListLiteral list => list.Items.Any(item => Uses(item, name)),
        DictLiteral dict => dict.Pairs.Any(pair => Uses(pair.Key, name) || Uses(pair.Value, name)),
        GetAttribute attribute => Uses(attribute.Target, name),
        GetItem item => Uses(item.Target, name) || Uses(item.Key, name),
        Slice slice => Uses(slice.Start, name) || Uses(slice.Stop, name) || Uses(slice.Step, name),
        Unary unary => Uses(unary.Operand, name),
        Binary binary => Uses(binary.Left, name) || Uses(binary.Right, name),
        Concat concat => concat.Parts.Any(part => Uses(part, name)),
        Compare compare => Uses(compare.First, name) || compare.Rest.Any(pair => Uses(pair.Value, name)),
        Conditional conditional => Uses(conditional.Test, name) || Uses(conditional.Then, name) || Uses(conditional.Otherwise, name),
        Filter filter => Uses(filter.Target, name) || Uses(filter.Arguments, name),
        Test test => Uses(test.Target, name) || Uses(test.Arguments, name),
        Call call => Uses(call.Target, name) || Uses(call.Arguments, name),
        _ => false,
    };

    private static bool Uses(Arguments arguments, string name) =>
        arguments.Positional.Any(argument => Uses(argument, name))
        || arguments.Named.Any(argument => Uses(argument.Value, name))
        || Uses(arguments.ExtraPositional, name)
        || Uses(arguments.ExtraNamed, name);
}
