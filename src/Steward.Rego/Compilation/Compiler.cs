using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Compilation;

/// <summary>The compiled policy set: the rule tree and the queries' resolution.</summary>
internal sealed class CompiledPolicy
{
    public required RuleNode Root { get; init; }
    public required VarAnalysis Analysis { get; init; }
    public required BodyOrderer Orderer { get; init; }
    public MetadataIndex Metadata { get; init; } = MetadataIndex.Empty;
}

/// <summary>Merges modules into a rule tree, resolves names and orders bodies for safety.</summary>
internal sealed class Compiler
{
    private readonly Func<string, int?> _builtinArity;
    private readonly Func<string, RegoValue>? _parseYaml;
    private int _ruleIds;

    /// <param name="parseYaml">Reads METADATA annotations; without it they are not read.</param>
    public Compiler(Func<string, int?> builtinArity, Func<string, RegoValue>? parseYaml = null)
    {
        _builtinArity = builtinArity;
        _parseYaml = parseYaml;
    }

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
        CheckCalls(root, root);
        var metadata = _parseYaml is null ? MetadataIndex.Empty : MetadataIndex.Build(modules, _parseYaml);
        return new CompiledPolicy { Root = root, Analysis = analysis, Orderer = orderer, Metadata = metadata };
    }

    internal static List<string> FullPath(Module m, Rule r)
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
        // A parameter that is not a pattern (a template string, a call, a reference) becomes a
        // fresh variable that the body compares with it, once the body has bound its variables.
        var args = r.Args?.ToList();
        var sourceBody = r.Body;
        if (args is not null)
        {
            var extra = new List<Literal>();
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i] is ScalarTerm or VarTerm or ArrayTerm or ObjectTerm) continue;
                var v = new VarTerm("__arg" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), args[i].Loc);
                extra.Add(new Literal(new UnifyExpr(v, args[i]), false, [], args[i].Loc));
                args[i] = v;
            }
            if (extra.Count > 0) sourceBody = new Body([.. r.Body.Literals, .. extra]);
        }
        var locals = NameResolver.Declared(sourceBody, args);
        var bound = new HashSet<string>(StringComparer.Ordinal);
        if (args is not null)
        {
            foreach (var a in args) VarAnalysis.AllVars(a, bound);
        }
        var body = orderer.Order(resolver.Body(sourceBody, locals), bound);
        var bodyVars = new HashSet<string>(locals);
        foreach (var l in body.Literals) VarAnalysis.AllVars(l, bodyVars);
        var headKeys = keys.Select(k => resolver.Term(k, bodyVars)).ToList();
        var headValue = resolver.Term(r.Value, bodyVars);
        // OPA's checkSafetyRuleHeads: a head variable must occur in the body (outside closures) or the arguments.
        var headScope = new HashSet<string>(bound, StringComparer.Ordinal);
        foreach (var l in body.Literals) headScope.UnionWith(SafetyVars.OfLiteral(l, orderer.IsFunctionName));
        var headVars = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in headKeys.Append(headValue)) SafetyVars.Check.Walk(t, headVars);
        if (headVars.Where(v => !headScope.Contains(v) && !v.StartsWith("__", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault() is { } unsafeHeadVar)
            throw new RegoException(RegoErrorCodes.UnsafeVar, $"var {unsafeHeadVar} is unsafe", r.Loc);
        CompiledRule? elseRule = r.Else is null ? null : CompileRule(m, r.Else, resolver, orderer);
        return new CompiledRule
        {
            Path = path,
            Keys = [.. headKeys.Select(k => orderer.OrderHeadTerm(k, headScope))],
            Kind = r.Kind,
            Value = orderer.OrderHeadTerm(headValue, headScope),
            Body = body,
            Args = args?.Select(a => resolver.Term(a, bodyVars)).ToList(),
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

    /// <summary>Every call must name a builtin or a user function: rego_type_error at the call otherwise.</summary>
    private void CheckCalls(RuleNode root, RuleNode node)
    {
        foreach (var rule in node.Rules.Concat(node.Defaults))
        {
            for (var r = rule; r is not null; r = r.Else)
            {
                foreach (var call in Calls(r))
                {
                    if (call.DataPath is not null)
                    {
                        var target = root.Find(call.DataPath);
                        if (target is null || !target.IsFunction)
                        {
                            // A call into data may also be a package-qualified builtin mock target; only flag unknown names.
                            if (target is null && _builtinArity(call.Name) is null)
                                throw new RegoException(RegoErrorCodes.Type, $"undefined function data.{string.Join('.', call.DataPath)}", call.Loc);
                        }
                    }
                    else if (call.Name != "print" && _builtinArity(call.Name) is null)
                    {
                        throw new RegoException(RegoErrorCodes.Type, $"undefined function {call.Name}", call.Loc);
                    }
                }
            }
        }
        foreach (var c in node.Children.Values) CheckCalls(root, c);
    }

    private static IEnumerable<CallTerm> Calls(CompiledRule r)
    {
        var terms = new List<Term>(r.Keys) { r.Value };
        if (r.Args is not null) terms.AddRange(r.Args);
        foreach (var t in terms)
        {
            foreach (var c in Calls(t)) yield return c;
        }
        foreach (var c in Calls(r.Body)) yield return c;
    }

    internal static IEnumerable<CallTerm> Calls(Body b)
    {
        foreach (var l in b.Literals)
        {
            foreach (var t in TermRewriter.Terms(l))
            {
                foreach (var c in Calls(t)) yield return c;
            }
            if (l.Expr is EveryExpr every)
            {
                foreach (var c in Calls(every.Body)) yield return c;
            }
        }
    }

    internal static IEnumerable<CallTerm> Calls(Term t)
    {
        switch (t)
        {
            case CallTerm c:
                yield return c;
                foreach (var a in c.Args) foreach (var x in Calls(a)) yield return x;
                break;
            case RefTerm r:
                foreach (var x in Calls(r.Head)) yield return x;
                foreach (var p in r.Path) foreach (var x in Calls(p)) yield return x;
                break;
            case ArrayTerm a: foreach (var i in a.Items) foreach (var x in Calls(i)) yield return x; break;
            case SetTerm s: foreach (var i in s.Items) foreach (var x in Calls(i)) yield return x; break;
            case ObjectTerm o:
                foreach (var kv in o.Items)
                {
                    foreach (var x in Calls(kv.Key)) yield return x;
                    foreach (var x in Calls(kv.Value)) yield return x;
                }
                break;
            case TemplateTerm tt: foreach (var p in tt.Parts) foreach (var x in Calls(p)) yield return x; break;
            case ArrayComprehension ac: foreach (var x in Calls(ac.Head).Concat(Calls(ac.Body))) yield return x; break;
            case SetComprehension sc: foreach (var x in Calls(sc.Head).Concat(Calls(sc.Body))) yield return x; break;
            case ObjectComprehension oc: foreach (var x in Calls(oc.Key).Concat(Calls(oc.Value)).Concat(Calls(oc.Body))) yield return x; break;
        }
    }

    /// <summary>Resolves and orders an ad-hoc query (no package scope).</summary>
    public static Body CompileQuery(Body query, CompiledPolicy policy, IEnumerable<string>? packageScope = null)
    {
        var resolver = new NameResolver(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));
        var locals = NameResolver.Declared(query, null);
        return policy.Orderer.Order(resolver.Body(query, locals), []);
    }
}
