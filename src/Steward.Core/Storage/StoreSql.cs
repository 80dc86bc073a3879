using System.Data.Common;

namespace Steward.Core.Storage;

/// <summary>Small helpers to run parameterised SQL on any store connection.</summary>
public static class StoreSql
{
    /// <summary>A command with named parameters (<c>$name</c> in the SQL).</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static int Execute(this IStewardStore store, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(store.Connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this IStewardStore store, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(store.Connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}
