using Steward.Core.Http;

namespace Steward.Core.Tests.Integrations;

internal static class FastLimits
{
    /// <summary>Two retries with a 10 ms back-off, so that retry tests wait little; Retry-After is still honoured as sent.</summary>
    public static readonly OutboundLimits Value = new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        MaxRetries = 2,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromSeconds(60),
    };
}
