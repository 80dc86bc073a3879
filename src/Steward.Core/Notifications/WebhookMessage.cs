using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Steward.Core.Findings;

namespace Steward.Core.Notifications;

/// <summary>
/// The JSON body of a notification, as Slack's incoming webhooks take it and Mattermost and
/// Teams-compatible relays accept it: <c>text</c> (the whole message as plain Markdown-ish text, what
/// a receiver without blocks shows) and <c>blocks</c> (a header, the summary, the findings as a list
/// with severity, rule id, subject and message, the link, and a context line). Findings are sorted
/// (most severe first, then the reports' order) so that the same notification is the same bytes.
/// </summary>
public static class WebhookMessage
{
    // Slack's limits: a header's text 150 characters, a section's text 3,000.
    private const int MaxHeader = 150;
    private const int MaxSection = 3000;
    private const int MaxFindingMessage = 200;

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(Notification notification, int maxFindings)
    {
        var findings = notification.Findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f, FindingOrder.Instance)
            .ToList();
        var shown = findings.Take(Math.Max(0, maxFindings)).Select(Line).ToList();
        if (findings.Count > shown.Count) shown.Add($"…and {findings.Count - shown.Count} more");
        var context = $"Steward · {Name(notification.Severity)}" + (notification.RevisionId is { } revision ? $" · revision {revision}" : "");

        var text = new StringBuilder();
        text.Append(Escape(notification.Title)).Append('\n').Append(Escape(notification.Summary));
        foreach (var line in shown) text.Append('\n').Append(line);
        if (notification.Link is { } link) text.Append('\n').Append(Escape(link));
        text.Append('\n').Append(Escape(context));

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            json.WriteString("text", text.ToString());
            json.WriteStartArray("blocks");
            Block(json, "header", "plain_text", Cut(notification.Title, MaxHeader));
            Block(json, "section", "mrkdwn", Cut(Escape(notification.Summary), MaxSection));
            if (shown.Count > 0) Block(json, "section", "mrkdwn", Cut(string.Join('\n', shown), MaxSection));
            if (notification.Link is { } url) Block(json, "section", "mrkdwn", Cut($"<{Escape(url)}|{Escape(url)}>", MaxSection));
            json.WriteStartObject();
            json.WriteString("type", "context");
            json.WriteStartArray("elements");
            json.WriteStartObject();
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", Escape(context));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>One finding: <c>• [error] `rule-id` subject: message</c>.</summary>
    private static string Line(Finding finding) =>
        $"• [{Name(finding.Severity)}] `{Escape(finding.RuleId)}` {Escape(Subject(finding.Subject))}: {Escape(Cut(OneLine(finding.Message), MaxFindingMessage))}";

    /// <summary>The subject as reports name it: file:line, else namespace/kind/name, else model@version, else the cost scope.</summary>
    internal static string Subject(Subject subject)
    {
        if (subject.File is { } file) return subject.Line is { } line ? $"{file}:{line}" : file;
        if (subject.Kind is { } kind) return string.Join('/', new[] { subject.Namespace, kind, subject.Name }.Where(p => !string.IsNullOrEmpty(p)));
        if (subject.Model is { } model) return subject.ModelVersion is { } version ? $"{model}@{version}" : model;
        return subject.Scope ?? "-";
    }

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    private static void Block(Utf8JsonWriter json, string type, string textType, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteStartObject("text");
        json.WriteString("type", textType);
        json.WriteString("text", text);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Slack's mrkdwn (and Markdown's HTML entities) need &amp;, &lt; and &gt; escaped; nothing else is.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
