using System.Runtime.InteropServices;
using Steward.Rego.Builtins;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>
/// The fast path for terms with at most one value that bind no variable: constants, bound
/// variables, references along keys already known, calls of builtins and functions over such
/// terms, collections of them and comprehensions. The general path evaluates these in
/// continuation-passing style, one closure per step and per argument; here they are plain calls
/// that return the value (null: undefined). What a term evaluates to, in which order its parts
/// are evaluated and which errors it raises are the general path's: <see cref="IsDirect"/>
/// admits a term only when the general path would produce that one value with the bindings
/// unchanged, and everything else (enumeration, unification with unbound variables, `with`
/// replacements of functions, calls with an output argument, relations) stays on the general path.
/// </summary>
internal sealed partial class Evaluator
{
    /// <summary>Whether <paramref name="t"/> can be evaluated by <see cref="DirectValue"/>; looks at the term and the bindings only, evaluates nothing.</summary>
    private bool IsDirect(Term t, Bindings? b)
    {
        switch (t)
        {
            case ScalarTerm:
                return true;
            case VarTerm v:
                return Bindings.Lookup(b, v.Name) is not null || v.Name == "input";
            case RefTerm r:
            {
                if (!(r.Head is VarTerm { Name: "data" } dv && Bindings.Lookup(b, dv.Name) is null) && !IsDirect(r.Head, b)) return false;
                return AllDirect(r.Path, b);
            }
            case CallTerm c:
                return DirectCallee(c, out _, out _) && AllDirect(c.Args, b);
            case ArrayTerm a:
                return AllDirect(a.Items, b);
            case SetTerm s:
                return AllDirect(s.Items, b);
            case ObjectTerm o:
            {
                for (var i = 0; i < o.Items.Count; i++)
                {
                    if (!IsDirect(o.Items[i].Key, b) || !IsDirect(o.Items[i].Value, b)) return false;
                }
                return true;
            }
            case ArrayComprehension or SetComprehension or ObjectComprehension or TemplateTerm:
                // Evaluated as a whole into one value, with the bindings as they are.
                return true;
            default:
                return false;
        }
    }

    private bool AllDirect(IReadOnlyList<Term> terms, Bindings? b)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            if (!IsDirect(terms[i], b)) return false;
        }
        return true;
    }

    /// <summary>
    /// The builtin or user function a call reaches when the fast path may call it: no `with`
    /// replacements in force, not print, no output argument, an allowed builtin that is no relation.
    /// </summary>
    private bool DirectCallee(CallTerm c, out BuiltinDef? builtin, out Compilation.RuleNode? function)
    {
        builtin = null;
        function = null;
        if (_ctx.FunctionMocks.Count > 0) return false;
        if (c.DataPath is not null)
        {
            var node = Root.Find(c.DataPath);
            if (node is null || !node.IsFunction) return false;
            var first = node.Rules.Count > 0 ? node.Rules[0] : node.Defaults.Count > 0 ? node.Defaults[0] : null;
            if (first?.Args is null || first.Args.Count != c.Args.Count) return false;
            function = node;
            return true;
        }
        if (c.Name == "print") return false;
        if (!BuiltinRegistry.TryGet(c.Name, out var def) || def.Relation is not null || def.Fn is null || def.Arity != c.Args.Count || !_builtinAllowed(c.Name)) return false;
        builtin = def;
        return true;
    }

    /// <summary>The one value of a term <see cref="IsDirect"/> admitted, or null when it is undefined.</summary>
    private RegoValue? DirectValue(Term t, Bindings? b)
    {
        switch (t)
        {
            case ScalarTerm s:
                return s.Value;
            case VarTerm v:
                return Bindings.Lookup(b, v.Name) ?? _ctx.Input;
            case RefTerm r:
                return DirectRef(r, b);
            case CallTerm c:
                return DirectCall(c, b);
            case ArrayTerm a:
            {
                var items = DirectValues(a.Items, b);
                return items is null ? null : new RegoArray(ImmutableCollectionsMarshal.AsImmutableArray(items));
            }
            case SetTerm s:
            {
                var items = DirectValues(s.Items, b);
                return items is null ? null : new RegoSet(items);
            }
            case ObjectTerm o:
            {
                var obj = RegoObject.Empty;
                for (var i = 0; i < o.Items.Count; i++)
                {
                    var key = DirectValue(o.Items[i].Key, b);
                    if (key is null) return null;
                    var value = DirectValue(o.Items[i].Value, b);
                    if (value is null) return null;
                    obj = obj.Set(key, value);
                }
                return obj;
            }
            case ArrayComprehension ac:
                return ArrayComprehensionValue(ac, b);
            case SetComprehension sc:
                return SetComprehensionValue(sc, b);
            case ObjectComprehension oc:
                return ObjectComprehensionValue(oc, b);
            case TemplateTerm tt:
                return EvalTemplate(tt, b);
            default:
                throw new RegoException(RegoErrorCodes.Internal, "unknown term", t.Loc);
        }
    }

    /// <summary>The values of terms in order; null as soon as one is undefined (the rest are not evaluated).</summary>
    private RegoValue[]? DirectValues(IReadOnlyList<Term> terms, Bindings? b)
    {
        var values = terms.Count == 0 ? [] : new RegoValue[terms.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var v = DirectValue(terms[i], b);
            if (v is null) return null;
            values[i] = v;
        }
        return values;
    }

    private RegoValue? DirectRef(RefTerm r, Bindings? b)
    {
        RegoValue? v;
        if (r.Head is VarTerm hv && Bindings.Lookup(b, hv.Name) is null)
        {
            // The data document goes through rules and base data: the general path, whose one value is taken.
            if (hv.Name == "data") return GroundDataRef(r, b);
            v = _ctx.Input;
        }
        else
        {
            v = DirectValue(r.Head, b);
        }
        for (var i = 0; i < r.Path.Count && v is not null; i++)
        {
            var key = DirectValue(r.Path[i], b);
            if (key is null) return null;
            v = Index(v, key);
        }
        return v;
    }

    /// <summary>
    /// data.a.b...: a path of constants has the same value for the whole context (rule values are
    /// cached per context, base data and overrides are fixed), so it is looked up once.
    /// </summary>
    private RegoValue? GroundDataRef(RefTerm r, Bindings? b)
    {
        for (var i = 0; i < r.Path.Count; i++)
        {
            if (r.Path[i] is not ScalarTerm) return EvalOne(r, b);
        }
        if (_ctx.GroundDataRefs.TryGetValue(r, out var cached)) return cached;
        var value = EvalOne(r, b);
        _ctx.GroundDataRefs[r] = value;
        return value;
    }

    private RegoValue? DirectCall(CallTerm c, Bindings? b)
    {
        DirectCallee(c, out var builtin, out var function);
        var args = DirectValues(c.Args, b);
        if (args is null) return null;
        return function is not null ? CallFunction(function, args, c.Loc) : InvokeBuiltin(builtin!, args, c);
    }

    private enum DirectOutcome
    {
        /// <summary>The literal needs the general path.</summary>
        NotDirect,

        /// <summary>The literal is false or undefined: no solution.</summary>
        Fails,

        /// <summary>The literal holds, once, with the bindings given back.</summary>
        Holds,
    }

    /// <summary>
    /// A literal whose expression has at most one solution, evaluated without continuations: a
    /// condition over direct terms, `x := term` / `x = term` binding an unbound variable, or an
    /// equality of two direct terms; negated or not.
    /// </summary>
    private DirectOutcome TryLiteralDirect(Literal l, ref Bindings? b)
    {
        if (l.With.Count > 0) return DirectOutcome.NotDirect;
        var bound = b;
        DirectOutcome outcome;
        switch (l.Expr)
        {
            case TermExpr te:
                // A negated call of a user function evaluates its reference arguments first (EvalLiteralNoWith).
                if (l.Negated && te.Term is CallTerm { DataPath: not null }) return DirectOutcome.NotDirect;
                if (!IsDirect(te.Term, b)) return DirectOutcome.NotDirect;
                outcome = DirectValue(te.Term, b) is null or RegoBool { Value: false } ? DirectOutcome.Fails : DirectOutcome.Holds;
                break;
            case UnifyExpr u:
                outcome = UnifyDirect(u.Left, u.Right, ref bound);
                break;
            case AssignExpr a:
                outcome = UnifyDirect(a.Left, a.Right, ref bound);
                break;
            case SomeExpr:
                outcome = DirectOutcome.Holds;
                break;
            default:
                return DirectOutcome.NotDirect;
        }
        if (outcome == DirectOutcome.NotDirect) return outcome;
        if (l.Negated) return outcome == DirectOutcome.Holds ? DirectOutcome.Fails : DirectOutcome.Holds;
        b = bound;
        return outcome;
    }

    /// <summary>The cases of <see cref="Unify"/> with one solution at most: binding one variable to a direct term, or comparing two.</summary>
    private DirectOutcome UnifyDirect(Term l, Term r, ref Bindings? b)
    {
        var lUnbound = IsUnboundVar(l, b);
        var rUnbound = IsUnboundVar(r, b);
        if (lUnbound && rUnbound) return DirectOutcome.NotDirect;
        if (lUnbound || rUnbound)
        {
            var (variable, other) = lUnbound ? ((VarTerm)l, r) : ((VarTerm)r, l);
            if (!IsDirect(other, b)) return DirectOutcome.NotDirect;
            var value = DirectValue(other, b);
            if (value is null) return DirectOutcome.Fails;
            b = Bindings.Bind(b, variable.Name, value);
            return DirectOutcome.Holds;
        }
        if ((l is ArrayTerm && r is ArrayTerm) || (l is ObjectTerm && r is ObjectTerm)) return DirectOutcome.NotDirect;
        if (!IsDirect(l, b) || !IsDirect(r, b)) return DirectOutcome.NotDirect;
        var lv = DirectValue(l, b);
        if (lv is null) return DirectOutcome.Fails;
        var rv = DirectValue(r, b);
        return rv is not null && lv.Equals(rv) ? DirectOutcome.Holds : DirectOutcome.Fails;
    }
}
