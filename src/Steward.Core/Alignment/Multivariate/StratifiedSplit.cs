namespace Steward.Core.Alignment.Multivariate;

/// <summary>
/// A seeded train/test split that keeps the share of current rows equal in both parts: each class is
/// shuffled (Fisher–Yates) and its first round(n·fraction) rows go to the test part (at least one, and
/// at least one left to train on).
/// </summary>
internal static class StratifiedSplit
{
    public static (int[] Train, int[] Test) Split(IReadOnlyList<bool> labels, double testFraction, Random random)
    {
        var train = new List<int>();
        var test = new List<int>();
        foreach (var label in new[] { false, true })
        {
            var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).ToArray();
            random.Shuffle(rows);
            var testCount = Math.Clamp((int)Math.Round(rows.Length * testFraction, MidpointRounding.AwayFromZero), 1, rows.Length - 1);
            test.AddRange(rows.Take(testCount));
            train.AddRange(rows.Skip(testCount));
        }
        train.Sort();
        test.Sort();
        return ([.. train], [.. test]);
    }
}
