using Grpc.Core;
using Inference.Server.OpenAi;

namespace Inference.Server.Grpc;

/// <summary>The gRPC status for each error the HTTP API answers; the OpenAI code and param travel in the trailers.</summary>
internal static class GrpcErrors
{
    public static RpcException From(OpenAiError error)
    {
        var trailers = new Metadata();
        if (error.Code is { } code)
        {
            trailers.Add("error-code", code);
        }

        if (error.Param is { } param)
        {
            trailers.Add("error-param", param);
        }

        return new RpcException(new Status(StatusFor(error.Status), error.Message), trailers);
    }

    private static StatusCode StatusFor(int httpStatus) => httpStatus switch
    {
        400 or 413 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        404 => StatusCode.NotFound,
        429 => StatusCode.ResourceExhausted,
        503 => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };
}
