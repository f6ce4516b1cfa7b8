using System.Reflection;
using AutoBooking.Functions.Booking;
using AutoBooking.IntegrationTests.Support;
using Microsoft.Azure.Functions.Worker;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// The authorization matrix (<see cref="ApiEndpoints.All"/>) covers every HTTP trigger that needs a bearer token, and
/// nothing else: an endpoint added without a place in the matrix fails here. The anonymous ones are
/// <see cref="BearerAuthenticationMiddleware.AnonymousFunctions"/>.
/// </summary>
public sealed class ApiEndpointsCoverageTests
{
    [Fact]
    public void AuthorizationMatrix_ListsEveryAuthenticatedHttpTrigger()
    {
        var triggers = HttpTriggers().ToList();
        var authenticated = triggers.Where(t => !BearerAuthenticationMiddleware.AnonymousFunctions.Contains(t.Function))
            .Select(t => t.Endpoint).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(authenticated, ApiEndpoints.All.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(triggers.Count, triggers.Select(t => t.Endpoint).Distinct().Count());
        // Every anonymous function is a real HTTP trigger (a renamed one would otherwise need a token silently).
        Assert.All(BearerAuthenticationMiddleware.AnonymousFunctions, name => Assert.Contains(triggers, t => t.Function == name));
    }

    /// <summary>"METHOD /route" of each [Function] method with an HttpTrigger, one per HTTP method it accepts.</summary>
    private static IEnumerable<(string Function, string Endpoint)> HttpTriggers() =>
        typeof(BookingTasks).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>()?.Name,
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .SelectMany(x => (x.Trigger!.Methods ?? []).Select(verb => (x.Function!, $"{verb.ToUpperInvariant()} /{x.Trigger.Route}")));
}
