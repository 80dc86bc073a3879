using System.Runtime.CompilerServices;
using Steward.Rego.Builtins;
using Steward.Rego.Compilation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>
/// Top-down evaluation with backtracking, in continuation-passing style: each step calls its
/// continuation once per solution; a continuation returns false to stop the search.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly CompiledPolicy _policy;
    private readonly EvalOptions _options;
    private readonly BuiltinContext _builtinContext;
    private readonly ResourceMeter _meter;
    private readonly HashSet<RuleNode> _inProgress;
    private readonly HashSet<string> _activeMocks = new(StringComparer.Ordinal);
    private EvalContext _ctx;

    /// <summary>The context without `with`: the only one whose rules are computed in parallel.</summary>
    private readonly EvalContext _rootCtx;

    /// <summary>A worker of a parallel computation (which does not start workers of its own).</summary>
    private readonly bool _isWorker;
    private readonly Func<string, bool> _builtinAllowed;
    private int _depth;

    public Evaluator(CompiledPolicy policy, RegoValue data, RegoValue? input, EvalOptions options, ResourceMeter meter, Func<string, bool> builtinAllowed)
    {
        _policy = policy;
        _options = options;
        _meter = meter;
        _builtinAllowed = builtinAllowed;
        _ctx = new EvalContext { Data = data, Input = input };
        _rootCtx = _ctx;
        _inProgress = [];
        _builtinContext = new BuiltinContext { Options = options, Now = options.Now ?? DateTimeOffset.UtcNow, Meter = meter };
    }

    /// <summary>
    /// A worker for a rule node <paramref name="parent"/> is computing: the same policy, data,
    /// input, options and time (time.now_ns), the rule values the parent knows, the rules in
    /// progress (recursion is still found) and the nesting depth; its own caches and meter.
    /// </summary>
    private Evaluator(Evaluator parent, ResourceMeter meter)
    {
        _policy = parent._policy;
        _options = parent._options;
        _meter = meter;
        _builtinAllowed = parent._builtinAllowed;
        _ctx = parent._rootCtx.CopyForWorker();
        _rootCtx = _ctx;
        _inProgress = [.. parent._inProgress];
        _depth = parent._depth;
        _isWorker = true;
        _builtinContext = new BuiltinContext { Options = parent._options, Now = parent._builtinContext.Now, Meter = meter };
    }

    private RuleNode Root => _policy.Root;

    /// <summary>Runs a compiled query; returns each solution's bindings of the named variables.</summary>
    public List<Dictionary<string, RegoValue>> Run(Body query, IReadOnlyList<string> vars)
    {
        var results = new List<Dictionary<string, RegoValue>>();
        EvalBody(query.Literals, 0, null, b =>
        {
            var row = new Dictionary<string, RegoValue>(StringComparer.Ordinal);
            foreach (var v in vars)
            {
                if (Bindings.Lookup(b, v) is { } value) row[v] = value;
            }
            results.Add(row);
            return true;
        });
        return results;
    }

    private void Tick() => _meter.Step();

    private void GuardStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new StackLimitException();
    }

    private bool EvalBody(IReadOnlyList<Literal> lits, int i, Bindings? b, Cont k)
    {
        // Literals with one solution at most run in this loop; the first that may have several
        // continues the search in continuation-passing style.
        for (; i < lits.Count; i++)
        {
            var l = lits[i];
            Tick();
            GuardStack();
            switch (TryLiteralDirect(l, ref b))
            {
                case DirectOutcome.Fails:
                    return true;
                case DirectOutcome.NotDirect:
                    return EvalLiteralThenRest(l, lits, i + 1, b, k);
            }
        }
        return k(b);
    }

    /// <summary>A literal on the general path, then the rest of the body (apart: a lambda in EvalBody would allocate on every call).</summary>
    private bool EvalLiteralThenRest(Literal l, IReadOnlyList<Literal> lits, int next, Bindings? b, Cont k)
        => EvalLiteralTicked(l, b, b2 => EvalBody(lits, next, b2, k));

    /// <summary>A literal whose step was counted.</summary>
    private bool EvalLiteralTicked(Literal l, Bindings? b, Cont k)
    {
        if (l.With.Count > 0) return EvalWith(l, b, k);
        return EvalLiteralNoWith(l, b, k);
    }

    private bool EvalLiteralNoWith(Literal l, Bindings? b, Cont k)
    {
        if (l.Negated && l.Expr is TermExpr { Term: CallTerm { DataPath: not null } call } && call.Args.Any(a => a is RefTerm or CallTerm))
            return EvalNegatedFunctionCall(call, b, k);
        // A negation that holds continues with the bindings unchanged; one that fails ends this branch, not the search.
        if (l.Negated) return HasSolution(l.Expr, b) || k(b);
        return EvalExpr(l.Expr, b, k);
    }

    private bool HasSolution(Expr e, Bindings? b)
    {
        var found = false;
        EvalExpr(e, b, _ => { found = true; return false; });
        return found;
    }

    /// <summary>
    /// OPA evaluates the reference arguments of a negated user-function call before the negation: an
    /// undefined argument makes the whole literal undefined, not true.
    /// </summary>
    private bool EvalNegatedFunctionCall(CallTerm call, Bindings? b, Cont k)
        => HoistArgs(call, 0, [], b, (c2, b2) => HasSolution(new TermExpr(c2), b2) || k(b2));

    private bool HoistArgs(CallTerm c, int i, List<Term> acc, Bindings? b, Func<CallTerm, Bindings?, bool> k)
    {
        if (i == c.Args.Count) return k(c with { Args = [.. acc] }, b);
        var a = c.Args[i];
        if (a is not (RefTerm or CallTerm) || !AllBound(a, b)) return HoistArgs(c, i + 1, [.. acc, a], b, k);
        return EvalTerm(a, b, (v, b2) => HoistArgs(c, i + 1, [.. acc, new ScalarTerm(v, a.Loc)], b2, k));
    }

    private static bool AllBound(Term t, Bindings? b)
    {
        var vars = new HashSet<string>(StringComparer.Ordinal);
        VarAnalysis.AllVars(t, vars);
        return vars.All(v => Bindings.Lookup(b, v) is not null);
    }

    private bool EvalExpr(Expr e, Bindings? b, Cont k)
    {
        switch (e)
        {
            case TermExpr te:
                return EvalCondition(te.Term, b, k);
            case UnifyExpr u:
                return Unify(u.Left, u.Right, b, k);
            case AssignExpr a:
                return Unify(a.Left, a.Right, b, k);
            case SomeExpr:
                return k(b);
            case SomeInExpr si:
                if (IsDirect(si.Collection, b))
                {
                    var coll = DirectValue(si.Collection, b);
                    return coll is null || EachMember(si, coll, b, k);
                }
                return EachMemberOfEach(si, b, k);
            case EveryExpr ev:
                return EvalEvery(ev, b, k);
            default:
                throw new RegoException(RegoErrorCodes.Internal, "unknown expression");
        }
    }

    /// <summary>A term as a condition: each value that is not false is a solution.</summary>
    private bool EvalCondition(Term t, Bindings? b, Cont k) => EvalTerm(t, b, (v, b2) => v is RegoBool { Value: false } || k(b2));

    private bool EvalEvery(EveryExpr ev, Bindings? b, Cont k)
        => EvalTerm(ev.Domain, b, (dom, b2) =>
        {
            if (dom is not (RegoArray or RegoObject or RegoSet)) return true;
            foreach (var (key, val) in Members(dom))
            {
                var ok = false;
                BindPattern(ev.Key, key, b2, b3 => BindPattern(ev.Value, val, b3, b4 =>
                    EvalBody(ev.Body.Literals, 0, b4, _ => { ok = true; return false; })));
                if (!ok) return true;
            }
            return k(b2);
        });

    private bool EachMemberOfEach(SomeInExpr si, Bindings? b, Cont k)
        => EvalTerm(si.Collection, b, (coll, b2) => EachMember(si, coll, b2, k));

    /// <summary>`some key, value in coll`: each member in turn; an array's index is made only when the key is asked for.</summary>
    private bool EachMember(SomeInExpr si, RegoValue coll, Bindings? b, Cont k)
    {
        switch (coll)
        {
            case RegoArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var ok = si.Key is null ? BindPattern(si.Value, a[i], b, k) : BindKeyAndValue(si, RegoNumber.FromInteger(i), a[i], b, k);
                    if (!ok) return false;
                }
                return true;
            case RegoObject o:
                foreach (var (key, val) in o.Entries)
                {
                    var ok = si.Key is null ? BindPattern(si.Value, val, b, k) : BindKeyAndValue(si, key, val, b, k);
                    if (!ok) return false;
                }
                return true;
            case RegoSet s:
                foreach (var x in s.Items)
                {
                    var ok = si.Key is null ? BindPattern(si.Value, x, b, k) : BindKeyAndValue(si, x, x, b, k);
                    if (!ok) return false;
                }
                return true;
            default:
                return true;
        }
    }

    private bool BindKeyAndValue(SomeInExpr si, RegoValue key, RegoValue value, Bindings? b, Cont k)
        => BindPattern(si.Key, key, b, b2 => BindPattern(si.Value, value, b2, k));

    /// <summary>Binds a declared variable (shadowing any outer one) or unifies a pattern.</summary>
    private bool BindPattern(Term? pattern, RegoValue value, Bindings? b, Cont k)
    {
        if (pattern is null) return k(b);
        if (pattern is VarTerm v) return k(Bindings.Bind(b, v.Name, value));
        return UnifyValue(pattern, value, b, k);
    }

    /// <summary>(key, value) pairs of a collection: index/element, key/value, element/element.</summary>
    private static IEnumerable<(RegoValue Key, RegoValue Value)> Members(RegoValue coll)
    {
        switch (coll)
        {
            case RegoArray a:
                for (var i = 0; i < a.Count; i++) yield return (RegoNumber.FromInteger(i), a[i]);
                break;
            case RegoObject o:
                foreach (var kv in o.Entries) yield return (kv.Key, kv.Value);
                break;
            case RegoSet s:
                foreach (var x in s.Items) yield return (x, x);
                break;
        }
    }

    // ---- with ----

    private bool EvalWith(Literal l, Bindings? b, Cont k)
    {
        var input = _ctx.Input;
        var data = _ctx.Data;
        var overrides = new List<IReadOnlyList<string>>(_ctx.DataOverrides);
        var mocks = new Dictionary<string, Term>(_ctx.FunctionMocks, StringComparer.Ordinal);
        foreach (var w in l.With)
        {
            var (root, path) = WithTarget(w.Target);
            if (root == "input")
            {
                var value = EvalOne(w.Value, b) ?? throw Undefined(w);
                input = path.Count == 0 ? value : SetIn(input ?? RegoObject.Empty, path, value);
            }
            else if (root == "data")
            {
                var node = Root.Find(path);
                if (node is not null && node.IsFunction)
                {
                    mocks["data." + string.Join('.', path)] = Bound(w.Value, b);
                    continue;
                }
                var value = EvalOne(w.Value, b) ?? throw Undefined(w);
                data = SetIn(data, path, value);
                overrides.Add(path);
            }
            else
            {
                var name = path.Count == 0 ? root : root + "." + string.Join('.', path);
                mocks[name] = Bound(w.Value, b);
            }
        }
        var inner = new EvalContext { Input = input, Data = data, DataOverrides = overrides, FunctionMocks = mocks };
        var outer = _ctx;
        _ctx = inner;
        try
        {
            return EvalLiteralNoWith(l, b, b2 =>
            {
                _ctx = outer;
                try { return k(b2); }
                finally { _ctx = inner; }
            });
        }
        finally { _ctx = outer; }
    }

    private static RegoException Undefined(WithModifier w)
        => new(RegoErrorCodes.EvalType, "with value is undefined", w.Loc);

    /// <summary>Replaces bound variables of a mock's term by their values so it can run later.</summary>
    private static Term Bound(Term t, Bindings? b)
        => t is VarTerm v && Bindings.Lookup(b, v.Name) is { } value ? new ScalarTerm(value, v.Loc) : t;

    private static (string Root, IReadOnlyList<string> Path) WithTarget(Term t)
    {
        switch (t)
        {
            case VarTerm v: return (v.Name, []);
            case RefTerm { Head: VarTerm hv } r when r.Path.All(p => p is ScalarTerm { Value: RegoString }):
                return (hv.Name, [.. r.Path.Select(p => ((RegoString)((ScalarTerm)p).Value).Value)]);
            default:
                throw new RegoException(RegoErrorCodes.Type, "with keyword target must reference existing input, data, or a function", t.Loc);
        }
    }

    private static RegoValue SetIn(RegoValue root, IReadOnlyList<string> path, RegoValue value, int i = 0)
    {
        if (i == path.Count) return value;
        var obj = root as RegoObject ?? RegoObject.Empty;
        var key = new RegoString(path[i]);
        var child = obj.Get(key) ?? RegoObject.Empty;
        return obj.Set(key, SetIn(child, path, value, i + 1));
    }

    /// <summary>The first value of a term, or null when undefined.</summary>
    private RegoValue? EvalOne(Term t, Bindings? b)
    {
        RegoValue? result = null;
        EvalTerm(t, b, (v, _) => { result = v; return false; });
        return result;
    }
}

/// <summary>
/// The thread's stack is nearly used up. The engine first evaluates on the caller's thread (no
/// thread start per query) and retries on a thread with a large stack when this is thrown.
/// </summary>
internal sealed class StackLimitException : RegoException
{
    public StackLimitException()
        : base(RegoErrorCodes.Limit, "evaluation too deep: recursion or nesting limit exceeded")
    {
    }
}
