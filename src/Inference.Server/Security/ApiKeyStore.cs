using System.Security.Cryptography;
using System.Text;
using Inference.Server.Hosting;

namespace Inference.Server.Security;

/// <summary>
/// The accepted API keys, kept only as SHA-256 hashes and compared in constant time
/// (the hashes have one length whatever the key's, so nothing about a key leaks through timing).
/// </summary>
public sealed class ApiKeyStore
{
    private readonly byte[][] _hashes;

    private ApiKeyStore(IEnumerable<string> keys) => _hashes = [.. keys.Select(Hash)];

    /// <summary>False when no key is configured: the server is open.</summary>
    public bool IsEnabled => _hashes.Length > 0;

    /// <summary>--api-key values plus the lines of --api-key-file (blank lines and # comments skipped).</summary>
    public static ApiKeyStore FromOptions(ServerOptions options)
    {
        var fromFile = options.ApiKeyFile is { } file
            ? File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            : [];
        return new ApiKeyStore(options.ApiKeys.Select(k => k.Trim()).Where(k => k.Length > 0).Concat(fromFile));
    }

    public bool IsValid(string presented)
    {
        var hash = Hash(presented);
        var valid = false;
        foreach (var accepted in _hashes)
        {
            valid |= CryptographicOperations.FixedTimeEquals(hash, accepted);
        }

        return valid;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
