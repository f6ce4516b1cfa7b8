using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// The scan of 4xx bodies for what must never reach a client: our .NET type names, framework exception text,
/// serializer positions. Every problem a test asserts (<see cref="ApiEndpoints.AssertProblem"/>), every corpus case
/// and every property-test response goes through <see cref="AssertClean"/>; <see cref="Captured"/> keeps them all
/// (for a test that wants to look at the whole set).
/// </summary>
public static class ProblemBodies
{
    private static readonly string[] Forbidden =
    [
        "AutoBooking.", "System.", "Microsoft.", ".NET", "could not be mapped", "Exception", "LineNumber", "BytePositionInLine",
        "Path: $", "$.", "The JSON value", "converted to", "JSON property", "`1", "Nullable", "Int32", "Int64", "Decimal", "DateOnly",
        "DateTimeOffset", "String", "Boolean", "IReadOnlyList", "Request'", "Dto", "deserializ", "Stack", "   at ",
    ];

    public static ConcurrentBag<string> Captured { get; } = [];

    /// <summary>Serialises the problem as the host would and fails when it names a type or repeats a framework message.</summary>
    public static string AssertClean(IActionResult result, string because)
    {
        var objectResult = Assert.IsType<ObjectResult>(result, exactMatch: false);
        var body = JsonSerializer.Serialize(objectResult.Value, objectResult.Value?.GetType() ?? typeof(object), JsonSerializerOptions.Web);
        Captured.Add(body);
        foreach (var word in Forbidden)
        {
            Assert.False(body.Contains(word, StringComparison.Ordinal), $"{because}: the problem body contains \"{word}\": {body}");
        }
        return body;
    }
}
