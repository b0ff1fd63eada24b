namespace Inference.Server.OpenAi;

/// <summary>Carries an <see cref="OpenAiError"/> out of parsing and mapping to the endpoint, which writes it.</summary>
public sealed class OpenAiException(OpenAiError error) : Exception(error.Message)
{
    public OpenAiError Error { get; } = error;
}
