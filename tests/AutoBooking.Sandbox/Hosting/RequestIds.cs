namespace AutoBooking.Sandbox.Hosting;

/// <summary>The request id a gate assigned to the current request, for error bodies that repeat it.</summary>
internal static class RequestIds
{
    private const string ItemKey = "sandbox.request_id";

    public static void Assign(HttpContext context, string header, string requestId)
    {
        context.Items[ItemKey] = requestId;
        context.Response.Headers[header] = requestId;
    }

    public static string Of(HttpContext context) => context.Items[ItemKey] as string ?? "";
}
