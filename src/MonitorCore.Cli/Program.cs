using MonitorCore.Cli;

return await CliApp.RunAsync(args, CliContext.FromProcess());
