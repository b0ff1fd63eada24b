namespace Inference.Server.OpenAi;

/// <summary>The wire body of an error: <c>{"error":{"message","type","param","code"}}</c>; param and code are written as null when absent.</summary>
public sealed record ErrorResponse(ErrorDetail Error);

public sealed record ErrorDetail(string Message, string Type, string? Param, string? Code);
