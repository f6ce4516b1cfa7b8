using AutoBooking.Functions.Operations;
using AutoBooking.Functions.Webhooks;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace AutoBooking.Functions.Auth;

/// <summary>
/// Worker middleware in front of every HTTP function: checks the bearer token once (<see cref="JwtAuthenticator"/>)
/// and answers 401 / 503 problem details before the function runs. Health, the OpenAPI document and the provider
/// webhooks (which verify the provider's signature instead) are anonymous. Each function still asks the
/// authenticator for its caller, which returns this request's cached result: a function invoked without the
/// middleware (as tests do) fails closed rather than open.
/// </summary>
public sealed class BearerAuthenticationMiddleware(JwtAuthenticator auth) : IFunctionsWorkerMiddleware
{
    /// <summary>HTTP functions that need no bearer token.</summary>
    public static IReadOnlySet<string> AnonymousFunctions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(HealthFunction), nameof(OpenApiFunction), nameof(StripeWebhookFunction), nameof(DuffelWebhookFunction),
    };

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.GetHttpContext();
        if (http is null || AnonymousFunctions.Contains(context.FunctionDefinition.Name))
        {
            await next(context);
            return;
        }
        var caller = await auth.AuthenticateAsync(http.Request);
        if (caller.UserId is null)
        {
            var denied = (ObjectResult)caller.Denied!;
            http.Response.StatusCode = denied.StatusCode ?? StatusCodes.Status401Unauthorized;
            http.Response.ContentType = "application/problem+json";
            await JsonSerializer.SerializeAsync(http.Response.Body, (ProblemDetails)denied.Value!, JsonSerializerOptions.Web,
                context.CancellationToken);
            return;
        }
        await next(context);
    }
}
