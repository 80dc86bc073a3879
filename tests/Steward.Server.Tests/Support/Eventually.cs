namespace Steward.Server.Tests.Support;

/// <summary>
/// Waits for something the server does in the background (a reload, a sync): polls the condition
/// until it holds or a generous deadline passes. Not a timing assertion: the deadline only bounds a
/// test that would otherwise hang.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var stop = DateTime.UtcNow + Deadline;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > stop) throw new TimeoutException($"{what}: not seen within {Deadline.TotalSeconds} s; last seen: {last}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
