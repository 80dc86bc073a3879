using Steward.Rego.Builtins;
using Steward.Rego.Compilation;
using Steward.Rego.Evaluation;
using Steward.Rego.Syntax;
using Steward.Rego.Values;

namespace Steward.Rego;

/// <summary>Options of the engine as a whole.</summary>
public sealed class RegoEngineOptions
{
    /// <summary>Accept Rego v0 syntax (no if/contains keywords required; future.keywords imports).</summary>
    public bool V0Compatible { get; init; }

    /// <summary>Which builtins policies may call; a call to any other is <c>rego_type_error: undefined function</c> at compile time. Null: all.</summary>
    public RegoCapabilities? Capabilities { get; init; }
}

/// <summary>One solution of a query: the values of its variables, and of each top-level expression.</summary>
public sealed class RegoResult
{
    public required IReadOnlyDictionary<string, RegoValue> Bindings { get; init; }

    /// <summary>The value of each query expression (true for conditions, the term's value for a lone term).</summary>
    public required IReadOnlyList<RegoValue> Expressions { get; init; }
}

/// <summary>
/// The facade: add modules, set base data, evaluate queries. Every failure is a positioned
/// <see cref="RegoException"/>. Not thread-safe while modules are being added; evaluations
/// after compilation may run concurrently.
/// </summary>
public sealed class RegoEngine
{
    private readonly List<Module> _modules = [];
    private readonly RegoEngineOptions _options;
    private RegoValue _data = RegoObject.Empty;
    private CompiledPolicy? _compiled;

    public RegoEngine(RegoEngineOptions? options = null) => _options = options ?? new RegoEngineOptions();

    public IReadOnlyList<Module> Modules => _modules;

    /// <summary>Parses a module; parse errors are raised here, compile errors at the first evaluation (or <see cref="Compile"/>).</summary>
    public Module AddModule(string fileName, string source)
    {
        var module = Parse(fileName, source, _options.V0Compatible);
        _modules.Add(module);
        _compiled = null;
        _prepared.Clear();
        return module;
    }

    public static Module Parse(string fileName, string source, bool v0Compatible = false)
    {
        try
        {
            return new Parser(fileName, source, new ParserOptions { V0Compatible = v0Compatible }).ParseModule();
        }
        catch (RegoException) { throw; }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException or InsufficientExecutionStackException)
        {
            throw new RegoException(RegoErrorCodes.Parse, e.Message, new SourceLocation(fileName, 1, 1));
        }
    }

    public void SetData(RegoValue data)
    {
        if (data is not RegoObject) throw new RegoException(RegoErrorCodes.Type, "data must be an object");
        _data = data;
    }

    public void SetDataJson(string json) => SetData(RegoJson.Parse(json));

    public void Compile() => _compiled ??= new Compiler(AllowedArity, Builtins.Yaml.Parse).Compile(_modules);

    /// <summary>Every builtin this engine knows, whatever the capabilities allow (sorted).</summary>
    public static IReadOnlyList<string> BuiltinNames { get; } = [.. BuiltinRegistry.Names.Order(StringComparer.Ordinal)];

    private int? AllowedArity(string name) => IsAllowed(name) ? BuiltinRegistry.Arity(name) : null;

    private bool IsAllowed(string name) => _options.Capabilities?.Allows(name) ?? true;

    /// <summary>Evaluates a query such as "data.pkg.allow = x" or "data.pkg.deny[msg]".</summary>
    public IReadOnlyList<RegoResult> Evaluate(string query, RegoValue? input = null, EvalOptions? options = null)
    {
        Compile();
        if (_parsedQueries.Count > 1024) _parsedQueries.Clear();
        var body = _parsedQueries.GetOrAdd(query, q => ParseQuery(q));
        return Evaluate(body, input, options ?? new EvalOptions());
    }

    public IReadOnlyList<RegoResult> Evaluate(Body query, RegoValue? input, EvalOptions options)
    {
        Compile();
        var compiledPolicy = _compiled!;
        // Bounded: callers that build a new query per call must not grow the cache without end.
        if (_prepared.Count > 1024) _prepared.Clear();
        var prepared = _prepared.GetOrAdd(query, q => Prepare(q, compiledPolicy));
        var (body, names, exprVars, allVars) = (prepared.Body, prepared.Names, prepared.ExprVars, prepared.AllVars);
        var rows = Run(body, allVars, input, options);
        return [.. rows.Select(row => new RegoResult
        {
            Bindings = names.Where(row.ContainsKey).ToDictionary(n => n, n => row[n], StringComparer.Ordinal),
            Expressions = [.. exprVars.Select(v => v.Length > 0 && row.TryGetValue(v, out var val) ? val : RegoBool.True)],
        })];
    }

    /// <summary>A query compiled against the current policy, kept so that evaluating it per object costs no compilation.</summary>
    private sealed record PreparedQuery(Body Body, List<string> Names, List<string> ExprVars, List<string> AllVars);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Body> _parsedQueries = new(StringComparer.Ordinal);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Body, PreparedQuery> _prepared = new(ReferenceEqualityComparer.Instance);

    private static PreparedQuery Prepare(Body query, CompiledPolicy compiledPolicy)
    {
        var compiled = Compiler.CompileQuery(query, compiledPolicy);
        var vars = new HashSet<string>(StringComparer.Ordinal);
        VarAnalysis.AllVars(compiled, vars);
        var names = vars.Where(v => !v.StartsWith("__", StringComparison.Ordinal) && v != "_").OrderBy(v => v, StringComparer.Ordinal).ToList();
        // Each top-level expression's value is captured through a generated variable.
        var exprVars = new List<string>();
        var literals = new List<Literal>();
        for (var i = 0; i < compiled.Literals.Count; i++)
        {
            var lit = compiled.Literals[i];
            if (lit.Expr is TermExpr te && !lit.Negated && lit.With.Count == 0)
            {
                var v = "__expr" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                exprVars.Add(v);
                literals.Add(lit with { Expr = new UnifyExpr(new VarTerm(v, lit.Loc), te.Term) });
                literals.Add(lit with { Expr = new TermExpr(new CallTerm("neq", [new VarTerm(v, lit.Loc), new ScalarTerm(RegoBool.False, lit.Loc)], lit.Loc)) });
            }
            else
            {
                exprVars.Add("");
                literals.Add(lit);
            }
        }
        return new PreparedQuery(new Body(literals), names, exprVars, [.. names, .. exprVars.Where(v => v.Length > 0)]);
    }

    private List<Dictionary<string, RegoValue>> Run(Body body, List<string> vars, RegoValue? input, EvalOptions options)
    {
        using var timeout = new CancellationTokenSource(options.Limits.Timeout);
        // Most queries are shallow: evaluate on the caller's thread, and only when its stack runs
        // short start over on a thread with a large stack (evaluation has no side effects to undo).
        try
        {
            return NewEvaluator(input, options, timeout.Token).Run(body, vars);
        }
        catch (StackLimitException)
        {
        }
        catch (InsufficientExecutionStackException)
        {
        }
        var evaluator = NewEvaluator(input, options, timeout.Token);
        List<Dictionary<string, RegoValue>>? result = null;
        Exception? error = null;
        // A dedicated thread with a large stack: deep policies hit our depth limits, never a stack overflow.
        var thread = new Thread(() =>
        {
            try { result = evaluator.Run(body, vars); }
            catch (Exception e) { error = e; }
        }, 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        if (error is RegoException re) throw re;
        if (error is InsufficientExecutionStackException)
            throw new RegoException(RegoErrorCodes.Limit, "evaluation too deep");
        if (error is not null)
            throw new RegoException(RegoErrorCodes.Internal, error.Message, null, error);
        return result!;
    }

    private Evaluator NewEvaluator(RegoValue? input, EvalOptions options, CancellationToken timeout) =>
        new(_compiled!, _data, input, options, new ResourceMeter(options.Limits, timeout, options.CancellationToken), IsAllowed);

    public static Body ParseQuery(string query, bool v0Compatible = false)
    {
        try
        {
            return new Parser("query", query, new ParserOptions { V0Compatible = v0Compatible }).ParseQuery();
        }
        catch (RegoException) { throw; }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or InsufficientExecutionStackException)
        {
            throw new RegoException(RegoErrorCodes.Parse, e.Message, new SourceLocation("query", 1, 1));
        }
    }

    /// <summary>Parses a Rego term (e.g. an input given as Rego text) and evaluates it to a value.</summary>
    public RegoValue EvaluateTerm(string termText)
    {
        Compile();
        var term = new Parser("input", termText).ParseSingleTerm();
        var query = new Body([new Literal(new UnifyExpr(new VarTerm("__term", null), term), false, [], null)]);
        var rows = Run(Compiler.CompileQuery(query, _compiled!), ["__term"], null, new EvalOptions());
        return rows.Count > 0 && rows[0].TryGetValue("__term", out var v) ? v : throw new RegoException(RegoErrorCodes.EvalType, "term is undefined");
    }
}
