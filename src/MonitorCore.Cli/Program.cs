using MonitorCore.Cli;

NativeMemory.LimitArenas();
return await CliApp.RunAsync(args, CliContext.FromProcess());
