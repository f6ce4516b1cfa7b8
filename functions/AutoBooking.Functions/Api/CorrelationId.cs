using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AutoBooking.Functions.Api;

/// <summary>The caller's <c>X-Correlation-Id</c> when it is a safe token, otherwise a new one.</summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    public static string From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var supplied = request.Headers[Header].ToString();
        return SafeToken().IsMatch(supplied) ? supplied : Guid.NewGuid().ToString("N");
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{8,64}\z")]
    private static partial Regex SafeToken();
}
