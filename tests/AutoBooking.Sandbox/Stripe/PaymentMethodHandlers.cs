using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>
/// PaymentMethods: the ones SetupIntents save (attached to a customer), Stripe's named test methods (retrievable,
/// never attached), retrieve and detach. Runs under <see cref="StripeApi"/>'s lock.
/// </summary>
internal sealed class PaymentMethodHandlers(TimeProvider time)
{
    private readonly Dictionary<string, PaymentMethodRecord> saved = new(StringComparer.Ordinal);

    /// <summary>Saves a card from a test method for <paramref name="customer"/>, as confirming a SetupIntent does.</summary>
    public PaymentMethodRecord Save(string testMethod, string? customer)
    {
        var now = time.UtcNowToSecond();
        var method = new PaymentMethodRecord
        {
            Id = Ids.Stripe("pm"),
            TestMethod = saved.TryGetValue(testMethod, out var existing) ? existing.TestMethod : testMethod,
            Card = saved.TryGetValue(testMethod, out var existingCard) ? existingCard.Card : TestPaymentMethods.CardFor(testMethod),
            ExpMonth = 12,
            ExpYear = now.Year + 3,
            Created = now,
            Customer = customer,
        };
        saved[method.Id] = method;
        return method;
    }

    /// <summary>Attaches a card saved unattached (waiting for its SetupIntent's authentication) to the customer.</summary>
    public void Attach(string id, string? customer)
    {
        if (saved.TryGetValue(id, out var method))
        {
            method.Customer = customer;
        }
    }

    /// <summary>Whether the card was saved through a SetupIntent and is attached: the cardholder set it up for later use.</summary>
    public bool IsSetUp(string id) => saved.TryGetValue(id, out var method) && method.Customer is not null;

    /// <summary>The test method whose behaviour <paramref name="paymentMethod"/> has when charged.</summary>
    public string BehaviourOf(string paymentMethod) => saved.TryGetValue(paymentMethod, out var method) ? method.TestMethod : paymentMethod;

    public StripeReply Retrieve(string id)
    {
        if (saved.TryGetValue(id, out var method))
        {
            return StripeReply.Ok(method.ToJson());
        }
        if (TestPaymentMethods.IsNamed(id))
        {
            var now = time.UtcNowToSecond();
            return StripeReply.Ok(new PaymentMethodRecord
            {
                Id = id,
                TestMethod = id,
                Card = TestPaymentMethods.CardFor(id),
                ExpMonth = 12,
                ExpYear = now.Year + 3,
                Created = now,
            }.ToJson());
        }
        return StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "payment_method", id, "payment_method");
    }

    /// <summary><c>GET /v1/payment_methods?customer=…</c>: the customer's attached cards, newest first (<c>limit</c> 1–100, default 10).</summary>
    public StripeReply List(StripeParams parameters)
    {
        if (parameters.String("customer") is not { } customer)
        {
            return StripeErrors.ParameterMissing("customer");
        }
        var limit = parameters.Long("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            return StripeErrors.ParameterInvalid("limit", "This value must be greater than or equal to 1 and less than or equal to 100.");
        }
        var matching = saved.Values.Where(m => m.Customer == customer).OrderByDescending(m => m.Created).ToList();
        var data = new System.Text.Json.Nodes.JsonArray();
        foreach (var method in matching.Take((int)limit))
        {
            data.Add(method.ToJson());
        }
        return StripeReply.Ok(new System.Text.Json.Nodes.JsonObject
        {
            ["object"] = "list", ["url"] = "/v1/payment_methods", ["has_more"] = matching.Count > limit, ["data"] = data,
        });
    }

    /// <summary>Detaching an unattached method is refused, as Stripe refuses it.</summary>
    public StripeReply Detach(string id)
    {
        if (!saved.TryGetValue(id, out var method))
        {
            return TestPaymentMethods.IsNamed(id)
                ? NotAttached()
                : StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "payment_method", id, "payment_method");
        }
        if (method.Customer is null)
        {
            return NotAttached();
        }
        method.Customer = null;
        return StripeReply.Ok(method.ToJson());
    }

    private static StripeReply NotAttached() => StripeErrors.InvalidRequest(StatusCodes.Status400BadRequest,
        "The payment method you provided is not attached to a customer so detachment is impossible.");
}
