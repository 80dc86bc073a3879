using Steward.Core.Security;
using Steward.Rego;
using Steward.Rego.Evaluation;
using Steward.Rego.Testing;
using Steward.Rego.Values;

namespace Steward.Core.Application.Policies;

/// <summary>
/// <c>steward policy eval</c> and <c>steward policy test</c>: loads Rego files (folders walked inside
/// their root: no link out, no FIFO) and runs the query or the unit tests on Steward's engine. Errors
/// found before evaluation (syntax, compilation) are input errors naming file:line:col.
/// </summary>
public sealed class PolicyService
{
    public PolicyEvalResult Eval(PolicyEvalRequest request)
    {
        // A large input is read and decoded on another core while the policies are loaded and
        // compiled (on two cores that hides most of the start-up); errors still surface in the
        // order of the steps: policies, data, input, then compilation.
        Task<RegoValue>? background = null;
        Func<RegoValue>? readInput = null;
        if (request.InputFile is { } inputFile)
        {
            if (Environment.ProcessorCount > 1)
            {
                var task = background = Task.Run(() => ReadJson(inputFile));
                readInput = () => task.GetAwaiter().GetResult();
            }
            else
            {
                readInput = () => ReadJson(inputFile);
            }
        }
        try
        {
            return Eval(request, readInput);
        }
        finally
        {
            // Unobserved if an earlier step failed: the process reports that error, not this one.
            background?.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }
    }

    private static PolicyEvalResult Eval(PolicyEvalRequest request, Func<RegoValue>? readInput)
    {
        var repository = request.Repository is { } folder ? RepositoryData.Load(folder) : null;
        var v0Compatible = request.V0Compatible || repository?.Settings.PoliciesV0Compatible == true;
        var engine = Load(request.Paths, v0Compatible, request.Capabilities ?? repository?.Settings.PolicyCapabilities.ToCapabilities());
        if (repository is not null) RepositoryData.AddPolicies(engine, repository);
        var data = request.DataFile is { } dataFile ? ReadJson(dataFile) : null;
        if (repository is not null) data = RepositoryData.With(data, repository, request.DataFile);
        if (data is not null) engine.SetData(data);
        Rego.Syntax.Body? body = null;
        try
        {
            // Compiled while the input is still being read; a compile error is raised again, in
            // its place after the input's errors, by Evaluate (nothing is kept of a failed compilation).
            engine.Compile();
        }
        catch (RegoException)
        {
        }
        var input = readInput?.Invoke();
        try
        {
            body = RegoEngine.ParseQuery(request.Query, v0Compatible);
            return new PolicyEvalResult(body, engine.Evaluate(body, input, new EvalOptions { Limits = request.Limits }), null);
        }
        catch (RegoException e) when (RegoTestRunner.IsStatic(e))
        {
            throw new StewardInputException(e.Describe(), e);
        }
        catch (RegoException e)
        {
            return new PolicyEvalResult(body!, [], e);
        }
    }

    /// <summary>
    /// The <c>test_</c> rules of the policies under <paramref name="paths"/>, run lazily in module order
    /// (a caller prints each result as it comes). Loading and compiling happen now.
    /// </summary>
    public IEnumerable<RegoTestResult> Test(IReadOnlyList<string> paths, bool v0Compatible)
    {
        var engine = Load(paths, v0Compatible);
        IEnumerable<RegoTestResult> results;
        try { results = RegoTestRunner.Run(engine); }
        catch (RegoException e) { throw new StewardInputException(e.Describe(), e); }
        return AsInputErrors(results);
    }

    /// <summary>An engine with the Rego files of <paramref name="paths"/> (files, or folders searched in path order).</summary>
    public static RegoEngine Load(IEnumerable<string> paths, bool v0Compatible, RegoCapabilities? capabilities = null)
    {
        var engine = new RegoEngine(new RegoEngineOptions { V0Compatible = v0Compatible, Capabilities = capabilities });
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(FolderWalk.Files(path, path) // no link out of the folder, no loop, no FIFO
                    .Where(f => f.RelativePath.EndsWith(".rego", StringComparison.Ordinal))
                    .Select(f => Path.Combine(path, f.RelativePath)).Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else throw new StewardInputException($"{path}: no such file or folder");
        }
        foreach (var file in files)
        {
            try { engine.AddModule(file, SafeFile.ReadText(file, file)); }
            catch (RegoException e) { throw new StewardInputException(e.Describe(), e); }
        }
        return engine;
    }

    /// <summary>--input and --data files: decoded from UTF-8 straight into Rego values, within the parse limits.</summary>
    private static RegoValue ReadJson(string file) => Policy.Rego.RegoInputReader.ReadFile(file, ParseLimits.Default);

    /// <summary>A static error met while the tests run is the policies' input error (exit 2), as at compile time.</summary>
    private static IEnumerable<RegoTestResult> AsInputErrors(IEnumerable<RegoTestResult> results)
    {
        using var e = results.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (RegoException ex)
            {
                throw new StewardInputException(ex.Describe(), ex);
            }
            yield return e.Current;
        }
    }
}
