using System.Globalization;
using System.Text;

namespace AutoBooking.Deploy.Tests.Support;

/// <summary>
/// Evaluates the few ARM template functions a deployment switch is written with: <c>parameters</c>, <c>if</c>,
/// <c>not</c>, <c>and</c>, <c>or</c>, <c>equals</c>, <c>true</c>, <c>false</c>, string and integer literals. Anything
/// else (outputs, resource ids, property access) is <see cref="Unknown"/>: known only during a deployment.
/// </summary>
public sealed class ArmExpression
{
    /// <summary>A value only a deployment knows.</summary>
    public static readonly object Unknown = new();

    private readonly string text;
    private readonly Func<string, object?> parameter;
    private int at;

    private ArmExpression(string text, Func<string, object?> parameter)
    {
        this.text = text;
        this.parameter = parameter;
    }

    /// <summary>The value of an expression written without its brackets, e.g. <c>not(parameters('x'))</c>.</summary>
    public static object? Evaluate(string expression, Func<string, object?> parameter)
    {
        var parser = new ArmExpression(expression, parameter);
        var value = parser.Value();
        parser.SkipSpaces();
        return parser.at == parser.text.Length ? value : Unknown;
    }

    private char Peek => at < text.Length ? text[at] : '\0';

    private object? Value()
    {
        SkipSpaces();
        if (Peek == '\'')
        {
            return StringLiteral();
        }
        if (char.IsDigit(Peek) || Peek == '-')
        {
            var start = at++;
            while (char.IsDigit(Peek))
            {
                at++;
            }
            return long.Parse(text[start..at], CultureInfo.InvariantCulture);
        }
        var name = Identifier();
        Expect('(');
        var arguments = new List<object?>();
        SkipSpaces();
        if (Peek != ')')
        {
            do
            {
                arguments.Add(Value());
                SkipSpaces();
            }
            while (TryTake(','));
        }
        Expect(')');
        var result = Call(name, arguments);
        SkipSpaces();
        if (Peek is not ('.' or '['))
        {
            return result;
        }
        // Property access or indexing: parsed to stay in step, not modelled.
        while (Peek is '.' or '[')
        {
            if (TryTake('.'))
            {
                Identifier();
            }
            else
            {
                Expect('[');
                Value();
                SkipSpaces();
                Expect(']');
            }
            SkipSpaces();
        }
        return Unknown;
    }

    private object? Call(string name, List<object?> arguments) => name.ToLowerInvariant() switch
    {
        "parameters" when arguments is [string parameterName] => parameter(parameterName),
        "true" => true,
        "false" => false,
        "if" when arguments is [bool condition, var whenTrue, var whenFalse] => condition ? whenTrue : whenFalse,
        "not" when arguments is [bool operand] => !operand,
        "and" when arguments.All(a => a is bool) => arguments.All(a => (bool)a!),
        "or" when arguments.All(a => a is bool) => arguments.Any(a => (bool)a!),
        "equals" when arguments is [var left, var right] && left != Unknown && right != Unknown => Equals(left, right),
        _ => Unknown,
    };

    private string StringLiteral()
    {
        Expect('\'');
        var value = new StringBuilder();
        while (true)
        {
            if (at >= text.Length)
            {
                throw new FormatException($"Unterminated string in {text}");
            }
            var c = text[at++];
            if (c == '\'')
            {
                if (Peek != '\'')
                {
                    return value.ToString();
                }
                at++;
            }
            value.Append(c);
        }
    }

    private string Identifier()
    {
        SkipSpaces();
        var start = at;
        while (char.IsLetterOrDigit(Peek) || Peek == '_')
        {
            at++;
        }
        return start < at ? text[start..at] : throw new FormatException($"Expected a name at {at} in {text}");
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (!TryTake(c))
        {
            throw new FormatException($"Expected '{c}' at {at} in {text}");
        }
    }

    private bool TryTake(char c)
    {
        if (Peek != c)
        {
            return false;
        }
        at++;
        return true;
    }

    private void SkipSpaces()
    {
        while (char.IsWhiteSpace(Peek))
        {
            at++;
        }
    }
}
