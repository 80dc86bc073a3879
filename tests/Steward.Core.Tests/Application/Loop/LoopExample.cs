using LibGit2Sharp;
using Steward.Core.Application;
using Steward.Core.Application.Ingest;
using Steward.Core.Application.Loop;
using Steward.Core.Findings;
using Steward.Core.GitOps.Forges;
using Steward.Core.Governance;
using Steward.Core.Notifications;
using Steward.TestSupport;

namespace Steward.Core.Tests.Application.Loop;

/// <summary>
/// examples/governance in a Git work tree with two commits (credit-scoring 1.2.0 deployed, then 1.3.0 as
/// shipped, as tests/Steward.Cli.Tests/GitOps/MonitorRemediationTests.cs builds it), a bare remote as
/// origin, and a store holding the shipped credit-scoring inference log (model credit-scoring 1.3.0).
/// </summary>
internal sealed class LoopExample : IDisposable
{
    public const string Manifest = "manifests/risk/credit-scoring.yaml";
    private const string Image130 = "registry.example.com/risk/credit-scoring:1.3.0@sha256:3f5a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a";
    private const string Image120 = "registry.example.com/risk/credit-scoring:1.2.0@sha256:6f1ed002ab5595859014ebf0951522d9e2d8e5e1a3a7c5d1f2b3c4d5e6f70812";
    private static readonly Signature Author = new("Dev", "dev@example.com", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private readonly TempFolder _temp = new();

    public LoopExample(string? steward = null, bool ingest = true)
    {
        Governance = _temp["governance"];
        Remote = _temp["remote.git"];
        Store = _temp["store/steward.duckdb"];
        var example = RepositoryPaths.InRepository("examples", "governance");
        foreach (var file in Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Governance, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        if (steward is not null) File.AppendAllText(Path.Combine(Governance, "steward.yaml"), steward);
        var manifest = Path.Combine(Governance, Manifest);
        var shipped = File.ReadAllText(manifest);
        Repository.Init(Governance);
        using (var git = new Repository(Governance))
        {
            File.WriteAllText(manifest, shipped.Replace("steward.dev/model-version: 1.3.0", "steward.dev/model-version: 1.2.0", StringComparison.Ordinal)
                .Replace(Image130, Image120, StringComparison.Ordinal));
            Commands.Stage(git, "*");
            git.Commit("Deploy credit-scoring 1.2.0", Author, Author);
            File.WriteAllText(manifest, shipped);
            Commands.Stage(git, "*");
            git.Commit("Deploy credit-scoring 1.3.0", Author, Author);
            Repository.Init(Remote, isBare: true);
            git.Network.Remotes.Add("origin", Remote);
            git.Network.Push(git.Network.Remotes["origin"], $"{git.Head.CanonicalName}:{git.Head.CanonicalName}");
            DefaultBranch = git.Head.FriendlyName;
        }
        Application = new StewardApplication();
        if (ingest)
        {
            Application.Ingest.Inferences(new InferenceIngestRequest(Store,
                RepositoryPaths.InRepository("examples", "inference-logs", "credit-scoring.csv"), "credit-scoring", "1.3.0"));
        }
        Loaded = RepositoryLoader.LoadFolder(Governance);
    }

    public string Governance { get; }

    public string Remote { get; }

    public string Store { get; }

    public string DefaultBranch { get; }

    public StewardApplication Application { get; }

    public GovernanceRepository Loaded { get; }


    public LoopContext Context(DateTimeOffset? since, DateTimeOffset until, string trigger = "interval") => new()
    {
        Repository = Loaded,
        RepositoryRoot = Governance,
        RevisionId = "test-revision",
        Store = Store,
        Since = since,
        Until = until,
        Trigger = trigger,
    };

    public void Dispose() => _temp.Dispose();
}

/// <summary>A forge that records the drafts it is given; a branch asked twice answers the request already open.</summary>
internal sealed class RecordingForge : IForge
{
    public List<ChangeRequestDraft> Drafts { get; } = [];

    public string Kind => "test";

    public Task<ChangeRequest> OpenAsync(ChangeRequestDraft draft, CancellationToken cancellationToken)
    {
        var existing = Drafts.FindIndex(d => d.SourceBranch == draft.SourceBranch);
        Drafts.Add(draft);
        var number = existing >= 0 ? existing + 1 : Drafts.Count;
        return Task.FromResult(new ChangeRequest(number, $"https://forge.example/pulls/{number}", existing >= 0));
    }
}

/// <summary>A notifier that records what it is sent.</summary>
internal sealed class RecordingNotifier : INotifier
{
    public List<Notification> Sent { get; } = [];

    public Task NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        Sent.Add(notification);
        return Task.CompletedTask;
    }
}

/// <summary>A step that always throws, as a step meeting Steward's own bug would.</summary>
internal sealed class ThrowingStep : ILoopStep
{
    public string Name => "throws";

    public Task<LoopStepOutcome> RunAsync(LoopContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
}

internal static class FindingsOf
{
    public static Dictionary<string, Finding> ByRule(IEnumerable<Finding> findings) => findings.ToDictionary(f => f.RuleId, StringComparer.Ordinal);
}
