# syntax=docker/dockerfile:1
# cpaas-operator: multi-stage build. The runtime image is chiseled Ubuntu (no shell, no package manager)
# and runs as the non-root user 10001 that config/manager/manager.yaml expects, with a read-only root filesystem.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is reused until a project or package changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig BannedSymbols.txt ./
COPY src/Cpaas.Client/Cpaas.Client.csproj src/Cpaas.Client/
COPY src/Controller.Runtime/Controller.Runtime.csproj src/Controller.Runtime/
COPY src/Cpaas.Operator/Cpaas.Operator.csproj src/Cpaas.Operator/
# For linux-x64, framework-dependent: the project then publishes ReadyToRun code (start-up without JIT-compiling the
# Kubernetes client first). Its runtime settings (workstation non-concurrent GC, no tiered PGO) are in the project and
# travel in cpaas-operator.runtimeconfig.json; docs/decisions/0050-runtime-memory-settings.md has the measurements.
RUN dotnet restore src/Cpaas.Operator/Cpaas.Operator.csproj -r linux-x64
COPY src/ src/
RUN dotnet publish src/Cpaas.Operator -c Release -r linux-x64 --self-contained false -o /app --no-restore /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build --chown=10001:10001 /app ./
ENV DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_NOLOGO=true
USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "/app/cpaas-operator.dll"]
