using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Steward.Server.Leadership;

/// <summary>
/// Gives a held Lease up, as client-go's ReleaseOnCancel does: the holder cleared, a lease duration
/// of 1 s, renew and acquire times now, the transition count kept. The holder is written as an empty
/// string, not removed: KubernetesClient's elector treats a Lease without holderIdentity as absent and
/// tries to create it (409 forever), while an empty holder is free for anyone to take.
/// </summary>
internal static class LeaseRelease
{
    private const int Attempts = 3;

    /// <summary>True when the Lease was released (or was not ours any more); false when the API server could not be told.</summary>
    public static async Task<bool> ReleaseAsync(IKubernetes client, string @namespace, string name, string identity, ILogger log, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (lease.Spec?.HolderIdentity != identity) return true; // taken over already: nothing of ours to release
                var now = DateTime.UtcNow;
                lease.Spec = new V1LeaseSpec
                {
                    HolderIdentity = "",
                    LeaseDurationSeconds = 1,
                    AcquireTime = now,
                    RenewTime = now,
                    LeaseTransitions = lease.Spec.LeaseTransitions,
                };
                // The resourceVersion read above makes this a compare-and-swap: a renewal that landed in
                // between answers 409 and the release is tried again on the new version.
                await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                // Changed since read: read it again.
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException or IOException)
            {
                if (log.IsEnabled(LogLevel.Warning))
                    log.LogWarning("Could not release Lease {Namespace}/{Name}: {Error}; another replica leads once it expires", @namespace, name,
                        e is HttpOperationException h ? $"the API server answered {(int)h.Response.StatusCode} {h.Response.StatusCode}" : e.Message);
                return false;
            }
        }
    }
}
