using Steward.Rego.Compilation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>
/// What a `with` changes: input, data overrides and function replacements. Each context has its
/// own cache of rule values, since `with` changes what rules evaluate to.
/// </summary>
internal sealed class EvalContext
{
    public RegoValue? Input { get; init; }

    public required RegoValue Data { get; init; }

    public IReadOnlyList<IReadOnlyList<string>> DataOverrides { get; init; } = [];

    public IReadOnlyDictionary<string, Term> FunctionMocks { get; init; } = new Dictionary<string, Term>(StringComparer.Ordinal);

    public Dictionary<RuleNode, RegoValue?> RuleCache { get; } = [];

    public Dictionary<(RuleNode, RegoArray), RegoValue?> FunctionCache { get; } = [];

    /// <summary>Values of references into data along constant keys (data.pkg.rule); by reference: terms are records.</summary>
    public Dictionary<RefTerm, RegoValue?> GroundDataRefs { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>A context with the same input and data for a worker of a parallel computation, with copies of the caches (only the copy is written).</summary>
    public EvalContext CopyForWorker()
    {
        var copy = new EvalContext { Input = Input, Data = Data, DataOverrides = DataOverrides, FunctionMocks = FunctionMocks };
        foreach (var (k, v) in RuleCache) copy.RuleCache[k] = v;
        foreach (var (k, v) in FunctionCache) copy.FunctionCache[k] = v;
        foreach (var (k, v) in GroundDataRefs) copy.GroundDataRefs[k] = v;
        return copy;
    }

    public bool IsOverridden(IReadOnlyList<string> path)
    {
        foreach (var o in DataOverrides)
        {
            if (o.Count == path.Count && o.SequenceEqual(path, StringComparer.Ordinal)) return true;
        }
        return false;
    }
}
