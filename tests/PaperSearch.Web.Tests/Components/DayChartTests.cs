using Bunit;
using PaperSearch.Web.Components.Charts;
using PaperSearch.Web.Status;

namespace PaperSearch.Web.Tests.Components;

public sealed class DayChartTests : UiContext
{
    private static List<DayCount> Days(params int[] counts) =>
        [.. counts.Select((c, i) => new DayCount(new DateOnly(2025, 3, 3).AddDays(i), c))];

    [Fact]
    public void DayChart_DrawsOneBarPerDay_WhenGivenDays()
    {
        var cut = Render<DayChart>(p => p.Add(c => c.Days, Days(120, 300, 0, 80)));
        var bars = cut.FindAll("rect");

        Assert.Equal(4, bars.Count);
        Assert.Equal("Mon 3 Mar 2025: 120 papers", bars[0].QuerySelector("title")!.TextContent);
        var heights = bars.Select(b => double.Parse(b.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(heights[1] > heights[0] && heights[0] > heights[3] && heights[2] == 0, string.Join(",", heights));
    }

    [Fact]
    public void DayChart_IsAnAccessibleImage_WhenRendered()
    {
        var cut = Render<DayChart>(p => p.Add(c => c.Days, Days(10, 30, 20)).Add(c => c.Title, "Papers per day"));
        var svg = cut.Find("svg");

        Assert.Equal("img", svg.GetAttribute("role"));
        var ids = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal("Papers per day", cut.Find($"#{ids[0]}").TextContent);
        var desc = cut.Find($"#{ids[1]}").TextContent;
        Assert.Contains("3 announcement days from 2025-03-03 to 2025-03-05", desc);
        Assert.Contains("60 papers in all", desc);
        Assert.Contains("most on 2025-03-04 (30)", desc);
    }

    [Fact]
    public void DayChart_SortsDays_WhenGivenOutOfOrder()
    {
        var days = Days(5, 7);
        days.Reverse();
        var cut = Render<DayChart>(p => p.Add(c => c.Days, days));
        Assert.StartsWith("Mon 3 Mar 2025", cut.FindAll("rect")[0].QuerySelector("title")!.TextContent);
    }

    [Fact]
    public void DayChart_SaysSo_WhenNoDays()
    {
        var cut = Render<DayChart>(p => p.Add(c => c.Days, new List<DayCount>()));
        Assert.Empty(cut.FindAll("rect"));
        Assert.Contains("No papers in this period", cut.Markup);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(120, 200)]
    [InlineData(1999, 2000)]
    [InlineData(2001, 5000)]
    public void DayChart_NiceCeiling_RoundsUpToOneTwoOrFive(int max, int expected) =>
        Assert.Equal(expected, DayChart.NiceCeiling(max));

    [Theory]
    [InlineData(92, ChartUnit.Day)]
    [InlineData(93, ChartUnit.Week)]
    [InlineData(2 * 366, ChartUnit.Week)]
    [InlineData(2 * 366 + 1, ChartUnit.Month)]
    [InlineData(20 * 366 + 1, ChartUnit.Year)]
    public void ChartBars_GatherLongerRangesIntoLongerPeriods_CoveringFirstToLastDay(int span, ChartUnit expected)
    {
        var first = new DateOnly(2001, 3, 14);
        var last = first.AddDays(span - 1);
        var (unit, bars) = ChartBars.Of([new DayCount(last, 4), new DayCount(first, 3), new DayCount(first.AddDays(1), 2)]);

        Assert.Equal(expected, unit);
        Assert.Equal(ChartBars.StartOf(first, unit), bars[0].Start);
        Assert.Equal(ChartBars.StartOf(last, unit), bars[^1].Start);
        Assert.Equal(first, bars[0].FirstDay);
        Assert.Equal(last, bars[^1].FirstDay);
        Assert.Equal(9, bars.Sum(b => b.Count));
        // Empty periods stay as bars without a day to link to; days only ever hold announcement days.
        Assert.All(bars.Where(b => b.Count == 0), b => Assert.Null(b.FirstDay));
        Assert.True(bars.Count <= 120, $"{bars.Count} bars");
    }
}
