namespace Steward.TestSupport;

/// <summary>A clock that always reads the same instant, so that expiry and window tests are deterministic.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
