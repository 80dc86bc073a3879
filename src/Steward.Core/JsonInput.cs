using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.Core;

/// <summary>
/// Reads untrusted JSON within <see cref="ParseLimits"/>: size-checked, strictly UTF-8 (a replaced
/// byte would silently change a name or a digest), depth-limited (System.Text.Json reads iteratively
/// and stops at <see cref="JsonDocumentOptions.MaxDepth"/>), every failure one line naming the place.
/// </summary>
public static class JsonInput
{
    // A byte-order mark is allowed (and skipped) as System.Text.Json does when reading a stream.
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The bytes of a data file, refused when larger than <see cref="ParseLimits.MaxDataFileBytes"/>,
    /// and never a FIFO, socket or device (<see cref="Security.SafeFile"/>).
    /// </summary>
    /// <exception cref="StewardInputException">The file is missing, not a regular file, or too large.</exception>
    public static byte[] ReadFile(string path, ParseLimits limits, string? display = null) =>
        Security.SafeFile.ReadBytes(path, display ?? path, limits.MaxDataFileBytes);

    /// <summary>Options with the depth limit set explicitly.</summary>
    public static JsonDocumentOptions Options(ParseLimits limits, bool lenient = false) => new()
    {
        MaxDepth = limits.MaxDepth,
        AllowTrailingCommas = lenient,
        CommentHandling = lenient ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
    };

    /// <summary>Parses UTF-8 JSON; <paramref name="lenient"/> allows trailing commas and comments.</summary>
    /// <exception cref="StewardInputException">Not UTF-8, not JSON, or nested too deep; names source:line:column.</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, string source, ParseLimits limits, bool lenient = false)
    {
        if (utf8.Span.StartsWith(Bom)) utf8 = utf8[Bom.Length..];
        CheckUtf8(utf8.Span, source);
        try
        {
            return JsonDocument.Parse(utf8, Options(limits, lenient));
        }
        catch (JsonException ex)
        {
            throw Error(ex, source, limits);
        }
    }

    /// <summary>As <see cref="Parse(ReadOnlyMemory{byte}, string, ParseLimits, bool)"/>, into a mutable node.</summary>
    public static JsonNode? ParseNode(ReadOnlySpan<byte> utf8, string source, ParseLimits limits)
    {
        if (utf8.StartsWith(Bom)) utf8 = utf8[Bom.Length..];
        CheckUtf8(utf8, source);
        try
        {
            return JsonNode.Parse(utf8, documentOptions: Options(limits));
        }
        catch (JsonException ex)
        {
            throw Error(ex, source, limits);
        }
    }

    /// <summary>The one-line error for a <see cref="JsonException"/>: source:line:column and the reason (the limit for depth).</summary>
    public static StewardInputException Error(JsonException ex, string source, ParseLimits limits)
    {
        var where = ex.LineNumber is { } line ? $"{source}:{line + 1}:{(ex.BytePositionInLine ?? 0) + 1}" : source;
        return new StewardInputException($"{where}: invalid JSON: {Reason(ex, limits)}", ex);
    }

    /// <summary>System.Text.Json's message without its own position suffix; depth named as the limit.</summary>
    public static string Reason(JsonException ex, ParseLimits limits)
    {
        if (ex.Message.Contains("maximum configured depth", StringComparison.Ordinal))
            return $"nesting deeper than {limits.MaxDepth} levels (the limit)";
        var message = ex.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (position > 0 ? message[..position] : message).Trim();
    }

    /// <summary>Refuses bytes that are not UTF-8, naming the line and column of the first bad byte.</summary>
    /// <exception cref="StewardInputException">The text is not UTF-8.</exception>
    public static void CheckUtf8(ReadOnlySpan<byte> utf8, string source)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8)) return;
        var offset = FirstInvalid(utf8);
        var before = utf8[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        throw new StewardInputException($"{source}:{line}:{column}: not valid UTF-8 (byte 0x{utf8[offset]:X2})");
    }

    private static int FirstInvalid(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done) return offset;
            offset += consumed;
        }
        return utf8.Length;
    }
}
