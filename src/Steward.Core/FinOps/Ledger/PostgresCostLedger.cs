using System.Data.Common;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;
using Steward.Core.FinOps.Import;
using Steward.Core.Storage;

namespace Steward.Core.FinOps.Ledger;

/// <summary>
/// FOCUS charges in a PostgreSQL store: one table <c>cost_focus</c> (NUMERIC(38,12) money, TIMESTAMPTZ,
/// JSONB tags). An export is read and checked by an in-memory DuckDB exactly as for the embedded store,
/// and its rows are streamed, as DuckDB produces them, into PostgreSQL with binary COPY inside the
/// import's transaction: memory stays flat however many rows the file has.
/// </summary>
internal sealed class PostgresCostLedger(PostgresStore store) : CostLedger(store)
{
    private readonly NpgsqlConnection connection = StoreBackend.Postgres(store);
    private DuckDBConnection? files;

    public override StoreEngine Engine => StoreEngine.PostgreSql;

    /// <summary>Opened on first use: reports never need it.</summary>
    public override DuckDBConnection Files => files ??= OpenFileReader();

    protected override DbConnection Connection => connection;

    protected override string Epoch(string timestamp) => $"CAST(extract(epoch FROM {timestamp}) AS DOUBLE PRECISION)";

    protected override IReadOnlyList<(string Table, Func<string, string> Column)> UnderlyingTables() => [("cost_focus", name => "cost_focus." + name)];

    public override long Load(ImportContext context, FocusSource source)
    {
        var present = source.Present();
        var names = string.Join(", ", present.Select(x => x.Column.Name));
        var values = string.Join(",\n    ", present.Select(x => FocusExpressions.Convert(x.Column, x.Source)));
        using var command = Files.CreateCommand();
        command.CommandText = $"SELECT {values}\nFROM {source.Scan}";
        // Streamed: DuckDB hands over one chunk of rows at a time instead of the whole result.
        command.UseStreamingMode = true;
        long rows = 0;
        try
        {
            using var writer = connection.BeginBinaryImport($"COPY cost_focus (import_id, {names}) FROM STDIN (FORMAT BINARY)");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                writer.StartRow();
                writer.Write(context.ImportId, NpgsqlDbType.Bigint);
                for (var i = 0; i < present.Count; i++)
                    Write(writer, reader, i, present[i].Column, source);
                rows++;
            }
            writer.Complete();
        }
        catch (DuckDBException ex)
        {
            throw new FocusLoadException(source, ex);
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("22", StringComparison.Ordinal) || ex.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            // A value DuckDB accepted but PostgreSQL does not (e.g. a NUL character in a JSON string).
            throw new StewardInputException($"{source.DisplayName}: the PostgreSQL store refused a value: {PostgresErrors.Describe(ex)}; nothing was imported", ex);
        }
        return rows;
    }

    private static void Write(NpgsqlBinaryImporter writer, DbDataReader reader, int i, FocusColumn column, FocusSource source)
    {
        if (reader.IsDBNull(i))
        {
            // DuckDB's part tables refuse it with NOT NULL; here the diagnostics find and name the row the same way.
            if (column.NotNull)
                throw new FocusLoadException(source, new InvalidDataException($"column {column.Name} is empty"));
            writer.WriteNull();
            return;
        }
        switch (column.Kind)
        {
            case FocusColumnKind.Money:
                writer.Write(reader.GetDecimal(i), NpgsqlDbType.Numeric);
                break;
            case FocusColumnKind.Quantity:
                writer.Write(reader.GetDouble(i), NpgsqlDbType.Double);
                break;
            case FocusColumnKind.Timestamp:
                writer.Write(Utc(reader.GetDateTime(i)), NpgsqlDbType.TimestampTz);
                break;
            case FocusColumnKind.Json:
                writer.Write(reader.GetString(i), NpgsqlDbType.Jsonb);
                break;
            default:
                writer.Write(reader.GetString(i), NpgsqlDbType.Text);
                break;
        }
    }

    /// <summary>An in-memory DuckDB that reads export files beside a PostgreSQL store, in UTC as the embedded store.</summary>
    internal static DuckDBConnection OpenFileReader()
    {
        var duck = DuckDbSettings.OpenInMemory();
        // As in the embedded store: naive date-times in exports are UTC, offsets are converted.
        using var command = duck.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
        return duck;
    }

    public override void Dispose()
    {
        files?.Dispose();
        base.Dispose();
    }
}
