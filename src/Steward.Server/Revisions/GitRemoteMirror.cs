using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using Steward.Core;

namespace Steward.Server.Revisions;

/// <summary>
/// A governance repository given as a Git remote (https://, file://, ssh:// or scp-like
/// <c>git@host:path</c>, or the path of a local bare repository): cloned once into a cache folder,
/// then fetched and hard-reset to the remote branch the clone tracks at every sync. The cache folder
/// belongs to Steward (nobody edits it), so a hard reset loses nothing. Credentials are not handled
/// here: public repositories, or a file:// mirror kept current by another container.
/// </summary>
public sealed class GitRemoteMirror
{
    private readonly string _url;

    public GitRemoteMirror(string url, string cacheFolder)
    {
        _url = url;
        Folder = Path.GetFullPath(cacheFolder);
    }

    /// <summary>The URL for messages, without a user or password it may carry.</summary>
    public string Display => Redact(_url);

    /// <summary>The work tree the revisions are loaded from.</summary>
    public string Folder { get; }

    /// <summary>Whether the REPO argument names a Git remote rather than a folder to read in place.</summary>
    public static bool IsRemote(string repo)
    {
        if (repo.Contains("://", StringComparison.Ordinal)) return true;
        if (Directory.Exists(repo))
        {
            try
            {
                // A bare repository has no files to read in place: it is fetched like a remote.
                if (!Repository.IsValid(repo)) return false;
                using var opened = new Repository(repo);
                return opened.Info.IsBare;
            }
            catch (LibGit2SharpException)
            {
                return false;
            }
        }
        // scp-like syntax: user@host:path
        var at = repo.IndexOf('@', StringComparison.Ordinal);
        var colon = repo.IndexOf(':', StringComparison.Ordinal);
        return at > 0 && colon > at + 1;
    }

    /// <summary>The cache folder of a remote under the store's folder: one per URL.</summary>
    public static string CacheFolderFor(string url, string storePath)
    {
        // Beside a DuckDB store; a PostgreSQL store is no folder of this machine, so the clone goes to the temporary folder.
        var storeFolder = Core.Storage.StoreAddress.IsPostgres(storePath)
            ? Path.Combine(Path.GetTempPath(), "steward")
            : Path.GetDirectoryName(Path.GetFullPath(storePath)) ?? Path.GetTempPath();
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16].ToLowerInvariant();
        return Path.Combine(storeFolder, "repositories", key);
    }

    /// <summary>Clones or fetches, then resets the work tree to the remote branch; the failure names the URL.</summary>
    public void Update()
    {
        try
        {
            if (!IsOurClone())
            {
                if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
                Directory.CreateDirectory(Path.GetDirectoryName(Folder)!);
                Repository.Clone(_url, Folder);
                return;
            }
            using var repo = new Repository(Folder);
            var origin = repo.Network.Remotes["origin"];
            Commands.Fetch(repo, "origin", origin.FetchRefSpecs.Select(r => r.Specification), new FetchOptions { Prune = true }, null);
            var tracked = repo.Head.TrackedBranch
                ?? throw new StewardInputException($"{Display}: the clone's branch {repo.Head.FriendlyName} tracks no remote branch");
            if (tracked.Tip is null)
                throw new StewardInputException($"{Display}: the remote branch {tracked.FriendlyName} is gone");
            repo.Reset(ResetMode.Hard, tracked.Tip);
        }
        catch (LibGit2SharpException e)
        {
            throw new StewardInputException($"{Display}: cannot {(IsOurClone() ? "fetch" : "clone")}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new StewardInputException($"{Display}: cannot write the clone at {Folder}: {e.Message}");
        }
    }

    /// <summary>A clone of this URL is there already (a cache folder left by an earlier run, or another URL's clash).</summary>
    private bool IsOurClone()
    {
        try
        {
            if (!Repository.IsValid(Folder)) return false;
            using var repo = new Repository(Folder);
            return repo.Network.Remotes["origin"]?.Url == _url && !repo.Info.IsBare;
        }
        catch (LibGit2SharpException)
        {
            return false;
        }
    }

    internal static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : url;
}
