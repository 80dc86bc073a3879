using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Compilation;

/// <summary>The compiled policy set: the rule tree and the queries' resolution.</summary>
internal sealed class CompiledPolicy
{
    public required RuleNode Root { get; init; }
    public required VarAnalysis Analysis { get; init; }
    public required BodyOrderer Orderer { get; init; }
}

/// <summary>Merges modules into a rule tree, resolves names and orders bodies for safety.</summary>
internal sealed class Compiler
{
    private readonly Func<string, int?> _builtinArity;
    private int _ruleIds;

    public Compiler(Func<string, int?> builtinArity) => _builtinArity = builtinArity;

    public CompiledPolicy Compile(IReadOnlyList<Module> modules)
    {
        var root = new RuleNode([]);
        // First pass: the names each package defines (from every module of the package).
        var packageRules = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var m in modules)
        {
            var key = string.Join('.', m.Package);
            if (!packageRules.TryGetValue(key, out var set)) packageRules[key] = set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in m.Rules) set.Add(((VarTerm)r.Head[0]).Name);
        }
        var functionArity = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in modules)
        {
            foreach (var r in m.Rules.Where(r => r.Kind == RuleKind.Function))
                functionArity[string.Join('.', FullPath(m, r))] = r.Args!.Count;
        }
        var analysis = new VarAnalysis((name, dataPath) =>
        {
            if (dataPath is not null) return functionArity.TryGetValue(string.Join('.', dataPath), out var a) ? a : null;
            return _builtinArity(name);
        });
        var orderer = new BodyOrderer(analysis);

        foreach (var m in modules)
        {
            var globals = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var name in packageRules[string.Join('.', m.Package)])
                globals[name] = ["data", .. m.Package, name];
            foreach (var imp in m.Imports)
            {
                if (imp.Path[0] is "data" or "input") globals[imp.Alias] = imp.Path;
            }
            var resolver = new NameResolver(globals);
            // An empty package still defines a (empty) document.
            var pkgNode = root;
            foreach (var seg in m.Package) pkgNode = pkgNode.GetOrAdd(seg);
            foreach (var r in m.Rules)
            {
                var compiled = CompileRule(m, r, resolver, orderer);
                var node = root;
                foreach (var seg in compiled.Path) node = node.GetOrAdd(seg);
                if (r.IsDefault) node.Defaults.Add(compiled);
                else node.Rules.Add(compiled);
            }
        }
        CheckConflicts(root);
        return new CompiledPolicy { Root = root, Analysis = analysis, Orderer = orderer };
    }

    private static List<string> FullPath(Module m, Rule r)
    {
        var path = new List<string>(m.Package) { ((VarTerm)r.Head[0]).Name };
        foreach (var t in r.Head.Skip(1))
        {
            if (t is ScalarTerm { Value: RegoString s }) path.Add(s.Value);
            else break;
        }
        return path;
    }

    private CompiledRule CompileRule(Module m, Rule r, NameResolver resolver, BodyOrderer orderer)
    {
        var path = FullPath(m, r);
        var keys = r.Head.Skip(path.Count - m.Package.Count).ToList();
        // A single-value rule whose last key is dynamic is keyed by it; a string-only ref head is static.
        var locals = NameResolver.Declared(r.Body, r.Args);
        var bound = new HashSet<string>(StringComparer.Ordinal);
        if (r.Args is not null)
        {
            foreach (var a in r.Args) VarAnalysis.AllVars(a, bound);
        }
        var body = orderer.Order(resolver.Body(r.Body, locals), bound);
        var bodyVars = new HashSet<string>(locals);
        foreach (var l in body.Literals) VarAnalysis.AllVars(l, bodyVars);
        CompiledRule? elseRule = r.Else is null ? null : CompileRule(m, r.Else, resolver, orderer);
        return new CompiledRule
        {
            Path = path,
            Keys = [.. keys.Select(k => resolver.Term(k, bodyVars))],
            Kind = r.Kind,
            Value = resolver.Term(r.Value, bodyVars),
            Body = body,
            Args = r.Args?.Select(a => resolver.Term(a, bodyVars)).ToList(),
            Else = elseRule,
            IsDefault = r.IsDefault,
            Loc = r.Loc,
            Id = _ruleIds++,
        };
    }

    private static void CheckConflicts(RuleNode node)
    {
        var all = node.Rules.Concat(node.Defaults).ToList();
        if (all.Count > 0)
        {
            var fn = all.Count(r => r.Kind == RuleKind.Function);
            if (fn > 0 && fn < all.Count)
                throw new RegoException(RegoErrorCodes.Type, "conflicting rules " + string.Join('.', node.Path) + " found", all[0].Loc);
            if (fn > 0 && all.Select(r => r.Args!.Count).Distinct().Count() > 1)
                throw new RegoException(RegoErrorCodes.Type, "conflicting rules " + string.Join('.', node.Path) + " found: functions must have the same number of arguments", all[0].Loc);
            if (node.Defaults.Count > 1)
                throw new RegoException(RegoErrorCodes.Type, "multiple default rules " + string.Join('.', node.Path) + " found", node.Defaults[1].Loc);
        }
        foreach (var c in node.Children.Values) CheckConflicts(c);
    }

    /// <summary>Resolves and orders an ad-hoc query (no package scope).</summary>
    public static Body CompileQuery(Body query, CompiledPolicy policy, IEnumerable<string>? packageScope = null)
    {
        var resolver = new NameResolver(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));
        var locals = NameResolver.Declared(query, null);
        return policy.Orderer.Order(resolver.Body(query, locals), []);
    }
}
