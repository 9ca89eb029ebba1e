using MonitorCore.Prices;

namespace MonitorCore.Monitors.Market;

/// <summary>
/// The market monitor's arithmetic, pure: moves over a window, the move in a watched direction, anchor
/// steps and the blast radius. Percentages are percent (2.5 means 2.5 %).
/// </summary>
internal static class MarketMath
{
    public static readonly TimeSpan Day = TimeSpan.FromHours(24);

    /// <summary>The move from <paramref name="from"/> to <paramref name="to"/> in percent of <paramref name="from"/>.</summary>
    public static double Move(double from, double to) => (to - from) / from * 100;

    /// <summary>
    /// The move of the newest price over <paramref name="window"/> ending at <paramref name="now"/>: from the
    /// price at or just before now − window to the newest price. Null, never guessed, when the history
    /// (oldest first) does not reach back to the window's start, when the price before the start is more than
    /// <paramref name="maxGap"/> older than it, or when no price was observed inside the window.
    /// </summary>
    public static double? MoveOver(IReadOnlyList<PriceQuote> history, DateTimeOffset now, TimeSpan window, TimeSpan maxGap)
    {
        var start = now - window;
        if (history.Count == 0 || history[^1].LastUpdateTime <= start)
        {
            return null;
        }

        PriceQuote? reference = null;
        foreach (var quote in history)
        {
            if (quote.LastUpdateTime > start)
            {
                break;
            }

            reference = quote;
        }

        return reference is null || start - reference.LastUpdateTime > maxGap
            ? null
            : Move(reference.CurrentPrice, history[^1].CurrentPrice);
    }

    /// <summary>
    /// The move as the rule sees it: positive in the watched direction (<c>up</c>: the move; <c>down</c>: its
    /// negation; <c>both</c>: its size), so one ABOVE rule serves every direction.
    /// </summary>
    public static double Directed(double move, MoveDirection direction) => direction switch
    {
        MoveDirection.Up => move,
        MoveDirection.Down => -move,
        _ => Math.Abs(move),
    };

    /// <summary>
    /// A ladder anchor after it triggered at <paramref name="price"/>: it steps by ± delta (× (1 ± delta/100)) in
    /// the direction of the move, once and then as long as the price is still a delta or more beyond it, so it
    /// ends on the last rung crossed and the next rung triggers again.
    /// </summary>
    public static double LadderStep(double anchor, double price, double deltaPercent)
    {
        var up = price >= anchor;
        var factor = up ? 1 + deltaPercent / 100 : 1 - deltaPercent / 100;
        do
        {
            anchor *= factor;
        }
        while ((up ? Move(anchor, price) : -Move(anchor, price)) >= deltaPercent);

        return anchor;
    }

    /// <summary>
    /// (24h high − 24h low) / 24h low × 100, from the newest quote's stored 24h range, or else from the highest
    /// and lowest price of the last 24 hours of history. Null when the newest price is more than a day old.
    /// </summary>
    public static (double Percent, string Source)? BlastRadius(IReadOnlyList<PriceQuote> history, DateTimeOffset now)
    {
        if (history.Count == 0 || history[^1].LastUpdateTime < now - Day)
        {
            return null;
        }

        if (history[^1] is { High24h: { } high, Low24h: { } low } && low > 0)
        {
            return ((high - low) / low * 100, "24h_range");
        }

        var day = history.Where(q => q.LastUpdateTime >= now - Day).Select(q => q.CurrentPrice).ToList();
        return ((day.Max() - day.Min()) / day.Min() * 100, "history");
    }
}
