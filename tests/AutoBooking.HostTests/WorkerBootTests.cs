using System.Text.Json;
using AutoBooking.HostTests.Rpc;
using AutoBooking.HostTests.Support;

namespace AutoBooking.HostTests;

/// <summary>
/// The built worker starts the way the Functions host starts it and completes the host's handshake: it connects,
/// initializes, reports exactly the functions of its built <c>functions.metadata</c>, and loads every one of them.
/// </summary>
[Collection(HostedWorker.Name)]
public sealed class WorkerBootTests(FunctionsHostFixture host)
{
    [Fact]
    public void StartStream_WorkerConnects_WithTheWorkerIdTheHostGaveIt()
    {
        Assert.Equal(host.WorkerId, host.StartStream.WorkerId);
    }

    [Fact]
    public void WorkerInit_Succeeds_AndReportsItsAspNetCoreEndpoint()
    {
        Assert.Equal(StatusResult.Types.Status.Success, host.InitResponse.Result.Status);
        Assert.True(host.InitResponse.Capabilities.TryGetValue("HttpUri", out var httpUri), "no HttpUri capability" + host.Diagnostics());
        var uri = new Uri(httpUri);
        Assert.True(uri.IsLoopback, $"the worker's HTTP endpoint {uri} is not on loopback");
        Assert.Equal(".NET", host.InitResponse.WorkerMetadata.RuntimeName);
        Assert.NotEmpty(host.InitResponse.WorkerMetadata.WorkerVersion);
    }

    [Fact]
    public void FunctionsMetadata_MatchesTheBuiltFunctionsMetadataFile()
    {
        Assert.Equal(StatusResult.Types.Status.Success, host.MetadataResponse.Result.Status);
        Assert.False(host.MetadataResponse.UseDefaultMetadataIndexing, "the worker asked the host to index it instead");
        var built = BuiltFunctions();
        var reported = host.MetadataResponse.FunctionMetadataResults.ToDictionary(f => f.Name);

        Assert.Equal(built.Keys.Order(StringComparer.Ordinal), reported.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, file) in built)
        {
            var function = reported[name];
            Assert.Equal(file.GetProperty("entryPoint").GetString(), function.EntryPoint);
            Assert.Equal(file.GetProperty("scriptFile").GetString(), Path.GetFileName(function.ScriptFile));
            Assert.Equal("dotnet-isolated", function.Language);
            var fileBindings = file.GetProperty("bindings").EnumerateArray().Select(HostBindings.Shape).OrderBy(b => b.Name, StringComparer.Ordinal);
            var workerBindings = function.RawBindings.Select(HostBindings.Parse).OrderBy(b => b.Name, StringComparer.Ordinal);
            Assert.Equal(fileBindings, workerBindings);
        }
    }

    [Fact]
    public void FunctionsMetadata_IncludesEveryKindOfTrigger()
    {
        var triggers = host.MetadataResponse.FunctionMetadataResults
            .ToDictionary(f => f.Name, f => host.TriggerBinding(f.Name) is var name ? f.RawBindings.Select(HostBindings.Parse).Single(b => b.Name == name).Type : "");
        Assert.Equal("httpTrigger", triggers["CreateTripFunction"]);
        Assert.Equal("queueTrigger", triggers["SearchTripFunction"]);
        Assert.Equal("timerTrigger", triggers["MonitorSweepFunction"]);
        Assert.Equal("orchestrationTrigger", triggers["BookTripOrchestrator"]);
    }

    [Fact]
    public void FunctionLoad_EveryReportedFunctionLoads()
    {
        Assert.Equal(host.MetadataResponse.FunctionMetadataResults.Count, host.LoadResponses.Count);
        var failed = host.LoadResponses.Where(r => r.Result.Status != StatusResult.Types.Status.Success)
            .Select(r => $"{r.FunctionId}: {r.Result.Exception?.Message}").ToList();
        Assert.True(failed.Count == 0, string.Join('\n', failed) + host.Diagnostics());
    }

    private Dictionary<string, JsonElement> BuiltFunctions()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(host.AppDirectory, "functions.metadata")));
        return file.RootElement.EnumerateArray().Select(f => f.Clone()).ToDictionary(f => f.GetProperty("name").GetString()!);
    }
}
