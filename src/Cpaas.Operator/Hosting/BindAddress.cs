using System.Net;

namespace Cpaas.Operator.Hosting;

/// <summary>A listen address in controller-runtime's notation: <c>:8080</c> (all interfaces) or <c>127.0.0.1:8080</c>.</summary>
public readonly record struct BindAddress(IPAddress Address, int Port)
{
    public static bool TryParse(string? text, out BindAddress address)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            address = new BindAddress(IPAddress.Any, port);
            return true;
        }

        if (host == "localhost")
        {
            address = new BindAddress(IPAddress.Loopback, port);
            return true;
        }

        if (!IPAddress.TryParse(host, out var ip))
        {
            return false;
        }

        address = new BindAddress(ip, port);
        return true;
    }
}
