namespace Inference.Server.OpenAi;

/// <summary>The role names a chat message may carry, for every protocol.</summary>
internal static class ChatRoles
{
    public static ChatRole Parse(string role, string param) => role switch
    {
        "system" => ChatRole.System,
        "developer" => ChatRole.Developer,
        "user" => ChatRole.User,
        "assistant" => ChatRole.Assistant,
        "tool" => ChatRole.Tool,
        _ => throw RequestErrors.InvalidValue(
            param, $"'{role}' is not a supported role; expected 'system', 'developer', 'user', 'assistant' or 'tool'."),
    };
}
