using System.Globalization;
using System.Text;

namespace Kube.Sandbox.Schema.Cel;

/// <summary>A parsed CEL expression node.</summary>
public abstract record CelExpression
{
    public sealed record Literal(object? Value) : CelExpression;

    public sealed record Identifier(string Name) : CelExpression;

    public sealed record Select(CelExpression Target, string Field) : CelExpression;

    public sealed record Index(CelExpression Target, CelExpression Key) : CelExpression;

    public sealed record Has(CelExpression Target, string Field) : CelExpression;

    public sealed record Call(CelExpression? Target, string Function, IReadOnlyList<CelExpression> Arguments) : CelExpression;

    public sealed record Unary(string Operator, CelExpression Operand) : CelExpression;

    public sealed record Binary(string Operator, CelExpression Left, CelExpression Right) : CelExpression;

    public sealed record Conditional(CelExpression Condition, CelExpression Then, CelExpression Else) : CelExpression;

    public sealed record ListLiteral(IReadOnlyList<CelExpression> Items) : CelExpression;

    /// <summary>True when the expression mentions oldSelf (a transition rule, evaluated on updates only).</summary>
    public bool UsesOldSelf() => this switch
    {
        Identifier i => i.Name == "oldSelf",
        Select s => s.Target.UsesOldSelf(),
        Index x => x.Target.UsesOldSelf() || x.Key.UsesOldSelf(),
        Has h => h.Target.UsesOldSelf(),
        Call c => (c.Target?.UsesOldSelf() ?? false) || c.Arguments.Any(a => a.UsesOldSelf()),
        Unary u => u.Operand.UsesOldSelf(),
        Binary b => b.Left.UsesOldSelf() || b.Right.UsesOldSelf(),
        Conditional c => c.Condition.UsesOldSelf() || c.Then.UsesOldSelf() || c.Else.UsesOldSelf(),
        ListLiteral l => l.Items.Any(i => i.UsesOldSelf()),
        _ => false,
    };
}

/// <summary>
/// Parses the CEL subset CRD rules are usually written in: literals, self/oldSelf, field selection and indexing,
/// has(), size(), string helpers, ! - && || == != &lt; &lt;= &gt; &gt;= in + - * / %, ?: and list literals.
/// Anything else (macros such as all/exists, optionals) throws <see cref="CelUnsupportedException"/>.
/// </summary>
public sealed class CelParser
{
    private readonly List<string> _tokens;
    private int _position;

    private CelParser(List<string> tokens) => _tokens = tokens;

    public static CelExpression Parse(string text)
    {
        var parser = new CelParser(Tokenize(text));
        var expression = parser.ParseConditional();
        if (parser._position != parser._tokens.Count)
        {
            throw new CelUnsupportedException($"unexpected token '{parser._tokens[parser._position]}'");
        }

        return expression;
    }

    private string? Peek => _position < _tokens.Count ? _tokens[_position] : null;

    private bool Accept(string token)
    {
        if (Peek == token)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new CelUnsupportedException($"expected '{token}'");
        }
    }

    private CelExpression ParseConditional()
    {
        var condition = ParseOr();
        if (Accept("?"))
        {
            var then = ParseConditional();
            Expect(":");
            return new CelExpression.Conditional(condition, then, ParseConditional());
        }

        return condition;
    }

    private CelExpression ParseOr()
    {
        var left = ParseAnd();
        while (Accept("||"))
        {
            left = new CelExpression.Binary("||", left, ParseAnd());
        }

        return left;
    }

    private CelExpression ParseAnd()
    {
        var left = ParseRelation();
        while (Accept("&&"))
        {
            left = new CelExpression.Binary("&&", left, ParseRelation());
        }

        return left;
    }

    private static readonly string[] Relations = ["==", "!=", "<=", ">=", "<", ">", "in"];

    private CelExpression ParseRelation()
    {
        var left = ParseAdditive();
        while (Peek is { } op && Relations.Contains(op))
        {
            _position++;
            left = new CelExpression.Binary(op, left, ParseAdditive());
        }

        return left;
    }

    private CelExpression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek is "+" or "-")
        {
            var op = _tokens[_position++];
            left = new CelExpression.Binary(op, left, ParseMultiplicative());
        }

        return left;
    }

    private CelExpression ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek is "*" or "/" or "%")
        {
            var op = _tokens[_position++];
            left = new CelExpression.Binary(op, left, ParseUnary());
        }

        return left;
    }

    private CelExpression ParseUnary()
    {
        if (Accept("!"))
        {
            return new CelExpression.Unary("!", ParseUnary());
        }

        if (Accept("-"))
        {
            return new CelExpression.Unary("-", ParseUnary());
        }

        return ParsePostfix();
    }

    private CelExpression ParsePostfix()
    {
        var expression = ParsePrimary();
        while (true)
        {
            if (Accept("."))
            {
                var name = Peek ?? throw new CelUnsupportedException("expected a field name");
                _position++;
                expression = Accept("(") ? new CelExpression.Call(expression, name, ParseArguments()) : new CelExpression.Select(expression, name);
            }
            else if (Accept("["))
            {
                var key = ParseConditional();
                Expect("]");
                expression = new CelExpression.Index(expression, key);
            }
            else
            {
                return expression;
            }
        }
    }

    private List<CelExpression> ParseArguments()
    {
        var arguments = new List<CelExpression>();
        if (Accept(")"))
        {
            return arguments;
        }

        do
        {
            arguments.Add(ParseConditional());
        }
        while (Accept(","));
        Expect(")");
        return arguments;
    }

    private CelExpression ParsePrimary()
    {
        var token = Peek ?? throw new CelUnsupportedException("unexpected end of rule");
        _position++;
        if (token == "(")
        {
            var inner = ParseConditional();
            Expect(")");
            return inner;
        }

        if (token == "[")
        {
            var items = new List<CelExpression>();
            if (!Accept("]"))
            {
                do
                {
                    items.Add(ParseConditional());
                }
                while (Accept(","));
                Expect("]");
            }

            return new CelExpression.ListLiteral(items);
        }

        if (token[0] is '"' or '\'')
        {
            return new CelExpression.Literal(token[1..^1]);
        }

        if (char.IsDigit(token[0]))
        {
            return token.Contains('.', StringComparison.Ordinal)
                ? new CelExpression.Literal(double.Parse(token, CultureInfo.InvariantCulture))
                : new CelExpression.Literal(long.Parse(token.TrimEnd('u'), CultureInfo.InvariantCulture));
        }

        switch (token)
        {
            case "true":
                return new CelExpression.Literal(true);
            case "false":
                return new CelExpression.Literal(false);
            case "null":
                return new CelExpression.Literal(null);
        }

        if (!char.IsLetter(token[0]) && token[0] != '_')
        {
            throw new CelUnsupportedException($"unexpected token '{token}'");
        }

        if (Accept("("))
        {
            if (token == "has")
            {
                var argument = ParseConditional();
                Expect(")");
                return argument is CelExpression.Select select
                    ? new CelExpression.Has(select.Target, select.Field)
                    : throw new CelUnsupportedException("has() needs a field selection");
            }

            return new CelExpression.Call(null, token, ParseArguments());
        }

        return new CelExpression.Identifier(token);
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '"' or '\'')
            {
                var value = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                        value.Append(text[i] switch { 'n' => '\n', 't' => '\t', var other => other });
                    }
                    else
                    {
                        value.Append(text[i]);
                    }

                    i++;
                }

                if (i >= text.Length)
                {
                    throw new CelUnsupportedException("unterminated string");
                }

                i++;
                tokens.Add(c + value.ToString() + c);
                continue;
            }

            if (char.IsDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.' || text[i] == 'u'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
                continue;
            }

            var two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
            if (two is "==" or "!=" or "<=" or ">=" or "&&" or "||")
            {
                tokens.Add(two);
                i += 2;
                continue;
            }

            if ("!<>()[].,?:+-*/%".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(c.ToString());
                i++;
                continue;
            }

            throw new CelUnsupportedException($"unsupported character '{c}'");
        }

        return tokens;
    }
}
