using PaperSearch.Web.Status;

namespace PaperSearch.Web.Components.Charts;

/// <summary>What one bar of the chart counts.</summary>
public enum ChartUnit { Day, Week, Month, Year }

/// <summary>One bar: the period from <paramref name="Start"/>, its papers, and the first day in it that has papers (null:
/// none, so the bar has nothing to link to).</summary>
public sealed record ChartBar(DateOnly Start, int Count, DateOnly? FirstDay);

/// <summary>
/// Days gathered into bars that stay readable in one 720-unit-wide picture whatever the store's range: a bar per day for
/// up to three months, per week (from Monday) up to two years, per month up to twenty, else per year. Periods without
/// papers stay in as empty bars, so the axis is time; single days without papers (weekends) do not, as arXiv announces none.
/// </summary>
public static class ChartBars
{
    public const int MaxDaySpan = 92, MaxWeekSpan = 2 * 366, MaxMonthSpan = 20 * 366;

    public static (ChartUnit Unit, IReadOnlyList<ChartBar> Bars) Of(IReadOnlyList<DayCount> days)
    {
        if (days.Count == 0) return (ChartUnit.Day, []);
        var sorted = days.OrderBy(d => d.Day).ToList();
        var span = sorted[^1].Day.DayNumber - sorted[0].Day.DayNumber + 1;
        var unit = span <= MaxDaySpan ? ChartUnit.Day : span <= MaxWeekSpan ? ChartUnit.Week : span <= MaxMonthSpan ? ChartUnit.Month : ChartUnit.Year;
        if (unit == ChartUnit.Day) return (unit, [.. sorted.Select(d => new ChartBar(d.Day, d.Count, d.Count > 0 ? d.Day : null))]);

        var periods = sorted.GroupBy(d => StartOf(d.Day, unit)).ToDictionary(g => g.Key, g => g.ToList());
        var bars = new List<ChartBar>();
        for (var start = StartOf(sorted[0].Day, unit); start <= sorted[^1].Day; start = Next(start, unit))
        {
            var inside = periods.GetValueOrDefault(start) ?? [];
            bars.Add(new ChartBar(start, inside.Sum(d => d.Count), inside.FirstOrDefault(d => d.Count > 0)?.Day));
        }
        return (unit, bars);
    }

    public static DateOnly StartOf(DateOnly day, ChartUnit unit) => unit switch
    {
        ChartUnit.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        ChartUnit.Month => new DateOnly(day.Year, day.Month, 1),
        ChartUnit.Year => new DateOnly(day.Year, 1, 1),
        _ => day,
    };

    private static DateOnly Next(DateOnly start, ChartUnit unit) => unit switch
    {
        ChartUnit.Week => start.AddDays(7),
        ChartUnit.Month => start.AddMonths(1),
        ChartUnit.Year => start.AddYears(1),
        _ => start.AddDays(1),
    };
}
