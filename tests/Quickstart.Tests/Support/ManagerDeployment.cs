using k8s;
using k8s.Models;

namespace Quickstart.Tests.Support;

/// <summary>The Deployment in config/manager/manager.yaml and its manager container, as Kubernetes would read them.</summary>
internal sealed class ManagerDeployment
{
    private ManagerDeployment(V1Deployment deployment)
    {
        Deployment = deployment;
        Manager = deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "manager");
    }

    public V1Deployment Deployment { get; }

    public V1PodSpec Pod => Deployment.Spec.Template.Spec;

    public V1Container Manager { get; }

    public IReadOnlyList<string> Args => [.. Manager.Args ?? []];

    public static ManagerDeployment Load() =>
        new(KubeYaml.Load<V1Deployment>(File.ReadAllText(RepositoryRoot.File("config", "manager", "manager.yaml"))));

    /// <summary>The Deployment as a rendered manifest (such as dist/install.yaml) holds it.</summary>
    public static ManagerDeployment From(V1Deployment deployment) => new(deployment);

    /// <summary>The value of "--flag=value" or "--flag value" in the container's args.</summary>
    public string FlagValue(string flag)
    {
        var args = Args;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith(flag + "=", StringComparison.Ordinal))
            {
                return args[i][(flag.Length + 1)..];
            }

            if (args[i] == flag && i + 1 < args.Count)
            {
                return args[i + 1];
            }
        }

        throw new InvalidOperationException($"the manager container has no {flag} argument");
    }

    /// <summary>The container's args with some flags' values replaced (and flags it lacks appended), in "--flag=value" form.</summary>
    public IReadOnlyList<string> ArgsWith(IReadOnlyDictionary<string, string> overrides)
    {
        var result = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in Args)
        {
            var flag = arg.Split('=', 2)[0];
            if (overrides.TryGetValue(flag, out var value))
            {
                result.Add($"{flag}={value}");
                used.Add(flag);
            }
            else
            {
                result.Add(arg);
            }
        }

        result.AddRange(overrides.Where(o => !used.Contains(o.Key)).Select(o => $"{o.Key}={o.Value}"));
        return result;
    }

    /// <summary>The port number a container port name (such as "probes") stands for.</summary>
    public int PortNumber(IntOrString port) =>
        int.TryParse(port.Value, out var number) ? number : Manager.Ports.Single(p => p.Name == port.Value).ContainerPort;

    public static int BindPort(string bindAddress) => int.Parse(bindAddress[(bindAddress.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
