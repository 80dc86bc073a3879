using System.Globalization;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Steward.Core.Http;

/// <summary>
/// One service outside, called within <see cref="OutboundLimits"/>: a deadline per attempt, an answer
/// read whole up to a size cap, and retries (Polly) on 429, transient 5xx, a lost connection or a
/// timeout, waiting what Retry-After says, else an exponential back-off with jitter. Redirects are
/// not followed: a header token (GitLab's PRIVATE-TOKEN) would follow them to another host.
/// </summary>
public sealed class OutboundClient : IDisposable
{
    private static readonly string UserAgent = "steward/" + (typeof(OutboundClient).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpReply> _pipeline;
    private readonly OutboundLimits _limits;
    private readonly TimeProvider _clock;
    private readonly string _service;

    /// <param name="service">How messages name the service (e.g. <c>github api.github.com</c>); never a secret.</param>
    public OutboundClient(string service, OutboundLimits? limits = null, TimeProvider? clock = null)
    {
        _service = service;
        _limits = limits ?? OutboundLimits.Default;
        if (_limits.MaxRetries < 1) throw new ArgumentOutOfRangeException(nameof(limits), "MaxRetries must be at least 1");
        _clock = clock ?? TimeProvider.System;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = _limits.Timeout,
            // DNS changes (a forge behind a load balancer) are seen within minutes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            // The pipeline's timeout bounds each attempt, body included; HttpClient's own would only see the headers.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = _limits.MaxResponseBytes,
        };
        _pipeline = new ResiliencePipelineBuilder<HttpReply> { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions<HttpReply>
            {
                MaxRetryAttempts = _limits.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _limits.BaseDelay,
                MaxDelay = _limits.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    // A wait longer than the cap is not waited for: the caller reports it.
                    { Result: { IsTransient: true } reply } => reply.RetryAfter is null || reply.RetryAfter <= _limits.MaxRetryDelay,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } wait ? (TimeSpan?)(wait < TimeSpan.Zero ? TimeSpan.Zero : wait) : null),
            })
            .AddTimeout(_limits.Timeout)
            .Build();
    }

    /// <summary>
    /// Sends the request that <paramref name="request"/> builds (once per attempt: a request message
    /// cannot be sent twice) and answers the last reply, successful or not.
    /// </summary>
    /// <exception cref="RemoteServiceException">Unreachable or timed out through every attempt, or an answer over the cap.</exception>
    public async Task<HttpReply> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await AttemptAsync(request, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new RemoteServiceException($"{_service}: no answer within {Seconds(_limits.Timeout)} s, {_limits.MaxRetries + 1} attempts", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RemoteServiceException($"{_service}: cannot connect after {_limits.MaxRetries + 1} attempts: {ex.Message}", ex);
        }
    }

    private async ValueTask<HttpReply> AttemptAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using var request = build();
        request.Headers.UserAgent.ParseAdd(UserAgent);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        return new HttpReply((int)response.StatusCode, body, RetryAfter(response));
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var max = _limits.MaxResponseBytes;
        if (content.Headers.ContentLength > max) throw TooLarge();
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private RemoteServiceException TooLarge() =>
        new($"{_service}: the answer is larger than the limit of {_limits.MaxResponseBytes} bytes");

    /// <summary>Retry-After (seconds or a date), else the reset time of an exhausted GitHub rate limit (x-ratelimit-remaining: 0).</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } after)
        {
            if (after.Delta is { } delta) return delta;
            if (after.Date is { } date) return date - _clock.GetUtcNow();
        }
        if (Header(response.Headers, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(response.Headers, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
            return DateTimeOffset.FromUnixTimeSeconds(reset) - _clock.GetUtcNow();
        return null;
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();
}
