extern alias hosttests;
using System.Text.Json;
using hosttests::AutoBooking.HostTests.Rpc;
using hosttests::AutoBooking.HostTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace AutoBooking.WebTestHost;

/// <summary>
/// Serves one HTTP request the way the Functions host does with ASP.NET Core integration: forwards it (method, path,
/// query, headers, body) to the worker's HttpUri with the invocation id in <c>x-ms-invocation-id</c>, sends the
/// InvocationRequest for the same id (the trigger as RpcHttp, route values as trigger metadata, and for every
/// <c>durableClient</c> binding the JSON the Durable extension sends), and streams the worker's answer back.
/// </summary>
public sealed class WorkerForwarder(FunctionsHostFixture host, string durableClientData) : IDisposable
{
    // Hop-by-hop headers (RFC 9110 7.6.1) are the connection's, not the message's.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        BaseAddress = host.HttpUri,
        Timeout = FunctionsHostFixture.InvocationTimeout,
    };

    /// <summary>
    /// The binding data the Durable extension (WebJobs side) hands a worker for a <c>durableClient</c> input: where its
    /// Durable Task gRPC endpoint is and which task hub. Shape: Worker.Extensions.DurableTask's DurableTaskClientConverter.
    /// </summary>
    public static string DurableClientData(int durablePort, string taskHubName, Uri frontBase) => JsonSerializer.Serialize(new
    {
        taskHubName,
        connectionName = "Storage",
        creationUrls = new { },
        managementUrls = new { },
        baseUrl = new Uri(frontBase, "runtime/webhooks/durabletask").ToString(),
        requiredQueryStringParameters = "",
        rpcBaseUrl = $"http://127.0.0.1:{durablePort}/",
        httpBaseUrl = new Uri(frontBase, "runtime/webhooks/durabletask").ToString(),
    });

    public async Task ForwardAsync(HttpContext context, WorkerHttpFunction function)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(function);
        var invocationId = Guid.NewGuid().ToString();
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.QueryString);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }
        var rpcHttp = new RpcHttp { Method = request.Method, Url = request.GetDisplayUrl() };
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
            rpcHttp.Headers[name.ToLowerInvariant()] = values.ToString();
        }
        foreach (var (name, values) in request.Query)
        {
            rpcHttp.Query[name] = values.ToString();
        }
        message.Headers.Add(FunctionsHostFixture.InvocationIdHeader, invocationId);

        var inputs = new List<ParameterBinding> { new() { Name = function.TriggerBinding, Data = new TypedData { Http = rpcHttp } } };
        inputs.AddRange(function.DurableClientBindings.Select(name => new ParameterBinding { Name = name, Data = new TypedData { String = durableClientData } }));
        // Route values reach the function's parameters (string id) as trigger metadata, as the host sends them.
        var metadata = request.RouteValues.Where(v => v.Value is not null)
            .ToDictionary(v => v.Key, v => new TypedData { String = Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) });
        metadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(rpcHttp.Query) };
        metadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(rpcHttp.Headers) };

        var forwarded = http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        var invocation = host.InvokeAsync(function.Name, inputs, metadata, invocationId);
        using var response = await forwarded;
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(header.Key))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }
        await using (var body = await response.Content.ReadAsStreamAsync(context.RequestAborted))
        {
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        var answer = await invocation;
        if (answer.Result.Status != StatusResult.Types.Status.Success)
        {
            Console.Error.WriteLine($"[webtesthost] {function.Name} invocation {invocationId} ended {answer.Result.Status}: {answer.Result.Exception?.Message}");
        }
    }

    public void Dispose() => http.Dispose();
}
