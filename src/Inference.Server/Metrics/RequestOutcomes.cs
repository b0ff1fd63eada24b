using Grpc.Core;
using Inference.Engine;

namespace Inference.Server.Metrics;

/// <summary>The outcome label of a request, the same words for HTTP and gRPC.</summary>
public static class RequestOutcomes
{
    public const string Ok = "ok";
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";
    public const string Unauthenticated = "unauthenticated";
    public const string Rejected = "rejected";
    public const string Unavailable = "unavailable";
    public const string Cancelled = "cancelled";
    public const string DeadlineExceeded = "deadline_exceeded";
    public const string Unimplemented = "unimplemented";
    public const string Error = "error";

    public static string FromHttpStatus(int status) => status switch
    {
        < 400 => Ok,
        401 => Unauthenticated,
        404 => NotFound,
        429 => Rejected,
        503 => Unavailable,
        < 500 => Invalid,
        _ => Error,
    };

    public static string FromGrpcStatus(StatusCode status) => status switch
    {
        StatusCode.OK => Ok,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => Invalid,
        StatusCode.NotFound => NotFound,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => Unauthenticated,
        StatusCode.ResourceExhausted => Rejected,
        StatusCode.Unavailable => Unavailable,
        StatusCode.Cancelled => Cancelled,
        StatusCode.DeadlineExceeded => DeadlineExceeded,
        StatusCode.Unimplemented => Unimplemented,
        _ => Error,
    };

    /// <summary>An answer that started well can still end badly inside a stream.</summary>
    public static string? FromFinish(FinishReason reason) => reason switch
    {
        FinishReason.Cancelled => Cancelled,
        FinishReason.Error => Error,
        _ => null,
    };
}
