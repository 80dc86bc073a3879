using System.Security.Cryptography;
using System.Text;
using Steward.Cli;

namespace Steward.Server.Tests;

/// <summary>What the server tests share: token hashes as an operator writes them, and the CLI run in-process to compare with.</summary>
internal static class ServerTestSupport
{
    /// <summary>The hex SHA-256 of a token, as <c>printf %s TOKEN | sha256sum</c> prints it for the token file.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Runs <c>steward ARGS</c> in-process with no environment variables and an empty standard input.</summary>
    public static async Task<(int Code, string Out, string Error)> RunCliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await StewardApp.RunAsync(args, stdout, stderr, StewardEnvironment.Of(new Dictionary<string, string>()).WithInput(new StringReader("")), TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
