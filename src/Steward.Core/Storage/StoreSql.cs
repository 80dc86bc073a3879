using System.Data.Common;
using System.Text;
using Npgsql;

namespace Steward.Core.Storage;

/// <summary>
/// Small helpers to run parameterised SQL on a store connection. Parameters are written <c>$name</c>
/// in the SQL (DuckDB's form) on both engines: on PostgreSQL, where <c>$1</c> is positional, the named
/// ones are rewritten to Npgsql's <c>@name</c>, so that SQL both engines understand is written once.
/// </summary>
public static class StoreSql
{
    /// <summary>A command with named parameters (<c>$name</c> in the SQL).</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = connection is NpgsqlConnection && parameters.Length > 0 ? ForNpgsql(sql, parameters) : sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>
    /// <paramref name="sql"/> with <c>$name</c> turned into <c>@name</c> for the given parameter names only,
    /// outside string literals, quoted identifiers and comments.
    /// </summary>
    public static string ForNpgsql(string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        var names = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var result = new StringBuilder(sql.Length);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = sql.IndexOf(c, i + 1);
                end = end < 0 ? sql.Length : end + 1;
                result.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                result.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '$')
            {
                var start = i + 1;
                var end = start;
                while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_'))
                    end++;
                var name = sql[start..end];
                result.Append(names.Contains(name) ? '@' : '$').Append(name);
                i = end;
            }
            else
            {
                result.Append(c);
                i++;
            }
        }
        return result.ToString();
    }

    public static int Execute(this IStewardStore store, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(Connection(store), sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this IStewardStore store, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(Connection(store), sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static DbConnection Connection(IStewardStore store) =>
        StoreBackend.Port<DbConnection>(store, duck => duck.Connection, pg => pg.Connection);
}
