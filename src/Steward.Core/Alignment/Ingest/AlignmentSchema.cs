using Steward.Core.Storage;

namespace Steward.Core.Alignment.Ingest;

/// <summary>The alignment area's tables: the inference log and the results of monitors.</summary>
public static class AlignmentSchema
{
    public const string ModuleName = "alignment";

    public static readonly SchemaModule Module = new(ModuleName,
    [
        new Migration(1, "inferences (one row per logged prediction, other columns as JSON) and monitor_results", """
            CREATE TABLE inferences (
                import_id  BIGINT NOT NULL,
                model      VARCHAR NOT NULL,
                version    VARCHAR NOT NULL,
                ts         TIMESTAMP NOT NULL,
                request_id VARCHAR,
                row_number BIGINT NOT NULL,
                data       VARCHAR NOT NULL,
                label      VARCHAR
            );
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
    ]);
}
