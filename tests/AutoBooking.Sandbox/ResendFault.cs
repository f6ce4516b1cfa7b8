namespace AutoBooking.Sandbox;

/// <summary>How the next Resend send goes wrong; see <see cref="Faults.FailNextEmails"/>. No email is sent either way.</summary>
public enum ResendFault
{
    /// <summary>429 <c>rate_limit_exceeded</c> with <c>retry-after</c> (whole seconds of <see cref="Faults.RateLimitReset"/>).</summary>
    RateLimited,

    /// <summary>500 <c>internal_server_error</c>.</summary>
    ServerError,

    /// <summary>422 <c>validation_error</c>: Resend refuses the request as it is (a permanent error; resending cannot help).</summary>
    ValidationError,
}
