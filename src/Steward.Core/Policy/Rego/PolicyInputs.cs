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

    public static RegoValue[] Of(IReadOnlyList<RepositoryObject> objects) => Of(objects, out _);

    /// <summary>
    /// As <see cref="Of(IReadOnlyList{RepositoryObject})"/>, measuring each object's depth against
    /// <see cref="InputDepth.Max"/> in the same walk: <paramref name="firstTooDeep"/> is the index of the
    /// first object nested deeper (its value is then null, not converted), or -1.
    /// </summary>
    public static RegoValue[] Of(IReadOnlyList<RepositoryObject> objects, out int firstTooDeep)
    {
        var values = new RegoValue[objects.Count];
        var parts = Math.Clamp(objects.Count / ObjectsPerWorker, 1, Environment.ProcessorCount);
        if (parts == 1)
        {
            firstTooDeep = Convert(objects, values, 0, objects.Count);
            return values;
        }
        var firstOfPart = new int[parts];
        Parallel.For(0, parts, part =>
            firstOfPart[part] = Convert(objects, values, (int)((long)objects.Count * part / parts), (int)((long)objects.Count * (part + 1) / parts)));
        firstTooDeep = -1;
        foreach (var first in firstOfPart)
        {
            if (first < 0) continue;
            firstTooDeep = first; // the parts are in object order
            break;
        }
        return values;
    }

    /// <returns>The index of the first object of the part nested deeper than the limit, or -1.</returns>
    private static int Convert(IReadOnlyList<RepositoryObject> objects, RegoValue[] values, int from, int to)
    {
        var converter = new YamlRegoValues();
        for (var i = from; i < to; i++)
        {
            var value = objects[i].PolicyInputWithin(converter, InputDepth.Max, out var wasBuilt);
            if (value is null || (wasBuilt && InputDepth.Exceeds(objects[i]))) return i;
            values[i] = value;
        }
        return -1;
    }
}
