using Steward.Cli;

return await StewardApp.RunAsync(args, Console.Out, Console.Error);
