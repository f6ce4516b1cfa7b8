using System.Text.RegularExpressions;
using AutoBooking.Functions.Api;
using AutoBooking.Functions.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Reconciliation;

/// <summary>
/// The operators' API (<c>/api/operator/attempts…</c>): attempts needing attention and what can be done about them.
/// Needs a bearer token whose role claim holds <see cref="AuthOptions.OperatorRole"/> (401 without a valid token, 403
/// without the role); every action is audited in trip events with <c>operator:&lt;sub&gt;</c> as actor.
/// </summary>
public sealed partial class OperatorAttemptsFunction(JwtAuthenticator auth, IOptions<AuthOptions> authOptions, OperatorActions operators)
{
    [Function("ListAttemptsNeedingAttentionFunction")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operator/attempts")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (_, denied) = await OperatorAsync(request);
        return denied ?? new OkObjectResult(new { items = await operators.ListAsync(200, cancellationToken) });
    }

    [Function("ReconcileAttemptFunction")]
    public Task<IActionResult> Reconcile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/attempts/{attemptId}/reconcile")] HttpRequest request, string attemptId,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        RunAsync(request, attemptId, (id, actor) => operators.ReconcileAsync(id, actor, durable, cancellationToken));

    [Function("ReleaseAttemptHoldFunction")]
    public Task<IActionResult> Release(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/attempts/{attemptId}/release")] HttpRequest request, string attemptId,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        RunAsync(request, attemptId, (id, actor) => operators.ReleaseAsync(id, actor, durable, cancellationToken));

    [Function("RefundAttemptFunction")]
    public Task<IActionResult> Refund(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/attempts/{attemptId}/refund")] HttpRequest request, string attemptId,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        // Without a body, no override: a malformed body is refused, never read as one.
        RunWithOptionalBodyAsync(request, attemptId, ReadOverrideReasonAsync,
            (id, actor, overrideReason) => operators.RefundAsync(id, overrideReason, actor, durable, cancellationToken), cancellationToken);

    /// <summary><c>{"overrideReason"}</c>: 10 to 500 characters of text without control characters, or the problem to answer.</summary>
    private static async Task<(string? Reason, IActionResult? Problem)> ReadOverrideReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RefundRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        var reason = body!.OverrideReason?.Trim();
        return reason is { Length: >= 10 and <= 500 } && !reason.Any(char.IsControl)
            ? (reason, null)
            : (null, Problems.Validation(new Dictionary<string, string[]> { ["/overrideReason"] = ["Must say why, in 10 to 500 characters without control characters."] }));
    }

    [Function("CancelAttemptOrderFunction")]
    public Task<IActionResult> CancelOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/attempts/{attemptId}/cancel-order")] HttpRequest request, string attemptId,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        // Without a body, the attempt's own order (recorded, or found by its metadata); a malformed body must not fall
        // back to cancelling whatever the attempt has.
        RunWithOptionalBodyAsync(request, attemptId, ReadOrderIdAsync,
            (id, actor, orderId) => operators.CancelOrderAsync(id, orderId, actor, durable, cancellationToken), cancellationToken);

    [Function("RecordAttemptBookingFunction")]
    public async Task<IActionResult> RecordBooking(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operator/attempts/{attemptId}/record-booking")] HttpRequest request, string attemptId,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (actor, denied) = await OperatorAsync(request);
        if (denied is not null)
        {
            return denied;
        }
        var (orderId, problem) = await ReadOrderIdAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        return Guid.TryParse(attemptId, out var id) ? Map(await operators.RecordBookingAsync(id, orderId!, actor!, durable, cancellationToken)) : Problems.NotFound();
    }

    /// <summary><c>{"orderId"}</c>, a Duffel order id as a whole value (it goes into Duffel's URL path), or the problem to answer.</summary>
    private static async Task<(string? OrderId, IActionResult? Problem)> ReadOrderIdAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RecordOrderRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        return body!.OrderId is { } orderId && DuffelOrderId().IsMatch(orderId)
            ? (orderId, null)
            : (null, Problems.Validation(new Dictionary<string, string[]> { ["/orderId"] = ["Must be a Duffel order id: ord_ and up to 64 letters or digits."] }));
    }

    /// <summary>
    /// An action with an optional JSON body: absent (no Content-Length, or 0), the action gets null; present, it is read
    /// strictly by <paramref name="read"/> and a problem is answered as is, before the attempt is touched.
    /// </summary>
    private async Task<IActionResult> RunWithOptionalBodyAsync(HttpRequest request, string attemptId,
        Func<HttpRequest, CancellationToken, Task<(string? Value, IActionResult? Problem)>> read,
        Func<Guid, string, string?, Task<OperatorResult>> act, CancellationToken cancellationToken)
    {
        var (actor, denied) = await OperatorAsync(request);
        if (denied is not null)
        {
            return denied;
        }
        var (value, problem) = request.ContentLength is null or 0 ? (null, null) : await read(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        return Guid.TryParse(attemptId, out var id) ? Map(await act(id, actor!, value)) : Problems.NotFound();
    }

    private async Task<IActionResult> RunAsync(HttpRequest request, string attemptId, Func<Guid, string, Task<OperatorResult>> act)
    {
        var (actor, denied) = await OperatorAsync(request);
        if (denied is not null)
        {
            return denied;
        }
        return Guid.TryParse(attemptId, out var id) ? Map(await act(id, actor!)) : Problems.NotFound();
    }

    /// <summary>The operator's actor name, or the problem to answer: 401 without a valid token, 403 without the operator role.</summary>
    private async Task<(string? Actor, IActionResult? Denied)> OperatorAsync(HttpRequest request)
    {
        var caller = await auth.AuthenticateAsync(request);
        if (caller.UserId is not { } userId)
        {
            return (null, caller.Denied!);
        }
        return caller.Roles.Contains(authOptions.Value.OperatorRole) ? ("operator:" + userId, null) : (null, Problems.Forbidden());
    }

    private static IActionResult Map(OperatorResult result) => result.Outcome switch
    {
        OperatorOutcome.Done => new OkObjectResult(result.Body),
        OperatorOutcome.NotFound => Problems.NotFound(),
        OperatorOutcome.ProviderUnavailable => Problems.ProviderUnavailable(result.Detail!),
        _ => Problems.OperatorConflict(result.Reason!, result.Detail!),
    };

    [GeneratedRegex(@"\Aord_[A-Za-z0-9]{1,64}\z")]
    private static partial Regex DuffelOrderId();
}
