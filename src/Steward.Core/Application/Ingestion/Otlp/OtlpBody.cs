using System.IO.Compression;
using System.Security.Cryptography;

namespace Steward.Core.Application.Ingestion.Otlp;

/// <summary>
/// An OTLP body read into memory: protobuf and JSON messages are decoded whole, so the body is bounded
/// twice: as it arrives (a larger Content-Length is refused before reading) and, when gzip-compressed, as it
/// inflates (a small body that inflates past the limit is refused too, before it is held whole).
/// </summary>
internal static class OtlpBody
{
    public static async Task<byte[]> ReadAsync(OtlpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.DeclaredLength > limit)
            throw new BodyTooLargeException(limit);
        var raw = await CopyAsync(request.Body, limit, cancellationToken).ConfigureAwait(false);
        if (!request.Gzip)
            return raw;
        try
        {
            await using var inflate = new GZipStream(new MemoryStream(raw, writable: false), CompressionMode.Decompress);
            return await CopyAsync(inflate, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new StewardInputException($"request body: Content-Encoding is gzip but the body is not gzip data ({ex.Message}); nothing was stored", ex);
        }
    }

    /// <summary>Lower-case hex SHA-256 of the decoded body: the batch's key when the sender gives none.</summary>
    public static string Sha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));

    private static async Task<byte[]> CopyAsync(Stream source, long limit, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (copy.Length + read > limit)
                throw new BodyTooLargeException(limit);
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
