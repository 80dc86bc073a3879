using System.Globalization;
using System.Text.Json;
using Steward.Core.Alignment.Ingest;
using Steward.Core.Storage;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// The rows of one OTLP batch, written to a private temporary JSON Lines file: the store imports files (one import,
/// atomic, idempotent by the file's content hash), and DuckDB reads them into the store's inference log (<see cref="IInferenceLog"/>).
/// </summary>
internal sealed class InferenceRowFile : IDisposable
{
    private readonly DirectoryInfo folder;

    private InferenceRowFile(DirectoryInfo folder, string path)
    {
        this.folder = folder;
        Path = path;
    }

    public string Path { get; }

    public static InferenceRowFile Write(IReadOnlyList<InferenceRow> rows)
    {
        var folder = Directory.CreateTempSubdirectory("steward-otlp-");
        var path = System.IO.Path.Combine(folder.FullName, "rows.jsonl");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        using (var writer = new Utf8JsonWriter(file))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                writer.WriteStartObject();
                writer.WriteString("model", row.Model);
                writer.WriteString("version", row.Version);
                writer.WriteString("ts", row.Timestamp.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
                if (row.RequestId is null) writer.WriteNull("request_id");
                else writer.WriteString("request_id", row.RequestId);
                writer.WriteNumber("row_number", i + 1);
                writer.WriteString("data", row.Data);
                writer.WriteEndObject();
                writer.Flush();
                file.WriteByte((byte)'\n');
                writer.Reset();
            }
        }
        return new InferenceRowFile(folder, path);
    }

    /// <summary>Inserts the rows under the import of <paramref name="context"/>; returns how many.</summary>
    public long Insert(ImportContext context)
    {
        using var log = InferenceLog.For(context.Store);
        return log.Append(context, $"""
            SELECT model, version, ts, request_id, row_number, data
            FROM read_json('{Path.Replace("'", "''")}', format = 'newline_delimited',
                columns = {"{"}model: 'VARCHAR', version: 'VARCHAR', ts: 'TIMESTAMP', request_id: 'VARCHAR', row_number: 'BIGINT', data: 'VARCHAR'{"}"})
            """);
    }

    public void Dispose()
    {
        try { folder.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
