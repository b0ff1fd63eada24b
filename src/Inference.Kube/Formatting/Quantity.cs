using System.Globalization;
using System.Text.RegularExpressions;

namespace Inference.Kube.Formatting;

/// <summary>Kubernetes resource quantities (100m, 2, 16Gi, 512M) as numbers, and back as short text.</summary>
public static partial class Quantity
{
    /// <summary>The quantity's value in base units (cores, bytes, devices); null when not a quantity.</summary>
    public static decimal? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
            return null;
        var number = decimal.Parse(m.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return number * m.Groups["s"].Value switch
        {
            "n" => 1e-9m,
            "u" => 1e-6m,
            "m" => 1e-3m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "P" => 1e15m,
            "Ki" => 1024m,
            "Mi" => 1024m * 1024,
            "Gi" => 1024m * 1024 * 1024,
            "Ti" => 1024m * 1024 * 1024 * 1024,
            "Pi" => 1024m * 1024 * 1024 * 1024 * 1024,
            _ => 1m,
        };
    }

    /// <summary>CPU cores as kubectl top prints them: 250m, 3.5.</summary>
    public static string Cores(decimal cores) => cores < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(cores * 1000)}m")
        : Math.Round(cores, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Bytes in binary units: 512Mi, 15.6Gi.</summary>
    public static string Bytes(decimal bytes)
    {
        string[] units = ["", "Ki", "Mi", "Gi", "Ti", "Pi"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return Math.Round(bytes, 1).ToString("0.#", CultureInfo.InvariantCulture) + units[unit];
    }

    [GeneratedRegex(@"^(?<n>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?<s>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$")]
    private static partial Regex Pattern();
}
