# syntax=docker/dockerfile:1
# cpaas-operator: multi-stage build. The operator is compiled ahead of time (Native AOT) into one executable: no .NET
# runtime, JIT or IL assemblies in the image, 48 MB resident when idle instead of about 105-137 MB
# (docs/decisions/0062-native-aot.md). The runtime image is chiseled Ubuntu (no shell, no package manager) and runs as
# the non-root user 10001 that config/manager/manager.yaml expects, with a read-only root filesystem.

# The -aot SDK image has the native toolchain ILCompiler links with (clang, zlib).
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
WORKDIR /src
# Restore first, from the project files only, so the layer is reused until a project or package changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig BannedSymbols.txt ./
COPY src/Cpaas.Client/Cpaas.Client.csproj src/Cpaas.Client/
COPY src/Controller.Runtime/Controller.Runtime.csproj src/Controller.Runtime/
COPY src/Cpaas.Operator/Cpaas.Operator.csproj src/Cpaas.Operator/
# For linux-x64 with PublishAot (the restore fetches the ILCompiler packages). The runtime settings of the project
# (workstation non-concurrent GC) are compiled into the executable.
RUN dotnet restore src/Cpaas.Operator/Cpaas.Operator.csproj -r linux-x64 /p:PublishAot=true
COPY src/ src/
RUN dotnet publish src/Cpaas.Operator -c Release -r linux-x64 -o /app --no-restore /p:PublishAot=true

# Only the native dependencies (libc, OpenSSL, CA certificates): the executable carries its own runtime.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build --chown=10001:10001 /app/cpaas-operator ./
# GC: a 4 MB gen0 budget and memory conservation 7 keep the heap's slack small through the converge and restart
# bursts (docs/decisions/0064-gc-settings-native-aot.md: peak RSS at 10,000 projects 224 -> 179 MB).
ENV DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_NOLOGO=true \
    DOTNET_GCgen0size=0x400000 \
    DOTNET_GCConserveMemory=7
USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["/app/cpaas-operator"]
