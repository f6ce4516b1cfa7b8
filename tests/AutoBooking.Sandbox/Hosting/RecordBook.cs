namespace AutoBooking.Sandbox.Hosting;

/// <summary>
/// An insertion-ordered list of records keyed by id, where a record can be replaced in place (a PaymentIntent
/// moving from requires_capture to succeeded stays where it was). Readers get copies.
/// </summary>
internal sealed class RecordBook<T>
{
    private readonly Lock gate = new();
    private readonly List<T> items = [];
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

    public void Upsert(string id, T item)
    {
        lock (gate)
        {
            if (positions.TryGetValue(id, out var position))
            {
                items[position] = item;
                return;
            }
            positions[id] = items.Count;
            items.Add(item);
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (gate)
        {
            return items.ToArray();
        }
    }
}
