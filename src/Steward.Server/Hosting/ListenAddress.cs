using System.Globalization;
using System.Net;
using Steward.Core;

namespace Steward.Server.Hosting;

/// <summary>The <c>--listen ADDR:PORT</c> value: an IPv4 or bracketed IPv6 address and a port (0 = any free port).</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    public static ListenAddress Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw Invalid(text);
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host == "localhost") host = "127.0.0.1";
        if (!IPAddress.TryParse(host, out var address)
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > 65535)
            throw Invalid(text);
        return new ListenAddress(address, port);
    }

    private static StewardInputException Invalid(string text) =>
        new($"--listen {text}: expected ADDRESS:PORT such as 0.0.0.0:8443, 127.0.0.1:0 or [::]:8443");
}
