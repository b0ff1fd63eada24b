# syntax=docker/dockerfile:1
# Inference server image for CPU nodes: the official ASP.NET Core runtime image and the CPU build of the pinned
# llama.cpp v0.5.0 libraries (the best CPU variant is picked at run time). Dockerfile.cuda is the GPU image.
#
# Build:  docker build -t inference:0.1.0 .
# Run:    docker run -p 8080:8080 -p 50051:50051 -v inference-cache:/cache -v $PWD/models:/models:ro \
#           inference:0.1.0 serve --model /models/your-model.gguf

ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.100-noble
ARG DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0.0-noble

# Only the project and build-settings files, so the restore layer below is reused until one of them changes.
FROM ${DOTNET_SDK_IMAGE} AS restore-inputs
WORKDIR /src
COPY . .
RUN find . -name bin -prune -o -name obj -prune -o \
      \( -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name global.json -o -name '*.sln' \) -print \
    | tar -cf /restore-inputs.tar -T -

FROM ${DOTNET_SDK_IMAGE} AS build
# npm fetches the pinned natives (build/fetch-natives.sh checks their sha512); git and openssl serve that script.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm git openssl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=restore-inputs /restore-inputs.tar /tmp/
RUN tar -xf /tmp/restore-inputs.tar && dotnet restore src/Inference.Server/Inference.Server.csproj
COPY . .
RUN dotnet publish src/Inference.Server/Inference.Server.csproj -c Release --no-restore -o /app

FROM ${DOTNET_RUNTIME_IMAGE} AS runtime
RUN groupadd --gid 10001 inference && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent inference \
    && mkdir -p /cache /models && chown 10001:10001 /cache
WORKDIR /app
COPY --from=build /app .
ENV INFERENCE_HOST=0.0.0.0 \
    INFERENCE_PORT=8080 \
    INFERENCE_GRPC_PORT=50051 \
    INFERENCE_CACHE_DIR=/cache
# Downloads and generated models; read-only model files go to a separate /models mount.
VOLUME ["/cache"]
EXPOSE 8080 50051
USER 10001:10001
ENTRYPOINT ["dotnet", "/app/inference.dll"]
CMD ["serve"]
