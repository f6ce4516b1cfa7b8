namespace AutoBooking.IntegrationTests.Support;

/// <summary>Where <see cref="ProviderSwitch"/> kills the saga's process: the orchestration is terminated there, mid-step.</summary>
public enum CrashPoint
{
    None,

    /// <summary>The hold exists; the order is never posted.</summary>
    BeforeOrder,

    /// <summary>The order exists; the money is never captured.</summary>
    BeforeCapture,

    /// <summary>The money is captured at Stripe, but the worker dies before recording it.</summary>
    AfterCapture,

    /// <summary>Stripe holds the money, but the worker dies before the PaymentIntent's id is recorded.</summary>
    AfterAuthorize,
}
