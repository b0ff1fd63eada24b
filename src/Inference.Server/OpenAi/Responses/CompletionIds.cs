using System.Security.Cryptography;

namespace Inference.Server.OpenAi;

/// <summary>Random ids in OpenAI's formats.</summary>
public static class CompletionIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewChatCompletionId() => "chatcmpl-" + RandomNumberGenerator.GetString(Alphabet, 29);

    public static string NewTextCompletionId() => "cmpl-" + RandomNumberGenerator.GetString(Alphabet, 29);
}
