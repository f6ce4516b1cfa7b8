using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.Functions.Operations;

/// <summary>
/// <c>GET /api/openapi.json</c>: the API's OpenAPI document, kept next to the code (OpenApi/openapi.json) and
/// checked by a test against the HTTP triggers that exist.
/// </summary>
public sealed class OpenApiFunction
{
    private static readonly Lazy<string> Document = new(() =>
    {
        using var stream = typeof(OpenApiFunction).Assembly.GetManifestResourceStream("AutoBooking.Functions.OpenApi.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Json => Document.Value;

    [Function(nameof(OpenApiFunction))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new ContentResult { Content = Json, ContentType = "application/json", StatusCode = StatusCodes.Status200OK };
}
