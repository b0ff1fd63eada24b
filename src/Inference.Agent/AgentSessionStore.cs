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

    public static string NewId(TimeProvider? clock = null) =>
        (clock ?? TimeProvider.System).GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);

    public string Save(string id, KubeAgent agent, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        System.IO.Directory.CreateDirectory(Directory);
        var session = new SavedSession(id, (clock ?? TimeProvider.System).GetUtcNow(), agent.Context, agent.Namespace,
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

    /// <summary>Every saved session, newest first.</summary>
    public IReadOnlyList<SavedSession> List()
    {
        if (!System.IO.Directory.Exists(Directory))
            return [];
        return [.. System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(f => Load(Path.GetFileNameWithoutExtension(f)))
            .OfType<SavedSession>()
            .OrderByDescending(s => s.Saved)];
    }

    private string PathOf(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.Contains("..", StringComparison.Ordinal))
            throw new ArgumentException($"\"{id}\" is not a session id (/sessions lists them).", nameof(id));
        return Path.Combine(Directory, id + ".json");
    }
}
