using MonitorCore.Leases;

namespace MonitorCore.Cli;

/// <summary>How the instance that runs the cycle reads in text output.</summary>
internal static class LeaderText
{
    public static string Describe(CycleLeader? leader) => leader switch
    {
        null => "none: no instance runs the cycle (no serve running, or the last one stopped)",
        { Expired: true } => $"{leader.Holder}, whose lease ran out at {Format.Time(leader.ExpiresAt)}: the next instance to look takes over",
        { Stale: true } => $"{leader.Holder} looks stopped: it last renewed its lease at {Format.Time(leader.LastRenewed)}; another instance takes over in {Format.Seconds(leader.SecondsLeft)}",
        _ => $"{leader.Holder} since {Format.Time(leader.Since)} (lease renewed, {Format.Seconds(leader.SecondsLeft)} left)",
    };
}
