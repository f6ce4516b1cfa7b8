using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace AutoBooking.WebTestHost;

/// <summary>
/// What the browser talks to, on two origins as in Azure. The app's origin (<see cref="WebTestEnvironment.FrontBase"/>):
/// <c>web/dist</c> with the SPA fallback to index.html, <c>/config.json</c> (contract §3) pointing at the sandbox and at
/// the API's origin, <c>/_test/*</c>. The API's origin (<see cref="WebTestEnvironment.ApiBase"/>): <c>/api/*</c> to the
/// worker's HTTP functions by their route templates and methods (a 404 problem when none matches), behind CORS as the
/// Function App's platform answers it (Bicep <c>siteConfig.cors</c>: the app's origin allowed, any requested header and
/// method, no credentials, and no exposed response headers, so the browser cannot read <c>ETag</c> or <c>Location</c>).
/// The worker never sees a preflight, as in Azure. <c>/api/*</c> answers on the app's origin too (same-origin callers:
/// the sandbox's webhooks, the tests' own requests).
/// </summary>
public static class FrontServer
{
    public static WebApplication Build(WebTestEnvironment environment, IReadOnlyList<WorkerHttpFunction> functions, WorkerForwarder forwarder, string webDist)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(forwarder);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).AddFilter((category, level) =>
            level >= LogLevel.Warning && category?.StartsWith("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal) != true);
        // Every log line goes to stderr: stdout carries only the ready line the tests wait for.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, environment.FrontBase.Port);
            kestrel.Listen(IPAddress.Loopback, environment.ApiBase.Port);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.WithOrigins(environment.Origin).AllowAnyHeader().AllowAnyMethod()));
        var app = builder.Build();
        // Before routing, as the platform's CORS sits in front of the host: a preflight never reaches a function.
        app.UseCors();
        app.UseRouting();

        foreach (var function in functions)
        {
            app.MapMethods($"/{WorkerFunctions.RoutePrefix}/{function.Route}", function.Methods, context => forwarder.ForwardAsync(context, function))
                .WithDisplayName(function.Name);
        }
        app.Map($"/{WorkerFunctions.RoutePrefix}/{{**rest}}", (HttpContext context) => Results.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"No function answers {context.Request.Method} {context.Request.Path}."));
        app.MapGet("/config.json", () => Results.Json(new
        {
            apiBaseUrl = environment.ApiOrigin + "/api",
            oidc = new { authority = environment.IdentityIssuer, clientId = "autobooking-web", scope = "openid profile offline_access" },
            stripe = new { publishableKey = "pk_test_sandbox", jsUrl = environment.StripeJsUrl },
            operatorRole = "autobooking.operator",
            roleClaim = "roles",
        }));
        app.MapTestControl(environment);

        if (Directory.Exists(webDist))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(webDist));
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });
        }
        else
        {
            app.MapFallback(() => Results.Text($"web/dist is not built ({webDist}): run npm run build in web/.", statusCode: StatusCodes.Status404NotFound));
        }
        return app;
    }
}
