using Steward.Rego.Syntax;

namespace Steward.Rego.Compilation;

/// <summary>A rule after compilation: its full data path, dynamic key terms and an ordered body.</summary>
internal sealed class CompiledRule
{
    public required IReadOnlyList<string> Path { get; init; }
    public required IReadOnlyList<Term> Keys { get; init; }
    public required RuleKind Kind { get; init; }
    public required Term Value { get; init; }
    public required Body Body { get; init; }
    public IReadOnlyList<Term>? Args { get; init; }
    public CompiledRule? Else { get; init; }
    public bool IsDefault { get; init; }
    public required SourceLocation Loc { get; init; }
    public required int Id { get; init; }
}

/// <summary>One node of the virtual document tree: the rules whose static path ends here, and children.</summary>
internal sealed class RuleNode
{
    public RuleNode(IReadOnlyList<string> path) => Path = path;

    public IReadOnlyList<string> Path { get; }

    public SortedDictionary<string, RuleNode> Children { get; } = new(StringComparer.Ordinal);

    public List<CompiledRule> Rules { get; } = [];

    public List<CompiledRule> Defaults { get; } = [];

    public bool HasRules => Rules.Count > 0 || Defaults.Count > 0;

    public bool IsFunction => Rules.Concat(Defaults).Any(r => r.Kind == RuleKind.Function);

    public RuleNode GetOrAdd(string name)
    {
        if (!Children.TryGetValue(name, out var child))
        {
            child = new RuleNode([.. Path, name]);
            Children[name] = child;
        }
        return child;
    }

    public RuleNode? Find(IReadOnlyList<string> path)
    {
        var n = this;
        foreach (var p in path)
        {
            if (!n.Children.TryGetValue(p, out n)) return null;
        }
        return n;
    }
}
