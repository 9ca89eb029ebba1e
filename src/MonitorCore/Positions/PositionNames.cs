namespace MonitorCore.Positions;

/// <summary>The words stored in the database and shown to users for sides and statuses.</summary>
public static class PositionNames
{
    public static string ToText(this PositionType type) => type == PositionType.Long ? "LONG" : "SHORT";

    public static string ToText(this PositionStatus status) => status switch
    {
        PositionStatus.Active => "ACTIVE",
        PositionStatus.StaleClosed => "STALE_CLOSED",
        _ => "CLOSED",
    };

    public static bool TryParseType(string? text, out PositionType type)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "LONG":
                type = PositionType.Long;
                return true;
            case "SHORT":
                type = PositionType.Short;
                return true;
            default:
                type = default;
                return false;
        }
    }

    public static bool TryParseStatus(string? text, out PositionStatus status)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "ACTIVE":
                status = PositionStatus.Active;
                return true;
            case "STALE_CLOSED":
                status = PositionStatus.StaleClosed;
                return true;
            case "CLOSED":
                status = PositionStatus.Closed;
                return true;
            default:
                status = default;
                return false;
        }
    }
}
