using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.IntegrationTests;

/// <summary>The published OpenAPI document describes exactly the HTTP routes that exist.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public void Document_DescribesEveryHttpTriggerAndNothingElse()
    {
        var triggers = typeof(OpenApiFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .SelectMany(a => a.Methods!.Select(verb => $"{verb.ToUpperInvariant()} /{a.Route}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        using var document = JsonDocument.Parse(OpenApiFunction.Json);
        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(triggers.Count >= 12, string.Join(", ", triggers));
        Assert.Equal(triggers, documented);
    }

    [Fact]
    public void Document_EveryReferenceResolves()
    {
        using var document = JsonDocument.Parse(OpenApiFunction.Json);
        var references = new List<string>();
        Collect(document.RootElement, references);

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var node = document.RootElement;
            foreach (var segment in reference.TrimStart('#', '/').Split('/'))
            {
                Assert.True(node.TryGetProperty(segment, out node), $"{reference} does not resolve");
            }
        }
    }

    [Fact]
    public void Function_ServesTheDocumentAsJson()
    {
        var result = Assert.IsType<ContentResult>(new OpenApiFunction().Run(null!));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("application/json", result.ContentType);
        Assert.Equal("3.1.0", JsonDocument.Parse(result.Content!).RootElement.GetProperty("openapi").GetString());
    }

    private static void Collect(JsonElement element, List<string> references)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "$ref")
                {
                    references.Add(property.Value.GetString()!);
                }
                Collect(property.Value, references);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, references);
            }
        }
    }
}
