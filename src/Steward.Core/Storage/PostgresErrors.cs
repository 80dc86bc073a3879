using Npgsql;

namespace Steward.Core.Storage;

/// <summary>One line that says why PostgreSQL refused, without the stack of the driver.</summary>
public static class PostgresErrors
{
    public static string Describe(Exception error) => error switch
    {
        PostgresException pg => $"{pg.MessageText} ({pg.SqlState})",
        NpgsqlException { InnerException: { } inner } => FirstLine(inner.Message),
        _ => FirstLine(error.Message),
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n');
        return (end < 0 ? message : message[..end]).Trim();
    }
}
