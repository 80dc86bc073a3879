using Steward.TestSupport;

namespace Steward.Core.Tests.Alignment;

/// <summary>A temporary folder removed on dispose, with helpers to split the shared data into halves.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "steward-align-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The first half of elec.csv (rows 1..22656) and the second half (rows 22657..45312), header on both.</summary>
    public (string Reference, string Current) ElecHalves()
    {
        var lines = File.ReadAllLines(RepositoryPaths.InShared("data", "drift", "elec.csv"));
        var rows = lines.Length - 1;
        var half = rows / 2;
        var reference = Path.Combine(Folder, "elec-first.csv");
        var current = Path.Combine(Folder, "elec-second.csv");
        File.WriteAllLines(reference, lines.Take(1 + half));
        File.WriteAllLines(current, lines.Take(1).Concat(lines.Skip(1 + half)));
        return (reference, current);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
