using Microsoft.Extensions.Configuration;
using System.Globalization;
using System.Text.RegularExpressions;
using Cpaas.Operator.Hosting;
using Quickstart.Tests.Support;

namespace Quickstart.Tests.Image;

/// <summary>
/// The Deployment in config/manager must run the image the Dockerfile builds: its user, its ports, the probe paths
/// the operator serves, and only flags and environment variables the operator knows. No Docker engine here: these
/// checks read the two files (and the operator's settings table) instead of a running container.
/// </summary>
public sealed class DeploymentMatchesImageTests
{
    private static readonly DockerfileInstructions Dockerfile = DockerfileInstructions.Parse(File.ReadAllText(RepositoryRoot.File("Dockerfile")));
    private readonly ManagerDeployment _deployment = ManagerDeployment.Load();

    [Fact]
    public void Deployment_runs_as_the_numeric_non_root_user_and_group_of_the_image()
    {
        var user = Dockerfile.Last("USER").Split(':');
        Assert.True(long.TryParse(user[0], CultureInfo.InvariantCulture, out var uid), $"USER {user[0]} must be numeric so runAsNonRoot can be verified by the kubelet");
        var gid = user.Length > 1 ? long.Parse(user[1], CultureInfo.InvariantCulture) : uid;
        Assert.NotEqual(0, uid);

        var pod = _deployment.Pod.SecurityContext;
        Assert.True(pod.RunAsNonRoot);
        Assert.Equal(uid, pod.RunAsUser);
        Assert.Equal(gid, pod.RunAsGroup);
        Assert.Equal(gid, pod.FsGroup); // mounted Secret files (mode 0440) are readable by the user's group

        var container = _deployment.Manager.SecurityContext;
        Assert.True(container.RunAsNonRoot ?? pod.RunAsNonRoot);
        Assert.Equal(uid, container.RunAsUser ?? pod.RunAsUser);

        // The published files belong to that user in the image.
        var copy = Dockerfile.Of("COPY", Dockerfile.FinalStage).Single(c => c.Arguments.Contains("--from=", StringComparison.Ordinal));
        Assert.Contains($"--chown={uid}:{gid}", copy.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_ports_are_the_ports_the_image_exposes_and_the_operator_binds()
    {
        var exposed = Dockerfile.Last("EXPOSE").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p.Split('/')[0], CultureInfo.InvariantCulture)).Order().ToList();
        var declared = _deployment.Manager.Ports.Select(p => p.ContainerPort).Order().ToList();
        Assert.Equal(exposed, declared);

        var metrics = ManagerDeployment.BindPort(_deployment.FlagValue("--metrics-bind-address"));
        var probes = ManagerDeployment.BindPort(_deployment.FlagValue("--health-probe-bind-address"));
        Assert.Equal(metrics, _deployment.Manager.Ports.Single(p => p.Name == "metrics").ContainerPort);
        Assert.Equal(probes, _deployment.Manager.Ports.Single(p => p.Name == "probes").ContainerPort);

        var annotations = _deployment.Deployment.Spec.Template.Metadata.Annotations;
        Assert.Equal(metrics.ToString(CultureInfo.InvariantCulture), annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
    }

    [Fact]
    public void Liveness_and_readiness_probes_ask_healthz_and_readyz_on_the_probe_port()
    {
        var probes = ManagerDeployment.BindPort(_deployment.FlagValue("--health-probe-bind-address"));
        var liveness = _deployment.Manager.LivenessProbe.HttpGet;
        var readiness = _deployment.Manager.ReadinessProbe.HttpGet;
        Assert.Equal("/healthz", liveness.Path);
        Assert.Equal("/readyz", readiness.Path);
        Assert.Equal(probes, _deployment.PortNumber(liveness.Port));
        Assert.Equal(probes, _deployment.PortNumber(readiness.Port));
    }

    [Fact]
    public void Every_argument_is_a_flag_the_operator_accepts_and_the_values_are_valid()
    {
        var known = OperatorSettings.All.Select(s => s.Flag).ToHashSet(StringComparer.Ordinal);
        var flags = _deployment.Args.Select(a => a.Split('=', 2)[0]).ToList();
        Assert.All(flags, flag => Assert.Contains(flag, known));
        Assert.Equal(flags.Count, flags.Distinct(StringComparer.Ordinal).Count());
        Assert.All(_deployment.Args, arg => Assert.Contains('=', arg)); // one token per flag: no value can be mistaken for a flag

        var options = new OperatorOptions();
        OperatorSettings.Build(_deployment.Args, EnvironmentOf(_deployment)).Bind(options);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Every_environment_variable_is_one_the_operator_reads()
    {
        var known = OperatorSettings.All.Select(s => s.EnvironmentVariable)
            .Append(OperatorSettings.ApiIdEnvironmentVariable)
            .Append(OperatorSettings.ApiKeyEnvironmentVariable)
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(_deployment.Manager.Env ?? [], env => Assert.Contains(env.Name, known));
    }

    [Fact]
    public void The_credentials_Secret_is_mounted_read_only_where_credentials_dir_points()
    {
        var volume = _deployment.Pod.Volumes.Single(v => v.Secret?.SecretName == "cpaas-operator-credentials");
        var mount = _deployment.Manager.VolumeMounts.Single(m => m.Name == volume.Name);
        Assert.Equal(_deployment.FlagValue("--credentials-dir"), mount.MountPath);
        Assert.True(mount.ReadOnlyProperty);
    }

    [Fact]
    public void The_root_filesystem_is_read_only_and_tmp_is_a_writable_empty_dir()
    {
        var security = _deployment.Manager.SecurityContext;
        Assert.True(security.ReadOnlyRootFilesystem);
        Assert.False(security.AllowPrivilegeEscalation);
        Assert.Contains("ALL", security.Capabilities.Drop);
        var tmp = _deployment.Manager.VolumeMounts.Single(m => m.MountPath == "/tmp");
        Assert.NotNull(_deployment.Pod.Volumes.Single(v => v.Name == tmp.Name).EmptyDir);
    }

    [Fact]
    public void The_image_runs_the_native_executable_the_operator_project_publishes_ahead_of_time()
    {
        var project = File.ReadAllText(RepositoryRoot.File("src", "Cpaas.Operator", "Cpaas.Operator.csproj"));
        var assembly = Regex.Match(project, "<AssemblyName>([^<]+)</AssemblyName>").Groups[1].Value;
        Assert.Equal([$"/app/{assembly}"], Dockerfile.EntryPoint());
        var runs = Dockerfile.Of("RUN", 0).Select(r => r.Arguments).ToList();
        Assert.Contains(runs, r => r.StartsWith("dotnet restore src/Cpaas.Operator", StringComparison.Ordinal) && r.Contains("/p:PublishAot=true", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.StartsWith("dotnet publish src/Cpaas.Operator", StringComparison.Ordinal) && r.Contains("-o /app", StringComparison.Ordinal) && r.Contains("/p:PublishAot=true", StringComparison.Ordinal));

        // Native AOT links with the toolchain of the -aot SDK image; the executable needs no .NET runtime, only its
        // native dependencies (runtime-deps), and it is the one file the runtime stage copies.
        Assert.Matches("^--platform=\\$BUILDPLATFORM mcr\\.microsoft\\.com/dotnet/sdk:10\\.0-[a-z]+-aot ", Dockerfile.Of("FROM", 0).Single().Arguments);
        Assert.Matches("^mcr\\.microsoft\\.com/dotnet/runtime-deps:10\\.0", Dockerfile.Of("FROM", Dockerfile.FinalStage).Single().Arguments);
        var copy = Dockerfile.Of("COPY", Dockerfile.FinalStage).Single(c => c.Arguments.Contains("--from=", StringComparison.Ordinal));
        Assert.EndsWith($"/app/{assembly} ./", copy.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Deployment_image_is_the_one_config_default_sets_the_tag_of()
    {
        var kustomization = File.ReadAllText(RepositoryRoot.File("config", "default", "kustomization.yaml"));
        var imageName = _deployment.Manager.Image.Split(':')[0];
        Assert.Matches($"(?m)^\\s*-\\s*name:\\s*{Regex.Escape(imageName)}\\s*$", kustomization);
    }

    /// <summary>What the kubelet gives the container: the Deployment's env, with fieldRefs resolved to example values.</summary>
    private static Func<string, string?> EnvironmentOf(ManagerDeployment deployment)
    {
        var values = (deployment.Manager.Env ?? []).ToDictionary(
            e => e.Name,
            e => e.Value ?? (e.ValueFrom?.FieldRef?.FieldPath == "metadata.namespace" ? "cpaas-system" : "cpaas-operator-7c9d8-abcde"),
            StringComparer.Ordinal);
        return name => values.GetValueOrDefault(name);
    }
}
