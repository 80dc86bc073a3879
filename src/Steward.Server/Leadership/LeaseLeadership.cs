using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steward.Server.Metrics;

namespace Steward.Server.Leadership;

/// <summary>
/// Leader election among <c>steward serve</c> replicas on a coordination.k8s.io/v1 Lease, through
/// KubernetesClient's <see cref="LeaderElector"/> and <see cref="LeaseLock"/> (the same protocol as
/// client-go: the holder renews every retry period; the others take over once the Lease has not
/// changed for its duration). Started and stopped with the host. The library does not give the Lease
/// up when cancelled, so a graceful stop clears the holder itself (<see cref="LeaseRelease"/>) and the
/// next replica leads within a retry period instead of a whole lease duration.
/// </summary>
public sealed class LeaseLeadership : ILeadership, IHostedService, IDisposable
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string _name;
    private readonly LeaseTimings _timings;
    private readonly LeadershipMetrics _metrics;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _electing = new();
    private CancellationTokenSource? _term;
    private TaskCompletionSource<CancellationToken> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _run = Task.CompletedTask;
    private volatile bool _stopping;
    private string? _lastError;

    public LeaseLeadership(IKubernetes client, string @namespace, string name, string identity, LeaseTimings timings, LeadershipMetrics metrics, ILogger log)
    {
        _client = client;
        _namespace = @namespace;
        _name = name;
        Identity = identity;
        _timings = timings;
        _metrics = metrics;
        _log = log;
    }

    public string Identity { get; }

    /// <summary>The Lease, as <c>namespace/name</c>.</summary>
    public string Lease => $"{_namespace}/{_name}";

    public bool IsLeader
    {
        get { lock (_gate) return _term is not null; }
    }

    /// <summary>
    /// Waits until this replica leads; the token answered is cancelled when the lease is lost, when this
    /// replica stops, or with <paramref name="stopping"/>. Throws OperationCanceledException when
    /// <paramref name="stopping"/> is cancelled first.
    /// </summary>
    public async Task<CancellationToken> AcquireAsync(CancellationToken stopping)
    {
        Task<CancellationToken> next;
        lock (_gate)
        {
            next = _term is { } current ? Task.FromResult(current.Token) : _next.Task;
        }
        var term = await next.WaitAsync(stopping).ConfigureAwait(false);
        // Linked so that, as with a single replica, the host's shutdown cancels the answered token too.
        return CancellationTokenSource.CreateLinkedTokenSource(term, stopping).Token;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_log.IsEnabled(LogLevel.Information))
            _log.LogInformation("Leader election on Lease {Lease} as {Identity} (lease {LeaseSeconds}s, renew deadline {Renew}s, retry {Retry}s)",
                Lease, Identity, _timings.LeaseDuration.TotalSeconds, _timings.RenewDeadline.TotalSeconds, _timings.RetryPeriod.TotalSeconds);
        _run = Task.Run(() => RunAsync(_electing.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops electing and, if this replica led, gives the Lease up so that another takes over at once.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => StopAsync(release: true, cancellationToken);

    /// <summary>
    /// Stops electing; <paramref name="release"/> false leaves the Lease held until it expires, as a
    /// replica that is killed does (tests use it to simulate a crash).
    /// </summary>
    internal async Task StopAsync(bool release, CancellationToken cancellationToken)
    {
        _stopping = true;
        bool held;
        lock (_gate) held = _term is not null;
        await _electing.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's stop timeout: release anyway, the elector's calls are cancelled.
        }
        if (!held || !release) return;
        var released = await LeaseRelease.ReleaseAsync(_client, _namespace, _name, Identity, _log, cancellationToken).ConfigureAwait(false);
        if (released)
        {
            _metrics.Released();
            if (_log.IsEnabled(LogLevel.Information))
                _log.LogInformation("Released Lease {Lease}: another replica leads within {Retry}s", Lease, _timings.RetryPeriod.TotalSeconds);
        }
        else
        {
            _metrics.Error();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var lease = new LeaseLock(_client, _namespace, _name, Identity);
        // Create and replace failures do not reach OnError: a 409 is the normal outcome of a lost race,
        // anything else (a 403 without the Role) would otherwise go unseen.
        lease.OnHttpError += e =>
        {
            if (e.Response.StatusCode != HttpStatusCode.Conflict) Failed(e);
        };
        var config = new LeaderElectionConfig(lease)
        {
            LeaseDuration = _timings.LeaseDuration,
            RenewDeadline = _timings.RenewDeadline,
            RetryPeriod = _timings.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        elector.OnStartedLeading += Started;
        elector.OnStoppedLeading += Stopped;
        elector.OnNewLeader += Observed;
        elector.OnError += Failed;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Returns (or throws) when leadership is lost or on cancellation; then it is sought again.
                await elector.RunUntilLeadershipLostAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                Failed(e);
                try { await Task.Delay(_timings.RetryPeriod, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private void Started()
    {
        TaskCompletionSource<CancellationToken> waiting;
        var term = new CancellationTokenSource();
        lock (_gate)
        {
            _term = term;
            waiting = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _lastError = null;
        }
        _metrics.Acquired();
        if (_log.IsEnabled(LogLevel.Information))
            _log.LogInformation("Leading: {Identity} holds Lease {Lease}; this replica runs the control loop", Identity, Lease);
        waiting.SetResult(term.Token);
    }

    private void Stopped()
    {
        CancellationTokenSource? term;
        lock (_gate)
        {
            term = _term;
            _term = null;
        }
        if (term is null) return;
        // The loop stops first; the Lease is released (on a graceful stop) only after this.
        term.Cancel();
        if (_stopping)
        {
            if (_log.IsEnabled(LogLevel.Information))
                _log.LogInformation("Stopped leading: {Identity} is shutting down; the control loop stops on this replica", Identity);
            return;
        }
        _metrics.Lost();
        if (_log.IsEnabled(LogLevel.Warning))
            _log.LogWarning("Lost leadership: {Identity} could not renew Lease {Lease} within {Renew}s; the control loop stops on this replica until it leads again",
                Identity, Lease, _timings.RenewDeadline.TotalSeconds);
    }

    private void Observed(string leader)
    {
        if (leader == Identity || string.IsNullOrEmpty(leader)) return;
        if (_log.IsEnabled(LogLevel.Information))
            _log.LogInformation("Following: {Leader} holds Lease {Lease}; it runs the control loop", leader, Lease);
    }

    private void Failed(Exception? e)
    {
        if (e is null or OperationCanceledException && _electing.IsCancellationRequested) return;
        _metrics.Error();
        var message = Describe(e);
        // Retried every retry period: one line per distinct error, not one every two seconds.
        lock (_gate)
        {
            if (message == _lastError) return;
            _lastError = message;
        }
        if (_log.IsEnabled(LogLevel.Warning))
            _log.LogWarning("Leader election on Lease {Lease}: {Error} (retrying every {Retry}s)", Lease, message, _timings.RetryPeriod.TotalSeconds);
    }

    private static string Describe(Exception? e) => e switch
    {
        HttpOperationException http => $"the API server answered {(int)http.Response.StatusCode} {http.Response.StatusCode}" + (http.Response.StatusCode == HttpStatusCode.Forbidden ? " (RBAC: the service account needs get, create and update on leases)" : ""),
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerException),
        null => "unknown error",
        _ => e.Message,
    };

    public void Dispose()
    {
        _electing.Dispose();
        _client.Dispose();
    }
}
