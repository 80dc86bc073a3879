namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// Uniform sampling of at most <c>capacity</c> items from a stream of unknown length in one pass
/// (Vitter's algorithm R) with a seeded generator: the kept rows depend only on the stream's order and
/// the seed. The first <c>capacity</c> items fill the slots; item i (0-based) then replaces a random
/// slot with probability capacity/(i + 1).
/// </summary>
internal sealed class ReservoirSampler
{
    private readonly int _capacity;
    private readonly Random _random;

    public ReservoirSampler(int capacity, int seed)
    {
        _capacity = capacity;
        _random = new Random(seed);
    }

    /// <summary>Items offered so far.</summary>
    public long Seen { get; private set; }

    /// <summary>Slots filled so far.</summary>
    public int Count => (int)Math.Min(Seen, _capacity);

    /// <summary>Offers the next item: the slot to store it in, or −1 to drop it.</summary>
    public int Offer()
    {
        var i = Seen++;
        if (i < _capacity) return (int)i;
        var j = _random.NextInt64(i + 1);
        return j < _capacity ? (int)j : -1;
    }

    /// <summary>The indices kept from a stream of <paramref name="count"/> items, in ascending order.</summary>
    public static int[] Indices(int count, int capacity, int seed)
    {
        if (count <= capacity) return Enumerable.Range(0, count).ToArray();
        var sampler = new ReservoirSampler(capacity, seed);
        var slots = new int[capacity];
        for (var i = 0; i < count; i++)
        {
            var slot = sampler.Offer();
            if (slot >= 0) slots[slot] = i;
        }
        Array.Sort(slots);
        return slots;
    }
}
