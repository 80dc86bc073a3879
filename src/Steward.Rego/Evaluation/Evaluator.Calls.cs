using Steward.Rego.Builtins;
using Steward.Rego.Compilation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>Calls of builtins, user functions and their `with` replacements.</summary>
internal sealed partial class Evaluator
{
    private bool EvalCall(CallTerm c, Bindings? b, ValueCont k)
    {
        if (c.Name == "print" && c.DataPath is null) return EvalPrint(c, b, k);
        var key = c.DataPath is not null ? "data." + string.Join('.', c.DataPath) : c.Name;
        if (_ctx.FunctionMocks.Count > 0 && !_activeMocks.Contains(key) && _ctx.FunctionMocks.TryGetValue(key, out var mock))
            return CallMock(mock, c, b, k);

        if (c.DataPath is not null)
        {
            var node = Root.Find(c.DataPath);
            if (node is null || !node.IsFunction)
                throw new RegoException(RegoErrorCodes.Type, $"undefined function data.{string.Join('.', c.DataPath)}", c.Loc);
            var arity = node.Rules.Concat(node.Defaults).First().Args!.Count;
            return CallWith(c, arity, b, k, args => CallFunction(node, args, c.Loc));
        }
        if (!BuiltinRegistry.TryGet(c.Name, out var def) || !_builtinAllowed(c.Name))
            throw new RegoException(RegoErrorCodes.Type, $"undefined function {c.Name}", c.Loc);
        if (def.Relation is not null) return CallRelation(c, def, b, k);
        return CallWith(c, def.Arity, b, k, args => InvokeBuiltin(def, args, c));
    }

    private bool CallWith(CallTerm c, int arity, Bindings? b, ValueCont k, Func<RegoValue[], RegoValue?> invoke)
    {
        if (c.Args.Count != arity && c.Args.Count != arity + 1)
            throw new RegoException(RegoErrorCodes.Type, $"{c.Name}: arity mismatch: expected {arity} arguments, got {c.Args.Count}", c.Loc);
        return EvalArgs(c.Args, arity, 0, b, new RegoValue[arity], (args, b2) =>
        {
            var result = invoke(args);
            if (result is null) return true;
            if (c.Args.Count == arity + 1)
                return UnifyValue(c.Args[arity], result, b2, b3 => k(RegoBool.True, b3));
            return k(result, b2);
        });
    }

    private bool EvalArgs(IReadOnlyList<Term> terms, int n, int i, Bindings? b, RegoValue[] acc, Func<RegoValue[], Bindings?, bool> k)
    {
        if (i == n) return k((RegoValue[])acc.Clone(), b);
        return EvalTerm(terms[i], b, (v, b2) =>
        {
            acc[i] = v;
            return EvalArgs(terms, n, i + 1, b2, acc, k);
        });
    }

    private RegoValue? InvokeBuiltin(BuiltinDef def, RegoValue[] args, CallTerm c)
    {
        // rego.metadata.* are fixed per call site when the policy is compiled.
        if (c.Name is MetadataIndex.ChainFunction or MetadataIndex.RuleFunction)
            return _policy.Metadata.ValueAt(c.Loc) ?? (c.Name == MetadataIndex.ChainFunction ? RegoArray.Empty : RegoObject.Empty);
        try
        {
            _meter.ThrowIfCancelled();
            if (Serializes(def.Name)) _meter.CheckSerialized(c.Name, args);
            var result = def.Fn!(_builtinContext, args);
            // What a builtin built counts against the query's limits; a value it only looked up does not.
            if (result is not null && !IsLookup(def.Name) && Array.IndexOf(args, result) < 0)
                _meter.ChargeValue(c.Name, result);
            return result;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // A backtracking pattern ran out of time: the policy's fault, reported as the time budget.
            throw new RegoException(RegoErrorCodes.Cancel, $"{c.Name}: regular expression match exceeded the time budget of {ResourceMeter.Describe(_meter.Limits.Timeout)} per query (timeout)", c.Loc);
        }
        catch (RegoException e) when (e.Code is RegoErrorCodes.Builtin or RegoErrorCodes.EvalType)
        {
            if (!_options.StrictBuiltinErrors) return null;
            throw e.Location is null ? new RegoException(e.Code, e.Message, c.Loc) : e;
        }
        catch (RegoException e) when (e.Location is null)
        {
            throw new RegoException(e.Code, e.Message, c.Loc);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException or System.Text.DecoderFallbackException or KeyNotFoundException or IndexOutOfRangeException)
        {
            if (!_options.StrictBuiltinErrors) return null;
            throw new RegoException(RegoErrorCodes.Builtin, $"{c.Name}: {e.Message}", c.Loc);
        }
    }

    /// <summary>Builtins that write their arguments out as text: their output size is checked before they run.</summary>
    private static bool Serializes(string name) => name is "json.marshal" or "json.marshal_with_options" or "yaml.marshal" or "sprintf"
        or "io.jwt.encode_sign" or "io.jwt.encode_sign_raw" or "urlquery.encode_object" or "strings.render_template" or "base64.encode" or "format_int";

    private static bool IsLookup(string name) => name is "object.get" or "json.filter" or "object.filter";

    private bool CallRelation(CallTerm c, BuiltinDef def, Bindings? b, ValueCont k)
    {
        return EvalArgs(c.Args, def.Arity, 0, b, new RegoValue[def.Arity], (args, b2) =>
        {
            foreach (var result in def.Relation!(_builtinContext, args))
            {
                var ok = c.Args.Count == def.Arity + 1
                    ? UnifyValue(c.Args[def.Arity], result, b2, b3 => k(RegoBool.True, b3))
                    : k(result, b2);
                if (!ok) return false;
            }
            return true;
        });
    }

    private bool CallMock(Term mock, CallTerm c, Bindings? b, ValueCont k)
    {
        var original = c.DataPath is not null
            ? Root.Find(c.DataPath)?.Rules.Concat(Root.Find(c.DataPath)!.Defaults).FirstOrDefault()?.Args?.Count
            : BuiltinRegistry.Arity(c.Name);
        switch (mock)
        {
            case RefTerm { Head: VarTerm { Name: "data" } } r when r.Path.All(p => p is ScalarTerm { Value: RegoString }):
            {
                var path = r.Path.Select(p => ((RegoString)((ScalarTerm)p).Value).Value).ToList();
                var node = Root.Find(path);
                if (node is not null && node.IsFunction)
                {
                    var arity = node.Rules.Concat(node.Defaults).First().Args!.Count;
                    return CallWith(c, arity, b, k, args => WithoutMock(key(c), () => CallFunction(node, args, c.Loc)));
                }
                break;
            }
        }
        var name = MockName(mock);
        if (name is not null && BuiltinRegistry.TryGet(name, out var def) && def.Fn is not null)
            return CallWith(c with { Name = name }, def.Arity, b, k, args => InvokeBuiltin(def, args, c));
        var value = EvalOne(mock, b);
        if (value is null) return true;
        var n = original ?? c.Args.Count;
        return CallWith(c, n, b, k, _ => value);
    }

    private static string key(CallTerm c) => c.DataPath is not null ? "data." + string.Join('.', c.DataPath) : c.Name;

    /// <summary>A replacement that calls the function it replaces reaches the original, and no other replacement.</summary>
    private RegoValue? WithoutMock(string name, Func<RegoValue?> run)
    {
        var saved = _activeMocks.ToList();
        foreach (var m in _ctx.FunctionMocks.Keys) _activeMocks.Add(m);
        try { return run(); }
        finally
        {
            _activeMocks.Clear();
            foreach (var m in saved) _activeMocks.Add(m);
            _ = name;
        }
    }

    private static string? MockName(Term t) => t switch
    {
        VarTerm v => v.Name,
        RefTerm { Head: VarTerm hv } r when r.Path.All(p => p is ScalarTerm { Value: RegoString }) =>
            hv.Name + "." + string.Join('.', r.Path.Select(p => ((RegoString)((ScalarTerm)p).Value).Value)),
        _ => null,
    };

    private bool EvalPrint(CallTerm c, Bindings? b, ValueCont k)
    {
        var parts = new List<string>();
        foreach (var a in c.Args)
        {
            RegoValue? v = null;
            try { v = EvalOne(a, b); }
            catch (RegoException e) when (e.Code == RegoErrorCodes.UnsafeVar) { }
            parts.Add(v is null ? "<undefined>" : v is RegoString s ? s.Value : RegoJson.Format(v));
        }
        _options.PrintOutput?.WriteLine(string.Join(' ', parts));
        return k(RegoBool.True, b);
    }
}
