namespace Steward.Core.Alignment.Data;

/// <summary>
/// Measures the nesting of a JSON or JSON Lines file with a byte scan (brackets outside strings),
/// before DuckDB's reader sees it: its type detection takes minutes on records nested 1,000 deep.
/// DuckDB still validates everything else; this only bounds depth, in one streaming pass.
/// </summary>
internal static class JsonNesting
{
    /// <exception cref="StewardInputException">A record nests deeper than <paramref name="maxDepth"/>; names file:line.</exception>
    public static void Check(string path, string display, int maxDepth)
    {
        // A JSON Lines record ends with its line; an unbalanced one is DuckDB's to report.
        var recordPerLine = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        var (depth, line, inString, escaped) = (0, 1L, false, false);
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b == (byte)'\n') line++;
                if (inString)
                {
                    if (escaped) escaped = false;
                    else if (b == (byte)'\\') escaped = true;
                    else if (b == (byte)'"') inString = false;
                    continue;
                }
                switch (b)
                {
                    case (byte)'"':
                        inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        if (++depth > maxDepth)
                            throw new StewardInputException($"{display}:{line}: nesting deeper than {maxDepth} levels (the limit)");
                        break;
                    case (byte)'}' or (byte)']':
                        if (depth > 0) depth--;
                        break;
                    case (byte)'\n' when recordPerLine:
                        depth = 0;
                        break;
                }
            }
        }
    }
}
