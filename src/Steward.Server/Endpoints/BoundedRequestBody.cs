using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Steward.Server.Endpoints;

/// <summary>Reads a request body whole, up to a limit, for the endpoints that parse it in one piece.</summary>
internal static class BoundedRequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (declared or sent); never reads past the limit.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext http, long maxBytes)
    {
        if (http.Request.ContentLength > maxBytes) return null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = maxBytes + 1L;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }
}
