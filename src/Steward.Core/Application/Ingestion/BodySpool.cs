using System.Globalization;
using System.Security.Cryptography;

namespace Steward.Core.Application.Ingestion;

/// <summary>
/// A request body copied to a private temporary file as it streams in: the importers read files (DuckDB
/// scans them), and a body is never held whole in memory. The copy stops, and the file is deleted,
/// as soon as the body passes its limit. The SHA-256 of the body is computed on the way.
/// </summary>
internal sealed class BodySpool : IDisposable
{
    /// <summary>How the importers' messages name the body (instead of the temporary file).</summary>
    public const string DisplayName = "request body";

    private readonly DirectoryInfo folder;

    private BodySpool(DirectoryInfo folder, string path, string sha256, long length, long records)
    {
        this.folder = folder;
        Path = path;
        Sha256 = sha256;
        Length = length;
        Records = records;
    }

    /// <summary>The file, named with the extension of its format (the importers choose their reader by it).</summary>
    public string Path { get; }

    /// <summary>Lower-case hex SHA-256 of the body.</summary>
    public string Sha256 { get; }

    public long Length { get; }

    /// <summary>JSON Lines: the number of lines that hold a record.</summary>
    public long Records { get; }

    public static async Task<BodySpool> CopyAsync(Stream body, BodyFormat format, long limit, long? declaredLength, CancellationToken cancellationToken)
    {
        if (declaredLength > limit)
            throw new BodyTooLargeException(limit);
        var folder = Directory.CreateTempSubdirectory("steward-ingest-");
        try
        {
            var raw = System.IO.Path.Combine(folder.FullName, "body");
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var lines = format == BodyFormat.JsonLines ? new JsonLinesCheck() : null;
            long length = 0;
            var head = new byte[4];
            var headLength = 0;
            await using (var file = new FileStream(raw, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > limit)
                        throw new BodyTooLargeException(limit);
                    var chunk = buffer.AsSpan(0, read);
                    hash.AppendData(chunk);
                    lines?.Scan(chunk);
                    if (headLength < head.Length)
                    {
                        var n = Math.Min(head.Length - headLength, read);
                        chunk[..n].CopyTo(head.AsSpan(headLength));
                        headLength += n;
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (length == 0)
                throw new StewardInputException($"{DisplayName}: empty; nothing was stored");
            lines?.End();

            var path = System.IO.Path.Combine(folder.FullName, "body" + Extension(format, head.AsSpan(0, headLength)));
            File.Move(raw, path);
            return new BodySpool(folder, path, Convert.ToHexStringLower(hash.GetHashAndReset()), length, lines?.Records ?? 0);
        }
        catch
        {
            Delete(folder);
            throw;
        }
    }

    /// <summary>The importers' message about the file, naming the body instead of the temporary file.</summary>
    public string Reword(string message) => message.Replace(Path, DisplayName, StringComparison.Ordinal);

    private static string Extension(BodyFormat format, ReadOnlySpan<byte> head) => format switch
    {
        BodyFormat.JsonLines => ".jsonl",
        BodyFormat.Csv => ".csv",
        BodyFormat.GzipCsv => ".csv.gz",
        BodyFormat.Parquet => head.SequenceEqual("PAR1"u8)
            ? ".parquet"
            : throw new StewardInputException($"{DisplayName}: declared Parquet but does not start with PAR1; nothing was stored"),
        _ => head.SequenceEqual("PAR1"u8) ? ".parquet" : head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B ? ".csv.gz" : ".csv",
    };

    public void Dispose() => Delete(folder);

    private static void Delete(DirectoryInfo folder)
    {
        try { folder.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// JSON Lines: one record per line. A blank line between records is refused (it is not JSON, and it
    /// would make DuckDB's row numbers differ from the body's line numbers that errors give); blank lines at the end are fine.
    /// </summary>
    private sealed class JsonLinesCheck
    {
        private long line = 1;
        private bool content;
        private long? firstBlank;

        public long Records { get; private set; }

        public void Scan(ReadOnlySpan<byte> chunk)
        {
            foreach (var b in chunk)
            {
                if (b == (byte)'\n')
                {
                    EndLine();
                    line++;
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r') && !content)
                {
                    if (firstBlank is { } blank)
                        throw new StewardInputException($"{DisplayName}: line {blank.ToString(CultureInfo.InvariantCulture)} is blank; JSON Lines has one record per line; nothing was stored");
                    content = true;
                }
            }
        }

        public void End()
        {
            EndLine();
            if (Records == 0)
                throw new StewardInputException($"{DisplayName}: no records (JSON Lines: one JSON object per line); nothing was stored");
        }

        private void EndLine()
        {
            if (content) Records++;
            else firstBlank ??= line;
            content = false;
        }
    }
}
