using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Inference.Agent;

/// <summary>A saved conversation: its messages (system prompt left out), context and namespace.</summary>
public sealed record SavedSession(string Id, DateTimeOffset Saved, string Context, string? Namespace, IReadOnlyList<ChatMessage> Messages)
{
    /// <summary>The first question, for the session list.</summary>
    public string Title => Messages.FirstOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
}

/// <summary>Chat sessions as JSON files (one per session, <c>ID.json</c>) in one folder under the cache directory.</summary>
public sealed class AgentSessionStore(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>A new id: the time it starts, sortable, and a random part so two sessions of one second stay apart.</summary>
    public static string NewId() =>
        DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)
        + "-" + Guid.NewGuid().ToString("N")[..8];

    public string Save(string id, KubeAgent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        System.IO.Directory.CreateDirectory(Directory);
        var session = new SavedSession(id, DateTimeOffset.UtcNow, agent.Context, agent.Namespace,
            [.. agent.History.Where(m => m.Role != ChatRole.System)]);
        var path = PathOf(id);
        File.WriteAllText(path, JsonSerializer.Serialize(session, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(SavedSession))));
        return path;
    }

    /// <summary>The saved session, or null when there is none with that id.</summary>
    public SavedSession? Load(string id)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
            return null;
        return (SavedSession?)JsonSerializer.Deserialize(File.ReadAllText(path), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(SavedSession)));
    }

    /// <summary>Every saved session, newest first; a file that is not one (damaged, or some other JSON) is passed over.</summary>
    public IReadOnlyList<SavedSession> List()
    {
        if (!System.IO.Directory.Exists(Directory))
            return [];
        return [.. System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(f => TryLoad(Path.GetFileNameWithoutExtension(f)))
            .OfType<SavedSession>()
            .OrderByDescending(s => s.Saved)];
    }

    private SavedSession? TryLoad(string id)
    {
        try
        {
            return Load(id);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private string PathOf(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"\"{id}\" is not a session id (/sessions lists them).", nameof(id));
        return Path.Combine(Directory, id + ".json");
    }
}
