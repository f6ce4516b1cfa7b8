using AutoBooking.Core.Ports;
using Dapper;
using Npgsql;

namespace AutoBooking.Infrastructure.Postgres;

/// <summary>Stripe customers per user and their saved cards, owner-scoped.</summary>
public sealed class PaymentMethodRepository(NpgsqlDataSource dataSource)
{
    private const string CustomerOfOwnerSql = "select customer_id from stripe_customers where owner_id = @OwnerId";

    private const string OwnerOfCustomerSql = "select owner_id from stripe_customers where customer_id = @CustomerId";

    private const string ErasedCustomerSql = "select exists (select 1 from erased_stripe_customers where customer_id = @CustomerId)";

    // Two concurrent first calls may both create a Stripe customer; the first row wins and both use it.
    private const string InsertCustomerSql = """
        insert into stripe_customers (owner_id, customer_id, created_at) values (@OwnerId, @CustomerId, @Now)
        on conflict (owner_id) do nothing;
        select customer_id from stripe_customers where owner_id = @OwnerId;
        """;

    private const string InsertCardSql = """
        insert into payment_methods (id, owner_id, stripe_payment_method_id, brand, last4, exp_month, exp_year, created_at)
        values (@Id, @OwnerId, @PaymentMethodId, @Brand, @Last4, @ExpMonth, @ExpYear, @Now)
        on conflict (stripe_payment_method_id) do nothing
        """;

    // The customer is checked again under the lock: the webhook looked its owner up before, and an erasure may have run since.
    private const string CountCardsSql = """
        select count(*), coalesce(bool_or(stripe_payment_method_id = @PaymentMethodId), false),
            exists (select 1 from stripe_customers where owner_id = @OwnerId and customer_id = @CustomerId)
        from payment_methods where owner_id = @OwnerId
        """;

    private const string ListSql = """
        select * from payment_methods where owner_id = @OwnerId and (@Before::uuid is null or id < @Before) order by id desc limit @Limit
        """;

    private const string GetSql = "select * from payment_methods where id = @Id and owner_id = @OwnerId";

    private const string DeleteSql = "delete from payment_methods where id = @Id and owner_id = @OwnerId";

    public async Task<string?> CustomerOfAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(CustomerOfOwnerSql, new { OwnerId = ownerId }, cancellationToken: cancellationToken));
    }

    public async Task<string?> OwnerOfCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(OwnerOfCustomerSql, new { CustomerId = customerId }, cancellationToken: cancellationToken));
    }

    /// <summary>True when <paramref name="customerId"/> was the Stripe customer of a user whose personal data was erased.</summary>
    public async Task<bool> IsErasedCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ErasedCustomerSql, new { CustomerId = customerId }, cancellationToken: cancellationToken));
    }

    /// <summary>Records the user's Stripe customer; returns the one that is recorded (an earlier one wins).</summary>
    public async Task<string> SaveCustomerAsync(string ownerId, string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(InsertCustomerSql,
            new { OwnerId = ownerId, CustomerId = customerId, Now = now }, cancellationToken: cancellationToken)) ?? customerId;
    }

    /// <summary>
    /// Records a saved card (<see cref="CreateStatus.Created"/>; recording the same Stripe card again changes nothing)
    /// unless its owner already has <paramref name="maxPerOwner"/> (<see cref="CreateStatus.LimitReached"/>) or is being
    /// erased (<see cref="CreateStatus.ErasureInProgress"/>: under way, or <paramref name="customerId"/> is no longer the
    /// owner's because an erasure finished meanwhile). Count and insert run under the owner's lock (<see cref="OwnerLock"/>).
    /// </summary>
    public async Task<CreateStatus> TrySaveCardAsync(string ownerId, string customerId, CardDetails card, DateTimeOffset now, int maxPerOwner,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await OwnerLock.TakeAsync(connection, transaction, ownerId, now, cancellationToken))
        {
            return CreateStatus.ErasureInProgress;
        }
        var (count, known, customerIsTheirs) = await connection.QuerySingleAsync<(long, bool, bool)>(new CommandDefinition(CountCardsSql,
            new { OwnerId = ownerId, card.PaymentMethodId, CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        if (!customerIsTheirs)
        {
            return CreateStatus.ErasureInProgress;
        }
        if (known)
        {
            return CreateStatus.Created;
        }
        if (count >= maxPerOwner)
        {
            return CreateStatus.LimitReached;
        }
        await connection.ExecuteAsync(new CommandDefinition(InsertCardSql, new
        {
            Id = Guid.CreateVersion7(now), OwnerId = ownerId, card.PaymentMethodId, card.Brand, card.Last4, card.ExpMonth, card.ExpYear, Now = now,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return CreateStatus.Created;
    }

    public async Task<int> CountAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*) from payment_methods where owner_id = @OwnerId", new { OwnerId = ownerId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<PaymentMethodRecord>> ListAsync(string ownerId, int limit, Guid? before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaymentMethodRecord>(new CommandDefinition(ListSql,
            new { OwnerId = ownerId, Limit = limit, Before = before }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<PaymentMethodRecord?> GetAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PaymentMethodRecord>(new CommandDefinition(GetSql,
            new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken));
    }

    public async Task<bool> DeleteAsync(Guid id, string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id, OwnerId = ownerId }, cancellationToken: cancellationToken)) == 1;
    }
}
