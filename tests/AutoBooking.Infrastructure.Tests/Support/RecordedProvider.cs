using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AutoBooking.Infrastructure.Tests.Support;

/// <summary>
/// Plays a provider from recorded responses (JSON files under <c>Contracts/</c>, shaped like the providers'
/// documentation): each request must be the next one the test scripted (method and path), gets that canned
/// answer, and is recorded with its headers and body for the test to inspect. A request nobody scripted fails
/// the test instead of reaching the network.
/// </summary>
public sealed class RecordedProvider : HttpMessageHandler
{
    private readonly ConcurrentQueue<Scripted> script = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>Scripts the next answer: <paramref name="file"/> is relative to Contracts/ (null for an empty body).</summary>
    public RecordedProvider Expect(HttpMethod method, string path, HttpStatusCode status, string? file, params (string Name, string Value)[] headers)
    {
        script.Enqueue(new Scripted(method, path, status, file, headers));
        return this;
    }

    public static string Contract(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", file));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Headers, request.Content?.Headers, body));
        Assert.True(script.TryDequeue(out var next), $"Unscripted request {request.Method} {request.RequestUri}");
        Assert.Equal(next.Method, request.Method);
        Assert.Equal(next.Path, request.RequestUri!.AbsolutePath);

        var response = new HttpResponseMessage(next.Status)
        {
            RequestMessage = request,
            Content = new StringContent(next.File is null ? "" : Contract(next.File), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in next.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }
        return response;
    }

    private sealed record Scripted(HttpMethod Method, string Path, HttpStatusCode Status, string? File, (string Name, string Value)[] Headers);
}
