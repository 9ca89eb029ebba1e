using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Operations;
using MonitorCore.Monitors.Market;

namespace MonitorCore.Api.Endpoints;

/// <summary>A setting's new value, as text: a number, true or false, a duration with a unit, or one of its choices.</summary>
public sealed record SettingBody(string? Value);

/// <summary>A market window's threshold and direction.</summary>
public sealed record WindowBody(double? ThresholdPercent, MoveDirection Direction = MoveDirection.Both);

/// <summary>An asset's anchor: its price (null: the next price seen), delta and re-arm mode (null: the defaults).</summary>
public sealed record AnchorBody(double? Price = null, double? DeltaPercent = null, RearmMode? Mode = null);

/// <summary>A timer: the monitor's interval in seconds.</summary>
public sealed record TimerBody(double? Seconds);

/// <summary>The runtime settings, the market config, the timers and the effective configuration.</summary>
public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/settings").WithTags("settings");
        settings.MapGet("", ListAsync).WithName("ListSettings").WithSummary("Every runtime setting with its value, where it came from, and a runtime value the environment hides.");
        settings.MapGet("/{key}", GetAsync).WithName("GetSetting");
        settings.MapPut("/{key}", SetAsync).WithName("SetSetting").WithSummary("Changes a runtime setting; it applies from the next run. A value it does not take is refused with the reason.");
        settings.MapDelete("/{key}", ResetAsync).WithName("ResetSetting").WithSummary("Removes the runtime value: the file, the environment or the default applies again.");

        var market = app.MapGroup("/api/market").WithTags("settings");
        market.MapGet("", MarketAsync).WithName("GetMarketConfig").WithSummary("The market monitor's windows and anchors, and the defaults under them.");
        market.MapPut("/windows/{window}", SetWindowAsync).WithName("SetMarketWindow");
        market.MapPut("/anchors/{asset}", SetAnchorAsync).WithName("SetMarketAnchor");
        market.MapPost("/anchors/{asset}/rearm", RearmAsync).WithName("RearmMarketAnchor");

        var timers = app.MapGroup("/api/timers").WithTags("settings");
        timers.MapGet("", TimersAsync).WithName("ListTimers").WithSummary("Each monitor's interval and whether the timer file sets it.");
        timers.MapPut("/{monitor}", SetTimerAsync).WithName("SetTimer");
        timers.MapDelete("/{monitor}", UnsetTimerAsync).WithName("UnsetTimer");

        app.MapGroup("/api/config").WithTags("settings")
            .MapGet("", Config).WithName("GetConfig").WithSummary("Every setting in effect with its source; secrets masked.");
        return app;
    }

    public static async Task<Ok<SettingList>> ListAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Settings.ListAsync(cancellationToken));

    public static async Task<Ok<SettingView>> GetAsync(string key, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Settings.GetAsync(key, cancellationToken));

    public static async Task<Ok<SettingView>> SetAsync(string key, SettingBody body, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Settings.SetAsync(
            key, body.Value ?? throw OperationException.Invalid("value is required.", "value"), cancellationToken));

    public static async Task<Ok<SettingView>> ResetAsync(string key, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Settings.ResetAsync(key, cancellationToken));

    public static async Task<Ok<MarketView>> MarketAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Market.GetAsync(cancellationToken));

    public static async Task<Ok<MarketView>> SetWindowAsync(string window, WindowBody body, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Market.SetWindowAsync(
            window, body.ThresholdPercent ?? throw OperationException.Invalid("threshold_percent is required.", "threshold_percent"), body.Direction, cancellationToken));

    public static async Task<Ok<MarketView>> SetAnchorAsync(string asset, AnchorBody body, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Market.SetAnchorAsync(asset, body.Price, body.DeltaPercent, body.Mode, cancellationToken));

    public static async Task<Ok<MarketView>> RearmAsync(string asset, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Market.RearmAsync(asset, cancellationToken));

    public static async Task<Ok<TimerList>> TimersAsync(MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Timers.ListAsync(cancellationToken));

    public static async Task<Ok<TimerChange>> SetTimerAsync(string monitor, TimerBody body, MonitorCoreOperations operations, CancellationToken cancellationToken)
    {
        var seconds = body.Seconds is { } s && double.IsFinite(s) ? s : throw OperationException.Invalid("seconds is required: a number of seconds.", "seconds");
        return TypedResults.Ok(await operations.Timers.SetAsync(monitor, TimerOperations.Interval(seconds), cancellationToken));
    }

    public static async Task<Ok<TimerChange>> UnsetTimerAsync(string monitor, MonitorCoreOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.Timers.SetAsync(monitor, null, cancellationToken));

    public static Ok<ConfigView> Config(MonitorCoreOperations operations) => TypedResults.Ok(operations.Config.Show());
}
