using Steward.Core.Governance;
using Steward.Core.Policy.Rego;
using Steward.Rego;
using Steward.Rego.Values;

namespace Steward.Core.Application.Policies;

/// <summary>
/// A governance repository for <c>policy eval --repo</c>: its policies and <c>data.steward</c>
/// exactly as <see cref="CompiledPolicies"/> gives them to <c>steward check</c>, so that a policy
/// author tries a query against the real data.
/// </summary>
internal static class RepositoryData
{
    private static readonly RegoString StewardKey = new("steward");

    /// <exception cref="StewardInputException">The repository cannot be read.</exception>
    public static GovernanceRepository Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new StewardInputException($"--repo {folder}: no such folder");
        return RepositoryLoader.LoadFolder(folder);
    }

    /// <summary>The repository's policies (not its _test.rego files), under the names check gives them.</summary>
    public static void AddPolicies(RegoEngine engine, GovernanceRepository repository)
    {
        foreach (var policy in repository.Policies.Where(p => !p.IsTest))
        {
            try { engine.AddModule(policy.Path, policy.Source); }
            catch (RegoException e) { throw new StewardInputException(e.Describe(), e); }
        }
    }

    /// <summary>The base document with <c>steward</c> set to the repository (a --data document keeps its other keys).</summary>
    /// <exception cref="StewardInputException">The --data document is not an object, so it has no place for data.steward.</exception>
    public static RegoValue With(RegoValue? data, GovernanceRepository repository, string? dataFile)
    {
        if (data is not null and not RegoObject)
            throw new StewardInputException($"--data {dataFile}: with --repo the data document must be a JSON object (data.steward is the repository)");
        var steward = CompiledPolicies.StewardData(repository);
        IEnumerable<KeyValuePair<RegoValue, RegoValue>> given = data is RegoObject o ? o.Items : [];
        var items = given.Where(i => !i.Key.Equals(StewardKey)).Append(new(StewardKey, steward));
        return new RegoObject(items);
    }
}
