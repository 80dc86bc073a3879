namespace Steward.Cli.Tests;

/// <summary>The region is the process's: these tests run alone, not beside commands that open one.</summary>
[CollectionDefinition(nameof(BatchAllocationRegionTests), DisableParallelization = true)]
public sealed class BatchAllocationRegionCollection;

[Collection(nameof(BatchAllocationRegionTests))]
public sealed class BatchAllocationRegionTests
{
    [Fact]
    public void Allocations_within_the_budget_run_without_a_collection_until_the_region_is_closed()
    {
        var region = BatchAllocationRegion.Open(64L << 20);
        Assert.True(BatchAllocationRegion.IsOpen);
        var collections = GC.CollectionCount(0);
        var kept = new List<byte[]>();
        for (var i = 0; i < 8 * 1024; i++) kept.Add(new byte[1024]); // 8 MB of small objects that stay alive, as a decoded input does
        Assert.Equal(collections, GC.CollectionCount(0));
        Assert.True(BatchAllocationRegion.IsOpen);
        region.Dispose();
        Assert.False(BatchAllocationRegion.IsOpen);
        GC.KeepAlive(kept);
    }

    [Fact]
    public void A_second_region_is_refused_without_an_error_and_closing_it_leaves_the_first_open()
    {
        using var first = BatchAllocationRegion.Open(32L << 20);
        var second = BatchAllocationRegion.Open(32L << 20);
        second.Dispose();
        Assert.True(BatchAllocationRegion.IsOpen);
        first.Dispose();
        Assert.False(BatchAllocationRegion.IsOpen);
    }

    [Fact]
    public void Past_its_budget_the_region_ends_on_its_own_and_closing_it_is_no_error()
    {
        var region = BatchAllocationRegion.Open(4L << 20);
        Assert.True(BatchAllocationRegion.IsOpen);
        var kept = new List<byte[]>();
        for (var i = 0; i < 64 * 1024; i++) kept.Add(new byte[1024]); // 64 MB: sixteen times the budget
        Assert.False(BatchAllocationRegion.IsOpen);
        region.Dispose();
        Assert.False(BatchAllocationRegion.IsOpen);
        GC.KeepAlive(kept);
    }

    [Fact]
    public void A_command_opens_a_region_only_in_a_process_that_runs_one_command()
    {
        // The tests run commands in process: the entry point's setting is off here.
        Assert.False(BatchAllocationRegion.ProcessRunsOneCommand);
        using (BatchAllocationRegion.ForCommand())
            Assert.False(BatchAllocationRegion.IsOpen);

        BatchAllocationRegion.ProcessRunsOneCommand = true;
        try
        {
            using (BatchAllocationRegion.ForCommand())
                Assert.True(BatchAllocationRegion.IsOpen);
            Assert.False(BatchAllocationRegion.IsOpen);
        }
        finally
        {
            BatchAllocationRegion.ProcessRunsOneCommand = false;
        }
    }
}
