using System.Text;

namespace Steward.Core.Security;

/// <summary>
/// Decodes a file's bytes as text, refusing invalid bytes instead of replacing them: a policy or
/// a manifest whose bytes were silently swapped for U+FFFD is not what its author reviewed.
/// UTF-8 (with or without its byte-order mark) is the rule; a UTF-16 byte-order mark is honoured
/// as YAML allows.
/// </summary>
public static class StrictText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="bytes">The whole file.</param>
    /// <param name="name">The file as messages name it.</param>
    /// <exception cref="StewardInputException">Invalid bytes; names the file, the line and the byte offset.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string name)
    {
        Encoding encoding = Utf8;
        var skip = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) skip = 3;
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) (encoding, skip) = (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) (encoding, skip) = (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        try
        {
            return encoding.GetString(bytes[skip..]);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = skip + Math.Max(0, ex.Index);
            var line = bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n') + 1;
            throw new StewardInputException(
                $"{name}:{line}: not valid {(encoding == Utf8 ? "UTF-8" : "UTF-16")} text (invalid byte at offset {offset}); save the file as UTF-8", ex);
        }
    }
}
