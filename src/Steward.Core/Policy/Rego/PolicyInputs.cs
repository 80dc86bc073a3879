using Steward.Core.Governance;
using Steward.Core.Governance.Yaml;
using Steward.Rego.Values;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// The objects' <see cref="RepositoryObject.PolicyInput"/> values, converted on all cores in
/// contiguous parts (each part with its own string table): the result, in object order, does not
/// depend on how the work was split.
/// </summary>
internal static class PolicyInputs
{
    /// <summary>Below this many objects per core, one thread converts them (starting workers costs more).</summary>
    private const int ObjectsPerWorker = 256;

    public static RegoValue[] Of(IReadOnlyList<RepositoryObject> objects)
    {
        var values = new RegoValue[objects.Count];
        var parts = Math.Clamp(objects.Count / ObjectsPerWorker, 1, Environment.ProcessorCount);
        if (parts == 1)
        {
            Convert(objects, values, 0, objects.Count);
            return values;
        }
        Parallel.For(0, parts, part =>
            Convert(objects, values, (int)((long)objects.Count * part / parts), (int)((long)objects.Count * (part + 1) / parts)));
        return values;
    }

    private static void Convert(IReadOnlyList<RepositoryObject> objects, RegoValue[] values, int from, int to)
    {
        var converter = new YamlRegoValues();
        for (var i = from; i < to; i++) values[i] = objects[i].PolicyInputWith(converter);
    }
}
