using LibGit2Sharp;

namespace Steward.Server.Tests.Support;

/// <summary>Real Git repositories made in a test with LibGit2Sharp.</summary>
internal static class GitFixture
{
    private static readonly Signature Author = new("Steward Tests", "tests@steward.example", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>A work tree at <paramref name="folder"/> holding a copy of <paramref name="content"/>, committed; returns the commit.</summary>
    public static string InitWithCopyOf(string folder, string content)
    {
        CopyFolder(content, folder);
        Repository.Init(folder);
        return CommitAll(folder, "initial");
    }

    public static string CommitAll(string folder, string message)
    {
        using var repo = new Repository(folder);
        Commands.Stage(repo, "*");
        return repo.Commit(message, Author, Author, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>A bare repository at <paramref name="bare"/> that <paramref name="work"/> pushes its branch to (as origin); HEAD names that branch.</summary>
    public static void InitBareRemote(string work, string bare)
    {
        Repository.Init(bare, isBare: true);
        using var repo = new Repository(work);
        repo.Network.Remotes.Add("origin", bare);
        Push(work);
        using var remote = new Repository(bare);
        remote.Refs.UpdateTarget("HEAD", repo.Head.CanonicalName);
    }

    public static void Push(string work)
    {
        using var repo = new Repository(work);
        var branch = repo.Head.CanonicalName;
        repo.Network.Push(repo.Network.Remotes["origin"], $"+{branch}:{branch}");
    }
}
