namespace Steward.Core.Alignment.Data;

/// <summary>The k-way merge of sorted runs into one ascending stream: the smallest head of all runs first.</summary>
internal static class SortedRunMerge
{
    public static IEnumerable<double> Merge(IReadOnlyList<SpilledRun> runs)
    {
        var readers = new List<IEnumerator<double>>(runs.Count);
        try
        {
            var heads = new PriorityQueue<IEnumerator<double>, double>(runs.Count);
            foreach (var run in runs)
            {
                var reader = run.Read().GetEnumerator();
                readers.Add(reader);
                if (reader.MoveNext()) heads.Enqueue(reader, reader.Current);
            }
            while (heads.TryDequeue(out var reader, out var value))
            {
                yield return value;
                if (reader.MoveNext()) heads.Enqueue(reader, reader.Current);
            }
        }
        finally
        {
            foreach (var reader in readers) reader.Dispose();
        }
    }
}
