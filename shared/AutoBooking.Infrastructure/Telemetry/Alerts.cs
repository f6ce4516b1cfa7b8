using Microsoft.Extensions.Logging;

namespace AutoBooking.Infrastructure.Telemetry;

/// <summary>
/// Every alert the app raises, listed once. Each is one log line: its <c>[LoggerMessage]</c> takes <c>Id</c>,
/// <c>Level</c> and <c>Message</c> from here, the Azure alert rule of the same <c>Name</c> in infra/modules/alerts.bicep
/// matches the message's fixed start with <c>Severity</c> (0 critical .. 4 verbose), and the README runbook tells the
/// on-call engineer what to do. Ids and messages are unique, and no other log line starts like an alert, so an alert is
/// told apart by its id and by its text (Application Insights keeps the rendered message; rules query that). Tests hold
/// the log lines, the rules and the runbook to this list.
/// </summary>
public static class Alerts
{
    /// <summary>Every alert, by id.</summary>
    public static IReadOnlyList<AlertDefinition> All { get; } =
        [.. typeof(Alerts).GetNestedTypes().Select(AlertDefinition.Of).OrderBy(a => a.Id)];

    /// <summary>The saga stopped with the money at most held and flagged the attempt (FlagAttemptActivity).</summary>
    public static class NeedsAttention
    {
        public const int Id = 9001;
        public const string Name = "booking-needs-attention";
        public const LogLevel Level = LogLevel.Critical;
        public const int Severity = 0;
        public const string Message = "ALERT booking attempt {AttemptId} needs attention: {FailureCode} ({CorrelationId})";
    }

    /// <summary>Even recording the attempt's end failed; its orchestration ends and the reconciler settles it (BookingSaga).</summary>
    public static class NotSettled
    {
        public const int Id = 9002;
        public const string Name = "booking-not-settled";
        public const LogLevel Level = LogLevel.Critical;
        public const int Severity = 0;
        public const string Message = "ALERT saga could not settle booking attempt {AttemptId} ({FailureCode}): {ErrorType}; left to the reconciler";
    }

    /// <summary>A saga died and a provider could not be asked about its attempt (AttemptReconciler).</summary>
    public static class ReconcilerNeedsAttention
    {
        public const int Id = 9003;
        public const string Name = "reconciler-needs-attention";
        public const LogLevel Level = LogLevel.Critical;
        public const int Severity = 0;
        public const string Message = "ALERT reconciler flagged booking attempt {AttemptId} needs attention: {FailureCode} (its saga is gone; {Blocker})";
    }

    /// <summary>A card hold is old and still unsettled; the card network drops it at about 5 days (AttemptReconciler).</summary>
    public static class HoldEscalated
    {
        public const int Id = 9004;
        public const string Name = "card-hold-escalated";
        public const LogLevel Level = LogLevel.Critical;
        public const int Severity = 1;
        public const string Message = "ALERT card hold of attempt {AttemptId} is {HoldAgeHours} h old and unsettled (order {OrderState}); settle it before the card network drops it";
    }

    /// <summary>The database misses migrations this build needs; health answers 503 (StartupTasks).</summary>
    public static class SchemaBehind
    {
        public const int Id = 9101;
        public const string Name = "schema-behind";
        public const LogLevel Level = LogLevel.Critical;
        public const int Severity = 1;
        public const string Message = "Database schema is behind this build: {PendingCount} migration(s) pending (latest {LatestScript}); run the migrate step. Health answers 503 until then";
    }

    /// <summary>Postgres did not answer at start-up, so the schema was not checked (StartupTasks).</summary>
    public static class PostgresUnreachableAtStart
    {
        public const int Id = 9102;
        public const string Name = "postgres-unreachable-at-start";
        public const LogLevel Level = LogLevel.Critical;
        public const int Severity = 1;
        public const string Message = "Postgres unreachable at start-up: schema not checked. The worker runs; health answers 503 until Postgres answers";
    }

    /// <summary>A traveler email was given up (OutboxDispatcher).</summary>
    public static class EmailGivenUp
    {
        public const int Id = 9201;
        public const string Name = "traveler-email-given-up";
        public const LogLevel Level = LogLevel.Critical;
        public const int Severity = 2;
        public const string Message = "ALERT traveler email given up: {OutboxId} ({Kind}) of trip {TripId} will not be sent: {Error} after {SendCount} tries";
    }

    /// <summary>A traveler email is still unsent long after its state change (OutboxDispatcher).</summary>
    public static class EmailOverdue
    {
        public const int Id = 9202;
        public const string Name = "traveler-email-overdue";
        public const LogLevel Level = LogLevel.Critical;
        public const int Severity = 2;
        public const string Message = "ALERT traveler email overdue: {OutboxId} ({Kind}) of trip {TripId} still unsent after {Minutes} minutes ({SendCount} tries, last error {Error})";
    }

    /// <summary>A stage's message failed every delivery and reached its poison queue (PoisonMessages).</summary>
    public static class PoisonMessage
    {
        public const int Id = 9301;
        public const string Name = "poison-message";
        public const LogLevel Level = LogLevel.Critical;
        public const int Severity = 1;
        public const string Message = "ALERT poison message on {Queue} for trip {TripId}";
    }

    /// <summary>A provider webhook failed verification; a burst usually means a rotated secret (WebhookHandler).</summary>
    public static class WebhookRejected
    {
        public const int Id = 9401;
        public const string Name = "webhook-rejections";
        public const LogLevel Level = LogLevel.Warning;
        public const int Severity = 2;
        public const string Message = "Rejected a {Provider} webhook: {Status}";
    }

    /// <summary>The API cannot read the identity provider's keys and answers 503 (JwtAuthenticator).</summary>
    public static class IdentityProviderKeys
    {
        public const int Id = 9701;
        public const string Name = "identity-provider-keys";
        public const LogLevel Level = LogLevel.Error;
        public const int Severity = 1;
        public const string Message = "Cannot fetch the identity provider's signing keys; answering 503";
    }

    /// <summary>Redis is down: provider searches run without the shared budget (ProviderRateLimiter).</summary>
    public static class RedisSearchBudget
    {
        public const int Id = 9501;
        public const string Name = "redis-unavailable-search-budget";
        public const LogLevel Level = LogLevel.Warning;
        public const int Severity = 3;
        public const string Message = "Redis unavailable: provider searches go on without the shared budget";
    }

    /// <summary>Redis is down: bookings start without the start lock, Postgres alone decides (TripLock).</summary>
    public static class RedisTripLock
    {
        public const int Id = 9502;
        public const string Name = "redis-unavailable-trip-lock";
        public const LogLevel Level = LogLevel.Warning;
        public const int Severity = 3;
        public const string Message = "Redis unavailable: starting the booking of trip {TripId} without the start lock (Postgres decides)";
    }

    /// <summary>A retention rule failed; the others still ran, and personal data may be kept past its time (RetentionJob).</summary>
    public static class RetentionFailed
    {
        public const int Id = 9601;
        public const string Name = "retention-failed";
        public const LogLevel Level = LogLevel.Error;
        public const int Severity = 2;
        public const string Message = "Retention failed for rule {Rule} after {Rows} rows in {Batches} batches";
    }
}
