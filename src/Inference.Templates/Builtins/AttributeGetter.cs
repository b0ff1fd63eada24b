using System.Globalization;
using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>
/// Jinja's <c>make_attrgetter</c>: turns <c>attribute="function.name"</c> into an item lookup chain
/// (numeric parts index lists), optionally lowercasing strings for case-insensitive comparisons.
/// </summary>
internal static class AttributeGetter
{
    public static Func<object?, object?> Create(object? attribute, bool ignoreCase = false, object? fallback = null)
    {
        var parts = Parts(attribute);
        return item =>
        {
            foreach (var part in parts)
            {
                item = PyOps.GetItem(item, part);
                if (fallback is not null && item is Undefined)
                {
                    item = fallback;
                }
            }

            return ignoreCase ? IgnoreCase(item) : item;
        };
    }

    /// <summary>Jinja's <c>make_multi_attrgetter</c>: "a,b" gives a list key compared element by element.</summary>
    public static Func<object?, object?> CreateMulti(object? attribute, bool ignoreCase)
    {
        var getters = (attribute is string text ? text.Split(',') : new[] { attribute })
            .Select(part => Create(part, ignoreCase))
            .ToArray();
        return item => getters.Select(getter => getter(item)).ToList();
    }

    public static object? IgnoreCase(object? value) => value is string s ? s.ToLowerInvariant() : value;

    private static object?[] Parts(object? attribute) => attribute switch
    {
        null => [],
        string text => text.Split('.')
            .Select(part => part.Length > 0 && part.All(char.IsAsciiDigit) ? PyOps.Box(long.Parse(part, CultureInfo.InvariantCulture)) : (object)part)
            .ToArray(),
        _ => [attribute],
    };
}
