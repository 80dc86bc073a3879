namespace Steward.TestSupport;

/// <summary>Locates the repository root (the folder holding Steward.slnx) and ../shared beside it.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string InShared(params string[] parts) => Path.Combine([Shared, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Steward.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Steward.slnx not found above " + AppContext.BaseDirectory);
    }
}
