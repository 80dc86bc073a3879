using System.Net;

namespace Steward.Core.Http;

/// <summary>
/// The URL of a service Steward calls with a secret (a token header, a signed body): absolute,
/// https, no user information. Plain http is allowed for loopback hosts only (local tests and a
/// relay on the same host), so that no token crosses a network in clear text.
/// </summary>
public static class OutboundUrl
{
    /// <param name="text">The URL as given.</param>
    /// <param name="name">How messages name it (a flag, e.g. <c>--forge-url</c>).</param>
    /// <exception cref="StewardInputException">Not an absolute https URL (or http on a loopback host).</exception>
    public static Uri Parse(string text, string name)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new StewardInputException($"{name}: \"{Redact(text)}\" is not an absolute http(s) URL");
        if (uri.UserInfo.Length > 0)
            throw new StewardInputException($"{name}: {Redact(uri)} has user information in it; give credentials in a file, never in a URL");
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            throw new StewardInputException($"{name}: {Redact(uri)} is plain http; use https (plain http is allowed for loopback hosts only)");
        return uri;
    }

    /// <summary>True for localhost and loopback addresses (127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>
    /// The URL as it may be logged: scheme, host and port only. The path of an incoming webhook
    /// (Slack's /services/T…/B…/secret) is itself the credential.
    /// </summary>
    public static string Redact(Uri uri) => $"{uri.Scheme}://{uri.Authority}" + (uri.AbsolutePath.Length > 1 || uri.Query.Length > 0 ? "/…" : "");

    private static string Redact(string text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? Redact(uri) : text.Length > 40 ? text[..40] + "…" : text;
}
