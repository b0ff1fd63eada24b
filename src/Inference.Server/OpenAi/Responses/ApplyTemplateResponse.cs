namespace Inference.Server.OpenAi;

/// <summary>The body of POST /apply-template: the prompt the server would feed the model.</summary>
public sealed record ApplyTemplateResponse(string Prompt);
