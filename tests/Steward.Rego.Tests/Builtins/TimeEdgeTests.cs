using static Steward.Rego.Tests.Builtins.BuiltinEval;

namespace Steward.Rego.Tests.Builtins;

/// <summary>
/// time.* at OPA's edges, from OPA's compliance cases that the shared suite lacks
/// (test/cases/testdata/v1/time/test-time-0948, -0952, -0955, -0958, -0962, -0970); each
/// expected value is the case's want_result or want_error.
/// </summary>
public class TimeEdgeTests
{
    [Fact]
    public void Parse_ns_reaches_the_int64_bounds_exactly()
    {
        // time/parse_nanos: -00:00 offsets, a fraction the layout does not mention (Go accepts
        // one after the seconds), a layout with 12-hour clock and 2-digit year, RFC822Z by name.
        ValueOf("""
            [time.parse_ns("2006-01-02T15:04:05Z07:00", "2017-06-02T19:00:00-07:00"),
             time.parse_ns("2006-01-02T15:04:05Z07:00", "1677-09-21T00:12:43.145224192-00:00"),
             time.parse_ns("2006-01-02T15:04:05Z07:00", "2262-04-11T23:47:16.854775807-00:00"),
             time.parse_ns("01/02 03:04:05PM '06 -0700", "06/02 07:00:00PM '17 -0700"),
             time.parse_ns("02 Jan 06 15:04 -0700", "02 Jun 17 19:00 -0700"),
             time.parse_ns("RFC822Z", "02 Jun 17 19:00 -0700")]
            """).Should().Be("[1496455200000000000,-9223372036854775808,9223372036854775807,1496455200000000000,1496455200000000000,1496455200000000000]");
    }

    [Theory]
    // time/parse_nanos_too_small and _too_large: one nanosecond past each int64 bound.
    [InlineData("""time.parse_ns("2006-01-02T15:04:05Z07:00", "1677-09-21T00:12:43.145224191-00:00")""", "time.parse_ns: time outside of valid range")]
    [InlineData("""time.parse_ns("2006-01-02T15:04:05Z07:00", "2262-04-11T23:47:16.854775808-00:00")""", "time.parse_ns: time outside of valid range")]
    // time.parse_rfc3339_ns goes through the same toSafeUnixNano in OPA's time.go.
    [InlineData("""time.parse_rfc3339_ns("2262-04-11T23:47:16.854775808Z")""", "time.parse_rfc3339_ns: time outside of valid range")]
    [InlineData("""time.parse_rfc3339_ns("9999-12-31T23:59:59Z")""", "time.parse_rfc3339_ns: time outside of valid range")]
    // time/date too big: 1582977600 * 10^12 is beyond int64 nanoseconds.
    [InlineData("time.date(1582977600 * 1000 * 1000 * 1000 * 1000)", "time.date: timestamp too big")]
    public void Times_beyond_int64_nanoseconds_are_builtin_errors(string expression, string message)
    {
        var e = Error(expression);
        e.Code.Should().Be(RegoErrorCodes.Builtin);
        e.Message.Should().Be(message);
    }

    [Fact]
    public void The_lower_bound_parses_as_rfc3339()
    {
        ValueOf("""time.parse_rfc3339_ns("1677-09-21T00:12:43.145224192Z")""").Should().Be("-9223372036854775808");
    }

    [Fact]
    public void Date_clock_and_weekday_read_the_time_zone()
    {
        // time/date with LA tz [2018, 2, 4]; time/clock leap day [12, 0, 0]; time/weekday "Wednesday".
        ValueOf("""[time.date([1517814000 * 1000 * 1000 * 1000, "America/Los_Angeles"]), time.clock(1582977600 * 1000 * 1000 * 1000), time.weekday(1518004800000000000)]""")
            .Should().Be("""[[2018,2,4],[12,0,0],"Wednesday"]""");
    }

    [Fact]
    public void Diff_reads_the_second_time_in_the_first_times_zone()
    {
        // time/diff different_tz: one minute apart, one side in UTC, the other in Asia/Shanghai.
        ValueOf("""time.diff([time.now_ns() + (((60 * 1000) * 1000) * 1000), "UTC"], [time.now_ns(), "Asia/Shanghai"])""")
            .Should().Be("[0,0,0,0,1,0]");
        // By hand: 1700000000 s is 2023-11-15 07:13:20 in Tokyo (+09:00); 1700050000 s is
        // 2023-11-15 12:06:40 UTC = 21:06:40 in Tokyo, so 13 h 53 min 20 s later, whatever
        // zone the second time was given in.
        ValueOf("""time.diff([1700000000000000000, "Asia/Tokyo"], [1700050000000000000, "America/New_York"])""")
            .Should().Be("[0,0,0,13,53,20]");
    }

    [Fact]
    public void Diff_counts_days_of_the_earlier_month()
    {
        // time/diff leap_year [0,0,28,0,0,0], not_leap_year [0,0,27,0,0,0], leap_year_one_day [1,0,1,0,0,0].
        ValueOf("""
            [time.diff(time.parse_ns("2006-01-02", "2020-02-02"), time.parse_ns("2006-01-02", "2020-03-01")),
             time.diff(time.parse_ns("2006-01-02", "2021-02-02"), time.parse_ns("2006-01-02", "2021-03-01")),
             time.diff(time.parse_ns("2006-01-02", "2004-02-29"), time.parse_ns("2006-01-02", "2005-03-01"))]
            """).Should().Be("[[0,0,28,0,0,0],[0,0,27,0,0,0],[1,0,1,0,0,0]]");
        // time/diff minute_second: 61 seconds apart.
        ValueOf("time.diff(time.now_ns() + (((61 * 1000) * 1000) * 1000), time.now_ns())").Should().Be("[0,0,0,0,1,1]");
    }
}
