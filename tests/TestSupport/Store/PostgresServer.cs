using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Steward.TestSupport;

/// <summary>
/// A real, throw-away PostgreSQL server (Debian's <c>postgresql</c> package, installed by
/// scripts/test-tools.sh): a cluster made with <c>initdb</c> in a temporary folder, started with
/// <c>pg_ctl</c> on a free loopback port, removed when the test process ends. PostgreSQL refuses to
/// run as root, so as root the cluster belongs to the <c>postgres</c> user and its tools run through
/// <c>runuser</c>. One server per test process (<see cref="Shared"/>); each test takes a database of
/// its own (<see cref="CreateDatabase"/>). Connections use a password from a password file, never the address.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    public const string User = "steward";
    private const string Password = "steward-test-password";
    private static readonly Lazy<PostgresServer> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string folder;
    private readonly string binaries;
    private readonly string? runAs;
    private int databases;
    private int disposed;

    private PostgresServer(string folder, string binaries, string? runAs, int port)
    {
        this.folder = folder;
        this.binaries = binaries;
        this.runAs = runAs;
        Port = port;
        PasswordFile = Path.Combine(folder, "pgpass");
    }

    /// <summary>The server of this test process, started on first use.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    /// <summary>Stops the shared server and removes its folder, if a test started it (<see cref="PostgresServerShutdown"/>).</summary>
    public static void ShutDownShared()
    {
        if (SharedServer.IsValueCreated)
            SharedServer.Value.Dispose();
    }

    public int Port { get; }

    /// <summary>A libpq password file with the test user's password (what <c>?passfile=</c> or PGPASSFILE points to).</summary>
    public string PasswordFile { get; }

    /// <summary>A new, empty database; returns its Steward store address (with <c>?passfile=</c>).</summary>
    public string CreateDatabase(string? prefix = null)
    {
        var name = $"{prefix ?? "t"}_{Interlocked.Increment(ref databases)}_{Guid.NewGuid().ToString("N")[..16]}".ToLowerInvariant();
        using (var connection = new NpgsqlConnection(AdminConnectionString("postgres")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'";
            command.ExecuteNonQuery();
        }
        return Address(name);
    }

    /// <summary>The store address of <paramref name="database"/>.</summary>
    public string Address(string database) => $"postgresql://{User}@127.0.0.1:{Port}/{database}?passfile={Uri.EscapeDataString(PasswordFile)}";

    /// <summary>A connection string with the password, for a test's own checks on a database.</summary>
    public string AdminConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Username = User, Password = Password, Database = database, Timezone = "UTC",
            Pooling = false,
        }.ConnectionString;

    private static PostgresServer Start()
    {
        var binaries = FindBinaries();
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var folder = Path.Combine(Path.GetTempPath(), "steward-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        var passwordInput = Path.Combine(folder, "password");
        File.WriteAllText(passwordInput, Password + "\n");
        if (runAs is not null)
            Run("chown", ["-R", runAs + ":" + runAs, folder]);

        var port = FreePort();
        var server = new PostgresServer(folder, binaries, runAs, port);
        try
        {
            server.Tool("initdb", ["-D", data, "-U", User, "--pwfile", passwordInput, "--auth-local=trust", "--auth-host=scram-sha-256",
                "--encoding=UTF8", "--locale=C", "--no-sync"]);
            // Durability is not what the tests measure: no fsync makes a cluster and each database cheap.
            server.Tool("pg_ctl", ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start", "-o",
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"]);
            File.WriteAllText(server.PasswordFile, $"127.0.0.1:{port}:*:{User}:{Password}\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(server.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            // Normally PostgresServerShutdown stops it first; this covers a run that ends without disposing fixtures.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private void Tool(string name, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(binaries, name);
        if (runAs is null)
            Run(path, arguments);
        else
            Run("runuser", ["-u", runAs, "--", path, .. arguments]);
    }

    private static string FindBinaries()
    {
        // Debian keeps the server's tools in /usr/lib/postgresql/<major>/bin, off the PATH.
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Folder: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0))
                .Where(d => File.Exists(Path.Combine(d.Folder, "initdb")))
                .OrderByDescending(d => d.Major)
                .Select(d => d.Folder)
                .FirstOrDefault()
            : null;
        if (debian is not null)
            return debian;
        foreach (var entry in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(entry, "initdb")) && File.Exists(Path.Combine(entry, "pg_ctl")))
                return entry;
        throw new InvalidOperationException("PostgreSQL's initdb and pg_ctl are missing: install Debian's postgresql package (scripts/test-tools.sh does as root)");
    }

    private static void Run(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish in 120 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
            return;
        try
        {
            if (Directory.Exists(Path.Combine(folder, "data", "base")))
                Tool("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Not started, or already stopped: the folder goes either way.
        }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
