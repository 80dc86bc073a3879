using Npgsql;
using Steward.Core.Storage;

namespace Steward.Core.Tests.Storage;

/// <summary>How <c>--store</c> and <c>STEWARD_STORE</c> are read: a file path or a libpq-style URL, never with a password.</summary>
public class StoreAddressTests
{
    [Fact]
    public void A_path_is_a_DuckDB_store()
    {
        var address = StoreAddress.Parse(".steward/steward.duckdb");
        address.Engine.Should().Be(StoreEngine.DuckDb);
        address.Path.Should().Be(".steward/steward.duckdb");
    }

    [Fact]
    public void A_postgresql_url_becomes_an_Npgsql_connection_string()
    {
        var address = StoreAddress.Parse("postgresql://steward@db.example:6543/governance?sslmode=require&application_name=ci");
        address.Engine.Should().Be(StoreEngine.PostgreSql);
        address.Display.Should().Be("postgresql://steward@db.example:6543/governance");
        var builder = new NpgsqlConnectionStringBuilder(address.ConnectionString);
        builder.Host.Should().Be("db.example");
        builder.Port.Should().Be(6543);
        builder.Database.Should().Be("governance");
        builder.Username.Should().Be("steward");
        builder.Password.Should().BeNull();
        builder.SslMode.Should().Be(SslMode.Require);
        builder.ApplicationName.Should().Be("ci");
        builder.Timezone.Should().Be("UTC");
    }

    [Fact]
    public void The_default_port_is_5432_and_postgres_is_accepted_as_scheme()
    {
        var builder = new NpgsqlConnectionStringBuilder(StoreAddress.Parse("postgres://db/steward").ConnectionString);
        builder.Port.Should().Be(5432);
        builder.Username.Should().BeNull();
    }

    [Theory]
    [InlineData("postgresql://steward:secret@db/steward")]
    [InlineData("postgresql://steward@db/steward?password=secret")]
    public void A_password_in_the_address_is_refused_without_echoing_it(string value)
    {
        var act = () => StoreAddress.Parse(value);
        act.Should().Throw<StewardInputException>().Which.Message.Should()
            .Be("--store: the PostgreSQL address carries a password; give it in PGPASSWORD or a password file (PGPASSFILE, ~/.pgpass), never on the command line")
            .And.NotContain("secret");
    }

    [Theory]
    [InlineData("postgresql://db", "--store: 'postgresql://db' names no database (postgresql://user@host:port/database)")]
    [InlineData("postgresql://db/steward?pool=1", "--store: unknown parameter 'pool' in the PostgreSQL address; use application_name, connect_timeout, options, passfile, sslcert, sslkey, sslmode, sslrootcert, target_session_attrs")]
    [InlineData("mysql://db/steward", "--store: 'mysql://db/steward': unsupported store address; use a DuckDB file path or postgresql://user@host:port/database")]
    [InlineData("postgresql://db/steward?sslmode=sometimes", "--store: parameter 'sslmode': *")]
    public void A_bad_address_is_one_message(string value, string message)
    {
        var act = () => StoreAddress.Parse(value);
        act.Should().Throw<StewardInputException>().WithMessage(message);
    }

    [Fact]
    public void Named_parameters_become_Npgsql_ones_outside_literals_only()
    {
        StoreSql.ForNpgsql("SELECT '$id', \"$id\", $id, $idx, $2 -- $id\nFROM t WHERE k = $id", [("id", 1)])
            .Should().Be("SELECT '$id', \"$id\", @id, $idx, $2 -- $id\nFROM t WHERE k = @id");
    }
}
