using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.DurableTask;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>
/// Runs the saga in the in-process Durable engine the way the Functions host runs it: every orchestration and activity
/// goes through the function trigger adapters of <see cref="BookingTriggers"/> (found by their <c>[Function]</c>
/// attributes, so the triggers are the one list), each activity with its own <see cref="FunctionContext"/> over a
/// per-invocation service scope; and every input and output crosses the engine through the data converter the worker
/// itself builds: the Durable extension's shim over the worker's <see cref="WorkerOptions.Serializer"/>.
/// </summary>
public static class TriggerAdapters
{
    /// <summary>
    /// Registers one Durable task per trigger adapter of <see cref="BookingTriggers"/>; <paramref name="invoked"/> hears the
    /// name of each function the engine invokes.
    /// </summary>
    public static DurableTaskRegistry AddBookingTriggers(this DurableTaskRegistry registry, Action<string>? invoked = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var (name, method) in Triggers())
        {
            var parameters = method.GetParameters();
            if (parameters.Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null))
            {
                registry.AddOrchestrator(name, () => new OrchestrationTriggerTask(name, method, invoked));
            }
            else
            {
                var input = parameters.Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
                registry.AddActivity(name, services => new ActivityTriggerTask(name, method, input.ParameterType, services, invoked));
            }
        }
        return registry;
    }

    /// <summary>
    /// The data converter of the worker: built by the worker's own registrations (<c>AddFunctionsWorkerDefaults</c>, the
    /// call <c>FunctionsApplication.CreateBuilder</c> makes) and the Durable extension's start-up, which the host runs
    /// from the worker's generated startup executor.
    /// </summary>
    public static DataConverter WorkerDataConverter()
    {
        var services = new ServiceCollection();
        var builder = services.AddFunctionsWorkerDefaults();
        new DurableTaskExtensionStartup().Configure(builder);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
    }

    /// <summary>The engine's worker and client serialize with the worker's data converter.</summary>
    public static IServiceCollection UseWorkerDataConverter(this IServiceCollection services)
    {
        var converter = WorkerDataConverter();
        services.PostConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
        services.PostConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = converter);
        return services;
    }

    public static IReadOnlyList<(string Name, MethodInfo Method)> Triggers() => typeof(BookingTriggers)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Select(m => (Name: m.GetCustomAttribute<FunctionAttribute>()?.Name!, Method: m))
        .Where(t => t.Name is not null)
        .ToList();

    private static Type OrchestratorInputType()
    {
        var type = BookingTasks.Orchestrator;
        while (type is not null && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>)))
        {
            type = type.BaseType;
        }
        return type?.GetGenericArguments()[0] ?? throw new InvalidOperationException("The saga's orchestrator is not a TaskOrchestrator<TInput, TOutput>.");
    }

    private static async Task<object?> ResultOf(object? returned)
    {
        // No ConfigureAwait(false): an orchestrator's continuations must stay on the engine's orchestration scheduler.
        var task = (Task)returned!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }

    private static object? Invoke(MethodInfo method, object?[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private sealed class OrchestrationTriggerTask(string name, MethodInfo method, Action<string>? invoked) : ITaskOrchestrator
    {
        // The host hands the orchestrator function its context only and the adapter reads its input from it, as the
        // orchestrator class's input type; this engine's context hands out the input it deserialized as InputType.
        public Type InputType { get; } = OrchestratorInputType();

        public Type OutputType => method.ReturnType.GetGenericArguments()[0];

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
        {
            invoked?.Invoke(name);
            return ResultOf(Invoke(method, [context]));
        }
    }

    private sealed class ActivityTriggerTask(string name, MethodInfo method, Type inputType, IServiceProvider services, Action<string>? invoked) : ITaskActivity
    {
        public Type InputType => inputType;

        public Type OutputType => method.ReturnType.GetGenericArguments()[0];

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            invoked?.Invoke(name);
            // The worker gives each invocation its own scope as the function context's InstanceServices.
            await using var scope = services.CreateAsyncScope();
            var function = new TestFunctionContext(name, null, scope.ServiceProvider);
            var arguments = method.GetParameters().Select(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null ? input
                : p.ParameterType == typeof(FunctionContext) ? function
                : p.Name == "instanceId" ? context.InstanceId
                : throw new InvalidOperationException($"The trigger {name} binds {p.Name}, which the host would not supply.")).ToArray();
            return await ResultOf(Invoke(method, arguments));
        }
    }
}
