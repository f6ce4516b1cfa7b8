using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Stripe;

/// <summary>Customers, minimally: created and retrieved. Runs under <see cref="StripeApi"/>'s lock.</summary>
internal sealed class CustomerHandlers(TimeProvider time)
{
    private readonly Dictionary<string, JsonObject> customers = new(StringComparer.Ordinal);

    public StripeReply Create(StripeParams parameters)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in parameters.Hash("metadata"))
        {
            metadata[key] = value;
        }
        var customer = new JsonObject
        {
            ["id"] = Ids.Stripe("cus", 14),
            ["object"] = "customer",
            ["created"] = time.UtcNowToSecond().ToUnixTimeSeconds(),
            ["email"] = parameters.String("email"),
            ["name"] = parameters.String("name"),
            ["description"] = parameters.String("description"),
            ["phone"] = parameters.String("phone"),
            ["balance"] = 0,
            ["currency"] = null,
            ["delinquent"] = false,
            ["invoice_settings"] = new JsonObject { ["default_payment_method"] = parameters.String("invoice_settings[default_payment_method]") },
            ["livemode"] = false,
            ["metadata"] = metadata,
        };
        customers[customer["id"]!.GetValue<string>()] = customer;
        return StripeReply.Ok(customer);
    }

    public bool Exists(string id) => customers.ContainsKey(id);

    public StripeReply Retrieve(string id) =>
        customers.TryGetValue(id, out var customer)
            ? StripeReply.Ok((JsonObject)customer.DeepClone())
            : StripeErrors.ResourceMissing(StatusCodes.Status404NotFound, "customer", id, "id");
}
