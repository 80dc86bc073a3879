namespace Steward.Core.SupplyChain.Osv;

/// <summary>
/// How many bytes one archive entry may expand to: the smallest of the entry limit, the ratio limit
/// (compressed size × <see cref="ParseLimits.MaxArchiveRatio"/>, never below 1 MiB so that small,
/// well-compressed records pass) and what is left of the archive's total. The declared size is
/// checked first; the bytes actually inflated are counted too, since a zip's header can lie.
/// </summary>
internal sealed record ArchiveBudget(long Bytes, Func<string> Describe)
{
    private const long RatioFloorBytes = 1L << 20;

    /// <exception cref="StewardInputException">The declared size already exceeds a limit.</exception>
    public static ArchiveBudget ForEntry(string name, long declared, long compressed, long usedSoFar, ParseLimits limits)
    {
        var byRatio = Math.Max(RatioFloorBytes, compressed > long.MaxValue / limits.MaxArchiveRatio ? long.MaxValue : compressed * limits.MaxArchiveRatio);
        var left = limits.MaxArchiveBytes - usedSoFar;
        var (bytes, describe) = new[]
        {
            (limits.MaxArchiveEntryBytes, (Func<string>)(() => $"an entry expands past {ParseLimits.Bytes(limits.MaxArchiveEntryBytes)} (the limit per entry)")),
            (byRatio, () => $"an entry expands more than {limits.MaxArchiveRatio} times its compressed size of {ParseLimits.Bytes(compressed)} (the limit on the ratio; a zip bomb?)"),
            (left, () => $"the archive expands past {ParseLimits.Bytes(limits.MaxArchiveBytes)} in total (the limit per archive)"),
        }.MinBy(b => b.Item1);
        var budget = new ArchiveBudget(bytes, () => $"{name}: {describe()}");
        if (declared > bytes) throw new StewardInputException(budget.Describe());
        return budget;
    }
}
