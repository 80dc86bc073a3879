using Steward.Core.Governance;
using Steward.Core.Policy;
using Steward.TestSupport;
using static Steward.Core.Tests.Governance.RepositoryFixtures;

namespace Steward.Core.Tests.Policy.Exceptions;

/// <summary>
/// A repository with one finding to except: Deployment web (namespace ml, labels team=ml and
/// cost-center=cc-1, model fraud 2.0, within Budget ml) lacks CPU and memory limits, a resources error; every other
/// built-in rule holds for it. "Now" is 2026-12-02T12:00:00Z unless a test says otherwise.
/// </summary>
internal static class ExceptionFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    public const string SettingsYaml = "apiVersion: steward.dev/v1alpha1\nkind: Settings\nregistries:\n  approved: [registry.example.com]\n";

    public static string Web =>
        Deployment("web", team: "ml", ns: "ml", model: "fraud", version: "2.0").Replace("            limits:\n              cpu: 1\n              memory: 2Gi\n", "", StringComparison.Ordinal);

    /// <summary>A PolicyException; <paramref name="spec"/> lines are indented under spec.</summary>
    public static string Exception(string name, string spec) =>
        $"apiVersion: steward.dev/v1alpha1\nkind: PolicyException\nmetadata:\n  name: {name}\nspec:\n" +
        string.Concat(spec.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));

    public const string Justified = "reason: limits land with the autoscaler rollout\napprover: platform-team\nticket: PLAT-142\n";

    public static GovernanceRepository Load(TempFolder repo) => RepositoryLoader.LoadFolder(repo.Path);

    public static CheckResult Check(DateTimeOffset now, params (string, string)[] exceptions) => CheckWith("", now, exceptions);

    /// <summary>The check at <paramref name="now"/> with extra steward.yaml lines.</summary>
    public static CheckResult CheckWith(string settings, DateTimeOffset now, params (string, string)[] exceptions)
    {
        using var repo = Repository([("steward.yaml", SettingsYaml + settings), ("models/fraud.yaml", Model("fraud", "2.0")), ("budgets/ml.yaml", Budget("ml", "ml", 1000)), ("manifests/web.yaml", Web), .. exceptions]);
        return new CheckRunner(clock: new FixedClock(now)).Run(Load(repo), cancellationToken: TestContext.Current.CancellationToken);
    }
}
