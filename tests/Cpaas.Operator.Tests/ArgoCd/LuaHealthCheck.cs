using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Cpaas.Operator.Tests.ArgoCd;

/// <summary>Runs config/argocd/health.lua with a real Lua 5.1 interpreter, the way Argo CD does: <c>obj</c> is a global table.</summary>
internal static class LuaHealthCheck
{
    public const string Interpreter = "lua5.1";

    public static (string Status, string Message) Evaluate(string scriptPath, JsonObject resource)
    {
        var driver = $"obj = {ToLua(resource)}\n" +
                     $"local check = assert(loadfile({Quote(scriptPath)}))\n" +
                     "local hs = check()\n" +
                     "io.write(tostring(hs.status), '\\n', tostring(hs.message))\n";
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {Interpreter}");
        process.StandardInput.Write(driver);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill();
            throw new TimeoutException("lua5.1 did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"lua5.1 failed ({process.ExitCode}): {error}");
        }

        var lines = output.Split('\n', 2);
        return (lines[0], lines.Length > 1 ? lines[1] : "");
    }

    /// <summary>Converts JSON to a Lua table constructor, as Argo CD converts the live object.</summary>
    public static string ToLua(JsonNode? node) => node switch
    {
        null => "nil",
        JsonObject o => "{" + string.Join(", ", o.Select(p => $"[{Quote(p.Key)}] = {ToLua(p.Value)}")) + "}",
        JsonArray a => "{" + string.Join(", ", a.Select(ToLua)) + "}",
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v when v.TryGetValue<string>(out var s) => Quote(s),
        JsonValue v => Convert.ToString(v.GetValue<double>(), CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
