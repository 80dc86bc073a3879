using System.Text;
using Steward.Core.Alignment.Multivariate;

namespace Steward.Core.Application.Explainability;

/// <summary>
/// Two <see cref="InlineTable"/>s written to <c>reference.csv</c> and <c>current.csv</c> in a private
/// temporary folder (deleted on dispose), so that DuckDB reads them exactly as it reads the files
/// <c>steward analyze importance</c> is given: the same type sniffing, the same rows, the same report.
/// </summary>
internal sealed class InlineTableFiles : IDisposable
{
    // UTF-8 without a byte order mark: the bytes a client's CSV file would hold.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly DirectoryInfo _folder;

    private InlineTableFiles(DirectoryInfo folder, NamedTableFile reference, NamedTableFile current)
    {
        _folder = folder;
        Reference = reference;
        Current = current;
    }

    public NamedTableFile Reference { get; }

    public NamedTableFile Current { get; }

    public static InlineTableFiles Write(InlineTable reference, InlineTable current)
    {
        foreach (var table in new[] { reference, current })
            if (string.IsNullOrWhiteSpace(table.Csv))
                throw new StewardInputException($"{table.Name}: empty; expected CSV text with a header row");
        var folder = Directory.CreateTempSubdirectory("steward-importance-");
        try
        {
            return new InlineTableFiles(folder, WriteFile(folder, "reference.csv", reference), WriteFile(folder, "current.csv", current));
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Runs <paramref name="action"/>, naming the tables in its input errors as the client does (DuckDB's messages quote the temporary files).</summary>
    public T Named<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (StewardInputException e) when (e.Message.Contains(_folder.FullName, StringComparison.Ordinal))
        {
            var message = e.Message.Replace(Reference.Path, Reference.Name, StringComparison.Ordinal).Replace(Current.Path, Current.Name, StringComparison.Ordinal);
            throw new StewardInputException(message, e);
        }
    }

    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the operating system's temporary-file cleaning removes it later.
        }
    }

    private static NamedTableFile WriteFile(DirectoryInfo folder, string fileName, InlineTable table)
    {
        var path = Path.Combine(folder.FullName, fileName);
        File.WriteAllText(path, table.Csv, Utf8);
        return new NamedTableFile(path, table.Name);
    }
}
