using System.CommandLine;
using System.Globalization;
using Inference.Server.Hosting;

namespace Inference.Server.Cli;

/// <summary>
/// One `inference serve` setting and its three sources, in order of precedence: the command line
/// (<c>--ctx-size</c>), the environment (<c>INFERENCE_CTX_SIZE</c>), appsettings.json (<c>Inference:CtxSize</c>).
/// </summary>
internal abstract class ServeSetting(string name, string description)
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public string EnvironmentVariable => "INFERENCE_" + Name.Replace('-', '_').ToUpperInvariant();

    public string ConfigurationKey => "Inference:" + string.Concat(Name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    public abstract Option CliOption { get; }

    public abstract ServerOptions Apply(ServerOptions options, ParseResult parse, IConfiguration configuration);
}

internal sealed class ServeSetting<T>(string name, string description, Func<ServerOptions, T, ServerOptions> apply)
    : ServeSetting(name, description)
{
    private readonly Option<T> _option = new("--" + name) { Description = description };

    public override Option CliOption => _option;

    public override ServerOptions Apply(ServerOptions options, ParseResult parse, IConfiguration configuration)
    {
        // A bool option has a result (an implicit false) even when absent: only one typed on the command line counts.
        if (parse.GetResult(_option) is { Implicit: false })
        {
            return apply(options, parse.GetValue(_option)!);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var text = fromEnvironment ?? configuration[ConfigurationKey];
        if (text is null)
        {
            return options;
        }

        var source = fromEnvironment is not null ? EnvironmentVariable : ConfigurationKey;
        return apply(options, Convert(text, source));
    }

    private static T Convert(string text, string source)
    {
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            return (T)System.Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"{source}: '{text}' is not a valid {type.Name}.", ex);
        }
    }
}

/// <summary>A repeatable setting: <c>--api-key a --api-key b</c>, or comma-separated in the environment and appsettings.json.</summary>
internal sealed class ServeListSetting(string name, string description, Func<ServerOptions, IReadOnlyList<string>, ServerOptions> apply)
    : ServeSetting(name, description)
{
    private readonly Option<string[]> _option = new("--" + name) { Description = description };

    public override Option CliOption => _option;

    public override ServerOptions Apply(ServerOptions options, ParseResult parse, IConfiguration configuration)
    {
        if (parse.GetResult(_option) is { Implicit: false })
        {
            return apply(options, parse.GetValue(_option)!);
        }

        var text = Environment.GetEnvironmentVariable(EnvironmentVariable) ?? configuration[ConfigurationKey];
        return text is null ? options : apply(options, text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
