using System.Text.RegularExpressions;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Compilation;

/// <summary>
/// The values of rego.metadata.chain() and rego.metadata.rule() for each place they are called.
/// Like OPA's compiler, they are fixed at compile time from the METADATA annotations of the
/// calling rule, the rules of the same path (scope document) and the enclosing packages (scope
/// package / subpackages), nearest first.
/// </summary>
internal sealed partial class MetadataIndex
{
    public const string ChainFunction = "rego.metadata.chain";
    public const string RuleFunction = "rego.metadata.rule";

    public static readonly MetadataIndex Empty = new();

    private readonly Dictionary<SourceLocation, RegoValue> _values = [];

    public RegoValue? ValueAt(SourceLocation? loc) => loc is not null && _values.TryGetValue(loc, out var v) ? v : null;

    public static MetadataIndex Build(IReadOnlyList<Module> modules, Func<string, RegoValue> parseYaml)
    {
        var index = new MetadataIndex();
        var rules = modules.SelectMany(m => m.Rules.SelectMany(r => Chain(r)).Select(r => (Module: m, Rule: r))).ToList();
        bool Calls(Rule r) => RuleCalls(r).Any(c => c.Name is ChainFunction or RuleFunction);
        if (!rules.Any(x => Calls(x.Rule))) return index;

        RegoObject? Annotations(MetadataBlock? block, string defaultScope)
            => block is null ? null : Normalize(block, parseYaml, defaultScope);
        var byPath = rules.GroupBy(x => string.Join('.', Compiler.FullPath(x.Module, x.Rule)), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => Annotations(x.Rule.Metadata, "rule")).OfType<RegoObject>().ToList(), StringComparer.Ordinal);
        var packages = modules.GroupBy(m => string.Join('.', m.Package), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => Annotations(m.PackageMetadata, "package")).OfType<RegoObject>().ToList(), StringComparer.Ordinal);

        foreach (var (module, rule) in rules.Where(x => Calls(x.Rule)))
        {
            var path = Compiler.FullPath(module, rule);
            var own = Annotations(rule.Metadata, "rule");
            var ruleScoped = own is not null && Scope(own) == "rule" ? own : null;
            var chain = new List<RegoValue> { Entry(path, ruleScoped) };
            foreach (var doc in byPath[string.Join('.', path)].Where(a => Scope(a) == "document")) chain.Add(Entry(path, doc));
            for (var n = module.Package.Count; n >= 1; n--)
            {
                var prefix = module.Package.Take(n).ToList();
                if (!packages.TryGetValue(string.Join('.', prefix), out var annotations)) continue;
                foreach (var a in annotations.Where(a => Scope(a) == "package" && n == module.Package.Count)) chain.Add(Entry(prefix, a));
                foreach (var a in annotations.Where(a => Scope(a) == "subpackages")) chain.Add(Entry(prefix, a));
            }
            var chainValue = new RegoArray(chain);
            var ruleValue = (RegoValue?)ruleScoped ?? RegoObject.Empty;
            foreach (var call in RuleCalls(rule))
            {
                if (call.Loc is null) continue;
                if (call.Name == ChainFunction) index._values[call.Loc] = chainValue;
                else if (call.Name == RuleFunction) index._values[call.Loc] = ruleValue;
            }
        }
        return index;
    }

    private static IEnumerable<Rule> Chain(Rule r)
    {
        for (var e = r; e is not null; e = e.Else) yield return e;
    }

    private static IEnumerable<CallTerm> RuleCalls(Rule r)
    {
        IEnumerable<Term> terms = [.. r.Head, r.Value, .. r.Args ?? []];
        return terms.SelectMany(Compiler.Calls).Concat(Compiler.Calls(r.Body));
    }

    private static string Scope(RegoObject a) => (a.Get(new RegoString("scope")) as RegoString)?.Value ?? "";

    private static RegoObject Entry(IEnumerable<string> path, RegoObject? annotations)
    {
        var entry = RegoObject.Empty.Set(new RegoString("path"), new RegoArray(path.Select(p => (RegoValue)new RegoString(p))));
        return annotations is null ? entry : entry.Set(new RegoString("annotations"), annotations);
    }

    /// <summary>OPA's shape: a scope always; authors as {name, email}; related resources as {ref}.</summary>
    private static RegoObject Normalize(MetadataBlock block, Func<string, RegoValue> parseYaml, string defaultScope)
    {
        RegoValue parsed;
        try { parsed = parseYaml(block.Yaml); }
        catch (RegoException e) { throw new RegoException(RegoErrorCodes.Parse, "invalid METADATA block: " + e.Message, block.Loc); }
        if (parsed is RegoNull) parsed = RegoObject.Empty;
        if (parsed is not RegoObject a) throw new RegoException(RegoErrorCodes.Parse, "invalid METADATA block: expected a YAML mapping", block.Loc);
        if (a.Get(new RegoString("scope")) is null) a = a.Set(new RegoString("scope"), new RegoString(defaultScope));
        if (a.Get(new RegoString("authors")) is RegoArray authors)
            a = a.Set(new RegoString("authors"), new RegoArray(authors.Items.Select(Author)));
        if (a.Get(new RegoString("related_resources")) is RegoArray related)
            a = a.Set(new RegoString("related_resources"), new RegoArray(related.Items.Select(r => r is RegoString s ? RegoObject.FromStrings([new("ref", s)]) : r)));
        return a;
    }

    private static RegoValue Author(RegoValue v)
    {
        if (v is not RegoString s) return v;
        var m = AuthorPattern().Match(s.Value.Trim());
        if (!m.Success) return RegoObject.FromStrings([new("name", new RegoString(s.Value.Trim()))]);
        var name = m.Groups[1].Value.Trim();
        var fields = new List<KeyValuePair<string, RegoValue>> { new("email", new RegoString(m.Groups[2].Value)) };
        if (name.Length > 0) fields.Add(new("name", new RegoString(name)));
        return RegoObject.FromStrings(fields);
    }

    [GeneratedRegex(@"^(.*?)\s*<([^>]+)>$")]
    private static partial Regex AuthorPattern();
}
