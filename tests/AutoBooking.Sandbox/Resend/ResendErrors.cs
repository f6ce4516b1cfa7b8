using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Resend;

/// <summary>Resend's error shape: <c>{"statusCode":422,"name":"validation_error","message":"..."}</c>.</summary>
internal static class ResendErrors
{
    public static IResult Reply(int status, string name, string message) =>
        Wire.Json(new JsonObject { ["statusCode"] = status, ["name"] = name, ["message"] = message }, status);

    public static IResult Validation(string message) => Reply(StatusCodes.Status422UnprocessableEntity, "validation_error", message);
}
