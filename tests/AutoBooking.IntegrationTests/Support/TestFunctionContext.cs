using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// A function invocation as the worker hands it to middleware: the function's name and, for an HTTP trigger, the
/// request's <see cref="HttpContext"/> under the key the ASP.NET Core integration uses.
/// </summary>
public sealed class TestFunctionContext : FunctionContext
{
    public TestFunctionContext(string functionName, HttpContext? http, IServiceProvider services)
    {
        FunctionDefinition = new Definition(functionName);
        InstanceServices = services;
        if (http is not null)
        {
            Items["HttpRequestContext"] = http;
        }
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId => FunctionDefinition.Id;
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override BindingContext BindingContext => throw new NotSupportedException();
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IServiceProvider InstanceServices { get; set; }
    public override FunctionDefinition FunctionDefinition { get; }
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features => throw new NotSupportedException();

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => typeof(Functions.Auth.JwtAuthenticator).Assembly.Location;
        public override string EntryPoint => name;
        public override string Id => name;
        public override string Name => name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
