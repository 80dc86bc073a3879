using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>The alignment area's tables: the inference log, the results of monitors and the notes of their windows.</summary>
public static class AlignmentSchema
{
    public const string ModuleName = "alignment";

    /// <summary>
    /// The <c>inferences</c> table as a DuckDB store has it, for the in-memory copy of a PostgreSQL store's
    /// window on which the monitors' statistics run the same SQL.
    /// </summary>
    internal const string InferencesDuckDbTable = """
        CREATE TABLE inferences (
            import_id  BIGINT NOT NULL,
            model      VARCHAR NOT NULL,
            version    VARCHAR NOT NULL,
            ts         TIMESTAMP NOT NULL,
            request_id VARCHAR,
            row_number BIGINT NOT NULL,
            data       VARCHAR NOT NULL,
            label      VARCHAR
        )
        """;

    public static readonly SchemaModule Module = new(ModuleName,
    [
        // The released statement, kept in one place with the in-memory copy of a PostgreSQL window (same SQL as before).
        new Migration(1, "inferences (one row per logged prediction, other columns as JSON) and monitor_results", $"""
            {InferencesDuckDbTable};
            CREATE INDEX inferences_model_ts ON inferences (model, version, ts);
            CREATE TABLE monitor_results (
                monitor      VARCHAR NOT NULL,
                model        VARCHAR NOT NULL,
                version      VARCHAR NOT NULL,
                window_start TIMESTAMP NOT NULL,
                window_end   TIMESTAMP NOT NULL,
                rows         BIGINT NOT NULL,
                metric       VARCHAR NOT NULL,
                value        DOUBLE,
                threshold    VARCHAR,
                breached     BOOLEAN NOT NULL,
                PRIMARY KEY (monitor, window_start, metric)
            );
            """),
        // A separate table, not a column of monitor_results: a window whose every metric was skipped has
        // no row there, and its notes (why nothing was computed) must still be kept.
        new Migration(2, "monitor_notes: why a window lacks a metric the Monitor names", """
            CREATE TABLE monitor_notes (
                monitor      VARCHAR NOT NULL,
                window_start TIMESTAMP NOT NULL,
                window_end   TIMESTAMP NOT NULL,
                rows         BIGINT NOT NULL,
                position     INTEGER NOT NULL,
                note         VARCHAR NOT NULL,
                PRIMARY KEY (monitor, window_start, position)
            );
            """),
    ])
    {
        // PostgreSQL starts with the schema as it is now. data stays TEXT (not jsonb): jsonb would reorder
        // keys and rewrite numbers, and the monitors order rows by (ts, data) and read values as logged.
        PostgresMigrations =
        [
            new Migration(1, "inferences, monitor_results and monitor_notes", """
                CREATE TABLE inferences (
                    import_id  BIGINT NOT NULL,
                    model      TEXT NOT NULL,
                    version    TEXT NOT NULL,
                    ts         TIMESTAMPTZ NOT NULL,
                    request_id TEXT,
                    row_number BIGINT NOT NULL,
                    data       TEXT NOT NULL,
                    label      TEXT
                );
                CREATE INDEX inferences_model_ts ON inferences (model, version, ts);
                CREATE INDEX inferences_model_request ON inferences (model, request_id);
                CREATE TABLE monitor_results (
                    monitor      TEXT NOT NULL,
                    model        TEXT NOT NULL,
                    version      TEXT NOT NULL,
                    window_start TIMESTAMPTZ NOT NULL,
                    window_end   TIMESTAMPTZ NOT NULL,
                    rows         BIGINT NOT NULL,
                    metric       TEXT NOT NULL,
                    value        DOUBLE PRECISION,
                    threshold    TEXT,
                    breached     BOOLEAN NOT NULL,
                    PRIMARY KEY (monitor, window_start, metric)
                );
                CREATE TABLE monitor_notes (
                    monitor      TEXT NOT NULL,
                    window_start TIMESTAMPTZ NOT NULL,
                    window_end   TIMESTAMPTZ NOT NULL,
                    rows         BIGINT NOT NULL,
                    position     INTEGER NOT NULL,
                    note         TEXT NOT NULL,
                    PRIMARY KEY (monitor, window_start, position)
                );
                """),
        ],
    };
}
