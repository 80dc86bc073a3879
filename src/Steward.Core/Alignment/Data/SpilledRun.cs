using System.Runtime.InteropServices;

namespace Steward.Core.Alignment.Data;

/// <summary>One sorted run on disk: <see cref="Count"/> doubles in ascending order, its first and last value.</summary>
internal sealed record SpilledRun(string Path, int Count, double First, double Last)
{
    private const int BufferValues = 8192;

    /// <summary>The run's values in order, read through a small buffer.</summary>
    public IEnumerable<double> Read()
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new double[BufferValues];
        var left = Count;
        while (left > 0)
        {
            var n = Math.Min(left, BufferValues);
            stream.ReadExactly(MemoryMarshal.AsBytes(buffer.AsSpan(0, n)));
            for (var i = 0; i < n; i++)
                yield return buffer[i];
            left -= n;
        }
    }
}
