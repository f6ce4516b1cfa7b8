namespace AutoBooking.Sandbox.Hosting;

/// <summary>One line per request when running standalone, so a developer sees what the app called.</summary>
internal static partial class RequestLog
{
    public static async Task LogAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AutoBooking.Sandbox");
        Handled(logger, context.Request.Method, context.Request.Path + context.Request.QueryString, context.Response.StatusCode);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} → {StatusCode}")]
    private static partial void Handled(ILogger logger, string method, string path, int statusCode);
}
