using Microsoft.Extensions.DependencyInjection;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>Wraps the app's own registration of a port in a test decorator (fault injection at the port).</summary>
public static class ServiceDecoration
{
    public static void Decorate<T>(this IServiceCollection services, Func<T, IServiceProvider, T> wrap) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => wrap(Create<T>(original, sp), sp), original.Lifetime));
    }

    private static T Create<T>(ServiceDescriptor original, IServiceProvider sp) where T : class =>
        (T)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
}
