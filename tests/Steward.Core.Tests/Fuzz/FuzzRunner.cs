using System.Text;
using Steward.Rego;
using Xunit.Sdk;

namespace Steward.Core.Tests.Fuzz;

/// <summary>
/// Runs one fuzz case: it must succeed or fail with the input error the CLI turns into exit 2 —
/// any other exception is a bug — and it must finish within a generous bound (a hang detector, not a
/// timing assertion: the bound is 100 times what a case takes).
/// </summary>
internal static class FuzzRunner
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static void All(string target, IReadOnlyList<byte[]> inputs, Action<byte[]> read)
    {
        for (var i = 0; i < inputs.Count; i++)
            One(target, i, inputs[i], read);
    }

    /// <returns>Whether the input was read without error.</returns>
    private static bool One(string target, int index, byte[] input, Action<byte[]> read)
    {
        using var timeout = new CancellationTokenSource(Bound);
        var task = Task.Run(() => read(input), CancellationToken.None);
        try
        {
            task.Wait(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new XunitException($"{target} case {index} still running after {Bound.TotalSeconds} s; input: {Preview(input)}");
        }
        catch (AggregateException ex) when (ex.InnerException is StewardInputException)
        {
            // Exit 2: the outcome wanted for bad input.
            return false;
        }
        catch (AggregateException ex) when (ex.InnerException is RegoException)
        {
            // The Rego parser's input error; the CLI words it as exit 2 (CheckCommand, PolicyCommand).
            return false;
        }
        catch (AggregateException ex)
        {
            var inner = ex.InnerException!;
            // STEWARD_FUZZ_DUMP=folder keeps the failing input, byte for byte, for a regression test.
            if (Environment.GetEnvironmentVariable("STEWARD_FUZZ_DUMP") is { Length: > 0 } dump)
                File.WriteAllBytes(Path.Combine(dump, $"{target}-{index}.bin"), input);
            throw new XunitException($"{target} case {index} threw {inner.GetType().FullName}: {inner.Message}\ninput: {Preview(input)}\n{inner.StackTrace}");
        }
    }

    private static string Preview(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input, 0, Math.Min(input.Length, 300));
        return $"{input.Length} bytes: {text.Replace("\n", "\\n", StringComparison.Ordinal)}";
    }
}
