# syntax=docker/dockerfile:1
# cpaas-operator: multi-stage, multi-architecture build. The operator is compiled ahead of time (Native AOT) into one
# executable: no .NET runtime, JIT or IL assemblies in the image, 48 MB resident when idle instead of about 105-137 MB
# (docs/decisions/0062-native-aot.md). The runtime image is chiseled Ubuntu (no shell, no package manager) and runs as
# the non-root user 10001 that config/manager/manager.yaml expects, with a read-only root filesystem.
#
#   docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/cpaas-operator:TAG --push .
#
# The build stage runs on the builder's own platform and cross-compiles for each target (no emulation): ILCompiler
# links with clang for $TARGETARCH against that architecture's sysroot (docs/decisions/0071-multi-arch-image-and-release.md).

# The -aot SDK image has the native toolchain ILCompiler links with (clang, llvm).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
ARG TARGETARCH
ARG BUILDARCH
# Cross-compiling: the target's GNU toolchain and C library (crt files, libc, libgcc: the sysroot clang links
# against). Nothing is installed when the target is the builder's own architecture.
RUN if [ "$TARGETARCH" != "$BUILDARCH" ]; then \
      case "$TARGETARCH" in \
        arm64) packages="gcc-aarch64-linux-gnu libc6-dev-arm64-cross" ;; \
        amd64) packages="gcc-x86-64-linux-gnu libc6-dev-amd64-cross" ;; \
        *) echo "unsupported TARGETARCH $TARGETARCH" >&2; exit 1 ;; \
      esac; \
      apt-get update && apt-get install -y --no-install-recommends $packages && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
# Restore first, from the project files only, so the layer is reused until a project or package changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig BannedSymbols.txt ./
COPY src/Cpaas.Client/Cpaas.Client.csproj src/Cpaas.Client/
COPY src/Controller.Runtime/Controller.Runtime.csproj src/Controller.Runtime/
COPY src/Cpaas.Operator/Cpaas.Operator.csproj src/Cpaas.Operator/
# For linux-$TARGETARCH with PublishAot (-a takes Docker's names: amd64 is x64). The restore fetches the ILCompiler
# packages of the target. The runtime settings of the project (workstation non-concurrent GC) are compiled in.
RUN dotnet restore src/Cpaas.Operator/Cpaas.Operator.csproj -a $TARGETARCH /p:PublishAot=true
COPY src/ src/
RUN dotnet publish src/Cpaas.Operator -c Release -a $TARGETARCH -o /app --no-restore /p:PublishAot=true

# Only the native dependencies (libc, OpenSSL, CA certificates): the executable carries its own runtime. The tag is a
# multi-architecture manifest list, so each target platform gets its own. What the executable loads from it is listed,
# and checked by a test, in docs/runtime-image.md.
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
