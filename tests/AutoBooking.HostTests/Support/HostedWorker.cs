namespace AutoBooking.HostTests.Support;

/// <summary>One worker process for every test class of the collection (starting one costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class HostedWorker : ICollectionFixture<FunctionsHostFixture>
{
    public const string Name = "worker over the host protocol";
}
