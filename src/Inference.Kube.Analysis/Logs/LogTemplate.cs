namespace Inference.Kube.Analysis.Logs;

/// <summary>One cluster of similar lines: its template (variable tokens as <c>&lt;*&gt;</c>) and where it occurs.</summary>
public sealed class LogTemplate
{
    internal LogTemplate(int id, string[] tokens)
    {
        Id = id;
        Tokens = tokens;
    }

    public int Id { get; }
    internal string[] Tokens { get; set; }
    public string Template => string.Join(' ', Tokens);
    public int Count { get; internal set; }
}
