namespace Quickstart.Tests.Image;

/// <summary>
/// A directory laid out like the image: the runtime-deps files the operator uses (its shared libraries under
/// /usr/lib/TRIPLE with the /lib and /lib64 links of merged /usr, the loader at its PT_INTERP path, the CA bundle and
/// OpenSSL's link to it, /etc/passwd and /etc/group of the base image, an empty /tmp) and /app/cpaas-operator owned by
/// 10001:10001 as the Dockerfile's COPY --chown makes it. Nothing else: no shell, no coreutils. It also holds the
/// empty mount points a container runtime would create (/proc, /dev, the mounted Secrets), so it can be mounted
/// read-only as a whole.
/// </summary>
internal static class MinimalRootFilesystem
{
    public const string ExecutablePath = "/app/cpaas-operator";
    public const string CaBundlePath = "/etc/ssl/certs/ca-certificates.crt";
    private const string HostCaBundle = "/etc/ssl/certs/ca-certificates.crt";

    public static async Task BuildAsync(string root, string executable, SharedLibraryClosure closure, TargetArchitecture architecture, int uid, int gid, IEnumerable<string> mountPoints)
    {
        var libraries = Directory.CreateDirectory(Path.Combine(root, "usr", "lib", architecture.Triple)).FullName;
        foreach (var (name, file) in closure.Libraries)
        {
            File.Copy(file, Path.Combine(libraries, name)); // follows the host's symlinks: the file itself, under its soname
        }

        File.CreateSymbolicLink(Path.Combine(root, "lib"), "usr/lib");
        if (architecture == TargetArchitecture.Amd64)
        {
            Directory.CreateDirectory(Path.Combine(root, "usr", "lib64"));
            File.CreateSymbolicLink(Path.Combine(root, "lib64"), "usr/lib64");
        }

        // The loader where PT_INTERP points (/lib64/ld-linux-x86-64.so.2, /lib/ld-linux-aarch64.so.1), through the links.
        var interpreter = closure.Executable.Interpreter ?? throw new InvalidOperationException("the executable has no program interpreter");
        var interpreterInUsr = "/usr" + interpreter;
        var interpreterFile = Path.Combine(root, interpreterInUsr.TrimStart('/'));
        if (!File.Exists(interpreterFile))
        {
            var target = Path.GetRelativePath(Path.GetDirectoryName(interpreterInUsr)!, $"/usr/lib/{architecture.Triple}/{Path.GetFileName(interpreter)}");
            File.CreateSymbolicLink(interpreterFile, target);
        }

        Directory.CreateDirectory(Path.Combine(root, "etc", "ssl", "certs"));
        File.Copy(HostCaBundle, Path.Combine(root, CaBundlePath.TrimStart('/')));
        Directory.CreateDirectory(Path.Combine(root, "usr", "lib", "ssl"));
        File.CreateSymbolicLink(Path.Combine(root, "usr", "lib", "ssl", "cert.pem"), CaBundlePath);
        File.CreateSymbolicLink(Path.Combine(root, "usr", "lib", "ssl", "certs"), "/etc/ssl/certs");

        // The base image's accounts: root and app (1654). The operator's 10001 has no entry, as in the image.
        File.WriteAllText(Path.Combine(root, "etc", "passwd"), "root:x:0:0:root:/root:/noshell\napp:x:1654:1654::/home/app:/bin/false\n");
        File.WriteAllText(Path.Combine(root, "etc", "group"), "root:x:0:\napp:x:1654:\n");

        var app = Directory.CreateDirectory(Path.Combine(root, "app")).FullName;
        var copied = Path.Combine(app, Path.GetFileName(ExecutablePath));
        File.Copy(executable, copied);
        ToolProcess.SetMode(copied, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        (await ToolProcess.RunAsync("chown", [$"{uid}:{gid}", copied])).EnsureSuccess();

        foreach (var directory in new[] { "tmp", "proc", "dev" }.Concat(mountPoints.Select(m => m.TrimStart('/'))))
        {
            Directory.CreateDirectory(Path.Combine(root, directory));
        }
    }
}
