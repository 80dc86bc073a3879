using System.Text.Json;
using Steward.Rego.Json;
using Steward.Rego.Values;

namespace Steward.Core.Policy.Rego;

/// <summary>
/// Reads an input or data document for Rego (<c>policy eval --input/--data</c>) within
/// <see cref="ParseLimits"/>, as <see cref="JsonInput"/> reads every other JSON file: size-checked,
/// a byte-order mark skipped, strictly UTF-8, depth-limited, every failure one line naming
/// source:line:column. Decodes straight from the bytes into Rego values (<see cref="RegoJsonDecoder"/>).
/// </summary>
public static class RegoInputReader
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <exception cref="StewardInputException">The file is missing, too large, not UTF-8, not JSON, or nested too deep.</exception>
    public static RegoValue ReadFile(string path, ParseLimits limits, string? display = null) =>
        Decode(JsonInput.ReadFile(path, limits, display), display ?? path, limits);

    /// <exception cref="StewardInputException">Not UTF-8, not JSON, or nested deeper than <see cref="ParseLimits.MaxDepth"/>.</exception>
    public static RegoValue Decode(ReadOnlyMemory<byte> utf8, string source, ParseLimits limits)
    {
        if (utf8.Span.StartsWith(Bom)) utf8 = utf8[Bom.Length..];
        JsonInput.CheckUtf8(utf8.Span, source);
        try
        {
            // One pass: on two loaded cores, decoding in parts was slower (docs/benchmarks.md).
            return RegoJsonDecoder.Decode(utf8.Span, limits.MaxDepth);
        }
        catch (JsonException ex)
        {
            throw JsonInput.Error(ex, source, limits);
        }
    }
}
