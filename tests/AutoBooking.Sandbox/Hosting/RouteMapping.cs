namespace AutoBooking.Sandbox.Hosting;

/// <summary>
/// Maps handlers of the form <c>HttpContext → IResult</c> as plain request delegates. Doing it explicitly keeps
/// a method group returning <c>Task&lt;IResult&gt;</c> from binding to the RequestDelegate overload of
/// MapGet/MapPost, which would silently drop the result.
/// </summary>
internal static class RouteMapping
{
    public static void MapReply(this IEndpointRouteBuilder routes, string method, string pattern, Func<HttpContext, Task<IResult>> handler) =>
        routes.MapMethods(pattern, [method], async context => await (await handler(context)).ExecuteAsync(context));

    public static void MapReply(this IEndpointRouteBuilder routes, string method, string pattern, Func<HttpContext, IResult> handler) =>
        routes.MapMethods(pattern, [method], context => handler(context).ExecuteAsync(context));

    /// <summary>Anything under the group that no route matched, answered in the provider's own error shape.</summary>
    public static void MapUnmatched(this IEndpointRouteBuilder routes, Func<HttpContext, IResult> handler) =>
        routes.MapFallback("{**path}", context => handler(context).ExecuteAsync(context));

    public static string RouteId(this HttpContext context) => context.GetRouteValue("id") as string ?? "";
}
