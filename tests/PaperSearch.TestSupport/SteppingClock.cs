namespace PaperSearch.TestSupport;

/// <summary>
/// A clock that moves forward by <paramref name="step"/> every time it is read, so "the query took too long" happens
/// after a known amount of work, on any machine. Time is the one thing a test cannot make a real query spend reliably.
/// </summary>
public sealed class SteppingClock(TimeSpan step) : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
}
