namespace Inference.Kube.Tools;

/// <summary>How a result may be cut to fit the budget.</summary>
public enum ResultShape
{
    /// <summary>Keep the first lines (a YAML document, a description).</summary>
    Text,

    /// <summary>A summary line, a header line, then rows: keep both lines and the first rows (tools put problem rows first).</summary>
    Table,

    /// <summary>Log lines: keep the newest (last) lines.</summary>
    Log,
}
