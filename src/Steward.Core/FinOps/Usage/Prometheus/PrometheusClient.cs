using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Steward.Core.FinOps.Usage.Prometheus;

/// <summary>
/// A bounded client of the Prometheus HTTP API (<c>POST /api/v1/query_range</c>, form-encoded, as
/// Prometheus, Thanos and Mimir accept): a timeout per query, a cap on the answer's size, an optional
/// bearer token read from a file and an optional CA file for TLS. Every failure is one
/// <see cref="StewardInputException"/> line naming the server and the query.
/// </summary>
public sealed class PrometheusClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly PrometheusConnection connection;
    private readonly X509Certificate2Collection? roots;

    public PrometheusClient(PrometheusConnection connection)
    {
        this.connection = connection;
        if (!Uri.TryCreate(connection.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new StewardInputException($"Prometheus URL '{connection.Url}': expected an http:// or https:// URL such as http://prometheus:9090");
        endpoint = new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/api/v1/query_range");
        var token = connection.TokenFile is { } tokenFile ? ReadToken(tokenFile) : null;
        roots = connection.CaFile is { } caFile ? ReadRoots(caFile) : null;

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connection.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            // A redirect could carry the bearer token elsewhere: refused, the user gives the final URL.
            AllowAutoRedirect = false,
            UseProxy = true,
        };
        if (roots is not null)
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateWithRoots };
        http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("steward");
    }

    public string Server => connection.Display;

    /// <summary>
    /// Runs <paramref name="query"/> at every <paramref name="step"/> from <paramref name="start"/> to
    /// <paramref name="end"/> (both inclusive, UTC).
    /// </summary>
    public async Task<IReadOnlyList<PrometheusSeries>> QueryRangeAsync(
        string query, DateTime start, DateTime end, TimeSpan step, CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent(
        [
            new("query", query),
            new("start", Unix(start)),
            new("end", Unix(end)),
            new("step", ((long)step.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            new("timeout", ((long)Math.Max(1, connection.Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s"),
        ]);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.Timeout);
        try
        {
            using var response = await http.PostAsync(endpoint, form, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is 401 or 403)
                throw new StewardInputException($"Prometheus {Server}: HTTP {status} {response.ReasonPhrase}: the bearer token (--prometheus-token-file) is missing or not accepted");
            if (status is >= 300 and < 400)
                throw new StewardInputException($"Prometheus {Server}: HTTP {status} redirect to {response.Headers.Location}: give that URL instead (redirects are not followed)");
            var body = await ReadBoundedAsync(response, timeout.Token).ConfigureAwait(false);
            return QueryRangeAnswer.Parse(body, Server, query, status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StewardInputException($"Prometheus {Server}: no answer within {Seconds(connection.Timeout)}; query: {query}");
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException is { } inner && inner.Message.Length > 0 ? inner.Message : e.Message;
            throw new StewardInputException($"Prometheus {Server}: cannot reach the server: {why.ReplaceLineEndings(" ")}");
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var max = connection.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } length && length > max)
            throw TooLarge();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();

        StewardInputException TooLarge() => new(
            $"Prometheus {Server}: the answer is larger than {max.ToString(CultureInfo.InvariantCulture)} bytes; use a larger --step or a shorter range");
    }

    private static string ReadToken(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StewardInputException($"{path}: cannot read the Prometheus bearer token: {e.Message}");
        }
        text = text.Trim();
        if (text.Length == 0) throw new StewardInputException($"{path}: the Prometheus bearer token file is empty");
        if (text.Any(c => char.IsControl(c) || c == ' '))
            throw new StewardInputException($"{path}: the Prometheus bearer token must be one line without spaces");
        return text;
    }

    private static X509Certificate2Collection ReadRoots(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new StewardInputException($"{path}: cannot read the Prometheus CA certificates (PEM): {e.Message}");
        }
        if (collection.Count == 0) throw new StewardInputException($"{path}: no PEM certificate in the Prometheus CA file");
        return collection;
    }

    /// <summary>The server's certificate must chain to one of the CA file's certificates (and name the host, as usual).</summary>
    private bool ValidateWithRoots(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements.Skip(1)) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }

    private static string Unix(DateTime time) =>
        ((long)(DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s";

    public void Dispose() => http.Dispose();
}
