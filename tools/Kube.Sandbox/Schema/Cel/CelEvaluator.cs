using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kube.Sandbox.Schema.Cel;

/// <summary>
/// Evaluates a parsed <see cref="CelExpression"/> over JSON values (self and oldSelf). Values are null, bool,
/// long, double, string, JsonObject (map) and JsonArray (list). Anything outside the subset throws
/// <see cref="CelUnsupportedException"/>, and the rule is then not enforced.
/// </summary>
public static class CelEvaluator
{
    public static bool EvaluateRule(CelExpression rule, JsonNode? self, JsonNode? oldSelf) =>
        Evaluate(rule, self, oldSelf) is bool result ? result : throw new CelUnsupportedException("rule did not evaluate to a bool");

    private static object? Value(JsonNode? node) => node switch
    {
        null => null,
        // Arms typed as object: otherwise C# picks JsonNode and converts the primitives back into JsonValues.
        JsonObject or JsonArray => (object)node,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => (object)v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when v.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number => v.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };

    private static object? Evaluate(CelExpression e, JsonNode? self, JsonNode? oldSelf)
    {
        object? Eval(CelExpression x) => Evaluate(x, self, oldSelf);
        switch (e)
        {
            case CelExpression.Literal l:
                return l.Value;
            case CelExpression.Identifier { Name: "self" }:
                return Value(self);
            case CelExpression.Identifier { Name: "oldSelf" }:
                return Value(oldSelf);
            case CelExpression.Identifier i:
                throw new CelUnsupportedException($"unknown identifier {i.Name}");
            case CelExpression.ListLiteral list:
                return new JsonArray(list.Items.Select(item => ToNode(Eval(item))).ToArray());
            case CelExpression.Select s:
                return Eval(s.Target) is JsonObject o && o.TryGetPropertyValue(s.Field, out var child)
                    ? Value(child)
                    : throw new CelUnsupportedException($"no such key: {s.Field}");
            case CelExpression.Has h:
                return Eval(h.Target) is JsonObject target ? target.ContainsKey(h.Field) : throw new CelUnsupportedException("has() on a non-object");
            case CelExpression.Index x:
                return (Eval(x.Target), Eval(x.Key)) switch
                {
                    (JsonArray a, long n) when n >= 0 && n < a.Count => Value(a[(int)n]),
                    (JsonObject map, string k) when map.TryGetPropertyValue(k, out var v) => Value(v),
                    _ => throw new CelUnsupportedException("index out of range or missing key"),
                };
            case CelExpression.Unary { Operator: "!" } u:
                return Eval(u.Operand) is bool flag ? !flag : throw new CelUnsupportedException("! needs a bool");
            case CelExpression.Unary { Operator: "-" } u:
                return Eval(u.Operand) switch
                {
                    long n => (object)(-n),
                    double d => -d,
                    _ => throw new CelUnsupportedException("- needs a number"),
                };
            case CelExpression.Conditional c:
                return Eval(c.Condition) is bool condition ? (condition ? Eval(c.Then) : Eval(c.Else)) : throw new CelUnsupportedException("?: needs a bool");
            case CelExpression.Binary { Operator: "&&" } and:
                return Eval(and.Left) is bool left ? left && (Eval(and.Right) is bool r ? r : throw new CelUnsupportedException("&& needs bools")) : throw new CelUnsupportedException("&& needs bools");
            case CelExpression.Binary { Operator: "||" } or:
                return Eval(or.Left) is bool first ? first || (Eval(or.Right) is bool second ? second : throw new CelUnsupportedException("|| needs bools")) : throw new CelUnsupportedException("|| needs bools");
            case CelExpression.Binary b:
                return BinaryOp(b.Operator, Eval(b.Left), Eval(b.Right));
            case CelExpression.Call c:
                return CallFunction(c.Function, c.Target is null ? null : Eval(c.Target), c.Target is not null, c.Arguments.Select(Eval).ToList());
            default:
                throw new CelUnsupportedException("unsupported expression");
        }
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => throw new CelUnsupportedException("unsupported value"),
    };

    private static bool Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (long x, double y) => x == y,
        (double x, long y) => x == y,
        (JsonNode x, JsonNode y) => JsonNode.DeepEquals(x, y),
        (JsonNode, _) or (_, JsonNode) => false,
        _ => Equals(a, b),
    };

    private static int Compare(object? a, object? b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (long x, double y) => ((double)x).CompareTo(y),
        (double x, long y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => throw new CelUnsupportedException("values are not comparable"),
    };

    private static object? BinaryOp(string op, object? left, object? right)
    {
        switch (op)
        {
            case "==":
                return Equal(left, right);
            case "!=":
                return !Equal(left, right);
            case "<":
                return Compare(left, right) < 0;
            case "<=":
                return Compare(left, right) <= 0;
            case ">":
                return Compare(left, right) > 0;
            case ">=":
                return Compare(left, right) >= 0;
            case "in":
                return right switch
                {
                    JsonArray list => list.Any(item => Equal(Value(item), left)),
                    JsonObject map when left is string key => map.ContainsKey(key),
                    _ => throw new CelUnsupportedException("in needs a list or map"),
                };
        }

        return (op, left, right) switch
        {
            ("+", long x, long y) => checked(x + y),
            ("+", string x, string y) => x + y,
            ("+", JsonArray x, JsonArray y) => new JsonArray(x.Concat(y).Select(n => n?.DeepClone()).ToArray()),
            ("-", long x, long y) => checked(x - y),
            ("*", long x, long y) => checked(x * y),
            ("/", long x, long y) when y != 0 => x / y,
            ("%", long x, long y) when y != 0 => x % y,
            ("+", double x, double y) => x + y,
            ("-", double x, double y) => x - y,
            ("*", double x, double y) => x * y,
            ("/", double x, double y) => x / y,
            _ => throw new CelUnsupportedException($"unsupported operands for {op}"),
        };
    }

    private static object? CallFunction(string function, object? target, bool isMethod, IReadOnlyList<object?> arguments)
    {
        var receiver = isMethod ? target : arguments.Count > 0 ? arguments[0] : null;
        var rest = isMethod ? arguments : arguments.Skip(1).ToList();
        return (function, receiver, rest.Count) switch
        {
            ("size", string s, 0) => (long)s.EnumerateRunes().Count(),
            ("size", JsonArray a, 0) => (long)a.Count,
            ("size", JsonObject o, 0) => (long)o.Count,
            ("startsWith", string s, 1) when rest[0] is string p => s.StartsWith(p, StringComparison.Ordinal),
            ("endsWith", string s, 1) when rest[0] is string p => s.EndsWith(p, StringComparison.Ordinal),
            ("contains", string s, 1) when rest[0] is string p => s.Contains(p, StringComparison.Ordinal),
            ("matches", string s, 1) when rest[0] is string p => Regex.IsMatch(s, p, RegexOptions.None, TimeSpan.FromSeconds(1)),
            ("lowerAscii", string s, 0) => s.ToLowerInvariant(),
            ("upperAscii", string s, 0) => s.ToUpperInvariant(),
            ("trim", string s, 0) => s.Trim(),
            ("string", var v, 0) when !isMethod => v switch
            {
                string s => s,
                long l => l.ToString(CultureInfo.InvariantCulture),
                double d => d.ToString(CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                _ => throw new CelUnsupportedException("string() of a compound value"),
            },
            ("int", string s, 0) when !isMethod && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            ("int", long l, 0) when !isMethod => l,
            ("int", double d, 0) when !isMethod => (long)d,
            ("double", long l, 0) when !isMethod => (double)l,
            ("double", double d, 0) when !isMethod => d,
            _ => throw new CelUnsupportedException($"unsupported function {function}"),
        };
    }
}
