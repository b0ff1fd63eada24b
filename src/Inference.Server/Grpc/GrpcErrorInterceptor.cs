using Grpc.Core;
using Grpc.Core.Interceptors;
using Inference.Server.OpenAi;

namespace Inference.Server.Grpc;

/// <summary>Turns the errors the shared request code throws (<see cref="OpenAiException"/>) into gRPC statuses.</summary>
internal sealed class GrpcErrorInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (OpenAiException ex)
        {
            throw GrpcErrors.From(ex.Error);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (OpenAiException ex)
        {
            throw GrpcErrors.From(ex.Error);
        }
    }
}
