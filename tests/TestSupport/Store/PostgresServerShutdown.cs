using Steward.TestSupport;

// Compiled into every test assembly that can start the shared server (tests/Directory.Build.props).
[assembly: AssemblyFixture(typeof(PostgresServerShutdown))]

namespace Steward.TestSupport;

/// <summary>
/// Stops this test process's PostgreSQL server (if a test started one) and removes its folder when the
/// last test of the assembly has run. xunit.v3's in-process runner gives a process 10 seconds after the
/// run returns to exit, and reports "Foreground threads were left running" (exit code 1, every test
/// green) when it takes longer; a <c>ProcessExit</c> handler runs inside those 10 seconds, and deleting
/// a cluster that grew to ~400 MB over 1,600 tests took 1.5 s on a quiet machine and more than 10 s on a
/// loaded CI machine. An assembly fixture is disposed before the run returns, outside that budget.
/// </summary>
public sealed class PostgresServerShutdown : IDisposable
{
    public void Dispose() => PostgresServer.ShutDownShared();
}
