namespace SecurityPortal.Web.Infrastructure;

/// <summary>Lets a clean-up run at most once an hour in this process, for whichever request asks first.</summary>
public sealed class OncePerHour
{
    private long _lastTicks;

    /// <summary>True for the one caller that may run the clean-up now.</summary>
    public bool TryClaim(DateTime now)
    {
        var last = Interlocked.Read(ref _lastTicks);
        return now.Ticks - last >= TimeSpan.TicksPerHour && Interlocked.CompareExchange(ref _lastTicks, now.Ticks, last) == last;
    }
}
