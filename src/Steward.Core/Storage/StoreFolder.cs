namespace Steward.Core.Storage;

/// <summary>
/// Creates the folder a store lives in. The default store is <c>.steward/steward.duckdb</c> under the
/// current folder, which is often a Git work tree (`steward remediate --apply` runs from the repository
/// root): a <c>.steward</c> folder Steward creates gets a <c>.gitignore</c> of <c>*</c>, as pytest does
/// for its cache, so that the store never shows up in <c>git status</c> or in a commit.
/// </summary>
public static class StoreFolder
{
    public const string DefaultName = ".steward";

    public static void Create(string folder)
    {
        if (Directory.Exists(folder)) return; // the user's folder, or one made earlier: left as it is
        Directory.CreateDirectory(folder);
        if (Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) == DefaultName)
            File.WriteAllText(Path.Combine(folder, ".gitignore"), "# Created by Steward: the store is local state, never committed.\n*\n");
    }
}
