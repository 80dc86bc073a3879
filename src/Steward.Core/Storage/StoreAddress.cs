using Npgsql;

namespace Steward.Core.Storage;

/// <summary>
/// Where a store lives, as a user writes it in <c>--store</c> or <c>STEWARD_STORE</c>: a DuckDB file
/// path, or <c>postgresql://user@host:port/database</c> for a shared PostgreSQL store. The password
/// never travels in the address (it would show in process lists and CI logs): it comes from
/// <c>PGPASSWORD</c> or a password file (<c>PGPASSFILE</c>, <c>~/.pgpass</c>, or <c>?passfile=</c>).
/// </summary>
public sealed record StoreAddress
{
    private static readonly string[] Schemes = ["postgresql://", "postgres://"];

    // The query parameters of libpq's URIs that Steward passes on; any other is an error, not ignored.
    private static readonly IReadOnlyDictionary<string, string> QueryKeywords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["passfile"] = "Passfile",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
    };

    private StoreAddress(StoreEngine engine, string display, string? path, string? connectionString)
    {
        Engine = engine;
        Display = display;
        Path = path;
        ConnectionString = connectionString;
    }

    public StoreEngine Engine { get; }

    /// <summary>The address as messages show it: the path, or the URL without any credentials.</summary>
    public string Display { get; }

    /// <summary>The DuckDB file (for <see cref="StoreEngine.DuckDb"/>).</summary>
    public string? Path { get; }

    /// <summary>Npgsql's connection string (for <see cref="StoreEngine.PostgreSql"/>).</summary>
    public string? ConnectionString { get; }

    /// <summary>Whether <paramref name="value"/> is a PostgreSQL URL rather than a file path.</summary>
    public static bool IsPostgres(string value) => Schemes.Any(s => value.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads an address; a malformed PostgreSQL URL is an input error naming what is wrong.</summary>
    public static StoreAddress Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new StewardInputException("--store: empty store address");
        if (!IsPostgres(value))
        {
            if (value.Contains("://", StringComparison.Ordinal))
                throw new StewardInputException($"--store: '{value}': unsupported store address; use a DuckDB file path or postgresql://user@host:port/database");
            return new StoreAddress(StoreEngine.DuckDb, value, value, null);
        }
        return ParsePostgres(value);
    }

    private static StoreAddress ParsePostgres(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new StewardInputException($"--store: '{Redact(value)}' is not a valid postgresql:// URL (postgresql://user@host:port/database)");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            ApplicationName = "steward",
            Timezone = "UTC",
            // Bounded: no statement of Steward's runs for more than ten minutes (imports of large files included).
            CommandTimeout = 600,
        };
        var user = Uri.UnescapeDataString(uri.UserInfo);
        if (user.Contains(':', StringComparison.Ordinal))
            throw new StewardInputException(
                "--store: the PostgreSQL address carries a password; give it in PGPASSWORD or a password file (PGPASSFILE, ~/.pgpass), never on the command line");
        if (user.Length > 0)
            builder.Username = user;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
            throw new StewardInputException($"--store: '{Redact(value)}' names no database (postgresql://user@host:port/database)");
        builder.Database = database;

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var setting = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (key == "password")
                throw new StewardInputException(
                    "--store: the PostgreSQL address carries a password; give it in PGPASSWORD or a password file (PGPASSFILE, ~/.pgpass), never on the command line");
            if (!QueryKeywords.TryGetValue(key, out var keyword))
                throw new StewardInputException(
                    $"--store: unknown parameter '{key}' in the PostgreSQL address; use {string.Join(", ", QueryKeywords.Keys.Order(StringComparer.Ordinal))}");
            try
            {
                builder[keyword] = key == "sslmode" ? NpgsqlSslMode(setting) : setting;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                throw new StewardInputException($"--store: parameter '{key}': {ex.Message}");
            }
        }

        var display = $"postgresql://{(user.Length > 0 ? user + "@" : "")}{uri.Authority[(uri.Authority.IndexOf('@') + 1)..]}/{database}";
        return new StoreAddress(StoreEngine.PostgreSql, display, null, builder.ConnectionString);
    }

    // libpq spells the modes verify-ca and verify-full; Npgsql's names are VerifyCA and VerifyFull.
    private static string NpgsqlSslMode(string mode) => mode switch
    {
        "verify-ca" => "VerifyCA",
        "verify-full" => "VerifyFull",
        _ => mode,
    };

    // An address in an error message loses whatever sits before '@' past the scheme.
    private static string Redact(string value)
    {
        var at = value.LastIndexOf('@');
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        return at > scheme && scheme >= 0 ? value[..(scheme + 3)] + "…" + value[at..] : value;
    }

    public override string ToString() => Display;
}
