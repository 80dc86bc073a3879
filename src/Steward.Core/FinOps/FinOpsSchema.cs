using System.Text;
using Steward.Core.Storage;

namespace Steward.Core.FinOps;

/// <summary>
/// The FinOps tables: <c>cost_focus</c> (one row per FOCUS charge, columns named as in FOCUS; a
/// view over part tables since migration 3, see <see cref="CostFocusTables"/>) and
/// <c>cost_usage</c> (container usage per workload and period, the input of allocation to teams
/// through Kubernetes labels). Both carry the <c>import_id</c> of the file they came from.
/// </summary>
public static class FinOpsSchema
{
    public const string ModuleName = "finops";

    public static readonly SchemaModule Module = new(ModuleName,
    [
        new Migration(1, "cost_focus: FOCUS charges; cost_usage: container usage for allocation", CreateTables()),
        new Migration(2, "cost_usage: GPU utilisation and node capacity (usage import)", """
            ALTER TABLE cost_usage ADD COLUMN gpu_utilization DOUBLE;
            ALTER TABLE cost_usage ADD COLUMN node_cpu_cores DOUBLE;
            ALTER TABLE cost_usage ADD COLUMN node_memory_gib DOUBLE;
            ALTER TABLE cost_usage ADD COLUMN node_gpus DOUBLE;
            """),
        new Migration(3, "cost_focus: a view over cost_focus_rows and one part table per export shape (faster import)",
            $"ALTER TABLE cost_focus RENAME TO {CostFocusTables.Rows};\n{CostFocusTables.ViewSql([])};"),
    ])
    {
        PostgresMigrations =
        [
            new Migration(1, "cost_focus: FOCUS charges; cost_usage: container usage for allocation", CreatePostgresTables()),
        ],
    };

    /// <summary>
    /// PostgreSQL's schema as DuckDB's is now, in one table each: money NUMERIC(38,12) (exact, as DECIMAL(38,12)),
    /// date-times TIMESTAMPTZ (UTC), Tags and labels JSONB. Indexed by import, which restatements and import
    /// summaries select by (DuckDB finds an import's rows by zone maps instead).
    /// </summary>
    private static string CreatePostgresTables()
    {
        static string Type(FocusColumnKind kind) => kind switch
        {
            FocusColumnKind.Money => "NUMERIC(38,12)",
            FocusColumnKind.Quantity => "DOUBLE PRECISION",
            FocusColumnKind.Timestamp => "TIMESTAMPTZ",
            FocusColumnKind.Json => "JSONB",
            _ => "TEXT",
        };
        var columns = FocusColumns.All.Select(c => $"    {c.Name} {Type(c.Kind)}{(c.NotNull ? " NOT NULL" : "")}");
        return $"""
            CREATE TABLE cost_focus (
                import_id BIGINT NOT NULL,
            {string.Join(",\n", columns)}
            );
            CREATE INDEX cost_focus_import ON cost_focus (import_id);
            CREATE TABLE cost_usage (
                import_id                 BIGINT NOT NULL,
                period_start              TIMESTAMPTZ NOT NULL,
                period_end                TIMESTAMPTZ NOT NULL,
                cluster                   TEXT,
                namespace                 TEXT,
                workload_kind             TEXT,
                workload_name             TEXT,
                pod                       TEXT,
                container                 TEXT,
                node                      TEXT,
                resource_id               TEXT,
                labels                    JSONB,
                cpu_core_hours            DOUBLE PRECISION,
                cpu_request_core_hours    DOUBLE PRECISION,
                memory_gib_hours          DOUBLE PRECISION,
                memory_request_gib_hours  DOUBLE PRECISION,
                gpu_hours                 DOUBLE PRECISION,
                gpu_utilization           DOUBLE PRECISION,
                node_cpu_cores            DOUBLE PRECISION,
                node_memory_gib           DOUBLE PRECISION,
                node_gpus                 DOUBLE PRECISION
            );
            CREATE INDEX cost_usage_import ON cost_usage (import_id);
            CREATE INDEX cost_usage_node ON cost_usage (node);
            """;
    }

    private static string CreateTables()
    {
        var sql = new StringBuilder();
        var columns = FocusColumns.All.Select(c => $"    {c.Name} {FocusColumns.SqlType(c.Kind)}{(c.NotNull ? " NOT NULL" : "")}");
        sql.AppendLine("CREATE TABLE cost_focus (");
        sql.AppendLine("    import_id BIGINT NOT NULL,");
        sql.AppendLine(string.Join(",\n", columns));
        sql.AppendLine(");");
        // No index on import_id: an import's rows are contiguous, so DuckDB's zone maps find them,
        // and an ART index would more than double the cost of loading.
        // Container usage, filled by the Kubernetes usage importer (not yet built). Allocation joins
        // it to cost_focus on resource_id (the node's FOCUS ResourceId) and the charge period, then
        // splits each node's cost by the usage shares and reads team/project/model from labels.
        sql.AppendLine("""
            CREATE TABLE cost_usage (
                import_id                 BIGINT NOT NULL,
                period_start              TIMESTAMP NOT NULL,
                period_end                TIMESTAMP NOT NULL,
                cluster                   VARCHAR,
                namespace                 VARCHAR,
                workload_kind             VARCHAR,
                workload_name             VARCHAR,
                pod                       VARCHAR,
                container                 VARCHAR,
                node                      VARCHAR,
                resource_id               VARCHAR,
                labels                    JSON,
                cpu_core_hours            DOUBLE,
                cpu_request_core_hours    DOUBLE,
                memory_gib_hours          DOUBLE,
                memory_request_gib_hours  DOUBLE,
                gpu_hours                 DOUBLE
            );
            """);
        return sql.ToString();
    }
}
