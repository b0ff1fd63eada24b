using System.Text;
using System.Text.RegularExpressions;

namespace Inference.Kube.Safety;

/// <summary>
/// Masks credential-shaped text in every tool result: PEM private keys, JWTs, bearer and basic credentials, cloud
/// and forge access keys, passwords in URLs, secret-looking key/value pairs (password=, token:, "secret": ...,
/// connection-string fields), and any Secret value a tool has seen in this session (raw or base64). Thread-safe.
/// </summary>
public sealed partial class Redactor
{
    public const string Mask = "[REDACTED]";

    // Values shorter than this are too likely to occur by chance ("1", "yes") to be masked on sight.
    private const int MinLearnedLength = 6;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _learned = new(StringComparer.Ordinal);
    private string[] _learnedLongestFirst = [];

    /// <summary>Remembers a Secret's value so that it is masked wherever it shows up later (logs, events, env).</summary>
    public void LearnSecretValue(string value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        lock (_gate)
        {
            var changed = false;
            foreach (var form in Forms(value))
                changed |= form.Length >= MinLearnedLength && _learned.Add(form);
            if (changed)
                _learnedLongestFirst = [.. _learned.OrderByDescending(v => v.Length)];
        }
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        string[] learned;
        lock (_gate) learned = _learnedLongestFirst;
        foreach (var value in learned)
            text = text.Replace(value, Mask, StringComparison.Ordinal);

        text = PemPrivateKey().Replace(text, "[REDACTED PRIVATE KEY]");
        text = Jwt().Replace(text, "[REDACTED JWT]");
        text = AuthorizationScheme().Replace(text, m => m.Groups["scheme"].Value + " " + Mask);
        text = CloudKey().Replace(text, Mask);
        text = UrlPassword().Replace(text, m => m.Groups["prefix"].Value + Mask + "@");
        text = SecretPair().Replace(text, m => m.Value[..(m.Groups["value"].Index - m.Index)] + Mask);
        return text;
    }

    // The value as given, its base64 form (how a Secret's data reads), and the lines of a multi-line value.
    private static IEnumerable<string> Forms(string value)
    {
        yield return value;
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        foreach (var line in value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!line.StartsWith("-----", StringComparison.Ordinal))
                yield return line; // not PEM armor lines: they are the same in every key and certificate
    }

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|\z)")]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\b(?<scheme>bearer|basic)\s+[A-Za-z0-9._~+/-]{8,}=*")]
    private static partial Regex AuthorizationScheme();

    // AWS access key ids, Google API keys and OAuth tokens, GitHub and Slack tokens, Azure SAS signatures.
    [GeneratedRegex(@"\b(?:(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}|AIza[0-9A-Za-z_-]{35}|ya29\.[0-9A-Za-z_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9-]{10,})\b|(?<=[?&]sig=)[A-Za-z0-9%/+=]{16,}")]
    private static partial Regex CloudKey();

    [GeneratedRegex(@"(?<prefix>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/\s@""']+:)[^@\s/""']+@")]
    private static partial Regex UrlPassword();

    // key=value / key: value / "key": "value" where the key ends in a secret word. Values that are references
    // ("<set to the key ...>", "$(VAR)", "${VAR}") or plain booleans stay: they are not secrets and they explain things.
    [GeneratedRegex(@"(?i)(?<key>\b[\w.-]*(?:password|passwd|pwd|passphrase|token|secret|api[_-]?key|access[_-]?key|secret[_-]?key|account[_-]?key|private[_-]?key|credentials?))[""']?[ \t]*[=:][ \t]*[""']?(?!<|\$\(|\$\{|\[REDACTED|(?:true|false|null)\b)(?<value>[^\s""',;&]+)")]
    private static partial Regex SecretPair();
}
