using System.Reflection;
using System.Text.RegularExpressions;
using AutoBooking.IntegrationTests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// One list of the saga's tasks (<see cref="BookingTasks.Activities"/>): every activity in it has a trigger adapter in
/// <see cref="BookingTriggers"/> named after it, taking its input and returning its output, and every activity
/// trigger adapter runs an activity of the list; the DI registrations follow the same list. The saga calls each of them
/// through its typed call (<c>SagaCalls</c>: the compiler checks input and output against the activity class), and
/// never by name.
/// </summary>
public sealed class BookingRegistryTests
{
    private static readonly IReadOnlyList<(string Name, MethodInfo Method)> Triggers = TriggerAdapters.Triggers();

    [Fact]
    public void Activities_EachHasATriggerOfItsName_WithItsInputAndOutput()
    {
        foreach (var activity in BookingTasks.Activities)
        {
            var (input, output) = InputAndOutputOf(activity);
            var trigger = Assert.Single(Triggers, t => t.Name == BookingTasks.NameOf(activity)).Method;
            var parameter = Assert.Single(trigger.GetParameters(), p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
            Assert.Equal(input, parameter.ParameterType);
            Assert.Equal(typeof(Task<>).MakeGenericType(output), trigger.ReturnType);
        }
    }

    [Fact]
    public void RenamedActivities_KeepTheNamesSagasRecorded_OthersAreNamedAfterTheirClass()
    {
        // Sagas in flight at a deploy replay their history, which names the activities they scheduled.
        Assert.Equal("CheckPipelineActivity", BookingTasks.NameOf(typeof(CheckKillSwitchActivity)));
        Assert.Equal("ReconcileOrderActivity", BookingTasks.NameOf(typeof(LookUpOrderActivity)));
        Assert.All(BookingTasks.Activities.Where(a => a != typeof(CheckKillSwitchActivity) && a != typeof(LookUpOrderActivity)),
            a => Assert.Equal(a.Name, BookingTasks.NameOf(a)));
        Assert.Equal(BookingTasks.Activities.Count, BookingTasks.Activities.Select(BookingTasks.NameOf).Distinct().Count());
    }

    [Fact]
    public void Triggers_EachRunsAListedTask_AndNoneIsListedTwice()
    {
        var activityTriggers = Triggers
            .Where(t => t.Method.GetParameters().Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null))
            .Select(t => t.Name).Order().ToList();
        var orchestrationTriggers = Triggers
            .Where(t => t.Method.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null))
            .Select(t => t.Name).ToList();

        Assert.Equal(BookingTasks.Activities.Select(BookingTasks.NameOf).Order(), activityTriggers);
        Assert.Equal(BookingTasks.Activities.Count, BookingTasks.Activities.Distinct().Count());
        Assert.Equal([BookingTasks.Orchestrator.Name], orchestrationTriggers);
        Assert.Equal(Triggers.Count, activityTriggers.Count + orchestrationTriggers.Count);
    }

    [Fact]
    public void AddBookingActivities_RegistersEveryListedActivity()
    {
        var services = new ServiceCollection().AddBookingActivities();

        Assert.Equal(BookingTasks.Activities.ToHashSet(), services.Select(d => d.ServiceType).ToHashSet());
        Assert.All(BookingTasks.Activities, a => Assert.True(typeof(ITaskActivity).IsAssignableFrom(a), a.Name));
    }

    [Fact]
    public void Activities_AreSagaActivities_SoTheTypedCallChecksTheirTypes()
    {
        foreach (var activity in BookingTasks.Activities)
        {
            var (input, output) = InputAndOutputOf(activity);
            Assert.True(typeof(SagaActivity<,>).MakeGenericType(input, output).IsAssignableFrom(activity), activity.Name);
        }
    }

    [Fact]
    public void Saga_CallsEveryListedActivityTypedAndNoneByName()
    {
        var saga = SagaSource();

        Assert.DoesNotContain("CallActivityAsync", saga, StringComparison.Ordinal);
        // CallAsync / CallOnceAsync directly, or through TryAsync / SettleAsync (which call CallAsync with their own).
        var called = Regex.Matches(saga, @"\b(?:CallAsync|CallOnceAsync|TryAsync|SettleAsync)<(\w+)\b").Select(m => m.Groups[1].Value)
            .Where(name => name != "TActivity").ToHashSet();
        Assert.Equal(BookingTasks.Activities.Select(a => a.Name).Order(), called.Order());
    }

    [Fact]
    public void Saga_PostsOrdersHoldsAndHoldPaymentsOnce_AndRetriesNothingElseThatWay()
    {
        // Duffel orders, holds and hold payments carry no idempotency key: a retried post could buy, hold or pay twice.
        var once = Regex.Matches(SagaSource(), @"\bCallOnceAsync<(\w+)\b").Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(["CreateOrderActivity", "HoldFareActivity", "PayHeldFareActivity"], once.Order());
    }

    private static string SagaSource()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AutoBooking.sln")))
        {
            directory = directory.Parent;
        }
        var booking = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("AutoBooking.sln not found above the test binaries."),
            "functions", "AutoBooking.Functions", "Booking");
        var files = Directory.GetFiles(booking, "BookingSaga*.cs").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        return string.Join("\n", files.Select(File.ReadAllText));
    }

    private static (Type Input, Type Output) InputAndOutputOf(Type activity)
    {
        for (var type = activity; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(TaskActivity<,>))
            {
                var arguments = type.GetGenericArguments();
                return (arguments[0], arguments[1]);
            }
        }
        throw new InvalidOperationException($"{activity.Name} is not a TaskActivity<TInput, TOutput>.");
    }
}
