using System.Globalization;
using Steward.Rego.Values;

namespace Steward.Rego.Evaluation;

/// <summary>
/// Enforces <see cref="EvalLimits"/> for one query: the evaluator ticks it per step, builtins ask
/// it before building a value whose size they can compute and charge it for what they built,
/// and long loops poll it so that the time budget reaches into them.
/// A worker of a rule computed in parallel (Evaluator.Parallel.cs) has a meter of its own that
/// counts its steps and bytes and charges the bytes to the query's meter in batches, so that
/// the allocation budget bounds the total of all workers without a shared write per charge.
/// </summary>
internal sealed class ResourceMeter
{
    // Rough per-object overheads: what matters is the order of magnitude, not the exact figure.
    private const long ObjectOverhead = 24;
    private const long ElementBytes = 16;

    // A worker adds its bytes to the query's count every 64 KiB: a shared write per charge would
    // bounce one cache line between the cores; the budget is overshot by 64 KiB per worker at most.
    private const long PublishBytes = 64 * 1024;

    private readonly CancellationToken _queryTimeout;
    private readonly CancellationToken _run;
    private readonly ResourceMeter? _query;
    private readonly Func<bool>? _abandoned;
    private long _allocated;
    private long _unpublished;
    private long _steps;

    public ResourceMeter(EvalLimits limits, CancellationToken queryTimeout, CancellationToken run)
    {
        Limits = limits;
        _queryTimeout = queryTimeout;
        _run = run;
    }

    private ResourceMeter(ResourceMeter query, Func<bool> abandoned)
        : this(query.Limits, query._queryTimeout, query._run)
    {
        _query = query;
        _abandoned = abandoned;
    }

    public EvalLimits Limits { get; }

    /// <summary>
    /// Bytes charged so far: the query's total, or for a worker's meter what this worker charged.
    /// The parallel computation sets the query's total once its workers are done.
    /// </summary>
    public long Allocated
    {
        get => _allocated;
        set => _allocated = value;
    }

    /// <summary>Steps counted so far (for a worker's meter: this worker's).</summary>
    public long Steps => _steps;

    /// <summary>
    /// A meter for one worker of a parallel computation: same limits, time budget and
    /// cancellation; its bytes count against this meter's budget. It does not enforce
    /// <see cref="EvalLimits.MaxSteps"/> (no parallel computation runs under a step limit), and
    /// when <paramref name="abandoned"/> says the worker's result is no longer needed its next
    /// poll throws <see cref="AbandonedWorkException"/>.
    /// </summary>
    public ResourceMeter ForWorker(Func<bool> abandoned) => new(this, abandoned);

    /// <summary>Counts steps a worker took (the workers are done).</summary>
    public void AddSteps(long steps) => _steps += steps;

    /// <summary>One evaluation step; checks the time budget every 1,024 steps.</summary>
    public void Step()
    {
        var steps = ++_steps;
        if (Limits.MaxSteps is { } max && steps > max)
            throw Limit($"evaluation exceeded {max.ToString(CultureInfo.InvariantCulture)} steps (maxSteps)");
        if ((steps & 0x3FF) == 0)
        {
            ThrowIfCancelled();
            if (_abandoned is not null && _abandoned()) throw new AbandonedWorkException();
        }
    }

    public void ThrowIfCancelled()
    {
        if (_queryTimeout.IsCancellationRequested)
            throw new RegoException(RegoErrorCodes.Cancel, $"evaluation cancelled: time budget of {Describe(Limits.Timeout)} per query exceeded (timeout)");
        if (_run.IsCancellationRequested)
            throw new RegoException(RegoErrorCodes.Cancel, "evaluation cancelled");
    }

    /// <summary>Refuses a string of <paramref name="length"/> UTF-16 code units before it is built.</summary>
    public void CheckString(string fn, long length)
    {
        var bytes = length > long.MaxValue / 2 ? long.MaxValue : length * 2;
        if (bytes > Limits.MaxStringBytes)
            throw Limit($"{fn}: a string of {bytes.ToString(CultureInfo.InvariantCulture)} bytes exceeds {Limits.MaxStringBytes.ToString(CultureInfo.InvariantCulture)} bytes (maxStringBytes)");
    }

    /// <summary>Refuses an exact integer of <paramref name="bytes"/> bytes before it is computed; numbers count as values like strings.</summary>
    public void CheckNumber(string fn, long bytes)
    {
        if (bytes > Limits.MaxStringBytes)
            throw Limit($"{fn}: a number of {bytes.ToString(CultureInfo.InvariantCulture)} bytes exceeds {Limits.MaxStringBytes.ToString(CultureInfo.InvariantCulture)} bytes (maxStringBytes)");
    }

    /// <summary>Refuses a collection of <paramref name="count"/> elements before it is built.</summary>
    public void CheckCollection(string fn, long count)
    {
        if (count > Limits.MaxCollectionSize)
            throw Limit($"{fn}: a collection of {count.ToString(CultureInfo.InvariantCulture)} elements exceeds {Limits.MaxCollectionSize.ToString(CultureInfo.InvariantCulture)} elements (maxCollectionSize)");
    }

    /// <summary>Counts bytes built against the query's allocation budget.</summary>
    public void Charge(string fn, long bytes)
    {
        _allocated = Add(_allocated, bytes);
        if (_query is null)
        {
            if (_allocated > Limits.MaxAllocationBytes) throw AllocationLimit(fn);
            return;
        }
        // A worker: its unpublished bytes plus the query's total (which holds what every worker published).
        _unpublished = Add(_unpublished, bytes);
        if (_unpublished > Limits.MaxAllocationBytes - Volatile.Read(ref _query._allocated)) throw AllocationLimit(fn);
        if (_unpublished >= PublishBytes)
        {
            Interlocked.Add(ref _query._allocated, _unpublished);
            _unpublished = 0;
        }
    }

    private static long Add(long total, long bytes) => bytes > long.MaxValue - total ? long.MaxValue : total + bytes;

    private AllocationLimitException AllocationLimit(string fn)
        => new($"{fn}: the query built more than {Limits.MaxAllocationBytes.ToString(CultureInfo.InvariantCulture)} bytes of values (maxAllocationBytes)");

    /// <summary>
    /// Checks and charges a value just built, shallowly (its own string or element count): nested
    /// values were charged when they were built, or are shared with the input.
    /// </summary>
    public void ChargeValue(string fn, RegoValue value)
    {
        switch (value)
        {
            case RegoString s:
                CheckString(fn, s.Value.Length);
                Charge(fn, ObjectOverhead + 2L * s.Value.Length);
                break;
            case RegoNumber { IsInteger: true } n:
                var bytes = n.AsBigInteger.GetByteCount();
                if (bytes > 16)
                {
                    CheckNumber(fn, bytes);
                    Charge(fn, ObjectOverhead + bytes);
                }
                break;
            case RegoArray a:
                CheckCollection(fn, a.Count);
                Charge(fn, ObjectOverhead + ElementBytes * a.Count);
                break;
            case RegoSet set:
                CheckCollection(fn, set.Items.Count);
                Charge(fn, ObjectOverhead + 2 * ElementBytes * set.Items.Count);
                break;
            case RegoObject o:
                CheckCollection(fn, o.Count);
                Charge(fn, ObjectOverhead + 3 * ElementBytes * o.Count);
                break;
        }
    }

    /// <summary>
    /// Refuses to serialize values whose text would exceed the string limit (an array of a
    /// million references to one large string is small in memory and huge as JSON). The walk
    /// stops as soon as the limit is passed, so it costs no more than the text it prevents.
    /// </summary>
    public void CheckSerialized(string fn, IEnumerable<RegoValue> values)
    {
        var limit = Limits.MaxStringBytes / 2;
        long chars = 0;
        var stack = new Stack<RegoValue>(values);
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            chars += 2;
            switch (v)
            {
                case RegoString s: chars += s.Value.Length; break;
                case RegoNumber: chars += 8; break;
                case RegoArray a: foreach (var x in a.Items) stack.Push(x); break;
                case RegoSet set: foreach (var x in set.Items) stack.Push(x); break;
                case RegoObject o:
                    foreach (var (k, x) in o.Entries)
                    {
                        stack.Push(k);
                        stack.Push(x);
                    }
                    break;
                default: chars += 4; break;
            }
            if (chars > limit) CheckString(fn, chars);
            if (stack.Count > Limits.MaxCollectionSize) CheckCollection(fn, stack.Count);
        }
    }

    public static RegoException Limit(string message) => new(RegoErrorCodes.Limit, message);

    public static string Describe(TimeSpan t) =>
        t.TotalSeconds >= 1 && t.Milliseconds == 0 ? t.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s" : t.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
}
