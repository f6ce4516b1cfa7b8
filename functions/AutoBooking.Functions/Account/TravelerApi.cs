using AutoBooking.Core.Trips;
using AutoBooking.Functions.Api;
using AutoBooking.Infrastructure.Postgres;
using AutoBooking.Infrastructure.Security;

namespace AutoBooking.Functions.Account;

/// <summary>Traveler profiles behind the HTTP adapters: encrypted on the way in, decrypted for their owner only.</summary>
public sealed class TravelerApi(TravelerRepository travelers, PiiProtector pii, TimeProvider clock)
{
    /// <summary>A user's passengers are few; the cap bounds what one account can store.</summary>
    public const int MaxTravelersPerUser = 50;

    /// <summary>
    /// Stores the profile unless the owner already has <see cref="MaxTravelersPerUser"/>, or <paramref name="idempotency"/>'s
    /// key was used before (then the outcome names the first request's profile, or says the key was reused).
    /// </summary>
    public async Task<CreateOutcome> CreateAsync(string ownerId, Traveler traveler, IdempotencyClaim? idempotency, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Key claim, count and insert are one decision in the database, so concurrent creates cannot pass the cap.
        return await travelers.TryCreateAsync(Guid.CreateVersion7(now), ownerId, pii.Protect(traveler), now, MaxTravelersPerUser, idempotency,
            cancellationToken);
    }

    public async Task<PageResponse<TravelerResponse>> ListAsync(string ownerId, Paging paging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paging);
        var page = await travelers.ListAsync(ownerId, paging.Limit, paging.Cursor, cancellationToken);
        return new PageResponse<TravelerResponse>(page.Select(ToResponse).ToList(),
            page.Count == paging.Limit ? page[^1].Id.ToString() : null);
    }

    public async Task<TravelerResponse?> GetAsync(Guid id, string ownerId, CancellationToken cancellationToken) =>
        await travelers.GetAsync(id, ownerId, cancellationToken) is { } record ? ToResponse(record) : null;

    /// <summary>The updated profile, or null when there is no such profile for this owner or the version is stale.</summary>
    public async Task<TravelerResponse?> UpdateAsync(Guid id, string ownerId, Traveler traveler, int? expectedVersion, CancellationToken cancellationToken) =>
        await travelers.UpdateAsync(id, ownerId, pii.Protect(traveler), expectedVersion, clock.GetUtcNow(), cancellationToken) is { } record
            ? ToResponse(record)
            : null;

    public Task<bool> DeleteAsync(Guid id, string ownerId, CancellationToken cancellationToken) => travelers.DeleteAsync(id, ownerId, cancellationToken);

    private TravelerResponse ToResponse(TravelerRecord record)
    {
        var t = pii.Unprotect<Traveler>(record.Protected);
        var document = t.Document is { } d
            ? new IdentityDocumentResponse(d.Type, new string('•', Math.Max(0, d.Number.Length - 4)) + d.Number[^4..], d.IssuingCountry, d.ExpiresOn)
            : null;
        return new TravelerResponse(record.Id, t.Title, t.GivenName, t.FamilyName, t.BornOn, t.Gender, t.Email, t.Phone, document,
            record.Version, record.CreatedAt, record.UpdatedAt);
    }
}
