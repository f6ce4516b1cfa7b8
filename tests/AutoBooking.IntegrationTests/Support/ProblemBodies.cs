using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// The scan of problem bodies for what must never reach a client: our .NET type names, framework exception text,
/// serializer positions, a content type other than problem+json, an <c>errors</c> key that is neither a JSON pointer
/// nor a parameter name.
/// <para>
/// <see cref="Install"/> (called by <see cref="PipelineHarness"/>'s static constructor, so by every test that goes
/// through the harness) subscribes to the app's <see cref="Problems.DiagnosticName"/> listener: every problem any
/// function builds is scanned the moment it is built, on the caller's thread, and a leak throws there, failing the
/// test whose request produced it. Tests that assert a problem also call <see cref="AssertClean"/> directly.
/// </para>
/// </summary>
public static class ProblemBodies
{
    private static readonly string[] Forbidden =
    [
        "AutoBooking.", "System.", "Microsoft.", ".NET", "could not be mapped", "Exception", "LineNumber", "BytePositionInLine",
        "Path: $", "$.", "The JSON value", "converted to", "JSON property", "`1", "Nullable", "Int32", "Int64", "Decimal", "DateOnly",
        "DateTimeOffset", "String", "Boolean", "IReadOnlyList", "Request'", "Dto", "deserializ", "Stack", "   at ",
    ];

    /// <summary>Validation keys that name a query parameter or header rather than a body field.</summary>
    private static readonly string[] ParameterNames = ["limit", "cursor", "Idempotency-Key"];

    private static readonly ConditionalWeakTable<ObjectResult, object> Scanned = [];

    private static int installed;

    public static ConcurrentBag<string> Captured { get; } = [];

    /// <summary>Subscribes the scan to every problem the app builds in this process (idempotent).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 0)
        {
            DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());
        }
    }

    /// <summary>True when the scan saw this result as the app built it.</summary>
    public static bool WasScanned(IActionResult result) => result is ObjectResult o && Scanned.TryGetValue(o, out _);

    /// <summary>Serialises the problem as the host would and fails when it names a type or repeats a framework message.</summary>
    public static string AssertClean(IActionResult result, string because)
    {
        var objectResult = Assert.IsType<ObjectResult>(result, exactMatch: false);
        Assert.True(objectResult.ContentTypes.Contains("application/problem+json"),
            $"{because}: a {objectResult.StatusCode} answered {string.Join(", ", objectResult.ContentTypes)}, not application/problem+json");
        var problem = Assert.IsType<ProblemDetails>(objectResult.Value, exactMatch: false);
        var body = JsonSerializer.Serialize(objectResult.Value, objectResult.Value.GetType(), JsonSerializerOptions.Web);
        Captured.Add(body);
        foreach (var word in Forbidden)
        {
            Assert.False(body.Contains(word, StringComparison.Ordinal), $"{because}: the problem body contains \"{word}\": {body}");
        }
        if (problem is ValidationProblemDetails validation)
        {
            foreach (var key in validation.Errors.Keys)
            {
                Assert.True(IsJsonPointer(key) || ParameterNames.Contains(key),
                    $"{because}: the error key \"{key}\" is neither a JSON pointer nor a query parameter or header: {body}");
            }
        }
        return body;
    }

    /// <summary>RFC 6901: "" or a sequence of "/segment", with "~" only as "~0" or "~1".</summary>
    public static bool IsJsonPointer(string key)
    {
        if (key.Length > 0 && key[0] != '/')
        {
            return false;
        }
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '~' && (i + 1 >= key.Length || key[i + 1] is not ('0' or '1')))
            {
                return false;
            }
        }
        return true;
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == Problems.DiagnosticName)
            {
                value.Subscribe(new ProblemObserver());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class ProblemObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == Problems.AnsweredEvent && value.Value is ObjectResult result)
            {
                Scanned.AddOrUpdate(result, true);
                AssertClean(result, $"a {result.StatusCode} problem answered by the app");
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
