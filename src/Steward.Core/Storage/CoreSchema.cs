namespace Steward.Core.Storage;

/// <summary>The store's own tables: the record of imported files.</summary>
public static class CoreSchema
{
    public const string ModuleName = "store";

    public static readonly SchemaModule Module = new(ModuleName,
    [
        new Migration(1, "imports: one row per imported file, unique by kind and content hash", """
            CREATE SEQUENCE imports_seq START 1;
            CREATE TABLE imports (
                import_id   BIGINT PRIMARY KEY,
                kind        VARCHAR NOT NULL,
                source_path VARCHAR NOT NULL,
                sha256      VARCHAR NOT NULL,
                row_count   BIGINT NOT NULL,
                imported_at TIMESTAMP NOT NULL,
                UNIQUE (kind, sha256)
            );
            """),
    ])
    {
        PostgresMigrations =
        [
            new Migration(1, "imports: one row per imported file, unique by kind and content hash", """
                CREATE SEQUENCE imports_seq START 1;
                CREATE TABLE imports (
                    import_id   BIGINT PRIMARY KEY,
                    kind        TEXT NOT NULL,
                    source_path TEXT NOT NULL,
                    sha256      TEXT NOT NULL,
                    row_count   BIGINT NOT NULL,
                    imported_at TIMESTAMPTZ NOT NULL,
                    UNIQUE (kind, sha256)
                );
                """),
        ],
    };
}
