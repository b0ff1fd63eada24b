using System.Globalization;

namespace Inference.Server.Tests.Operations;

/// <summary>A /metrics scrape in the Prometheus text format: sample name with labels → value.</summary>
internal sealed class MetricsScrape(IReadOnlyDictionary<string, double> samples)
{
    public static async Task<MetricsScrape> ReadAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var samples = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return new MetricsScrape(samples);
    }

    /// <summary>A sample's value, e.g. <c>inference_requests_total{route="/v1/completions",outcome="ok"}</c>; 0 when absent.</summary>
    public double this[string sample] => samples.TryGetValue(sample, out var value) ? value : 0;

    public bool Has(string sample) => samples.ContainsKey(sample);
}
