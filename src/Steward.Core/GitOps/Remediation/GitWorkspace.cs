using LibGit2Sharp;
using Steward.Core.Governance;
using Steward.Core.Governance.Sources;

namespace Steward.Core.GitOps.Remediation;

/// <summary>
/// The Git repository that holds a governance repository: its history, and commits made on new
/// branches straight into the object store, so that the work tree and the checked-out branch are
/// never touched.
/// </summary>
public sealed class GitWorkspace : IDisposable
{
    private readonly Repository _repo;

    public GitWorkspace(string folder)
    {
        var full = Path.GetFullPath(folder);
        var gitDir = Repository.Discover(full) ?? throw new StewardInputException($"{folder}: not inside a Git repository (remediation commits need one)");
        _repo = new Repository(gitDir);
        var workdir = _repo.Info.WorkingDirectory ?? throw new StewardInputException($"{gitDir}: a bare repository has no work tree");
        SubPath = Path.GetRelativePath(Path.GetFullPath(workdir), full).Replace('\\', '/');
        if (SubPath == ".") SubPath = "";
        Folder = folder;
        if (_repo.Head.Tip is null) throw new StewardInputException($"{folder}: the Git repository has no commits yet");
    }

    public string Folder { get; }

    /// <summary>The governance repository's folder inside the Git work tree ("" at the root).</summary>
    public string SubPath { get; }

    public Commit Head => _repo.Head.Tip;

    public string DefaultBranch => _repo.Head.FriendlyName;

    /// <summary>Whether a remote of this name is configured (the control loop pushes only where one is).</summary>
    public bool HasRemote(string name) => _repo.Network.Remotes[name] is not null;

    /// <summary>The commits of the current branch, newest first, following first parents.</summary>
    public IEnumerable<Commit> History() =>
        _repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = _repo.Head, FirstParentOnly = true, SortBy = CommitSortStrategies.Topological });

    /// <summary>The governance repository's files at a commit, by path relative to the repository.</summary>
    public Dictionary<string, string> Files(Commit commit) =>
        InMemorySource.Snapshot(new GitRevisionSource(Folder, commit.Sha));

    public GovernanceRepository? TryLoad(Commit commit)
    {
        try
        {
            return RepositoryLoader.Load(new InMemorySource($"{Folder}@{commit.Sha[..7]}", Files(commit)));
        }
        catch (StewardInputException)
        {
            return null; // an old revision that does not load is no evidence either way
        }
    }

    private string GitPath(string path) => SubPath.Length == 0 ? path : SubPath + "/" + path;

    public Tree TreeWith(IReadOnlyDictionary<string, string> newFiles)
    {
        var definition = TreeDefinition.From(Head.Tree);
        foreach (var (path, text) in newFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
            var blob = _repo.ObjectDatabase.CreateBlob(stream);
            var mode = Head[GitPath(path)]?.Mode ?? Mode.NonExecutableFile;
            definition.Add(GitPath(path), blob, mode);
        }
        return _repo.ObjectDatabase.CreateTree(definition);
    }

    /// <summary>The unified diff of a change against HEAD, as `git diff` prints it.</summary>
    public string Patch(IReadOnlyDictionary<string, string> newFiles) =>
        _repo.Diff.Compare<Patch>(Head.Tree, TreeWith(newFiles), new CompareOptions { ContextLines = 3 }).Content;

    /// <summary>
    /// Commits the change on its own branch from HEAD. Returns "created", or "exists" when the branch
    /// already holds exactly this change (so that a second run changes nothing).
    /// </summary>
    public (string Status, string Sha) CommitOnBranch(string branch, IReadOnlyDictionary<string, string> newFiles, string message)
    {
        var tree = TreeWith(newFiles);
        var existing = _repo.Branches[branch];
        if (existing is not null)
        {
            if (existing.Tip.Tree.Sha == tree.Sha || existing.Commits.Take(50).Any(c => c.Message == message))
                return ("exists", existing.Tip.Sha);
            throw new StewardInputException($"branch {branch} exists with other content; delete it or merge it first (Steward never overwrites a branch)");
        }
        var author = Author();
        var commit = _repo.ObjectDatabase.CreateCommit(author, author, message, tree, [Head], prettifyMessage: false);
        _repo.Branches.Add(branch, commit);
        return ("created", commit.Sha);
    }

    /// <summary>
    /// Pushes a branch to a remote without force (no '+' in the refspec), never the default branch.
    /// Returns "pushed", or "up-to-date" when the remote already has this commit.
    /// </summary>
    public string Push(string remoteName, string branch)
    {
        if (!branch.StartsWith("steward/", StringComparison.Ordinal) || branch == DefaultBranch)
            throw new StewardInputException($"refusing to push {branch}: Steward pushes only its own steward/ branches");
        var remote = _repo.Network.Remotes[remoteName] ?? throw new StewardInputException($"--push {remoteName}: no such remote (git remote -v lists them)");
        var local = _repo.Branches[branch] ?? throw new StewardInputException($"branch {branch} does not exist");
        var remoteRefs = _repo.Network.ListReferences(remote).ToList();
        var remoteRef = remoteRefs.FirstOrDefault(r => r.CanonicalName == "refs/heads/" + branch);
        if (remoteRef?.TargetIdentifier == local.Tip.Sha) return "up-to-date";
        string? error = null;
        var options = new PushOptions { OnPushStatusError = e => error = $"{e.Reference}: {e.Message}" };
        try
        {
            _repo.Network.Push(remote, $"refs/heads/{branch}:refs/heads/{branch}", options);
        }
        catch (LibGit2SharpException ex)
        {
            throw new StewardInputException($"push of {branch} to {remoteName} failed: {ex.Message}", ex);
        }
        if (error is not null) throw new StewardInputException($"push of {branch} to {remoteName} was refused: {error}");
        return "pushed";
    }

    private Signature Author()
    {
        var name = Environment.GetEnvironmentVariable("STEWARD_GIT_AUTHOR_NAME");
        var email = Environment.GetEnvironmentVariable("STEWARD_GIT_AUTHOR_EMAIL");
        if (name is not null && email is not null) return new Signature(name, email, DateTimeOffset.UtcNow);
        return _repo.Config.BuildSignature(DateTimeOffset.UtcNow) ?? new Signature("Steward", "steward@localhost", DateTimeOffset.UtcNow);
    }

    public void Dispose() => _repo.Dispose();
}
