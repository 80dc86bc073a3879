using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Steward.Core.GitOps.Audit;
using Steward.Server.Revisions;
using static Steward.Server.Dashboard.Html;

namespace Steward.Server.Dashboard;

/// <summary>
/// <c>/audit?last=N</c>: the verification of the store's audit log (as <c>steward audit verify</c>: the chain
/// and the head) and its last entries, oldest first (as <c>steward audit log --last N</c>, default 100).
/// </summary>
internal static class AuditPage
{
    public const int DefaultLast = 100;

    public static IResult Render(HttpContext http, ServedRevision revision, DashboardData data)
    {
        var last = int.TryParse(http.Request.Query["last"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, 10_000) : DefaultLast;
        var html = new StringBuilder("<h1>Audit log</h1>\n");
        if (!data.StoreExists)
        {
            html.Append("<p class=\"muted\">No store yet: `steward check --audit` and the control loop write the audit log.</p>\n");
            return Layout.Page(http, "Audit", "/audit", revision, html.ToString());
        }
        var verified = data.Get(revision, "audit:verify", () => data.Application.Audit.VerifyStore(data.Store, null));
        if (verified.Value is { } v)
        {
            var result = v.Verification;
            html.Append("<p id=\"audit-verification\" class=\"").Append(result.Ok ? "good" : "bad").Append("\">")
                .Append(E(result.Ok ? $"{result.Verified} entries verified" : $"{result.Reason}; {result.Verified} entries before it verified"))
                .Append(" (chain and head; signatures are checked with <code>steward audit verify --key</code>)</p>\n");
        }
        else
        {
            html.Append("<p class=\"bad\">").Append(E(verified.Error)).Append("</p>\n");
        }
        var entries = data.Get(revision, "audit:last:" + last.ToString(CultureInfo.InvariantCulture), () => data.Application.Audit.Entries(data.Store, last));
        if (entries.Value is { } list)
        {
            html.Append("<p>The last ").Append(N(list.Count)).Append(" entries · <a href=\"").Append(Href("/audit", ("last", (last * 10).ToString(CultureInfo.InvariantCulture)))).Append("\">more</a></p>\n");
            Html.Table(html, ["#seq", "time (UTC)", "type", "actor", "summary", "hash"], list.Select(e => (IReadOnlyList<string>)
            [
                N(e.Sequence), E(e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), E(e.Type), E(e.Actor), E(AuditEntrySummary.Of(e)),
                $"<code>{E(e.Hash[..12])}</code>{(e.Signature is null ? "" : " ✓sig")}",
            ]), "audit");
        }
        else
        {
            html.Append("<p class=\"bad\">").Append(E(entries.Error)).Append("</p>\n");
        }
        return Layout.Page(http, "Audit", "/audit", revision, html.ToString());
    }
}
