namespace Steward.Server.Dashboard;

/// <summary>
/// The dashboard's only stylesheet and script, served from the server itself (no external assets, no
/// inline script or style, so that the Content-Security-Policy can forbid both).
/// </summary>
internal static class DashboardAssets
{
    public const string CssPath = "/dashboard/site.css";
    public const string ScriptPath = "/dashboard/site.js";

    public const string Css = """
        :root{--fg:#1d1d1f;--muted:#666;--line:#ddd;--bad:#b00020;--good:#1b7a36;--warn:#9a6700;--accent:#4e79a7}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fafafa}
        header{display:flex;align-items:center;gap:1.5em;padding:.6em 1.2em;background:#20232a;color:#fff}
        header a{color:#ddd;text-decoration:none}header a.active,header a:hover{color:#fff;text-decoration:underline}
        header .brand{font-weight:600;color:#fff}header nav{display:flex;gap:1em;flex-wrap:wrap}
        header .who{margin-left:auto;color:#aaa;font-size:.9em}header form{display:inline}
        header button{background:none;border:1px solid #777;color:#ddd;border-radius:3px;cursor:pointer}
        main{padding:1em 1.5em 3em;max-width:1200px}
        h1{font-size:1.5em;margin:.3em 0 .6em}h2{font-size:1.15em;margin:1.6em 0 .5em}h3{font-size:1em;margin:1.2em 0 .3em}
        table{border-collapse:collapse;background:#fff;margin:.4em 0 1em}
        th,td{padding:3px 9px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#f0f0f0;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        tfoot th{background:#f7f7f7}
        .cards{display:flex;gap:1em;flex-wrap:wrap;margin:.5em 0 1em}
        .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.7em 1em;min-width:11em}
        .card .label{color:var(--muted);font-size:.85em}.card .value{font-size:1.5em;font-weight:600}
        .bad,.critical,.error{color:var(--bad)}.good{color:var(--good)}.warning{color:var(--warn)}.muted,.meta{color:var(--muted)}
        .verdict{font-weight:700;padding:.1em .5em;border-radius:3px;color:#fff}
        .verdict.good{background:var(--good)}.verdict.bad{background:var(--bad)}
        form.filters{display:flex;gap:.8em;flex-wrap:wrap;align-items:end;margin:.4em 0 1em}
        form.filters label{display:flex;flex-direction:column;font-size:.85em;color:var(--muted)}
        .pager{display:flex;gap:1em;align-items:center}
        code{font-size:.92em}pre.source{background:#fff;border:1px solid var(--line);padding:.5em;overflow:auto}
        pre.source span{display:block}pre.source span:target{background:#fff3c4}
        pre.source span::before{content:attr(data-n);display:inline-block;width:4em;color:#999;text-align:right;margin-right:1em}
        svg .ax{font-size:10px;fill:#555}svg .bound{fill:var(--bad)}
        .login{max-width:26em;background:#fff;border:1px solid var(--line);border-radius:6px;padding:1em 1.4em}
        .login input{width:100%;margin:.4em 0 .8em;padding:.4em}
        """;

    /// <summary>Submits the filter forms as soon as a choice changes (the forms also work without it).</summary>
    public const string Script = """
        "use strict";
        document.querySelectorAll("form.filters select").forEach(function (select) {
          select.addEventListener("change", function () { select.form.requestSubmit(); });
        });
        """;
}
